import { Budget, Spend } from '../tenant/consumption';

/**
 * Microsoft.Consumption/budgets as in Microsoft's Budget and
 * CreateOrUpdateBudget examples (2021-10-01); ids carry their leading slash,
 * which the examples leave out.
 */
export function budgetResource(b: Budget, spend: Spend) {
  return {
    id: `/subscriptions/${b.subscriptionId}/providers/Microsoft.Consumption/budgets/${b.name}`,
    name: b.name,
    type: 'Microsoft.Consumption/budgets',
    eTag: b.eTag,
    properties: {
      category: b.category,
      amount: b.amount,
      timeGrain: b.timeGrain,
      timePeriod: { ...b.timePeriod },
      ...(b.filter !== undefined ? { filter: b.filter } : {}),
      currentSpend: { amount: spend.amount, unit: 'USD' },
      forecastSpend: { amount: spend.forecast, unit: 'USD' },
      notifications: Object.fromEntries(
        Object.entries(b.notifications).map(([name, n]) => [name, { ...n }]),
      ),
    },
  };
}
