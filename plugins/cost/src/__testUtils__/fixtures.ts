import { Entity } from '@backstage/catalog-model';
import { HttpResponse } from 'msw';
import {
  addDays,
  BudgetView,
  CostAlertFeed,
  CostAlertView,
  CostDataAge,
  CostPending,
  DailyCost,
  DomainCost,
  DomainCostMissingSubscription,
  EstateCost,
  fillDailySeries,
  monthlyOf,
  SandboxCost,
  summarizeCost,
} from '@dataplatform/plugin-cost-common';

/** Where the test app's discovery finds the backend plugin. */
export const BASE = 'http://localhost:7007/api/dataplatform-cost';

/** The backend's day. Charts and figures read it from the data, not the clock. */
export const TODAY = '2026-11-24';

const MINUTE = 60_000;

/** Minutes before the test started, as an ISO time. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

export const TENANT = '7c69a373-b08d-46be-806d-a881ce6a31b1';
export const SALES_SUB = '2b8c4d7e-1f3a-4c5b-9d6e-7a8b9c0d1e2f';
export const GENAI_SUB = '9237d247-7c35-491e-a970-1ca587594fbc';
export const SUBSCRIPTION_ANNOTATION =
  'dataplatform.contoso.com/azure-subscription-id';

const PORTAL = `https://portal.azure.com/#@${TENANT}/blade/Microsoft_Azure_CostManagement/Menu/~`;
export function costAnalysis(sub: string): string {
  return `${PORTAL}/costanalysis/scope/${encodeURIComponent(
    `/subscriptions/${sub}`,
  )}`;
}
function budgetsPortal(sub: string): string {
  return `${PORTAL}/budgets/scope/${encodeURIComponent(
    `/subscriptions/${sub}`,
  )}`;
}

/** Fresh data read 3 hours ago, next read in 40 minutes. */
export function freshData(overrides: Partial<CostDataAge> = {}): CostDataAge {
  return {
    asOf: minutesAgo(180),
    lastAttemptAt: minutesAgo(180),
    stale: false,
    staleReasons: [],
    nextRefreshAt: new Date(Date.now() + 40 * MINUTE).toISOString(),
    ...overrides,
  };
}

export const THROTTLED_REASON =
  'usage: Cost Management quota for this tenant is used up; Azure asks to wait 3600 s (until 12:00:00 UTC)';

/** The last refresh failed the usage query; the data shown is 7 hours old. */
export function staleData(): CostDataAge {
  return {
    asOf: minutesAgo(7 * 60),
    lastAttemptAt: minutesAgo(20),
    stale: true,
    staleReasons: [THROTTLED_REASON, 'alerts: Azure answered HTTP 500'],
  };
}

/**
 * 90 days up to {@link TODAY}: `nov` a day in November, `oct` in October,
 * `earlier` before; `extra` overrides single days.
 */
export function dailySeries(
  nov: number,
  oct: number,
  earlier: number,
  extra: Record<string, number> = {},
): DailyCost[] {
  const costs: Record<string, number> = {};
  for (let i = 0; i < 90; i++) {
    const day = addDays(TODAY, -i);
    if (day.startsWith('2026-11')) costs[day] = nov;
    else if (day.startsWith('2026-10')) costs[day] = oct;
    else costs[day] = earlier;
  }
  return fillDailySeries({ ...costs, ...extra }, TODAY);
}

export const salesDaily = dailySeries(500, 445, 430);

function notification(
  name: string,
  thresholdType: 'Actual' | 'Forecasted',
  thresholdPercent: number,
  amount: number,
  reached: boolean,
) {
  return {
    name,
    enabled: true,
    thresholdType,
    operator: 'GreaterThanOrEqualTo',
    thresholdPercent,
    thresholdAmount: (amount * thresholdPercent) / 100,
    reached,
    contactEmails: ['sales-owners@contoso.com'],
    contactGroups: [],
    contactRoles: ['Owner'],
  };
}

export const salesBudget: BudgetView = {
  name: 'budget-dp-domain-sales',
  amount: 15_000,
  timeGrain: 'Monthly',
  currentSpend: 12_000,
  forecastSpend: 17_420,
  currency: 'USD',
  // Listed out of order: the card sorts actual before forecast, lowest first.
  notifications: [
    notification(
      'Forecasted_GreaterThan_100_Percent',
      'Forecasted',
      100,
      15_000,
      true,
    ),
    notification(
      'Actual_GreaterThan_100_Percent',
      'Actual',
      100,
      15_000,
      false,
    ),
    notification('Actual_GreaterThan_50_Percent', 'Actual', 50, 15_000, true),
    notification('Actual_GreaterThan_80_Percent', 'Actual', 80, 15_000, true),
  ],
  portalUrl: budgetsPortal(SALES_SUB),
};

export const salesActualAlert: CostAlertView = {
  id: `subscriptions/${SALES_SUB}/providers/Microsoft.CostManagement/alerts/11111111-0000-4000-8000-000000000001`,
  kind: 'budget',
  source: 'azure',
  status: 'active',
  subscriptionId: SALES_SUB,
  domain: 'sales',
  title:
    'Actual cost reached 80% of budget-dp-domain-sales (12,000 of 15,000 USD)',
  detail: 'Budget: CostThresholdExceeded',
  thresholdPercent: 80,
  amount: 15_000,
  currentSpend: 12_000,
  currency: 'USD',
  budgetName: 'budget-dp-domain-sales',
  raisedAt: '2026-11-24T06:00:00Z',
  portalUrl: costAnalysis(SALES_SUB),
};

export const salesForecastAlert: CostAlertView = {
  ...salesActualAlert,
  id: `subscriptions/${SALES_SUB}/providers/Microsoft.CostManagement/alerts/11111111-0000-4000-8000-000000000002`,
  kind: 'forecast',
  title:
    'Forecast reaches 100% of budget-dp-domain-sales (17,420 vs 15,000 USD)',
  detail: 'BudgetForecast: ForecastCostThresholdExceeded',
  thresholdPercent: 100,
  currentSpend: 17_420,
  raisedAt: '2026-11-15T06:00:00Z',
};

export const salesResolvedAlert: CostAlertView = {
  ...salesActualAlert,
  id: `subscriptions/${SALES_SUB}/providers/Microsoft.CostManagement/alerts/11111111-0000-4000-8000-000000000003`,
  status: 'resolved',
  title:
    'Actual cost reached 50% of budget-dp-domain-sales (7,500 of 15,000 USD)',
  thresholdPercent: 50,
  raisedAt: '2026-10-16T06:00:00Z',
};

export const financeAnomaly: CostAlertView = {
  id: 'anomaly:5d2e8f1a-3b4c-4d5e-8f6a-7b8c9d0e1f2a:2026-11-18',
  kind: 'anomaly',
  source: 'portal',
  status: 'active',
  subscriptionId: '5d2e8f1a-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
  domain: 'finance',
  title: 'Cost on 2026-11-18 was 4.1× the usual (8,420 vs 2,050 USD)',
  detail: 'Far above the median of the 14 days before it',
  currentSpend: 8_420,
  expected: 2_050,
  currency: 'USD',
  raisedAt: '2026-11-18T00:00:00Z',
  portalUrl: costAnalysis('5d2e8f1a-3b4c-4d5e-8f6a-7b8c9d0e1f2a'),
};

/** Sales: 12,000 spent of 15,000, Azure forecasts 17,420: forecast over budget. */
export function salesCost(overrides: Partial<DomainCost> = {}): DomainCost {
  return {
    state: 'ok',
    entityRef: 'domain:default/sales',
    name: 'sales',
    title: 'Sales',
    ownerGroup: 'group:default/sales-domain-owners',
    subscriptionId: SALES_SUB,
    costAnalysisUrl: costAnalysis(SALES_SUB),
    summary: summarizeCost({
      daily: salesDaily,
      today: TODAY,
      currency: 'USD',
      budget: {
        name: salesBudget.name,
        amount: salesBudget.amount,
        forecastSpend: salesBudget.forecastSpend,
      },
    }),
    daily: salesDaily,
    monthly: monthlyOf(salesDaily, TODAY),
    budgets: [salesBudget],
    alerts: [salesActualAlert, salesForecastAlert, salesResolvedAlert],
    data: freshData(),
    ...overrides,
  };
}

/** Platform: no budget; the forecast is the estate's, shared. */
export function platformCost(): DomainCost {
  const daily = dailySeries(400, 390, 380);
  return {
    ...salesCost(),
    entityRef: 'domain:default/platform',
    name: 'platform',
    title: 'Platform',
    ownerGroup: 'group:default/platform-team',
    summary: summarizeCost({
      daily,
      today: TODAY,
      currency: 'USD',
      estateShareForecastRemaining: 2_400,
    }),
    daily,
    monthly: monthlyOf(daily, TODAY),
    budgets: [],
    alerts: [],
  };
}

export function missingSubscription(
  name = 'sales',
): DomainCostMissingSubscription {
  return {
    state: 'no-subscription',
    entityRef: `domain:default/${name}`,
    name,
    annotation: SUBSCRIPTION_ANNOTATION,
    problem: `The annotation ${SUBSCRIPTION_ANNOTATION} is missing.`,
  };
}

export function pending(entityRef = 'domain:default/sales'): CostPending {
  return {
    state: 'pending',
    entityRef,
    name: entityRef.slice(entityRef.indexOf('/') + 1),
    data: {
      stale: false,
      staleReasons: [],
      nextRefreshAt: new Date(Date.now() + 5 * MINUTE).toISOString(),
    },
  };
}

export const genaiDaily = dailySeries(19, 19, 19);

/** genai-pilot: 456 of 500 spent at 19 a day: the cap on 27 Nov, before month end. */
export function genaiCost(overrides: Partial<SandboxCost> = {}): SandboxCost {
  return {
    state: 'ok',
    entityRef: 'resource:default/sandbox-genai-pilot',
    name: 'sandbox-genai-pilot',
    title: 'genai-pilot (innovation sandbox)',
    ownerGroup: 'group:default/sales-domain-owners',
    subscriptionId: GENAI_SUB,
    costAnalysisUrl: costAnalysis(GENAI_SUB),
    currency: 'USD',
    cap: 500,
    capSource: 'annotation',
    spend: 456,
    spendPercent: 91.2,
    dailyRate: 19,
    daysUntilCap: 3,
    capReachedOn: '2026-11-27',
    expiresOn: '2027-01-31',
    capBeforeExpiry: true,
    daily: genaiDaily,
    alerts: [],
    data: freshData(),
    ...overrides,
  };
}

function row(
  name: string,
  title: string,
  cost: DomainCost,
  activeAlerts: number,
): EstateCost['domains'][number] {
  return {
    entityRef: `domain:default/${name}`,
    name,
    title,
    ownerGroup: `group:default/${name}-domain-owners`,
    subscriptionId: cost.subscriptionId,
    summary: cost.summary,
    monthly: cost.monthly,
    activeAlerts,
    costAnalysisUrl: costAnalysis(cost.subscriptionId),
  };
}

function domainWith(
  name: string,
  nov: number,
  oct: number,
  budget: number | null,
  forecast: number | null,
): DomainCost {
  const daily = dailySeries(nov, oct, oct);
  return {
    ...salesCost(),
    entityRef: `domain:default/${name}`,
    name,
    subscriptionId: `00000000-0000-4000-8000-${name.length
      .toString()
      .padStart(12, '0')}`,
    summary: summarizeCost({
      daily,
      today: TODAY,
      currency: 'USD',
      budget:
        budget === null
          ? undefined
          : {
              name: `budget-dp-domain-${name}`,
              amount: budget,
              forecastSpend: forecast,
            },
      estateShareForecastRemaining: budget === null ? forecast : undefined,
    }),
    daily,
    monthly: monthlyOf(daily, TODAY),
  };
}

/**
 * The estate as the backend ranks it: sales (forecast 116% of budget),
 * marketing (94%), finance (86%), then without a budget operations-iot and
 * platform by month to date, then legacy without a subscription. Neither
 * alphabetical nor by month to date.
 */
export function estate(overrides: Partial<EstateCost> = {}): EstateCost {
  const marketing = domainWith('marketing', 375, 360, 12_000, 11_280);
  const finance = domainWith('finance', 700, 690, 25_000, 21_500);
  const iot = domainWith('operations-iot', 950, 850, null, 6_000);
  const platform = platformCost();
  const keys = ['operations-iot', 'finance', 'sales', 'other'];
  const daily = salesDaily.map((day, i) => ({
    period: day.date,
    values: {
      'operations-iot': iot.daily[i].cost,
      finance: finance.daily[i].cost,
      sales: day.cost,
      other: marketing.daily[i].cost + platform.daily[i].cost,
    },
  }));
  const monthly = salesCost().monthly.map((m, i) => ({
    period: m.month,
    values: {
      'operations-iot': iot.monthly[i].cost,
      finance: finance.monthly[i].cost,
      sales: m.cost,
      other: marketing.monthly[i].cost + platform.monthly[i].cost,
    },
  }));
  return {
    currency: 'USD',
    data: freshData(),
    totals: {
      monthToDate: 70_200,
      lastMonthToDate: 65_640,
      forecastMonthEnd: 88_000,
      budget: 52_000,
      activeAlerts: 4,
    },
    domains: [
      row('sales', 'Sales', salesCost(), 2),
      row('marketing', 'Marketing', marketing, 1),
      row('finance', 'Finance', finance, 1),
      row('operations-iot', 'Operations IoT', iot, 0),
      {
        ...row('platform', 'Platform', platform, 0),
        ownerGroup: 'group:default/platform-team',
      },
      {
        entityRef: 'domain:default/legacy',
        name: 'legacy',
        title: 'Legacy',
        ownerGroup: 'group:default/legacy-domain-owners',
        problem: `The annotation ${SUBSCRIPTION_ANNOTATION} is missing.`,
        monthly: [],
        activeAlerts: 0,
      },
    ],
    sandboxes: [
      {
        entityRef: 'resource:default/sandbox-genai-pilot',
        name: 'sandbox-genai-pilot',
        title: 'genai-pilot (innovation sandbox)',
        subscriptionId: GENAI_SUB,
        spend: 456,
        cap: 500,
        spendPercent: 91.2,
        daysUntilCap: 3,
        expiresOn: '2027-01-31',
      },
      {
        entityRef: 'resource:default/sandbox-ml-trial',
        name: 'sandbox-ml-trial',
        problem: `The annotation ${SUBSCRIPTION_ANNOTATION} is not a subscription id: 'tbd'.`,
      },
    ],
    daily: { keys, points: daily },
    monthly: { keys, points: monthly },
    seriesLimit: 3,
    ...overrides,
  };
}

export function alertFeed(
  alerts: CostAlertView[] = [
    salesActualAlert,
    financeAnomaly,
    salesForecastAlert,
    salesResolvedAlert,
  ],
): CostAlertFeed {
  return {
    data: freshData(),
    alerts,
    counts: {
      byKind: { budget: 2, forecast: 1, anomaly: 1, other: 0 },
      byStatus: { active: 3, resolved: 1, dismissed: 0 },
    },
  };
}

export function domainEntity(
  name: string,
  annotations: Record<string, string> = {
    [SUBSCRIPTION_ANNOTATION]: SALES_SUB,
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: `group:default/${name}-domain-owners` },
  };
}

export function sandboxEntity(name: string, type = 'azure-sandbox'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [SUBSCRIPTION_ANNOTATION]: GENAI_SUB,
        'dataplatform.contoso.com/budget-cap': '500',
        'dataplatform.contoso.com/expires-on': '2027-01-31',
      },
    },
    spec: { type, owner: 'group:default/sales-domain-owners' },
  };
}

export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-cost' },
      response: { statusCode: status },
    },
    { status },
  );
}

export const FORBIDDEN_MESSAGE =
  'The cost of domain:default/sales is visible to group:default/sales-domain-owners and the platform team only';
