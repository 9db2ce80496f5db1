import { InputError } from '@backstage/errors';
import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import {
  actionContext,
  callsTo,
  CheckpointStore,
  clientsFor,
  countLaterRequests,
  failureOf,
  hitsOf,
  newSubscription,
  resetAzure,
  startAzure,
} from '../__testUtils__/actionTesting';
import { createBudgetAction } from './createBudget';

/** Pinned so default dates are known: the first of the month is 2026-11-01. */
const NOW = new Date('2026-11-23T10:15:00Z');
const DISABLED_SANDBOX = 'a94a9770-ab5d-4bd8-a101-e3f1dcef659e';

describe('azure:budget:create', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;
  let action: ReturnType<typeof createBudgetAction>;
  let subscriptionId: string;

  beforeAll(async () => {
    ({ endpoint, clients } = await startAzure());
    action = createBudgetAction({ clients, now: () => NOW });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    resetAzure(endpoint);
    subscriptionId = newSubscription(endpoint);
    endpoint.requests.clear();
  });

  const input = () => ({
    subscriptionId,
    budgetName: 'budget-dp-domain-logistics',
    amount: 25_000,
    contactEmails: ['logistics-data@contoso.example'],
  });

  /** The budgets Azure lists for the subscription, through the SDK. */
  async function listedBudgets() {
    const names: string[] = [];
    for await (const b of clients
      .consumption(subscriptionId)
      .budgets.list(`subscriptions/${subscriptionId}`)) {
      names.push(b.name!);
    }
    return names;
  }

  it('creates a monthly budget with the platform notifications from this month for ten years', async () => {
    const step = actionContext(action, input());

    await step.run();

    const budgetId = `/subscriptions/${subscriptionId}/providers/Microsoft.Consumption/budgets/budget-dp-domain-logistics`;
    expect(step.outputs()).toEqual({
      budgetId,
      budgetName: 'budget-dp-domain-logistics',
      amount: 25_000,
      notifications: [
        { name: 'actual-50', threshold: 50, thresholdType: 'Actual' },
        { name: 'actual-80', threshold: 80, thresholdType: 'Actual' },
        { name: 'actual-100', threshold: 100, thresholdType: 'Actual' },
        { name: 'forecasted-100', threshold: 100, thresholdType: 'Forecasted' },
      ],
    });
    const budget = endpoint.tenant.budgets.get(
      subscriptionId,
      'budget-dp-domain-logistics',
    );
    expect(budget).toMatchObject({
      category: 'Cost',
      amount: 25_000,
      timeGrain: 'Monthly',
      timePeriod: {
        startDate: '2026-11-01T00:00:00Z',
        endDate: '2036-11-01T00:00:00Z',
      },
    });
    expect(budget.notifications['actual-80']).toEqual({
      enabled: true,
      operator: 'GreaterThanOrEqualTo',
      threshold: 80,
      thresholdType: 'Actual',
      contactEmails: ['logistics-data@contoso.example'],
      contactGroups: [],
      contactRoles: [],
      locale: 'en-us',
    });
    expect(step.store.ran).toEqual([
      `budget.${subscriptionId}.budget-dp-domain-logistics`,
    ]);
  });

  it('takes its own time grain, period, thresholds and action groups', async () => {
    const actionGroup =
      '/subscriptions/cf42f937-d5b8-4963-acb4-c9cc14578aaf/resourceGroups/rg-dp-platform-alerts/providers/microsoft.insights/actionGroups/ag-platform-oncall';
    const step = actionContext(action, {
      ...input(),
      amount: 1234.5,
      timeGrain: 'Quarterly',
      startDate: '2027-01-01',
      endDate: '2028-12-31',
      contactGroups: [actionGroup],
      notifications: [
        { threshold: 12.5, thresholdType: 'Actual' },
        { threshold: 110, thresholdType: 'Forecasted' },
      ],
    });

    await step.run();

    const budget = endpoint.tenant.budgets.get(
      subscriptionId,
      'budget-dp-domain-logistics',
    );
    expect(budget).toMatchObject({
      amount: 1234.5,
      timeGrain: 'Quarterly',
      timePeriod: {
        startDate: '2027-01-01T00:00:00Z',
        endDate: '2028-12-31T00:00:00Z',
      },
    });
    expect(Object.keys(budget.notifications)).toEqual([
      'actual-12_5',
      'forecasted-110',
    ]);
    expect(budget.notifications['forecasted-110']).toMatchObject({
      threshold: 110,
      thresholdType: 'Forecasted',
      contactGroups: [actionGroup],
    });
  });

  it.each([
    [
      'subscriptionId',
      { subscriptionId: 'dp-domain-logistics' },
      /subscriptionId: "dp-domain-logistics" is not allowed; allowed: a GUID/,
    ],
    [
      'budgetName',
      { budgetName: 'budget dp' },
      /budgetName: "budget dp" is not allowed; allowed: 1-63 letters, digits, hyphens or underscores/,
    ],
    [
      'amount',
      { amount: 0 },
      /amount: 0 is not allowed; allowed: a number more than 0 and at most 1000000/,
    ],
    ['amount', { amount: 1_000_001 }, /amount: 1000001 is not allowed/],
    ['amount', { amount: '500' }, /amount: "500" is not a number/],
    [
      'timeGrain',
      { timeGrain: 'Weekly' },
      /timeGrain: "Weekly" is not allowed; allowed: Monthly, Quarterly, Annually/,
    ],
    [
      'startDate',
      { startDate: '2026-11-15' },
      /startDate: 2026-11-15 is not the first day of a month/,
    ],
    [
      'startDate',
      { startDate: '2026-13-01' },
      /startDate: "2026-13-01" is not a date/,
    ],
    [
      'startDate',
      { startDate: '2017-01-01' },
      /startDate: 2017-01-01 is outside what Azure accepts; allowed: the first of a month from 2017-06-01 to 2027-11-01/,
    ],
    [
      'startDate',
      { startDate: '2028-01-01' },
      /startDate: 2028-01-01 is outside what Azure accepts/,
    ],
    [
      'endDate',
      { startDate: '2026-12-01', endDate: '2026-11-30' },
      /endDate: 2026-11-30 is not after the start date 2026-12-01/,
    ],
    [
      'contactEmails',
      { contactEmails: [] },
      /contactEmails: has 0 items; allowed: 1 to 50/,
    ],
    [
      'contactEmails',
      { contactEmails: undefined },
      /contactEmails: is required; give 1 to 50 items/,
    ],
    [
      'contactEmails[1]',
      { contactEmails: ['a@contoso.example', 'finance team'] },
      /contactEmails\[1\]: "finance team" is not allowed; allowed: an email address/,
    ],
    [
      'contactEmails[1]',
      { contactEmails: ['a@contoso.example', 'A@contoso.example'] },
      /contactEmails\[1\]: "A@contoso.example" is given twice/,
    ],
    [
      'contactGroups[0]',
      { contactGroups: ['ag-platform-oncall'] },
      /contactGroups\[0\]: "ag-platform-oncall" is not allowed; allowed: an action group id/,
    ],
    [
      'notifications',
      {
        notifications: Array.from({ length: 6 }, (_, i) => ({
          threshold: 10 * (i + 1),
          thresholdType: 'Actual',
        })),
      },
      /notifications: has 6 items; allowed: 1 to 5/,
    ],
    [
      'notifications[0].threshold',
      { notifications: [{ threshold: 0, thresholdType: 'Actual' }] },
      /notifications\[0\]\.threshold: 0 is not allowed; allowed: a number more than 0 and at most 1000/,
    ],
    [
      'notifications[0].threshold',
      { notifications: [{ threshold: 1001, thresholdType: 'Actual' }] },
      /notifications\[0\]\.threshold: 1001 is not allowed/,
    ],
    [
      'notifications[0].thresholdType',
      { notifications: [{ threshold: 90, thresholdType: 'Budgeted' }] },
      /notifications\[0\]\.thresholdType: "Budgeted" is not allowed; allowed: Actual, Forecasted/,
    ],
    [
      'notifications[1]',
      {
        notifications: [
          { threshold: 90, thresholdType: 'Actual' },
          { threshold: 90, thresholdType: 'Actual' },
        ],
      },
      /notifications\[1\]: .* is given twice/,
    ],
  ])(
    'refuses a bad %s before any Azure call',
    async (_field, change, message) => {
      const step = actionContext(action, { ...input(), ...change });
      const failure = await failureOf(step.run);
      expect(failure).toBeInstanceOf(InputError);
      expect(failure.message).toMatch(
        /^Invalid input for azure:budget:create: /,
      );
      expect(failure.message).toMatch(message);
      expect(endpoint.requests.snapshot().total).toBe(0);
    },
  );

  it('in a dry run, says what it would create and calls nothing', async () => {
    const step = actionContext(action, input(), { isDryRun: true });
    await step.run();
    expect(endpoint.requests.snapshot().total).toBe(0);
    expect(step.outputs()).toMatchObject({
      budgetId: `/subscriptions/${subscriptionId}/providers/Microsoft.Consumption/budgets/budget-dp-domain-logistics`,
      budgetName: 'budget-dp-domain-logistics',
      amount: 25_000,
    });
    expect(step.logged()).toContainEqual(
      `Dry run: would create budget budget-dp-domain-logistics of 25000 (Monthly, 2026-11-01 to 2036-11-01) on subscription ${subscriptionId}, ` +
        'notifying logistics-data@contoso.example at 50% actual, 80% actual, 100% actual, 100% forecasted; nothing was created',
    );
  });

  it('re-run from scratch leaves exactly one budget', async () => {
    await actionContext(action, input()).run();
    await actionContext(
      action,
      { ...input(), amount: 30_000 },
      { store: new CheckpointStore() },
    ).run();

    expect(await listedBudgets()).toEqual(['budget-dp-domain-logistics']);
    // The same budget, updated by name.
    expect(
      endpoint.tenant.budgets.get(subscriptionId, 'budget-dp-domain-logistics')
        .amount,
    ).toBe(30_000);
  });

  it('resumed after the budget was made, does not call Azure again', async () => {
    const key = `budget.${subscriptionId}.budget-dp-domain-logistics`;
    const budgetId = `/subscriptions/${subscriptionId}/providers/Microsoft.Consumption/budgets/budget-dp-domain-logistics`;
    const store = new CheckpointStore({ [key]: { budgetId } });

    const step = actionContext(action, input(), { store });
    await step.run();

    expect(store.skipped).toEqual([key]);
    expect(callsTo(endpoint, /budgets/)).toBe(0);
    expect(step.outputs().budgetId).toBe(budgetId);
  });

  it('fails with the Azure error code when Azure refuses, creating nothing', async () => {
    const step = actionContext(action, {
      ...input(),
      subscriptionId: DISABLED_SANDBOX,
    });
    const failure = await failureOf(step.run);
    expect(failure.message).toMatch(
      new RegExp(
        `^Creating budget budget-dp-domain-logistics on subscription ${DISABLED_SANDBOX}: HTTP 409: ReadOnlyDisabledSubscription: `,
      ),
    );
    expect(step.store.values.size).toBe(0);
  });

  describe('when Azure misbehaves', () => {
    it('retries a 503 and ends with one budget', async () => {
      endpoint.faults.add({
        path: 'budgets',
        kind: 'error',
        status: 503,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, /^PUT .*budgets/)).toBe(2);
      expect(await listedBudgets()).toEqual(['budget-dp-domain-logistics']);
    });

    it('waits out a 429 with Retry-After 0 and ends with one budget', async () => {
      endpoint.faults.add({
        path: 'budgets',
        kind: 'throttle',
        retryAfterSeconds: 0,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, /^PUT .*budgets/)).toBe(2);
      expect(await listedBudgets()).toEqual(['budget-dp-domain-logistics']);
    });

    it('fails the step naming the code when the errors persist, and creates nothing', async () => {
      const fault = endpoint.faults.add({
        method: 'PUT',
        path: 'budgets',
        kind: 'error',
        status: 500,
      });
      const step = actionContext(action, input());

      const failure = await failureOf(step.run);

      expect(failure.message).toMatch(
        new RegExp(
          `^Creating budget budget-dp-domain-logistics on subscription ${subscriptionId}: HTTP 500: InternalServerError: `,
        ),
      );
      // The SDK gave up after its retries; nothing was stored as done.
      expect(
        endpoint.faults.list().find(f => f.id === fault.id)!.hits,
      ).toBeGreaterThan(1);
      expect(step.store.values.size).toBe(0);
      expect(step.outputs()).toEqual({});
      expect(await listedBudgets()).toEqual([]);
    }, 60_000);

    describe('answering slower than the request timeout', () => {
      const key = () => `budget.${subscriptionId}.budget-dp-domain-logistics`;
      const budgetsInTenant = () =>
        endpoint.tenant.budgets.list(subscriptionId).map(b => b.name);
      // Below the configurable minimum of 1 s, so these tests stay short.
      let impatient: ReturnType<typeof createBudgetAction>;
      beforeAll(() => {
        impatient = createBudgetAction({
          clients: clientsFor(endpoint, { requestTimeoutSeconds: 0.5 }),
          now: () => NOW,
        });
      });

      it('abandons the slow create, retries it and ends with one budget', async () => {
        const slow = endpoint.faults.add({
          method: 'PUT',
          path: 'budgets',
          kind: 'delay',
          delayMs: 2_000,
          times: 1,
        });
        const retries = countLaterRequests(endpoint, {
          method: 'PUT',
          path: 'budgets',
        });
        const step = actionContext(impatient, input());

        await step.run();

        expect(hitsOf(endpoint, slow.id)).toBe(1);
        expect(retries()).toBe(1);
        expect(budgetsInTenant()).toEqual(['budget-dp-domain-logistics']);
        expect(step.store.ran).toEqual([key()]);
        expect(step.outputs().budgetId).toBe(
          `/subscriptions/${subscriptionId}/providers/Microsoft.Consumption/budgets/budget-dp-domain-logistics`,
        );
      });

      it('fails the step naming the timeout when every attempt is too slow, and creates nothing twice', async () => {
        const slow = endpoint.faults.add({
          method: 'PUT',
          path: 'budgets',
          kind: 'delay',
          delayMs: 2_000,
        });
        const step = actionContext(impatient, input());

        const failure = await failureOf(step.run);

        expect(failure.message).toBe(
          `Creating budget budget-dp-domain-logistics on subscription ${subscriptionId}: ` +
            'Azure did not answer within 0.5 s (request timeout; tried 4 times)',
        );
        expect(hitsOf(endpoint, slow.id)).toBe(4);
        expect(step.store.values.size).toBe(0);
        expect(step.outputs()).toEqual({});
        // The endpoint drops a request whose client left before its body
        // was read, so no abandoned attempt landed.
        expect(budgetsInTenant()).toEqual([]);

        // The task resumed once Azure answers in time: one budget.
        endpoint.faults.clear();
        const resumed = actionContext(impatient, input(), {
          store: step.store,
        });
        await resumed.run();
        expect(resumed.store.ran).toEqual([key()]);
        expect(budgetsInTenant()).toEqual(['budget-dp-domain-logistics']);
      }, 30_000);
    });
  });
});
