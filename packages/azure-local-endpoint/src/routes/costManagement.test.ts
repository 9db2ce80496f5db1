import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import {
  FINANCE,
  GENAI_SANDBOX,
  HR,
  PLATFORM_MANAGEMENT,
  SALES,
  UNKNOWN_SUBSCRIPTION,
} from '../__testUtils__/ids';
import queryExample from '../__testUtils__/azure-rest-examples/SubscriptionQueryGrouping.json';
import alertsExample from '../__testUtils__/azure-rest-examples/SubscriptionAlerts.json';
import forecastExample from '../__testUtils__/azure-rest-examples/BillingAccountForecast.json';
import {
  DEMO_BILLING_ACCOUNT_ID,
  DEMO_MANAGEMENT_GROUPS,
  demoTenantSeed,
} from '../tenant/demoTenant';
import { parseQueryDefinition } from '../arm/costManagement';
import { evaluateQuery } from '../tenant/costQuery';

const API = 'api-version=2022-10-01';
/** A Tuesday late in the month: sales is past 80 % of its budget by now. */
const NOW = Date.parse('2026-11-24T12:00:00Z');
const OPERATIONS_IOT = 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c';
const MARKETING = '1145b5e0-a60a-4237-aa82-a5754e620c60';
const DOMAINS = [FINANCE, SALES, OPERATIONS_IOT, HR, MARKETING];

const subscriptionScope = (id: string) => `/subscriptions/${id}`;
const groupScope = (id: string) =>
  `/providers/Microsoft.Management/managementGroups/${id}`;
const billingScope = `/providers/Microsoft.Billing/billingAccounts/${DEMO_BILLING_ACCOUNT_ID}`;
const queryPath = (scope: string) =>
  `${scope}/providers/Microsoft.CostManagement/query?${API}`;
const forecastPath = (scope: string) =>
  `${scope}/providers/Microsoft.CostManagement/forecast?${API}`;
const alertsPath = (scope: string, id = '') =>
  `${scope}/providers/Microsoft.CostManagement/alerts${
    id ? `/${id}` : ''
  }?${API}`;

const dailyBySubscription = (overrides: Record<string, unknown> = {}) => ({
  type: 'ActualCost',
  timeframe: 'MonthToDate',
  dataset: {
    granularity: 'Daily',
    aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
    grouping: [{ type: 'Dimension', name: 'SubscriptionId' }],
  },
  ...overrides,
});

const sumBy = (rows: unknown[][], column: number) => {
  const sums = new Map<unknown, number>();
  for (const row of rows) {
    sums.set(row[column], (sums.get(row[column]) ?? 0) + (row[0] as number));
  }
  return new Map([...sums].map(([k, v]) => [k, Math.round(v * 100) / 100]));
};

describe('Cost Management', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ now: () => NOW });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
  });

  const post = (path: string, body: unknown) =>
    call(endpoint, 'POST', path, { body });

  describe('query', () => {
    it("answers Microsoft's SubscriptionQueryGrouping example in its shape", async () => {
      const res = await post(
        queryPath(subscriptionScope(FINANCE)),
        queryExample.parameters.parameters,
      );
      expect(res.status).toBe(200);
      const example = queryExample.responses['200'].body;
      expect(Object.keys(res.json).sort()).toEqual(
        [...Object.keys(example), 'location', 'sku', 'eTag'].sort(),
      );
      expect(res.json).toMatchObject({
        type: 'Microsoft.CostManagement/query',
        location: null,
        sku: null,
        eTag: null,
      });
      expect(res.json.id).toBe(
        `subscriptions/${FINANCE}/providers/Microsoft.CostManagement/query/${res.json.name}`,
      );
      expect(res.json.name).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(res.json.properties).sort()).toEqual(
        Object.keys(example.properties).sort(),
      );
      expect(res.json.properties.columns).toEqual(example.properties.columns);
      expect(res.json.properties.nextLink).toBeNull();
      // Last month's cost of finance, split over its resource groups.
      const rows = res.json.properties.rows as [number, string, string][];
      expect(rows.map(r => r[1])).toEqual([
        'rg-dp-finance-monitoring',
        'rg-finance-data-prod',
      ]);
      const lastMonth = endpoint.tenant.costs;
      let total = 0;
      for (let day = 1; day <= 31; day++) {
        total += lastMonth.dailyCost(
          FINANCE,
          `2026-10-${String(day).padStart(2, '0')}`,
        );
      }
      expect(rows[0][0] + rows[1][0]).toBeCloseTo(total, 2);
      expect(rows.every(r => r[2] === 'USD')).toBe(true);
    });

    it('answers daily cost by subscription, sorted by date then subscription, adding up to the budgets’ spend', async () => {
      const res = await post(
        queryPath(groupScope(DEMO_MANAGEMENT_GROUPS.domains)),
        dailyBySubscription(),
      );
      expect(res.status).toBe(200);
      const { columns, rows } = res.json.properties;
      expect(columns).toEqual([
        { name: 'Cost', type: 'Number' },
        { name: 'UsageDate', type: 'Number' },
        { name: 'SubscriptionId', type: 'String' },
        { name: 'Currency', type: 'String' },
      ]);
      expect(rows).toHaveLength(5 * 24);
      expect(rows[0].slice(1, 2)).toEqual([20261101]);
      expect(rows[rows.length - 1][1]).toBe(20261124);
      const keys = rows.map((r: unknown[]) => `${r[1]}|${r[2]}`);
      expect(keys).toEqual([...keys].sort());
      const bySubscription = sumBy(rows, 2);
      expect([...bySubscription.keys()].sort()).toEqual([...DOMAINS].sort());
      for (const id of DOMAINS) {
        expect(bySubscription.get(id)).toBe(
          endpoint.tenant.spend.get(id).amount,
        );
      }
    });

    it('answers monthly cost as BillingMonth strings and tag groups as TagKey and TagValue', async () => {
      const res = await post(queryPath(billingScope), {
        type: 'Usage',
        timeframe: 'Custom',
        timePeriod: {
          from: '2026-09-01T00:00:00Z',
          to: '2026-11-30T23:59:59Z',
        },
        dataset: {
          granularity: 'Monthly',
          aggregation: { totalCost: { name: 'PreTaxCost', function: 'Sum' } },
          grouping: [{ type: 'TagKey', name: 'costCenter' }],
        },
      });
      expect(res.status).toBe(200);
      const { columns, rows } = res.json.properties;
      expect(columns.map((c: { name: string }) => c.name)).toEqual([
        'PreTaxCost',
        'BillingMonth',
        'TagKey',
        'TagValue',
        'Currency',
      ]);
      expect(new Set(rows.map((r: unknown[]) => r[1]))).toEqual(
        new Set([
          '2026-09-01T00:00:00',
          '2026-10-01T00:00:00',
          '2026-11-01T00:00:00',
        ]),
      );
      const november = rows.filter(
        (r: unknown[]) => r[1] === '2026-11-01T00:00:00',
      );
      // HR never got a cost center: its cost is the untagged group.
      expect(november.map((r: unknown[]) => r.slice(2, 4))).toEqual([
        ['costCenter', ''],
        ['costCenter', 'CC-1000'],
        ['costCenter', 'CC-1010'],
        ['costCenter', 'CC-1020'],
        ['costCenter', 'CC-1030'],
        ['costCenter', 'CC-1050'],
      ]);
      const untagged = november.find((r: unknown[]) => r[3] === '')!;
      expect(untagged[0]).toBe(endpoint.tenant.spend.get(HR).amount);
    });

    it('covers every subscription below a management group, the billing account covers all', async () => {
      const totals = async (scope: string) => {
        const res = await post(
          queryPath(scope),
          dailyBySubscription({
            dataset: {
              granularity: 'None',
              aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
              grouping: [{ type: 'Dimension', name: 'SubscriptionId' }],
            },
          }),
        );
        expect(res.status).toBe(200);
        return res.json.properties.rows.map((r: unknown[]) => r[1]);
      };
      const profiled = [
        ...DOMAINS,
        PLATFORM_MANAGEMENT,
        'fe3b0f4a-c886-4d05-9942-50c195c096f6',
        GENAI_SANDBOX,
      ].sort();
      expect(await totals(groupScope(DEMO_MANAGEMENT_GROUPS.root))).toEqual(
        profiled,
      );
      expect(
        await totals(groupScope(DEMO_MANAGEMENT_GROUPS.dataplatform)),
      ).toEqual(profiled);
      expect(await totals(billingScope)).toEqual(profiled);
      expect(
        await totals(groupScope(DEMO_MANAGEMENT_GROUPS.sandboxes)),
      ).toEqual([GENAI_SANDBOX]);
    });

    it('filters by subscription id and groups by name', async () => {
      const res = await post(
        queryPath(billingScope),
        dailyBySubscription({
          dataset: {
            granularity: 'None',
            aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
            grouping: [
              { type: 'Dimension', name: 'SubscriptionName' },
              { type: 'Dimension', name: 'SubscriptionId' },
            ],
            filter: {
              dimensions: {
                name: 'SubscriptionId',
                operator: 'In',
                values: [SALES.toUpperCase(), HR, UNKNOWN_SUBSCRIPTION],
              },
            },
          },
        }),
      );
      expect(res.status).toBe(200);
      expect(
        res.json.properties.rows.map((r: unknown[]) => r.slice(1, 3)),
      ).toEqual([
        ['dp-domain-hr', HR],
        ['dp-domain-sales', SALES],
      ]);
    });

    it('answers unknown scopes with 404s like the other routes', async () => {
      const body = dailyBySubscription();
      const sub = await post(
        queryPath(subscriptionScope(UNKNOWN_SUBSCRIPTION)),
        body,
      );
      expect(sub.status).toBe(404);
      expect(sub.json.error.code).toBe('SubscriptionNotFound');
      const group = await post(queryPath(groupScope('mg-nowhere')), body);
      expect(group.status).toBe(404);
      expect(group.json.error.code).toBe('NotFound');
      const billing = await post(
        queryPath('/providers/Microsoft.Billing/billingAccounts/12345:6789'),
        body,
      );
      expect(billing.status).toBe(404);
      expect(billing.json.error).toEqual({
        code: 'NotFound',
        message: "Billing account '12345:6789' was not found.",
      });
    });

    const dataset = dailyBySubscription().dataset;
    it.each<[string, Record<string, unknown>, string]>([
      [
        'type',
        { type: 'Forecast' },
        'type is "Forecast"; allowed: Usage, ActualCost, AmortizedCost',
      ],
      [
        'timeframe',
        { timeframe: 'Yesterday' },
        'timeframe is "Yesterday"; allowed: MonthToDate, BillingMonthToDate, TheLastMonth, TheLastBillingMonth, WeekToDate, Custom',
      ],
      [
        'a missing timePeriod',
        { timeframe: 'Custom' },
        'timePeriod is missing; allowed: {"from": <date-time>, "to": <date-time>}, required with timeframe Custom',
      ],
      [
        'a period backwards',
        {
          timeframe: 'Custom',
          timePeriod: {
            from: '2026-11-02T00:00:00Z',
            to: '2026-11-01T00:00:00Z',
          },
        },
        'timePeriod.to (2026-11-01T00:00:00.000Z) is before timePeriod.from (2026-11-02T00:00:00.000Z); allowed: a date-time at or after from',
      ],
      [
        'a period over a year',
        {
          timeframe: 'Custom',
          timePeriod: {
            from: '2025-01-01T00:00:00Z',
            to: '2026-01-05T00:00:00Z',
          },
        },
        'timePeriod covers 370 days; allowed: at most one year (366 days)',
      ],
      [
        'a bad date',
        {
          timeframe: 'Custom',
          timePeriod: { from: 'last week', to: '2026-11-01T00:00:00Z' },
        },
        'timePeriod.from is "last week"; allowed: an ISO 8601 date-time such as 2026-11-01T00:00:00Z',
      ],
      [
        'granularity',
        { dataset: { ...dataset, granularity: 'Hourly' } },
        'dataset.granularity is "Hourly"; allowed: Daily, Monthly, None',
      ],
      [
        'a missing aggregation',
        { dataset: { granularity: 'Daily' } },
        'dataset.aggregation is missing; allowed: exactly one {"<name>": {"name": Cost|PreTaxCost|CostUSD|PreTaxCostUSD, "function": "Sum"}}',
      ],
      [
        'two aggregations',
        {
          dataset: {
            ...dataset,
            aggregation: {
              a: { name: 'Cost', function: 'Sum' },
              b: { name: 'CostUSD', function: 'Sum' },
            },
          },
        },
        'dataset.aggregation names 2 aggregations; allowed: exactly one',
      ],
      [
        'an aggregation function',
        {
          dataset: {
            ...dataset,
            aggregation: { totalCost: { name: 'Cost', function: 'Avg' } },
          },
        },
        'dataset.aggregation.totalCost.function is "Avg"; allowed: Sum',
      ],
      [
        'three groupings',
        {
          dataset: {
            ...dataset,
            grouping: [
              { type: 'Dimension', name: 'SubscriptionId' },
              { type: 'Dimension', name: 'SubscriptionName' },
              { type: 'TagKey', name: 'domain' },
            ],
          },
        },
        'dataset.grouping has 3 entries; allowed: up to 2 of',
      ],
      [
        'a grouping dimension',
        {
          dataset: {
            ...dataset,
            grouping: [{ type: 'Dimension', name: 'MeterCategory' }],
          },
        },
        'dataset.grouping.0.name is "MeterCategory"; allowed for type Dimension: SubscriptionId, SubscriptionName, ResourceGroupName, ResourceGroup',
      ],
      [
        'a tag filter',
        {
          dataset: {
            ...dataset,
            filter: {
              tags: { name: 'Environment', operator: 'In', values: ['Prod'] },
            },
          },
        },
        'dataset.filter uses \'tags\', which the local endpoint does not support; allowed: only {"dimensions": {"name": "SubscriptionId", "operator": "In"',
      ],
      [
        'another dimension filter',
        {
          dataset: {
            ...dataset,
            filter: {
              dimensions: {
                name: 'ResourceLocation',
                operator: 'In',
                values: ['East US'],
              },
            },
          },
        },
        'dataset.filter.dimensions.name is "ResourceLocation"; allowed: only',
      ],
      [
        'an unknown field',
        { dataset: { ...dataset, sorting: [] } },
        "dataset has a field 'sorting' it does not support; allowed: granularity, aggregation, grouping, filter",
      ],
    ])(
      'refuses %s with 400 naming the field and what is allowed',
      async (_, overrides, message) => {
        const res = await post(
          queryPath(subscriptionScope(FINANCE)),
          dailyBySubscription(overrides),
        );
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('BadRequest');
        expect(res.json.error.message).toContain(
          `Invalid query definition: ${message}`,
        );
      },
    );

    it('takes names in any case, as Azure does', async () => {
      const res = await post(queryPath(subscriptionScope(SALES)), {
        type: 'actualcost',
        timeframe: 'monthtodate',
        dataset: {
          granularity: 'daily',
          aggregation: { totalCost: { name: 'cost', function: 'sum' } },
          grouping: [{ type: 'dimension', name: 'subscriptionid' }],
        },
      });
      expect(res.status).toBe(200);
      expect(res.json.properties.columns[0].name).toBe('Cost');
      expect(res.json.properties.columns[2].name).toBe('SubscriptionId');
    });
  });

  describe('paging', () => {
    const SUBSCRIPTIONS = 16;
    let paged: LocalAzureEndpoint;
    beforeAll(async () => {
      const seed = demoTenantSeed();
      // 16 subscriptions × 365 days: more rows than one 5000-row page.
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        const id = `0000${String(i).padStart(
          4,
          '0',
        )}-0000-4000-8000-000000000000`;
        seed.subscriptions.push({
          subscriptionId: id,
          displayName: `dp-extra-${i}`,
          managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
          tags: {},
        });
        seed.costProfiles![id] = { monthlyRunRate: 1000 + i, noise: 0.05 };
      }
      paged = await startLocalAzureEndpoint({ seed, now: () => NOW });
    }, 30_000);
    afterAll(() => paged.close());

    const yearBody = {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: '2025-11-25T00:00:00Z',
        to: '2026-11-24T23:59:59Z',
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        grouping: [{ type: 'Dimension', name: 'SubscriptionId' }],
      },
    };
    const scope = groupScope(DEMO_MANAGEMENT_GROUPS.domains);

    it('answers 5000 rows a page and a nextLink to the rest, which answers the same body', async () => {
      const first = await call(paged, 'POST', queryPath(scope), {
        body: yearBody,
      });
      expect(first.status).toBe(200);
      expect(first.json.properties.rows).toHaveLength(5000);
      const next: string = first.json.properties.nextLink;
      expect(next).toMatch(
        new RegExp(
          `^${paged.url.replace(
            /[.]/g,
            '\\.',
          )}/providers/Microsoft\\.Management/managementGroups/${
            DEMO_MANAGEMENT_GROUPS.domains
          }/providers/Microsoft\\.CostManagement/query\\?api-version=2022-10-01&\\$skiptoken=[^&]+$`,
        ),
      );
      const second = await call(paged, 'POST', next.slice(paged.url.length), {
        body: yearBody,
      });
      expect(second.status).toBe(200);
      expect(second.json.properties.nextLink).toBeNull();
      expect(second.json.properties.columns).toEqual(
        first.json.properties.columns,
      );
      const rows = [
        ...first.json.properties.rows,
        ...second.json.properties.rows,
      ];
      // 5 domains and 16 extra subscriptions, every day of the year.
      expect(rows).toHaveLength((5 + SUBSCRIPTIONS) * 365);
      const whole = evaluateQuery(
        paged.tenant,
        {
          scope,
          subscriptions: paged.tenant.subscriptionsBelow(
            DEMO_MANAGEMENT_GROUPS.domains,
          ),
        },
        parseQueryDefinition(yearBody),
      );
      expect(rows).toEqual(whole.rows);

      // A page can be fetched again (a retry), with the same answer.
      const again = await call(paged, 'POST', next.slice(paged.url.length), {
        body: yearBody,
      });
      expect(again.json.properties.rows).toEqual(second.json.properties.rows);
    });

    it('refuses a skiptoken with another body (400) and answers an unknown one with 404', async () => {
      const first = await call(paged, 'POST', queryPath(scope), {
        body: yearBody,
      });
      const next = (first.json.properties.nextLink as string).slice(
        paged.url.length,
      );
      const otherBody = await call(paged, 'POST', next, {
        body: { ...yearBody, type: 'AmortizedCost' },
      });
      expect(otherBody.status).toBe(400);
      expect(otherBody.json.error).toEqual({
        code: 'BadRequest',
        message:
          'Invalid query definition: the $skiptoken belongs to another query; POST the same scope and body as the query whose nextLink it came from',
      });
      const otherScope = await call(
        paged,
        'POST',
        next.replace(scope, subscriptionScope(FINANCE)),
        { body: yearBody },
      );
      expect(otherScope.status).toBe(400);
      const unknown = await call(
        paged,
        'POST',
        `${queryPath(scope)}&$skiptoken=not-a-page`,
        { body: yearBody },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toEqual({
        code: 'NotFound',
        message:
          'The page this nextLink points to does not exist or has expired',
      });
    });

    describe('with costQueryPageSize', () => {
      let small: LocalAzureEndpoint;
      // Each endpoint makes its own certificates, which takes a while on a busy machine.
      beforeAll(async () => {
        small = await startLocalAzureEndpoint({
          now: () => NOW,
          costQueryPageSize: 10,
        });
      }, 30_000);
      afterAll(() => small.close());

      it('pages at that many rows', async () => {
        const sizes: number[] = [];
        let path: string | null = queryPath(subscriptionScope(FINANCE));
        while (path) {
          const page: { json: any } = await call(small, 'POST', path, {
            body: dailyBySubscription(),
          });
          sizes.push(page.json.properties.rows.length);
          const link: string | null = page.json.properties.nextLink;
          path = link && link.slice(small.url.length);
        }
        expect(sizes).toEqual([10, 10, 4]);
      });
    });

    it('refuses a page size that is not a whole number of rows', async () => {
      await expect(
        startLocalAzureEndpoint({ costQueryPageSize: 0 }),
      ).rejects.toThrow(
        'costQueryPageSize must be a whole number of rows, 1 or more; got 0',
      );
    });
  });

  describe('the dangling-next-link fault', () => {
    it('gives a query a nextLink to a page that does not exist; other routes ignore it', async () => {
      const added = await call(endpoint, 'POST', '/_admin/faults', {
        body: { path: '.*', kind: 'dangling-next-link', times: 2 },
        token: null,
      });
      expect(added.status).toBe(201);
      const res = await post(
        queryPath(subscriptionScope(FINANCE)),
        dailyBySubscription(),
      );
      expect(res.status).toBe(200);
      expect(res.json.properties.rows).toHaveLength(24);
      const next: string = res.json.properties.nextLink;
      expect(next).toContain('$skiptoken=');

      const subscriptions = await call(
        endpoint,
        'GET',
        `/subscriptions?${API}`,
      );
      expect(subscriptions.status).toBe(200);
      expect(subscriptions.headers['x-local-azure-fault']).toBe(added.json.id);
      expect(subscriptions.json.value.length).toBeGreaterThan(0);

      const followed = await post(
        next.slice(endpoint.url.length),
        dailyBySubscription(),
      );
      expect(followed.status).toBe(404);
      expect(followed.json.error.message).toBe(
        'The page this nextLink points to does not exist or has expired',
      );
    });
  });

  describe('forecast', () => {
    const monthRest = (overrides: Record<string, unknown> = {}) => ({
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: '2026-11-24T00:00:00Z',
        to: '2026-11-30T23:59:59Z',
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      },
      includeActualCost: false,
      includeFreshPartialCost: false,
      ...overrides,
    });

    it("answers a row per day in the shape of Microsoft's forecast example, adding up to the budget's forecast", async () => {
      const res = await post(
        forecastPath(subscriptionScope(SALES)),
        monthRest(),
      );
      expect(res.status).toBe(200);
      const example = forecastExample.responses['200'].body;
      expect(res.json.properties.columns).toEqual([
        { name: 'Cost', type: 'Number' },
        ...example.properties.columns.slice(1),
      ]);
      expect(res.json.id).toBe(
        `subscriptions/${SALES}/providers/Microsoft.CostManagement/query/${res.json.name}`,
      );
      const rows = res.json.properties.rows as [
        number,
        number,
        string,
        string,
      ][];
      expect(rows.map(r => [r[1], r[2], r[3]])).toEqual(
        [24, 25, 26, 27, 28, 29, 30].map(d => [
          20261100 + d,
          'Forecast',
          'USD',
        ]),
      );
      const { amount, forecast } = endpoint.tenant.spend.get(SALES);
      const ahead = rows.reduce((a, r) => a + r[0], 0);
      expect(amount + ahead).toBeCloseTo(forecast, 2);
    });

    it('adds actual cost for the days passed only when asked, and today so far unless told not to', async () => {
      const body = monthRest({
        timePeriod: {
          from: '2026-11-01T00:00:00Z',
          to: '2026-11-30T23:59:59Z',
        },
        includeActualCost: true,
      });
      const withFresh = await post(forecastPath(billingScope), {
        ...body,
        includeFreshPartialCost: true,
      });
      const rows = withFresh.json.properties.rows as [number, number, string][];
      const actual = rows.filter(r => r[2] === 'Actual');
      expect(actual.map(r => r[1])).toEqual(
        Array.from({ length: 24 }, (_, i) => 20261101 + i),
      );
      const everySubscription = endpoint.tenant
        .listSubscriptions()
        .reduce(
          (a, s) => a + endpoint.tenant.spend.get(s.subscriptionId).amount,
          0,
        );
      expect(actual.reduce((a, r) => a + r[0], 0)).toBeCloseTo(
        everySubscription,
        1,
      );
      // Today: what has passed (Actual), then the rest (Forecast).
      expect(rows.filter(r => r[1] === 20261124).map(r => r[2])).toEqual([
        'Actual',
        'Forecast',
      ]);

      const withoutFresh = await post(forecastPath(billingScope), body);
      const days = (withoutFresh.json.properties.rows as unknown[][])
        .filter(r => r[2] === 'Actual')
        .map(r => r[1]);
      expect(days).toHaveLength(23);

      const monthly = await post(forecastPath(billingScope), {
        ...body,
        dataset: { ...body.dataset, granularity: 'Monthly' },
      });
      expect(
        monthly.json.properties.rows.map((r: unknown[]) => r.slice(1, 3)),
      ).toEqual([
        [20261101, 'Actual'],
        [20261101, 'Forecast'],
      ]);
    });

    it('refuses grouping, other timeframes and unsupported filters', async () => {
      const grouped = await post(forecastPath(subscriptionScope(SALES)), {
        ...monthRest(),
        dataset: {
          ...monthRest().dataset,
          grouping: [{ type: 'Dimension', name: 'SubscriptionId' }],
        },
      });
      expect(grouped.status).toBe(400);
      expect(grouped.json.error).toEqual({
        code: 'BadRequest',
        message: 'Invalid dataset grouping: forecast does not support grouping',
      });
      const monthToDate = await post(
        forecastPath(subscriptionScope(SALES)),
        monthRest({ timeframe: 'MonthToDate', timePeriod: undefined }),
      );
      expect(monthToDate.status).toBe(400);
      expect(monthToDate.json.error.message).toBe(
        'Invalid query definition: timeframe is "MonthToDate"; allowed: Custom',
      );
      // Microsoft's example filters by location and tags.
      const example = await post(
        forecastPath(billingScope),
        forecastExample.parameters.parameters,
      );
      expect(example.status).toBe(400);
      expect(example.json.error.message).toContain(
        "Invalid query definition: dataset.filter uses 'and', which the local endpoint does not support",
      );
    });
  });

  describe('alerts', () => {
    const list = async (scope: string) => {
      const res = await call(endpoint, 'GET', alertsPath(scope));
      expect(res.status).toBe(200);
      return res.json.value as any[];
    };
    const summary = (alerts: any[]) =>
      alerts.map(a => [
        a.properties.details.triggeredBy,
        a.properties.definition.type,
        a.properties.status,
      ]);

    it("lists reached budget notifications in the shape of Microsoft's SubscriptionAlerts example", async () => {
      const res = await call(
        endpoint,
        'GET',
        alertsPath(subscriptionScope(SALES)),
      );
      expect(res.status).toBe(200);
      const example = alertsExample.responses['200'].body;
      expect(Object.keys(res.json).sort()).toEqual(Object.keys(example).sort());
      const [first] = res.json.value;
      const sample = example.value[0];
      expect(Object.keys(first).sort()).toEqual(Object.keys(sample).sort());
      expect(Object.keys(first.properties).sort()).toEqual(
        Object.keys(sample.properties).sort(),
      );
      expect(Object.keys(first.properties.details).sort()).toEqual(
        Object.keys(sample.properties.details).sort(),
      );
      expect(first.id).toBe(
        `subscriptions/${SALES}/providers/Microsoft.CostManagement/alerts/${first.name}`,
      );

      const b = 'budget-dp-domain-sales';
      expect(summary(res.json.value)).toEqual([
        [`${b}_Actual_GreaterThan_50_Percent`, 'Budget', 'Active'],
        [`${b}_Actual_GreaterThan_80_Percent`, 'Budget', 'Active'],
        [`${b}_Forecasted_GreaterThan_100_Percent`, 'BudgetForecast', 'Active'],
        [`${b}_Actual_GreaterThan_50_Percent`, 'Budget', 'Resolved'],
        [`${b}_Actual_GreaterThan_80_Percent`, 'Budget', 'Resolved'],
        [`${b}_Actual_GreaterThan_100_Percent`, 'Budget', 'Resolved'],
      ]);
    });

    it('agrees with the budget and the query: currentSpend, thresholds as fractions, dates', async () => {
      const alerts = await list(subscriptionScope(SALES));
      const query = await post(
        queryPath(subscriptionScope(SALES)),
        dailyBySubscription(),
      );
      const monthToDate = sumBy(query.json.properties.rows, 2).get(SALES);
      const budget = await call(
        endpoint,
        'GET',
        `/subscriptions/${SALES}/providers/Microsoft.Consumption/budgets/budget-dp-domain-sales?api-version=2021-10-01`,
      );
      expect(budget.json.properties.currentSpend.amount).toBe(monthToDate);

      const actual80 = alerts[1].properties;
      expect(actual80.definition).toEqual({
        type: 'Budget',
        category: 'Cost',
        criteria: 'CostThresholdExceeded',
      });
      expect(actual80.details).toMatchObject({
        threshold: 0.8,
        operator: 'GreaterThan',
        amount: 15_000,
        currentSpend: monthToDate,
        unit: 'USD',
        timeGrainType: 'Monthly',
        periodStartDate: '2026-11-01T00:00:00Z',
        contactEmails: ['sales-data@contoso.example'],
      });
      expect(actual80.costEntityId).toBe('budget-dp-domain-sales');
      expect(actual80.closeTime).toBe('0001-01-01T00:00:00');
      // 12,000 of a 17,300-a-month run rate: reached in the third week.
      expect(actual80.creationTime >= '2026-11-15').toBe(true);
      expect(actual80.creationTime < '2026-11-24T12:00:00').toBe(true);

      const forecast = alerts[2].properties;
      expect(forecast.definition.criteria).toBe(
        'ForecastCostThresholdExceeded',
      );
      expect(forecast.details.threshold).toBe(1);
      expect(forecast.details.currentSpend).toBe(
        budget.json.properties.forecastSpend.amount,
      );

      const resolved = alerts[5].properties;
      expect(resolved).toMatchObject({
        status: 'Resolved',
        closeTime: '2026-11-01T00:00:00Z',
      });
      expect(resolved.details.periodStartDate).toBe('2026-10-01T00:00:00Z');
      expect(resolved.creationTime.startsWith('2026-10-')).toBe(true);
      expect(resolved.details.currentSpend).toBeGreaterThan(15_000);
    });

    it('follows spend set through the admin API', async () => {
      const before = summary(await list(subscriptionScope(FINANCE)));
      expect(before).not.toContainEqual([
        'budget-dp-domain-finance_Actual_GreaterThan_100_Percent',
        'Budget',
        'Active',
      ]);
      endpoint.tenant.spend.set(FINANCE, 26_000);
      const after = await list(subscriptionScope(FINANCE));
      const over = after.find(
        a =>
          a.properties.details.triggeredBy ===
            'budget-dp-domain-finance_Actual_GreaterThan_100_Percent' &&
          a.properties.status === 'Active',
      );
      expect(over.properties.details.currentSpend).toBe(26_000);
    });

    it('covers the subscriptions of a management group and the billing account', async () => {
      const owners = (alerts: any[]) =>
        [...new Set(alerts.map(a => a.id.split('/')[1]))].sort();
      expect(
        owners(await list(groupScope(DEMO_MANAGEMENT_GROUPS.domains))),
      ).toEqual([...DOMAINS].sort());
      expect(owners(await list(billingScope))).toEqual(
        [...DOMAINS, GENAI_SANDBOX].sort(),
      );
      const genai = await list(groupScope(DEMO_MANAGEMENT_GROUPS.sandboxes));
      expect(summary(genai).filter(a => a[2] === 'Active')).toEqual([
        [
          'budget-dp-sandbox-genai-pilot_Actual_GreaterThan_50_Percent',
          'Budget',
          'Active',
        ],
        [
          'budget-dp-sandbox-genai-pilot_Actual_GreaterThan_80_Percent',
          'Budget',
          'Active',
        ],
        [
          'budget-dp-sandbox-genai-pilot_Forecasted_GreaterThan_100_Percent',
          'BudgetForecast',
          'Active',
        ],
      ]);
    });

    it('dismisses an alert (the SDK’s PATCH), keeps it dismissed, and reactivates it', async () => {
      const [alert] = await list(subscriptionScope(SALES));
      const path = alertsPath(
        groupScope(DEMO_MANAGEMENT_GROUPS.domains),
        alert.name,
      );
      const dismissed = await call(endpoint, 'PATCH', path, {
        body: { properties: { status: 'Dismissed' } },
      });
      expect(dismissed.status).toBe(200);
      expect(dismissed.json.properties).toMatchObject({
        status: 'Dismissed',
        statusModificationTime: new Date(NOW).toISOString(),
      });
      const listed = await list(subscriptionScope(SALES));
      expect(listed[0].properties.status).toBe('Dismissed');
      const read = await call(
        endpoint,
        'GET',
        alertsPath(subscriptionScope(SALES), alert.name),
      );
      expect(read.json.properties.status).toBe('Dismissed');

      const active = await call(endpoint, 'PATCH', path, {
        body: { properties: { status: 'Active' } },
      });
      expect(active.json.properties.status).toBe('Active');

      await call(endpoint, 'PATCH', path, {
        body: { properties: { status: 'Dismissed' } },
      });
      endpoint.tenant.reset();
      expect((await list(subscriptionScope(SALES)))[0].properties.status).toBe(
        'Active',
      );
    });

    it('refuses a bad status naming the field, and alerts outside the scope or unknown with 404', async () => {
      const [alert] = await list(subscriptionScope(SALES));
      const bad = await call(
        endpoint,
        'PATCH',
        alertsPath(subscriptionScope(SALES), alert.name),
        { body: { properties: { status: 'Resolved' } } },
      );
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain("'properties.status'");
      expect(bad.json.error.message).toContain('allowed: Active, Dismissed');

      const elsewhere = await call(
        endpoint,
        'PATCH',
        alertsPath(subscriptionScope(FINANCE), alert.name),
        { body: { properties: { status: 'Dismissed' } } },
      );
      expect(elsewhere.status).toBe(404);
      const unknown = await call(
        endpoint,
        'PATCH',
        alertsPath(subscriptionScope(SALES), UNKNOWN_SUBSCRIPTION),
        { body: { properties: { status: 'Dismissed' } } },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('NotFound');
    });
  });

  describe('cost profiles through the admin API', () => {
    const profilePath = (id: string) =>
      `/_admin/subscriptions/${id}/cost-profile`;

    it('sets a profile that the query, budgets and alerts then follow', async () => {
      const put = await call(endpoint, 'PUT', profilePath(HR), {
        body: { monthlyRunRate: 30_000 },
        token: null,
      });
      expect(put.status).toBe(200);
      expect(put.json).toEqual({
        subscriptionId: HR,
        profile: {
          monthlyRunRate: 30_000,
          weekendFactor: 1,
          monthlyGrowth: 0,
          noise: 0,
        },
        // 23 days and half of today at 1,000 a day.
        spend: {
          subscriptionId: HR,
          amount: 23_500,
          forecast: 30_000,
          unit: 'USD',
        },
      });
      const query = await post(
        queryPath(subscriptionScope(HR)),
        dailyBySubscription(),
      );
      expect(query.json.properties.rows[0][0]).toBe(1000);
      const alerts = await list(subscriptionScope(HR));
      expect(
        alerts
          .filter(a => a.properties.status === 'Active')
          .map(a => a.properties.details.triggeredBy),
      ).toEqual([
        'budget-dp-domain-hr_Actual_GreaterThan_50_Percent',
        'budget-dp-domain-hr_Actual_GreaterThan_80_Percent',
        'budget-dp-domain-hr_Actual_GreaterThan_100_Percent',
        'budget-dp-domain-hr_Forecasted_GreaterThan_100_Percent',
      ]);

      const read = await call(endpoint, 'GET', profilePath(HR), {
        token: null,
      });
      expect(read.json.profile.monthlyRunRate).toBe(30_000);
      const removed = await call(endpoint, 'DELETE', profilePath(HR), {
        token: null,
      });
      expect(removed.status).toBe(204);
      expect(endpoint.tenant.spend.get(HR)).toEqual({ amount: 0, forecast: 0 });
    });

    async function list(scope: string) {
      const res = await call(endpoint, 'GET', alertsPath(scope));
      return res.json.value as any[];
    }

    it('names the bad field and refuses unknown subscriptions', async () => {
      const bad = await call(endpoint, 'PUT', profilePath(HR), {
        body: { monthlyRunRate: 1000, weekendFactor: -1 },
        token: null,
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toEqual({
        code: 'InvalidCostProfile',
        message:
          'weekendFactor: must be from 0 to 1 (a weekend day costs this times a weekday)',
      });
      const unknown = await call(
        endpoint,
        'PUT',
        profilePath(UNKNOWN_SUBSCRIPTION),
        { body: { monthlyRunRate: 1000 }, token: null },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('SubscriptionNotFound');
    });
  });
});
