import {
  alertViewOf,
  compareAlerts,
  type AlertViewContext,
  type AzureCostAlertLike,
  type CostAlertView,
} from './index';

const SUB = '5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b';
const ALERTS_URL = `https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_Azure_CostManagement/Menu/~/costalerts/scope/%2Fsubscriptions%2F${SUB}`;

const asked: string[] = [];
const context: AlertViewContext = {
  tenantId: 'contoso.onmicrosoft.com',
  domainOf: sub => {
    asked.push(sub);
    return sub === SUB ? 'sales' : undefined;
  },
  sandboxOf: sub => (sub === 'aaaa' ? 'genai-pilot' : undefined),
  currencyFallback: 'EUR',
};

/** An alert shaped like Azure's example (SubscriptionAlerts.json), as the SDK flattens it. */
function azureAlert(
  overrides: Partial<AzureCostAlertLike> = {},
  details: AzureCostAlertLike['details'] = {},
): AzureCostAlertLike {
  return {
    id: `subscriptions/${SUB.toUpperCase()}/providers/Microsoft.CostManagement/alerts/11111111-2222-3333-4444-555555555555`,
    name: '11111111-2222-3333-4444-555555555555',
    definition: {
      type: 'Budget',
      category: 'Cost',
      criteria: 'CostThresholdExceeded',
    },
    description: '',
    details: {
      timeGrainType: 'Monthly',
      periodStartDate: '2026-11-01T00:00:00Z',
      triggeredBy: 'budget-dp-domain-sales_Actual_GreaterThan_80_Percent',
      threshold: 0.8,
      operator: 'GreaterThan',
      amount: 15000,
      unit: 'USD',
      currentSpend: 12000,
      ...details,
    },
    costEntityId: 'budget-dp-domain-sales',
    status: 'Active',
    creationTime: '2026-11-12T08:30:00.1234567Z',
    closeTime: '0001-01-01T00:00:00',
    ...overrides,
  };
}

describe('alertViewOf', () => {
  it('converts a budget alert: percent, kind, title with thousands separators', () => {
    asked.length = 0;
    expect(alertViewOf(azureAlert(), context)).toEqual({
      id: `subscriptions/${SUB.toUpperCase()}/providers/Microsoft.CostManagement/alerts/11111111-2222-3333-4444-555555555555`,
      kind: 'budget',
      source: 'azure',
      status: 'active',
      subscriptionId: SUB,
      domain: 'sales',
      title:
        'Actual cost reached 80% of budget-dp-domain-sales (12,000 of 15,000 USD)',
      detail:
        'Azure alert type Budget, criteria CostThresholdExceeded (actual cost exceeded the threshold); operator GreaterThan; Monthly period from 2026-11-01; status Active in Azure.',
      thresholdPercent: 80,
      amount: 15000,
      currentSpend: 12000,
      currency: 'USD',
      budgetName: 'budget-dp-domain-sales',
      raisedAt: '2026-11-12T08:30:00.123Z',
      portalUrl: ALERTS_URL,
    });
    // The subscription is looked up in lower case, as the backend keys it.
    expect(asked).toEqual([SUB]);
  });

  it('converts a forecast alert', () => {
    const view = alertViewOf(
      azureAlert(
        {
          definition: {
            type: 'BudgetForecast',
            category: 'Cost',
            criteria: 'ForecastCostThresholdExceeded',
          },
        },
        { threshold: 1, currentSpend: 17420.4 },
      ),
      context,
    );
    expect(view?.kind).toBe('forecast');
    expect(view?.thresholdPercent).toBe(100);
    expect(view?.title).toBe(
      'Forecast reaches 100% of budget-dp-domain-sales (17,420 vs 15,000 USD)',
    );
  });

  it.each([
    ['Active', 'active'],
    ['New', 'active'],
    ['Overridden', 'active'],
    ['Resolved', 'resolved'],
    ['Dismissed', 'dismissed'],
    ['dismissed', 'dismissed'],
    ['None', 'active'],
    [undefined, 'active'],
  ])('maps Azure status %s to %s', (status, expected) => {
    expect(alertViewOf(azureAlert({ status }), context)?.status).toBe(expected);
  });

  it('converts fractions to percent without binary noise', () => {
    expect(
      alertViewOf(azureAlert({}, { threshold: 0.07 }), context)
        ?.thresholdPercent,
    ).toBe(7);
    const view = alertViewOf(azureAlert({}, { threshold: 1.255 }), context);
    expect(view?.thresholdPercent).toBe(125.5);
    expect(view?.title).toMatch(/^Actual cost reached 125\.5% of /);
  });

  it('treats any other Azure type as other, without a budget', () => {
    const view = alertViewOf(
      azureAlert(
        {
          definition: {
            type: 'Credit',
            category: 'Billing',
            criteria: 'CreditThresholdApproaching',
          },
          description: 'Azure Prepayment is 90 % used',
        },
        { unit: undefined },
      ),
      context,
    );
    expect(view).toMatchObject({
      kind: 'other',
      title: 'Azure Credit alert: Azure Prepayment is 90 % used',
      currency: 'EUR',
    });
    expect(view?.detail).toContain(
      'criteria CreditThresholdApproaching (credit is running low)',
    );
    expect(view).not.toHaveProperty('budgetName');
  });

  it('tolerates missing fields and nulls from stored JSON', () => {
    const stored = JSON.parse(
      JSON.stringify({
        id: `/subscriptions/${SUB}/providers/Microsoft.CostManagement/alerts/x`,
        definition: { type: 'Budget', criteria: null },
        details: { threshold: null, amount: null },
        description: null,
        status: null,
      }),
    ) as AzureCostAlertLike;
    expect(alertViewOf(stored, context)).toEqual({
      id: `/subscriptions/${SUB}/providers/Microsoft.CostManagement/alerts/x`,
      kind: 'budget',
      source: 'azure',
      status: 'active',
      subscriptionId: SUB,
      domain: 'sales',
      title: 'Actual cost reached a threshold of the budget',
      detail: 'Azure alert type Budget.',
      currency: 'EUR',
      raisedAt: '',
      portalUrl: ALERTS_URL,
    });
  });

  it('falls back to the period start when Azure gives no creation time, and shows the amount alone', () => {
    const view = alertViewOf(
      azureAlert({ creationTime: undefined }, { currentSpend: undefined }),
      context,
    );
    expect(view?.raisedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(view?.title).toBe(
      'Actual cost reached 80% of budget-dp-domain-sales (15,000 USD)',
    );
  });

  it('names the sandbox of the subscription', () => {
    const view = alertViewOf(
      azureAlert({
        id: 'subscriptions/AAAA/providers/Microsoft.CostManagement/alerts/y',
      }),
      context,
    );
    expect(view?.sandbox).toBe('genai-pilot');
    expect(view).not.toHaveProperty('domain');
  });

  it('returns undefined when the id names no subscription', () => {
    expect(
      alertViewOf(
        azureAlert({
          id: 'providers/Microsoft.Billing/billingAccounts/123/providers/Microsoft.CostManagement/alerts/z',
        }),
        context,
      ),
    ).toBeUndefined();
    expect(alertViewOf(azureAlert({ id: undefined }), context)).toBeUndefined();
    expect(alertViewOf({}, context)).toBeUndefined();
  });
});

describe('compareAlerts', () => {
  const alert = (
    id: string,
    status: CostAlertView['status'],
    raisedAt: string,
  ): CostAlertView => ({
    id,
    kind: 'budget',
    source: 'azure',
    status,
    subscriptionId: SUB,
    title: id,
    detail: '',
    currency: 'USD',
    raisedAt,
    portalUrl: '',
  });

  it('puts active first, then newest first, then by id; unreadable times last', () => {
    const alerts = [
      alert('resolved-new', 'resolved', '2026-11-20T00:00:00Z'),
      alert('active-old', 'active', '2026-10-01T00:00:00Z'),
      alert('dismissed-newest', 'dismissed', '2026-11-23T00:00:00Z'),
      alert('active-b', 'active', '2026-11-18T00:00:00.000Z'),
      alert('active-no-time', 'active', ''),
      alert('active-a', 'active', '2026-11-18T00:00:00Z'),
      alert('active-new', 'active', '2026-11-21T10:00:00.1234567Z'),
    ];
    expect(alerts.sort(compareAlerts).map(a => a.id)).toEqual([
      'active-new',
      'active-a',
      'active-b',
      'active-old',
      'active-no-time',
      'dismissed-newest',
      'resolved-new',
    ]);
  });
});
