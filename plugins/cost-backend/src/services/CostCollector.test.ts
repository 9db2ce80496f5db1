import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  COST_PATHS,
  ROOT_SCOPE,
  SUBSCRIPTIONS,
  clientsFor,
  costManagementRequests,
} from '../__testUtils__/azure';
import { CostCollector, forecastSum, usageOf } from './CostCollector';
import {
  addDays,
  monthEnd as monthEndOf,
} from '@dataplatform/plugin-cost-common';
import { utcDay } from './days';
import { CostSnapshot } from './snapshot';

const column = (name: string, type = 'String') => ({ name, type });

describe('usageOf', () => {
  it('sums cost per lower-case subscription and day, finding columns by name in any order', () => {
    const columns = [
      column('SubscriptionId'),
      column('Currency'),
      column('UsageDate', 'Number'),
      column('PreTaxCost', 'Number'),
    ];
    const rows = [
      ['ABC', 'EUR', 20261123, 10.004],
      ['abc', 'EUR', 20261123, 5],
      ['abc', 'EUR', '2026-11-24T00:00:00', 2.5],
      ['def', 'EUR', 20261124, '7.25'],
      ['def', 'EUR', 'not a day', 99],
    ];
    expect(usageOf(columns, rows, 'subscription')).toEqual({
      groups: {
        abc: { '2026-11-23': 15, '2026-11-24': 2.5 },
        def: { '2026-11-24': 7.25 },
      },
      currency: 'EUR',
    });
  });

  it('groups by the domain tag value in domain-tag mode', () => {
    const columns = [
      column('Cost', 'Number'),
      column('UsageDate', 'Number'),
      column('TagKey'),
      column('TagValue'),
      column('Currency'),
    ];
    const rows = [
      [100, 20261124, 'domain', 'Finance', 'USD'],
      [40, 20261124, 'domain', '', 'USD'],
    ];
    expect(usageOf(columns, rows, 'domain-tag').groups).toEqual({
      finance: { '2026-11-24': 100 },
      '': { '2026-11-24': 40 },
    });
  });

  it('names the column it is missing', () => {
    expect(() =>
      usageOf(
        [column('Cost', 'Number'), column('UsageDate')],
        [],
        'subscription',
      ),
    ).toThrow(
      'Cost Management answered without a SubscriptionId column (columns: Cost, UsageDate)',
    );
  });
});

describe('forecastSum', () => {
  it('adds the forecast rows only', () => {
    const columns = [
      column('Cost', 'Number'),
      column('UsageDate', 'Number'),
      column('CostStatus'),
      column('Currency'),
    ];
    expect(
      forecastSum(columns, [
        [100.111, 20261125, 'Forecast', 'USD'],
        [50, 20261126, 'Forecast', 'USD'],
        [999, 20261124, 'Actual', 'USD'],
      ]),
    ).toBe(150.11);
  });
});

describe('CostCollector against the local endpoint', () => {
  let endpoint: LocalAzureEndpoint;
  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  const domainSubscriptions = [
    SUBSCRIPTIONS.finance,
    SUBSCRIPTIONS.sales,
    SUBSCRIPTIONS.genaiPilot,
  ];

  function collector(
    options: { maxWaitSeconds?: number; requestTimeoutSeconds?: number } = {},
  ) {
    return new CostCollector({
      azure: clientsFor(endpoint, options),
      scope: {
        kind: 'managementGroup',
        id: DEMO_PLATFORM_MANAGEMENT_GROUPS.root,
        path: ROOT_SCOPE,
      },
      grouping: 'subscription',
      budgetConcurrency: 2,
    });
  }

  it('reads 90 days of cost per subscription, the forecast, alerts and budgets in three Cost Management calls', async () => {
    const data = await collector().collect({
      subscriptions: domainSubscriptions,
    });
    const today = utcDay(new Date());
    expect(data.today).toBe(today);
    expect(data.scope).toBe(ROOT_SCOPE);
    expect(data.currency).toBe('USD');
    expect(data.staleReasons).toEqual([]);

    const finance = data.usage.groups[SUBSCRIPTIONS.finance];
    expect(Object.keys(finance).sort()[0] >= addDays(today, -89)).toBe(true);
    // About 21,500 a month: weekdays above 500, weekends cheaper.
    const yesterday = finance[addDays(today, -1)];
    expect(yesterday).toBeGreaterThan(300);
    expect(yesterday).toBeLessThan(1500);
    expect(data.usage.groups[SUBSCRIPTIONS.platform]).toBeDefined();

    // Nothing is left to forecast on the month's last day.
    expect(data.forecast.remaining).toBeGreaterThanOrEqual(0);
    expect(data.forecast.remaining! > 0).toBe(today !== monthEndOf(today));
    expect(data.forecast.monthEnd).toBe(monthEndOf(today));

    expect(data.budgets[SUBSCRIPTIONS.finance].items).toEqual([
      expect.objectContaining({
        name: 'budget-dp-domain-finance',
        amount: 25_000,
        timeGrain: 'Monthly',
        category: 'Cost',
        notifications: expect.objectContaining({
          Actual_GreaterThan_80_Percent: expect.objectContaining({
            threshold: 80,
            thresholdType: 'Actual',
          }),
        }),
      }),
    ]);
    // Month to date by budget and by query agree.
    const mtd = Object.entries(finance)
      .filter(([day]) => day.slice(0, 7) === today.slice(0, 7))
      .reduce((sum, [, cost]) => sum + cost, 0);
    expect(
      data.budgets[SUBSCRIPTIONS.finance].items[0].currentSpend?.amount,
    ).toBeCloseTo(mtd, 0);
    expect(Array.isArray(data.alerts.items)).toBe(true);

    const requests = costManagementRequests(endpoint);
    expect(requests.total).toBe(3);
    expect(data.attempt.calls).toBe(3);
  });

  it('keeps the previous part with a reason when one part fails, and reads the others', async () => {
    const good = await collector().collect({
      subscriptions: domainSubscriptions,
    });
    const previous: CostSnapshot = { ...good, id: 1 };
    endpoint.faults.add({
      path: COST_PATHS.forecast,
      kind: 'error',
      status: 501,
    });
    endpoint.faults.add({
      path: `/subscriptions/${SUBSCRIPTIONS.sales}/.*${COST_PATHS.budgets}`,
      kind: 'error',
      status: 501,
    });
    const data = await collector().collect({
      previous,
      subscriptions: domainSubscriptions,
    });
    expect(data.forecast).toEqual({
      ...good.forecast,
      error: expect.stringMatching(
        /^forecast: HTTP 501: InternalServerError: /,
      ),
    });
    expect(data.budgets[SUBSCRIPTIONS.sales]).toEqual({
      ...good.budgets[SUBSCRIPTIONS.sales],
      error: expect.stringMatching(
        new RegExp(`^budgets of ${SUBSCRIPTIONS.sales}: HTTP 501`),
      ),
    });
    expect(data.budgets[SUBSCRIPTIONS.finance].error).toBeUndefined();
    expect(data.usage.error).toBeUndefined();
    expect(data.usage.asOf! > good.usage.asOf!).toBe(true);
    expect(data.staleReasons).toEqual([
      data.forecast.error,
      data.budgets[SUBSCRIPTIONS.sales].error,
    ]);
  });

  it('does not carry data read for another scope', async () => {
    const good = await collector().collect({ subscriptions: [] });
    endpoint.faults.add({ path: COST_PATHS.query, kind: 'error', status: 501 });
    const data = await collector().collect({
      previous: {
        ...good,
        id: 1,
        scope: '/providers/Microsoft.Management/managementGroups/other',
      },
      subscriptions: [],
    });
    expect(data.usage.groups).toEqual({});
    expect(data.usage.asOf).toBeUndefined();
    expect(data.usage.error).toMatch(/^usage: HTTP 501/);
  });

  it('fails fast on a 429 asking to wait longer than the quota allows, without waiting', async () => {
    endpoint.faults.add({
      path: COST_PATHS.query,
      kind: 'throttle',
      retryAfterSeconds: 3600,
      retryHeader: 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
    });
    const started = Date.now();
    const data = await collector({ maxWaitSeconds: 1 }).collect({
      subscriptions: [SUBSCRIPTIONS.finance],
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(data.usage.error).toMatch(
      /^usage: Cost Management quota for this tenant is used up; Azure asks to wait 3600 s \(until \d\d:\d\d:\d\d UTC\)$/,
    );
  });
});
