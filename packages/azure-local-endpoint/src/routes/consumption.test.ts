import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { Tenant } from '../tenant/Tenant';
import { demoTenantSeed } from '../tenant/demoTenant';
import { call } from '../__testUtils__/call';
import {
  CANCELLED_SANDBOX,
  FINANCE,
  GENAI_SANDBOX,
  PLATFORM_MANAGEMENT,
  UNKNOWN_SUBSCRIPTION,
} from '../__testUtils__/ids';

const API = 'api-version=2021-10-01';
const budgetPath = (name: string, subscriptionId = PLATFORM_MANAGEMENT) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Consumption/budgets/${name}?${API}`;

function budgetBody(
  overrides: Record<string, unknown> = {},
  notificationOverrides: Record<string, unknown> = {},
) {
  return {
    properties: {
      category: 'Cost',
      amount: 1000,
      timeGrain: 'Monthly',
      timePeriod: { startDate: '2026-07-01T00:00:00Z' },
      notifications: {
        Actual_GreaterThan_80_Percent: {
          enabled: true,
          operator: 'GreaterThan',
          threshold: 80,
          contactEmails: ['platform-team@contoso.example'],
          ...notificationOverrides,
        },
      },
      ...overrides,
    },
  };
}

describe('consumption budgets', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    // A fixed clock: spend follows the cost model, which moves with time.
    endpoint = await startLocalAzureEndpoint({
      now: () => Date.parse('2026-11-24T12:00:00Z'),
    });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => endpoint.tenant.reset());

  const put = (name: string, body: unknown, subscriptionId?: string) =>
    call(endpoint, 'PUT', budgetPath(name, subscriptionId), { body });

  it('creates (201) with defaults and the subscription spend, updates (200) with a fresh eTag', async () => {
    const spend = endpoint.tenant.spend.get(PLATFORM_MANAGEMENT);
    expect(spend.amount).toBeGreaterThan(0);
    expect(spend.forecast).toBeGreaterThan(spend.amount);
    const created = await put('budget-platform', budgetBody());
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: `/subscriptions/${PLATFORM_MANAGEMENT}/providers/Microsoft.Consumption/budgets/budget-platform`,
      name: 'budget-platform',
      type: 'Microsoft.Consumption/budgets',
      properties: {
        category: 'Cost',
        amount: 1000,
        timeGrain: 'Monthly',
        timePeriod: {
          startDate: '2026-07-01T00:00:00Z',
          endDate: '2036-07-01T00:00:00Z',
        },
        currentSpend: { amount: spend.amount, unit: 'USD' },
        forecastSpend: { amount: spend.forecast, unit: 'USD' },
        notifications: {
          Actual_GreaterThan_80_Percent: {
            enabled: true,
            operator: 'GreaterThan',
            threshold: 80,
            thresholdType: 'Actual',
            contactEmails: ['platform-team@contoso.example'],
            contactGroups: [],
            contactRoles: [],
          },
        },
      },
    });
    expect(created.json.eTag).toMatch(/^"[0-9a-f]+"$/);

    const updated = await put('budget-platform', budgetBody({ amount: 2000 }));
    expect(updated.status).toBe(200);
    expect(updated.json.properties.amount).toBe(2000);
    expect(updated.json.eTag).not.toBe(created.json.eTag);

    const list = await call(
      endpoint,
      'GET',
      `/subscriptions/${PLATFORM_MANAGEMENT}/providers/Microsoft.Consumption/budgets?${API}`,
    );
    expect(
      list.json.value.map((b: any) => [b.name, b.properties.amount]),
    ).toEqual([['budget-platform', 2000]]);
  });

  it('refuses a write carrying a stale eTag with 412 and accepts the current one', async () => {
    const first = await put('budget-platform', budgetBody());
    await put('budget-platform', budgetBody({ amount: 1500 }));
    const stale = await put('budget-platform', {
      ...budgetBody({ amount: 900 }),
      eTag: first.json.eTag,
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('PreconditionFailed');
    expect(
      endpoint.tenant.budgets.get(PLATFORM_MANAGEMENT, 'budget-platform')
        .amount,
    ).toBe(1500);

    const current = endpoint.tenant.budgets.get(
      PLATFORM_MANAGEMENT,
      'budget-platform',
    ).eTag;
    const fresh = await put('budget-platform', {
      ...budgetBody({ amount: 900 }),
      eTag: current,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json.properties.amount).toBe(900);
  });

  it.each([
    [
      'properties.timePeriod.startDate',
      { timePeriod: { startDate: '2026-07-15T00:00:00Z' } },
    ],
    [
      'properties.timePeriod.endDate',
      { timePeriod: { startDate: '2026-07-01', endDate: '2026-06-30' } },
    ],
    [
      'properties.timePeriod.startDate',
      { timePeriod: { startDate: 'next month' } },
    ],
    ['properties.amount', { amount: 0 }],
    ['properties.amount', { amount: -5 }],
    ['properties.category', { category: 'Usage' }],
    ['properties.timeGrain', { timeGrain: 'Weekly' }],
    ['properties.notifications', { notifications: {} }],
  ])('names %s when given %j', async (field, overrides) => {
    const res = await put('budget-bad', budgetBody(overrides));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidRequestContent');
    expect(res.json.error.message).toContain(`'${field}'`);
  });

  it('allows at most five notifications', async () => {
    const six = Object.fromEntries(
      [10, 20, 30, 40, 50, 60].map(t => [
        `n${t}`,
        {
          enabled: true,
          operator: 'GreaterThan',
          threshold: t,
          contactEmails: ['a@contoso.example'],
        },
      ]),
    );
    const res = await put('budget-bad', budgetBody({ notifications: six }));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("'properties.notifications'");
    expect(res.json.error.message).toContain('at most 5');
  });

  const N = 'properties.notifications.Actual_GreaterThan_80_Percent';
  it.each([
    [`${N}.threshold`, { threshold: 0 }],
    [`${N}.threshold`, { threshold: 1001 }],
    [`${N}.operator`, { operator: 'LessThan' }],
    [`${N}.thresholdType`, { thresholdType: 'Budgeted' }],
    [`${N}.enabled`, { enabled: 'sometimes' }],
    [`${N}.contactEmails`, { contactEmails: [] }],
    [`${N}.contactEmails.0`, { contactEmails: ['not-an-email'] }],
  ])('names %s when a notification has %j', async (field, overrides) => {
    const res = await put('budget-bad', budgetBody({}, overrides));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidRequestContent');
    expect(res.json.error.message).toContain(`'${field}'`);
    expect(endpoint.tenant.budgets.list(PLATFORM_MANAGEMENT)).toEqual([]);
  });

  it("takes contact roles alone, a threshold of 1000 and the examples' string booleans", async () => {
    const res = await put(
      'budget-roles',
      budgetBody(
        {},
        {
          contactEmails: undefined,
          contactRoles: ['Owner'],
          threshold: 1000,
          enabled: 'False',
        },
      ),
    );
    expect(res.status).toBe(201);
    expect(
      res.json.properties.notifications.Actual_GreaterThan_80_Percent,
    ).toMatchObject({
      enabled: false,
      threshold: 1000,
      contactRoles: ['Owner'],
    });
  });

  it('refuses writes in a disabled subscription and unknown subscriptions', async () => {
    const disabled = await put('budget-x', budgetBody(), CANCELLED_SANDBOX);
    expect(disabled.status).toBe(409);
    expect(disabled.json.error.code).toBe('ReadOnlyDisabledSubscription');
    const unknown = await put('budget-x', budgetBody(), UNKNOWN_SUBSCRIPTION);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('SubscriptionNotFound');
  });

  it('deletes a budget, then answers 404 for it', async () => {
    const name = 'budget-dp-domain-finance';
    expect(
      (await call(endpoint, 'DELETE', budgetPath(name, FINANCE))).status,
    ).toBe(200);
    const gone = await call(endpoint, 'GET', budgetPath(name, FINANCE));
    expect(gone.status).toBe(404);
    expect(
      (await call(endpoint, 'DELETE', budgetPath(name, FINANCE))).status,
    ).toBe(404);
  });

  it('seeds domain and sandbox budgets with the platform notifications', async () => {
    const finance = await call(
      endpoint,
      'GET',
      budgetPath('budget-dp-domain-finance', FINANCE),
    );
    const notifications = finance.json.properties.notifications;
    expect(
      Object.values(notifications).map((n: any) => [
        n.threshold,
        n.thresholdType,
        n.contactEmails,
      ]),
    ).toEqual([
      [50, 'Actual', ['finance-data@contoso.example']],
      [80, 'Actual', ['finance-data@contoso.example']],
      [100, 'Actual', ['finance-data@contoso.example']],
      [100, 'Forecasted', ['finance-data@contoso.example']],
    ]);
    expect(
      new Date(finance.json.properties.timePeriod.startDate).getUTCDate(),
    ).toBe(1);

    const sandbox = await call(
      endpoint,
      'GET',
      budgetPath('budget-dp-sandbox-genai-pilot', GENAI_SANDBOX),
    );
    expect(sandbox.json.properties).toMatchObject({
      amount: 500,
      currentSpend: {
        amount: endpoint.tenant.costs.monthToDate(GENAI_SANDBOX),
        unit: 'USD',
      },
    });
    // 24 days on at about 19 a day.
    expect(sandbox.json.properties.currentSpend.amount).toBeGreaterThan(400);
    expect(sandbox.json.properties.currentSpend.amount).toBeLessThan(500);
  });

  describe('spend admin API', () => {
    it('sets the spend budgets report, and reset restores the seed', async () => {
      const seeded = endpoint.tenant.spend.get(FINANCE);
      const set = await call(
        endpoint,
        'PUT',
        `/_admin/subscriptions/${FINANCE}/spend`,
        {
          body: { amount: 26_000, forecast: 31_000 },
          token: null,
        },
      );
      expect(set.status).toBe(200);
      expect(set.json).toEqual({
        subscriptionId: FINANCE,
        amount: 26_000,
        forecast: 31_000,
        unit: 'USD',
      });

      const budget = await call(
        endpoint,
        'GET',
        budgetPath('budget-dp-domain-finance', FINANCE),
      );
      expect(budget.json.properties.currentSpend).toEqual({
        amount: 26_000,
        unit: 'USD',
      });
      expect(budget.json.properties.forecastSpend).toEqual({
        amount: 31_000,
        unit: 'USD',
      });

      const read = await call(
        endpoint,
        'GET',
        `/_admin/subscriptions/${FINANCE}/spend`,
        { token: null },
      );
      expect(read.json.amount).toBe(26_000);

      const reset = await call(endpoint, 'POST', '/_admin/reset', {
        token: null,
      });
      expect(reset.status).toBe(204);
      const after = await call(
        endpoint,
        'GET',
        `/_admin/subscriptions/${FINANCE}/spend`,
        { token: null },
      );
      expect(after.json).toMatchObject(seeded);
      expect(seeded.amount).not.toBe(26_000);
    });

    it('names a bad field and refuses unknown subscriptions', async () => {
      const negative = await call(
        endpoint,
        'PUT',
        `/_admin/subscriptions/${FINANCE}/spend`,
        {
          body: { amount: -1 },
          token: null,
        },
      );
      expect(negative.status).toBe(400);
      expect(negative.json.error.code).toBe('InvalidSpend');
      expect(negative.json.error.message).toMatch(/^amount: /);
      const belowAmount = await call(
        endpoint,
        'PUT',
        `/_admin/subscriptions/${FINANCE}/spend`,
        { body: { amount: 100, forecast: 99 }, token: null },
      );
      expect(belowAmount.status).toBe(400);
      expect(belowAmount.json.error.message).toMatch(
        /^forecast: must be at least the amount/,
      );
      const extra = await call(
        endpoint,
        'PUT',
        `/_admin/subscriptions/${FINANCE}/spend`,
        {
          body: { amount: 1, currency: 'EUR' },
          token: null,
        },
      );
      expect(extra.status).toBe(400);
      const unknown = await call(
        endpoint,
        'PUT',
        `/_admin/subscriptions/${UNKNOWN_SUBSCRIPTION}/spend`,
        {
          body: { amount: 1 },
          token: null,
        },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('SubscriptionNotFound');
    });

    it('starts subscriptions without a cost profile at zero', () => {
      const tenant = new Tenant(
        { ...demoTenantSeed(), costProfiles: {} },
        { aliasProvisioningMs: 0 },
      );
      expect(tenant.spend.get(FINANCE)).toEqual({ amount: 0, forecast: 0 });
    });

    it('projects the forecast from the month so far when none is given and the subscription has no profile', () => {
      // Ten days into a 30-day month (June 2026), at midnight UTC.
      const tenant = new Tenant(
        { ...demoTenantSeed(), costProfiles: {} },
        {
          aliasProvisioningMs: 0,
          now: () => Date.parse('2026-06-11T00:00:00Z'),
        },
      );
      expect(tenant.spend.set(FINANCE, 1000)).toEqual({
        amount: 1000,
        forecast: 3000,
      });
    });
  });
});
