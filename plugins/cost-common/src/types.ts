/**
 * The HTTP API of the dataplatform-cost backend plugin
 * (`/api/dataplatform-cost`), shared with its frontend.
 *
 * Money is in the billing currency Azure reports (`currency`), rounded to
 * cents. Dates are UTC calendar days `YYYY-MM-DD`; months `YYYY-MM`;
 * timestamps ISO 8601.
 */

/** One day of actual cost. */
export interface DailyCost {
  date: string;
  cost: number;
}

/** One calendar month of actual cost; `partial` for the current month. */
export interface MonthlyCost {
  month: string;
  cost: number;
  partial: boolean;
}

/**
 * How old the data behind a view is, shown everywhere ("cost data as of 3 h
 * ago"). `asOf` is when Azure last answered for every part the view uses;
 * `stale` means the last refresh could not read some of them and the view
 * shows what was read before.
 */
export interface CostDataAge {
  /** When the data shown was read from Azure; absent before the first good read. */
  asOf?: string;
  /** When the last refresh attempt ended, good or not. */
  lastAttemptAt?: string;
  stale: boolean;
  /** Why it is stale, one line per failed part ("Cost Management query: throttled (HTTP 429) …"). */
  staleReasons: string[];
  /** When the next scheduled refresh is due, if known. */
  nextRefreshAt?: string;
}

/**
 * Where a view stands against its budget, worst first:
 * - `over-budget`: month-to-date actual cost ≥ budget;
 * - `forecast-over-budget`: forecast at month end ≥ budget;
 * - `at-risk`: forecast ≥ {@link AT_RISK_FORECAST_RATIO} of the budget;
 * - `on-track`: below that;
 * - `no-budget`: the subscription has no monthly cost budget;
 * - `no-data`: no cost has been read yet.
 */
export const COST_RISKS = [
  'over-budget',
  'forecast-over-budget',
  'at-risk',
  'on-track',
  'no-budget',
  'no-data',
] as const;
export type CostRisk = (typeof COST_RISKS)[number];

/** Forecast / budget from which a domain is at risk. */
export const AT_RISK_FORECAST_RATIO = 0.9;

/**
 * Where the month-end forecast comes from:
 * - `azure-budget`: Azure's forecast for the budget's scope (Consumption
 *   budget `forecastSpend`);
 * - `azure-estate-share`: the estate's Cost Management forecast for the rest
 *   of the month, apportioned by the subscription's share of the estate's
 *   cost over the last 7 complete days (the forecast API cannot group by
 *   subscription, and one call per subscription would spend the quota);
 * - `none`: no forecast could be made.
 */
export type ForecastSource = 'azure-budget' | 'azure-estate-share' | 'none';

export interface CostSummary {
  currency: string;
  /** Actual cost from the 1st of this month up to and including today. */
  monthToDate: number;
  /** Actual cost of the same days of last month (1st up to the same day, capped at its length). */
  lastMonthToDate: number;
  /** Actual cost of the whole of last month. */
  lastMonthTotal: number;
  /** (monthToDate − lastMonthToDate) / lastMonthToDate × 100, one decimal; null when last month had no cost. */
  changeVsLastMonthPercent: number | null;
  /** Expected cost at month end, actual included; null when `forecastSource` is `none`. */
  forecastMonthEnd: number | null;
  forecastSource: ForecastSource;
  /** Name of the budget `forecastSource: azure-budget` and the burn refer to. */
  budgetName?: string;
  /** The monthly budget amount; null without one. */
  budget: number | null;
  /** monthToDate / budget × 100, one decimal. */
  burnPercent: number | null;
  /** forecastMonthEnd / budget × 100, one decimal. */
  forecastPercent: number | null;
  /** forecastMonthEnd / budget (unrounded), the estate ranking key; null without both. */
  riskRatio: number | null;
  risk: CostRisk;
}

export interface BudgetNotificationView {
  /** The notification's key in the budget (e.g. `Actual_GreaterThan_80_Percent`). */
  name: string;
  enabled: boolean;
  thresholdType: 'Actual' | 'Forecasted';
  operator: string;
  /** Percent of the budget amount. */
  thresholdPercent: number;
  /** The amount the threshold stands for (amount × percent / 100). */
  thresholdAmount: number;
  /** Whether current (Actual) or forecast (Forecasted) spend has reached it. */
  reached: boolean;
  contactEmails: string[];
  contactGroups: string[];
  contactRoles: string[];
}

export interface BudgetView {
  name: string;
  amount: number;
  timeGrain: string;
  currentSpend: number;
  forecastSpend: number | null;
  currency: string;
  notifications: BudgetNotificationView[];
  /** The budget in the Azure portal. */
  portalUrl: string;
}

/**
 * - `budget`: Azure alert of type Budget (actual cost crossed a threshold);
 * - `forecast`: Azure alert of type BudgetForecast;
 * - `anomaly`: a day whose cost is far above the subscription's recent days,
 *   found by the portal in the daily cost (Azure delivers its own anomaly
 *   alerts by e-mail through scheduled actions, not through the alerts list);
 * - `other`: any other Azure alert type (credit, quota, invoice…).
 */
export const COST_ALERT_KINDS = [
  'budget',
  'forecast',
  'anomaly',
  'other',
] as const;
export type CostAlertKind = (typeof COST_ALERT_KINDS)[number];

/** Active: not resolved or dismissed in Azure (anomalies: within the last 30 days). */
export const COST_ALERT_STATUSES = ['active', 'resolved', 'dismissed'] as const;
export type CostAlertStatus = (typeof COST_ALERT_STATUSES)[number];

export interface CostAlertView {
  /** Azure's alert id, or `anomaly:<subscriptionId>:<date>` for anomalies. */
  id: string;
  kind: CostAlertKind;
  source: 'azure' | 'portal';
  status: CostAlertStatus;
  subscriptionId: string;
  /** The domain (Domain name) or sandbox (Resource name) the subscription belongs to, if any. */
  domain?: string;
  sandbox?: string;
  /** One line: "Forecast reaches 100% of budget-dp-domain-sales (15,000 USD)". */
  title: string;
  /** Azure's alert type and criteria, or the anomaly's figures, in words. */
  detail: string;
  /** Threshold in percent of the budget (Azure reports a fraction; converted). */
  thresholdPercent?: number;
  /** Budget amount for budget and forecast alerts. */
  amount?: number;
  /** Spend Azure reported with the alert, or the anomalous day's cost. */
  currentSpend?: number;
  /** For anomalies: the expected cost of that day. */
  expected?: number;
  currency: string;
  budgetName?: string;
  /** When Azure raised it, or the anomalous day (start of day UTC). */
  raisedAt: string;
  /** Where to see it in the Azure portal. */
  portalUrl: string;
}

/** GET /domains/:name, when the domain's cost can be shown. */
export interface DomainCost {
  state: 'ok';
  entityRef: string;
  name: string;
  title?: string;
  ownerGroup?: string;
  subscriptionId: string;
  /** Cost analysis of the subscription in the Azure portal. */
  costAnalysisUrl: string;
  summary: CostSummary;
  /** The last 90 days including today, oldest first, every day present (0 when none). */
  daily: DailyCost[];
  /** Months covered by `daily`, oldest first (the first one usually incomplete). */
  monthly: MonthlyCost[];
  budgets: BudgetView[];
  /** Active alerts first, then newest first. */
  alerts: CostAlertView[];
  data: CostDataAge;
}

/** GET /domains/:name for a Domain without a usable subscription annotation. */
export interface DomainCostMissingSubscription {
  state: 'no-subscription';
  entityRef: string;
  name: string;
  title?: string;
  /** The annotation the domain needs. */
  annotation: string;
  /** What is wrong: missing, or not a subscription id (with the value). */
  problem: string;
}

/** GET /domains/:name or /sandboxes/:name before the first refresh has read anything. */
export interface CostPending {
  state: 'pending';
  entityRef: string;
  name: string;
  data: CostDataAge;
}

export type DomainCostResponse =
  | DomainCost
  | DomainCostMissingSubscription
  | CostPending;

/** GET /sandboxes/:name (a Resource of type azure-sandbox). */
export interface SandboxCost {
  state: 'ok';
  entityRef: string;
  name: string;
  title?: string;
  ownerGroup?: string;
  subscriptionId: string;
  costAnalysisUrl: string;
  currency: string;
  /** The cap: the `budget-cap` annotation, else the sandbox budget's amount; null without either. */
  cap: number | null;
  capSource: 'annotation' | 'budget' | 'none';
  /** Month-to-date actual cost (sandbox budgets are monthly). */
  spend: number;
  /** spend / cap × 100, one decimal. */
  spendPercent: number | null;
  /** Average daily cost of the last 7 complete days. */
  dailyRate: number;
  /**
   * Whole days until the cap is reached at `dailyRate`: 0 when already
   * reached; null when there is no cap or no spending.
   */
  daysUntilCap: number | null;
  /** The day that would be (today + daysUntilCap). */
  capReachedOn: string | null;
  /** The lease's end (`expires-on` annotation), if any. */
  expiresOn?: string;
  /** Whether the cap is reached before the sandbox expires (or month end, if sooner). */
  capBeforeExpiry: boolean | null;
  daily: DailyCost[];
  alerts: CostAlertView[];
  data: CostDataAge;
}

export interface SandboxCostMissingSubscription {
  state: 'no-subscription';
  entityRef: string;
  name: string;
  title?: string;
  annotation: string;
  problem: string;
}

export type SandboxCostResponse =
  | SandboxCost
  | SandboxCostMissingSubscription
  | CostPending;

/** One row of the estate overview, a domain. */
export interface EstateDomainRow {
  entityRef: string;
  name: string;
  title?: string;
  ownerGroup?: string;
  subscriptionId?: string;
  /** Set instead of the figures when the domain has no usable subscription. */
  problem?: string;
  summary?: CostSummary;
  /** Months of `daily`, oldest first. */
  monthly: MonthlyCost[];
  activeAlerts: number;
  costAnalysisUrl?: string;
}

/** One row of the estate overview, a sandbox. */
export interface EstateSandboxRow {
  entityRef: string;
  name: string;
  title?: string;
  subscriptionId?: string;
  problem?: string;
  spend?: number;
  cap?: number | null;
  spendPercent?: number | null;
  daysUntilCap?: number | null;
  expiresOn?: string;
}

/**
 * A stacked series: `keys` are the series (the biggest domains by cost over
 * the period, then `other`), each point has one value per key.
 */
export interface StackedSeries {
  keys: string[];
  points: Array<{ period: string; values: Record<string, number> }>;
}

/** GET /estate (platform team only). */
export interface EstateCost {
  currency: string;
  data: CostDataAge;
  totals: {
    monthToDate: number;
    lastMonthToDate: number;
    /** Estate forecast at month end from Cost Management (actual + forecast); null without one. */
    forecastMonthEnd: number | null;
    /** Sum of the domains' monthly budgets. */
    budget: number;
    activeAlerts: number;
  };
  /** Domains ranked by risk: riskRatio descending (null last), then monthToDate descending. */
  domains: EstateDomainRow[];
  sandboxes: EstateSandboxRow[];
  /** Daily cost of the last 90 days, stacked by domain. */
  daily: StackedSeries;
  /** Monthly cost, stacked by domain. */
  monthly: StackedSeries;
  /** How many series `daily` and `monthly` keep before `other`. */
  seriesLimit: number;
}

/** GET /alerts?kind=&status=&domain= (platform team only). */
export interface CostAlertFeed {
  data: CostDataAge;
  /** Active first, then newest first. */
  alerts: CostAlertView[];
  /** Counts over all alerts before filtering, for the filter chips. */
  counts: {
    byKind: Record<CostAlertKind, number>;
    byStatus: Record<CostAlertStatus, number>;
  };
}

/** POST /refresh (platform team): asks for a refresh now. */
export interface CostRefreshResponse {
  /** `started` or `already-running`. */
  state: 'started' | 'already-running';
}
