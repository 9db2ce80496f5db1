import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  addDays,
  DomainCost,
  EstateCost,
  SandboxCost,
} from '@dataplatform/plugin-cost-common';
import { SUBSCRIPTIONS } from '../__testUtils__/azure';
import { demoCatalog } from '../__testUtils__/catalog';
import { CostCatalog } from './CostCatalog';
import { CostStore } from './CostStore';
import { CostViews, NO_DOMAIN_SERIES, SANDBOXES_SERIES } from './CostViews';
import { BudgetLike, CostSnapshotData } from './snapshot';

const TENANT = 'a3c5e7f9-1111-4222-8333-944455556666';
const TODAY = '2026-11-24';
const AT = '2026-11-24T08:00:00.000Z';
const ANOMALY_DAY = '2026-11-18';

/** Ninety days of one cost a day, up to today. */
function flat(perDay: number, overrides: Record<string, number> = {}) {
  const days: Record<string, number> = {};
  for (let i = 0; i < 90; i++) days[addDays(TODAY, -i)] = perDay;
  return { ...days, ...overrides };
}

function budget(
  name: string,
  amount: number,
  spend: { current: number; forecast?: number },
): BudgetLike {
  const notification = (threshold: number, thresholdType: string) => ({
    enabled: true,
    operator: 'GreaterThan',
    threshold,
    thresholdType,
    contactEmails: ['owners@contoso.example'],
    contactGroups: [],
    contactRoles: [],
  });
  return {
    name,
    amount,
    category: 'Cost',
    timeGrain: 'Monthly',
    currentSpend: { amount: spend.current, unit: 'USD' },
    ...(spend.forecast !== undefined
      ? { forecastSpend: { amount: spend.forecast, unit: 'USD' } }
      : {}),
    notifications: {
      Actual_GreaterThan_50_Percent: notification(50, 'Actual'),
      Actual_GreaterThan_80_Percent: notification(80, 'Actual'),
      Actual_GreaterThan_100_Percent: notification(100, 'Actual'),
      Forecasted_GreaterThan_100_Percent: notification(100, 'Forecasted'),
    },
  };
}

const alertId = (sub: string, n: number) =>
  `subscriptions/${sub}/providers/Microsoft.CostManagement/alerts/0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;

/**
 * finance: 700 a day with a runaway day (2,800) six days ago, budget 25,000
 * with Azure's forecast; sales: 600 a day, budget 15,000 without a forecast
 * (the estate share applies); marketing: a budget and no cost at all; the
 * genai sandbox 19 a day; a platform subscription outside the catalog 400 a
 * day. Azure reports three alerts, one on a billing account.
 */
function snapshotData(
  overrides: Partial<CostSnapshotData> = {},
): CostSnapshotData {
  const part = { asOf: AT };
  return {
    collectedAt: AT,
    today: TODAY,
    scope: '/providers/Microsoft.Management/managementGroups/mg-root',
    grouping: 'subscription',
    currency: 'USD',
    usage: {
      ...part,
      groups: {
        [SUBSCRIPTIONS.finance]: flat(700, { [ANOMALY_DAY]: 2800 }),
        [SUBSCRIPTIONS.sales]: flat(600),
        [SUBSCRIPTIONS.genaiPilot]: flat(19),
        [SUBSCRIPTIONS.platform]: flat(400),
      },
    },
    forecast: { ...part, remaining: 10_000, monthEnd: '2026-11-30' },
    alerts: {
      ...part,
      items: [
        {
          id: alertId(SUBSCRIPTIONS.finance, 1),
          definition: {
            type: 'Budget',
            category: 'Cost',
            criteria: 'CostThresholdExceeded',
          },
          details: {
            threshold: 0.5,
            operator: 'GreaterThan',
            amount: 25_000,
            currentSpend: 18_900,
            unit: 'USD',
          },
          costEntityId: 'budget-dp-domain-finance',
          status: 'Active',
          creationTime: '2026-11-16T06:00:00Z',
        },
        {
          id: alertId(SUBSCRIPTIONS.platform, 2),
          definition: {
            type: 'Credit',
            criteria: 'CreditThresholdApproaching',
          },
          status: 'Active',
          creationTime: '2026-11-20T06:00:00Z',
        },
        {
          id: alertId(SUBSCRIPTIONS.sales, 3),
          definition: {
            type: 'Budget',
            criteria: 'CostThresholdExceeded',
          },
          details: { threshold: 0.8, amount: 15_000, currentSpend: 12_500 },
          costEntityId: 'budget-dp-domain-sales',
          status: 'Resolved',
          creationTime: '2026-10-25T06:00:00Z',
          closeTime: '2026-11-01T00:00:00Z',
        },
        {
          id: '/providers/Microsoft.Billing/billingAccounts/1/providers/Microsoft.CostManagement/alerts/x',
          definition: { type: 'Invoice' },
          status: 'Active',
        },
      ],
    },
    budgets: {
      [SUBSCRIPTIONS.finance]: {
        ...part,
        items: [
          budget('budget-dp-domain-finance', 25_000, {
            current: 18_900,
            forecast: 24_800,
          }),
          // A quarterly budget is listed but is not the monthly one.
          {
            ...budget('budget-q4', 90_000, { current: 50_000 }),
            timeGrain: 'Quarterly',
          },
        ],
      },
      [SUBSCRIPTIONS.sales]: {
        ...part,
        items: [budget('budget-dp-domain-sales', 15_000, { current: 14_400 })],
      },
      [SUBSCRIPTIONS.marketing]: {
        ...part,
        items: [budget('budget-dp-domain-marketing', 12_000, { current: 0 })],
      },
      [SUBSCRIPTIONS.genaiPilot]: {
        ...part,
        items: [budget('budget-dp-sandbox-genai-pilot', 800, { current: 456 })],
      },
      // Read, and without a budget.
      [SUBSCRIPTIONS.hr]: { ...part, items: [] },
      [SUBSCRIPTIONS.operationsIot]: { ...part, items: [] },
      [SUBSCRIPTIONS.platform]: { ...part, items: [] },
    },
    staleReasons: [],
    attempt: {
      startedAt: '2026-11-24T07:59:00.000Z',
      finishedAt: AT,
      calls: 3,
    },
    ...overrides,
  };
}

describe('CostViews', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp(
    options: {
      entities?: Entity[];
      now?: () => number;
      seriesLimit?: number;
      onUnreadSubscriptions?: (subscriptions: string[]) => void;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const makeViews = () =>
      new CostViews({
        store,
        catalog: new CostCatalog({
          catalog: catalogServiceMock({
            entities: options.entities ?? demoCatalog(),
          }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
        }),
        tenantId: TENANT,
        grouping: 'subscription',
        seriesLimit: options.seriesLimit ?? 8,
        intervalMinutes: 60,
        ...(options.now ? { now: options.now } : {}),
        ...(options.onUnreadSubscriptions
          ? { onUnreadSubscriptions: options.onUnreadSubscriptions }
          : {}),
      });
    return { store, views: makeViews() };
  }

  const domainOf = async (views: CostViews, name: string) =>
    views.domainCost(await views.findDomain(name));

  it('says budgets are not read yet for a domain the last refresh did not know, and asks for an early refresh', async () => {
    const unread: string[][] = [];
    const { store, views } = await setUp({
      onUnreadSubscriptions: subs => unread.push(subs),
    });
    const data = snapshotData();
    const { [SUBSCRIPTIONS.sales]: _salesBudgets, ...others } = data.budgets;
    await store.save({ ...data, budgets: others });
    const sales = await domainOf(views, 'sales');
    expect(sales.state).toBe('ok');
    if (sales.state !== 'ok') return;
    expect(sales.data.stale).toBe(true);
    expect(sales.data.staleReasons).toEqual([
      `budgets of ${SUBSCRIPTIONS.sales}: not read yet (it came into the catalog after the last refresh; the next refresh reads them)`,
    ]);
    const finance = await domainOf(views, 'finance');
    expect(finance.state === 'ok' && finance.data.stale).toBe(false);
    expect(unread).toEqual([[SUBSCRIPTIONS.sales]]);
  });

  describe('before the first refresh', () => {
    it('answers pending for a domain with a subscription, and no-subscription for one without', async () => {
      const { views } = await setUp();
      expect(await domainOf(views, 'finance')).toEqual({
        state: 'pending',
        entityRef: 'domain:default/finance',
        name: 'finance',
        data: { stale: false, staleReasons: [] },
      });
      expect(await domainOf(views, 'research')).toEqual({
        state: 'no-subscription',
        entityRef: 'domain:default/research',
        name: 'research',
        annotation: 'dataplatform.contoso.com/azure-subscription-id',
        problem:
          'The Domain has no dataplatform.contoso.com/azure-subscription-id annotation; add it with the id of its Azure subscription (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)',
      });
    });

    it('stays pending with the reason when the first refresh could not read the cost', async () => {
      const { store, views } = await setUp();
      const reason = 'usage: HTTP 429: TooManyRequests: Too many requests';
      await store.save(
        snapshotData({
          usage: { groups: {}, error: reason },
          staleReasons: [reason],
        }),
      );
      expect(await domainOf(views, 'finance')).toMatchObject({
        state: 'pending',
        data: { stale: true, staleReasons: [reason], lastAttemptAt: AT },
      });
      const estate = JSON.parse(
        (await views.estate()).json.toString('utf8'),
      ) as EstateCost;
      expect(estate.totals).toMatchObject({
        monthToDate: 0,
        forecastMonthEnd: null,
      });
      expect(estate.data.stale).toBe(true);
    });

    it('names 404s for names the catalog does not have', async () => {
      const { views } = await setUp();
      await expect(views.findDomain('nope')).rejects.toThrow(
        "No Domain named 'nope' in the catalog",
      );
      await expect(views.findSandbox('finance')).rejects.toThrow(
        "No innovation sandbox named 'finance' in the catalog (a Resource with spec.type azure-sandbox)",
      );
    });
  });

  describe('with a snapshot', () => {
    it("shows a domain's month to date, Azure's budget forecast, thresholds reached and alerts, anomaly included", async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const finance = (await domainOf(views, 'finance')) as DomainCost;
      expect(finance.state).toBe('ok');
      expect(finance.subscriptionId).toBe(SUBSCRIPTIONS.finance);
      expect(finance.daily).toHaveLength(90);
      expect(finance.daily.at(-1)).toEqual({ date: TODAY, cost: 700 });
      expect(finance.summary).toMatchObject({
        currency: 'USD',
        monthToDate: 18_900,
        lastMonthToDate: 16_800,
        forecastMonthEnd: 24_800,
        forecastSource: 'azure-budget',
        budgetName: 'budget-dp-domain-finance',
        budget: 25_000,
        burnPercent: 75.6,
        forecastPercent: 99.2,
        risk: 'at-risk',
      });
      expect(finance.monthly.map(m => m.month)).toEqual([
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
      expect(finance.budgets.map(b => b.name)).toEqual([
        'budget-dp-domain-finance',
        'budget-q4',
      ]);
      expect(
        finance.budgets[0].notifications.map(n => [
          n.name,
          n.thresholdAmount,
          n.reached,
        ]),
      ).toEqual([
        ['Actual_GreaterThan_50_Percent', 12_500, true],
        ['Actual_GreaterThan_80_Percent', 20_000, false],
        ['Actual_GreaterThan_100_Percent', 25_000, false],
        ['Forecasted_GreaterThan_100_Percent', 25_000, false],
      ]);
      expect(finance.budgets[0].portalUrl).toContain('/Menu/~/budgets/scope/');
      expect(finance.alerts.map(a => [a.kind, a.status, a.source])).toEqual([
        ['anomaly', 'active', 'portal'],
        ['budget', 'active', 'azure'],
      ]);
      expect(finance.alerts[0]).toMatchObject({
        id: `anomaly:${SUBSCRIPTIONS.finance}:${ANOMALY_DAY}`,
        domain: 'finance',
        currentSpend: 2800,
        expected: 700,
      });
      expect(finance.alerts[1]).toMatchObject({
        budgetName: 'budget-dp-domain-finance',
        thresholdPercent: 50,
        domain: 'finance',
      });
      expect(finance.data).toEqual({
        asOf: AT,
        lastAttemptAt: AT,
        stale: false,
        staleReasons: [],
        nextRefreshAt: '2026-11-24T08:59:00.000Z',
      });
    });

    it("forecasts a domain whose budget has no forecast by its share of the estate's forecast", async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const sales = (await domainOf(views, 'sales')) as DomainCost;
      // Last 7 complete days: sales 4,200 of 14,133 (finance 7,000, genai 133,
      // platform 2,800), so 29.7 % of the 10,000 forecast for the rest of the month.
      expect(sales.summary).toMatchObject({
        monthToDate: 14_400,
        forecastMonthEnd: 17_371.77,
        forecastSource: 'azure-estate-share',
        risk: 'forecast-over-budget',
      });
      expect(sales.alerts.map(a => a.status)).toEqual(['resolved']);
    });

    it('says no-data for a domain whose subscription has no cost at all', async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const marketing = (await domainOf(views, 'marketing')) as DomainCost;
      expect(marketing.summary).toMatchObject({
        monthToDate: 0,
        risk: 'no-data',
      });
      expect(marketing.daily.every(d => d.cost === 0)).toBe(true);
    });

    it("projects a sandbox's spend to its cap from the annotation, before its lease ends", async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const genai = (await views.sandboxCost(
        await views.findSandbox('sandbox-genai-pilot'),
      )) as SandboxCost;
      expect(genai).toMatchObject({
        state: 'ok',
        subscriptionId: SUBSCRIPTIONS.genaiPilot,
        currency: 'USD',
        cap: 500,
        capSource: 'annotation',
        spend: 456,
        spendPercent: 91.2,
        dailyRate: 19,
        daysUntilCap: 3,
        capReachedOn: '2026-11-27',
        expiresOn: '2099-01-31',
        capBeforeExpiry: true,
      });
    });

    it("takes a sandbox's cap from its budget when it has no cap annotation", async () => {
      const { store, views } = await setUp({
        entities: demoCatalog().map(e =>
          e.kind === 'Resource'
            ? {
                ...e,
                metadata: {
                  ...e.metadata,
                  annotations: {
                    'dataplatform.contoso.com/azure-subscription-id':
                      SUBSCRIPTIONS.genaiPilot,
                  },
                },
              }
            : e,
        ),
      });
      await store.save(snapshotData());
      const genai = (await views.sandboxCost(
        await views.findSandbox('sandbox-genai-pilot'),
      )) as SandboxCost;
      expect(genai).toMatchObject({
        cap: 800,
        capSource: 'budget',
        daysUntilCap: 19,
      });
      expect(genai.expiresOn).toBeUndefined();
    });

    it('marks only the views that use a part the last refresh could not read as stale', async () => {
      const { store, views } = await setUp();
      const forecastReason = 'forecast: HTTP 500: InternalServerError: boom';
      const budgetReason = `budgets of ${SUBSCRIPTIONS.marketing}: HTTP 503: ServiceUnavailable: down`;
      const good = snapshotData();
      await store.save(
        snapshotData({
          forecast: { ...good.forecast, error: forecastReason },
          budgets: {
            ...good.budgets,
            [SUBSCRIPTIONS.marketing]: {
              ...good.budgets[SUBSCRIPTIONS.marketing],
              error: budgetReason,
            },
          },
          staleReasons: [forecastReason, budgetReason],
        }),
      );
      // finance's forecast is its budget's: the failed estate forecast does not touch it.
      expect((await domainOf(views, 'finance')).state === 'ok').toBe(true);
      expect(
        ((await domainOf(views, 'finance')) as DomainCost).data.stale,
      ).toBe(false);
      expect(
        ((await domainOf(views, 'sales')) as DomainCost).data,
      ).toMatchObject({
        stale: true,
        staleReasons: [forecastReason],
      });
      expect(
        ((await domainOf(views, 'marketing')) as DomainCost).data,
      ).toMatchObject({
        stale: true,
        staleReasons: [forecastReason, budgetReason],
      });
      const estate = JSON.parse(
        (await views.estate()).json.toString('utf8'),
      ) as EstateCost;
      expect(estate.data.staleReasons).toEqual([forecastReason, budgetReason]);
    });

    it('ranks the estate by risk, with totals, stacked series and sandboxes', async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const estate = JSON.parse(
        (await views.estate()).json.toString('utf8'),
      ) as EstateCost;
      expect(
        estate.domains.map(d => [
          d.name,
          d.summary?.risk ?? d.problem?.slice(0, 20),
        ]),
      ).toEqual([
        ['sales', 'forecast-over-budget'],
        ['finance', 'at-risk'],
        ['marketing', 'no-data'],
        ['hr', 'no-data'],
        ['operations-iot', 'no-data'],
        ['logistics', "The Domain's datapla"],
        ['research', 'The Domain has no da'],
      ]);
      expect(estate.domains[1]).toMatchObject({
        entityRef: 'domain:default/finance',
        ownerGroup: 'group:default/finance-domain-owners',
        activeAlerts: 2,
      });
      expect(estate.totals).toEqual({
        monthToDate: 43_356,
        lastMonthToDate: 41_256,
        forecastMonthEnd: 53_356,
        budget: 52_000,
        activeAlerts: 3,
      });
      expect(estate.sandboxes).toEqual([
        {
          entityRef: 'resource:default/sandbox-genai-pilot',
          name: 'sandbox-genai-pilot',
          expiresOn: '2099-01-31',
          subscriptionId: SUBSCRIPTIONS.genaiPilot,
          spend: 456,
          cap: 500,
          spendPercent: 91.2,
          daysUntilCap: 3,
        },
      ]);
      expect(estate.seriesLimit).toBe(8);
      expect(estate.daily.keys).toEqual([
        'finance',
        'sales',
        NO_DOMAIN_SERIES,
        SANDBOXES_SERIES,
      ]);
      expect(estate.daily.points).toHaveLength(90);
      expect(estate.daily.points.at(-1)).toEqual({
        period: TODAY,
        values: {
          finance: 700,
          sales: 600,
          [NO_DOMAIN_SERIES]: 400,
          [SANDBOXES_SERIES]: 19,
        },
      });
      expect(estate.monthly.points.map(p => p.period)).toEqual([
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
    });

    it('sums the smaller domains into other beyond the series limit', async () => {
      const { store, views } = await setUp({ seriesLimit: 1 });
      await store.save(snapshotData());
      const estate = JSON.parse(
        (await views.estate()).json.toString('utf8'),
      ) as EstateCost;
      expect(estate.daily.keys).toEqual(['finance', 'other']);
      expect(estate.daily.points.at(-1)?.values).toEqual({
        finance: 700,
        other: 1019,
      });
    });

    it('serves the same estate JSON and ETag until a new snapshot is stored', async () => {
      const { store, views } = await setUp();
      const first = await store.save(snapshotData());
      const a = await views.estate();
      const b = await views.estate();
      expect(b).toBe(a);
      expect(a.etag).toMatch(new RegExp(`^"${first.id}-[0-9a-f]{16}"$`));
      await store.save(snapshotData({ currency: 'EUR' }));
      views.invalidate();
      const c = await views.estate();
      expect(c.etag).not.toBe(a.etag);
      expect(JSON.parse(c.json.toString('utf8')).currency).toBe('EUR');
    });

    it('feeds every alert with counts, filtered by kind, status and domain', async () => {
      const { store, views } = await setUp();
      await store.save(snapshotData());
      const all = await views.alerts({});
      expect(all.alerts.map(a => [a.kind, a.status, a.domain])).toEqual([
        ['other', 'active', undefined],
        ['anomaly', 'active', 'finance'],
        ['budget', 'active', 'finance'],
        ['budget', 'resolved', 'sales'],
      ]);
      expect(all.counts).toEqual({
        byKind: { budget: 2, forecast: 0, anomaly: 1, other: 1 },
        byStatus: { active: 3, resolved: 1, dismissed: 0 },
      });
      const filtered = await views.alerts({
        kinds: ['budget'],
        statuses: ['active', 'resolved'],
        domain: 'Sales',
      });
      expect(filtered.alerts.map(a => a.id)).toEqual([
        alertId(SUBSCRIPTIONS.sales, 3),
      ]);
      expect(filtered.counts).toEqual(all.counts);
    });
  });

  it('picks up a snapshot another instance stored within the check interval', async () => {
    let now = 1_000_000;
    const { store, views } = await setUp({ now: () => now });
    const first = await store.save(snapshotData());
    expect((await views.estate()).etag).toContain(`"${first.id}-`);
    const second = await store.save(snapshotData({ currency: 'EUR' }));
    now += 4_000;
    expect((await views.estate()).etag).toContain(`"${first.id}-`);
    now += 1_500;
    expect((await views.estate()).etag).toContain(`"${second.id}-`);
  });
});
