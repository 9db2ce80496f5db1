import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import {
  actionContext,
  newSubscription,
  render,
  resetAzure,
  startAzure,
  stepsOf,
} from '../__testUtils__/actionTesting';
import { BUDGET_ACTION_ID, createBudgetAction } from './createBudget';
import { examples } from './createBudget.examples';

describe('azure:budget:create examples', () => {
  let endpoint: LocalAzureEndpoint;
  let action: ReturnType<typeof createBudgetAction>;

  beforeAll(async () => {
    let clients;
    ({ endpoint, clients } = await startAzure());
    action = createBudgetAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => resetAzure(endpoint));

  const now = new Date();
  const nextMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  )
    .toISOString()
    .slice(0, 10);

  it('has described examples with one budget step each', () => {
    expect(examples).toHaveLength(2);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(
        stepsOf(example).filter(s => s.action === BUDGET_ACTION_ID),
      ).toHaveLength(1);
    }
  });

  it.each(
    examples.map((example, i) => [i, example.description, example] as const),
  )(
    'example %i (%s) parses, dry-runs without calls and creates its budget',
    async (i, _description, example) => {
      const subscriptionId = newSubscription(endpoint);
      endpoint.requests.clear();
      const context = {
        parameters: {
          name: 'logistics',
          monthlyBudget: 25_000,
          ownerEmail: 'logistics-data@contoso.example',
          subscriptionId,
          startDate: nextMonth,
        },
        steps: { vend: { output: { subscriptionId } } },
      };
      const step = stepsOf(example).find(s => s.action === BUDGET_ACTION_ID)!;
      const input = render(step.input, context) as Record<string, any>;

      const dryRun = actionContext(action, input, { isDryRun: true });
      await dryRun.run();
      expect(endpoint.requests.snapshot().total).toBe(0);

      const run = actionContext(action, input);
      await run.run();
      const budget = endpoint.tenant.budgets.get(
        subscriptionId,
        input.budgetName,
      );
      expect(run.outputs()).toMatchObject({
        budgetName: input.budgetName,
        amount: input.amount,
      });
      expect(budget).toMatchObject({
        amount: input.amount,
        timeGrain: input.timeGrain ?? 'Monthly',
      });
      expect(Object.keys(budget.notifications)).toEqual(
        i === 0
          ? ['actual-50', 'actual-80', 'actual-100', 'forecasted-100']
          : ['actual-90', 'forecasted-110'],
      );
      expect(Object.values(budget.notifications)[0].contactEmails).toEqual(
        input.contactEmails,
      );
      expect(dryRun.outputs()).toEqual(run.outputs());
    },
  );
});
