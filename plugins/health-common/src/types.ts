/**
 * Health states, best to worst. `unknown` ranks above `healthy`: a signal
 * without fresh data must never let its component look healthy.
 */
export const HEALTH_STATES = [
  'healthy',
  'unknown',
  'degraded',
  'unhealthy',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** How thresholds compare: `above` means higher values are worse. */
export type ThresholdDirection = 'above' | 'below';

export interface SignalThresholds {
  direction: ThresholdDirection;
  /** Reaching this value (inclusive) makes the signal degraded. */
  degraded?: number;
  /** Reaching this value (inclusive) makes the signal unhealthy. */
  unhealthy: number;
}

export const METRIC_AGGREGATIONS = [
  'average',
  'minimum',
  'maximum',
  'total',
  'count',
] as const;
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number];

interface SignalBase {
  /** Unique within its component; `[a-z0-9-]`. */
  id: string;
  title?: string;
  description?: string;
  /** Shown beside values, e.g. `ms`, `%`, `runs`. */
  unit?: string;
  thresholds: SignalThresholds;
  /** Weight of the signal within its component's score; default 1. */
  weight?: number;
}

/** A KQL query against one Log Analytics workspace that returns a number. */
export interface LogSignal extends SignalBase {
  type: 'log';
  /** ARM resource id of the Log Analytics workspace. */
  workspace: string;
  /**
   * KQL returning a numeric column named `value` in its first row; no rows
   * means no data. An optional `TimeGenerated` column dates the value.
   */
  query: string;
  /** ISO 8601 duration the query covers, ending now; default PT15M. */
  timespan: string;
}

/** An Azure Monitor platform metric of one or more resources. */
export interface MetricSignal extends SignalBase {
  type: 'metric';
  /** ARM resource ids, all of one subscription, region and resource type. */
  resources: string[];
  /** Azure region of the resources, e.g. `westeurope` (selects the regional endpoint). */
  region: string;
  /** Metric namespace, e.g. `Microsoft.Storage/storageAccounts`. */
  namespace: string;
  metric: string;
  aggregation: MetricAggregation;
  /** ISO 8601 duration the aggregation covers, ending now; default PT5M. */
  window: string;
}

export type HealthSignal = LogSignal | MetricSignal;

export interface HealthComponent {
  /** Unique within the model; `[a-z0-9-]`. */
  id: string;
  title?: string;
  description?: string;
  /** Ids of components of the same model this one needs. */
  dependsOn: string[];
  /** Weight of the component in the model's score; default 1. */
  weight?: number;
  signals: HealthSignal[];
}

export const HEALTH_MODEL_API_VERSION =
  'dataplatform.contoso.com/health-model/v1';

export const ROLLUPS = ['worst-of', 'weighted'] as const;
export type Rollup = (typeof ROLLUPS)[number];

/** A validated health model, defaults applied. */
export interface HealthModel {
  apiVersion: typeof HEALTH_MODEL_API_VERSION;
  kind: 'HealthModel';
  description?: string;
  rollup: Rollup;
  components: HealthComponent[];
}

export interface HealthModelValidationError {
  /** JSON pointer into the model document, e.g. `/spec/components/0/signals/1/thresholds/unhealthy`. */
  path: string;
  message: string;
}

export type HealthModelParseResult =
  | { valid: true; model: HealthModel }
  | { valid: false; errors: HealthModelValidationError[] };

// ---------------------------------------------------------------------------
// Evaluation results
// ---------------------------------------------------------------------------

/** What one signal read this cycle. */
export interface SignalReading {
  /** Undefined when the signal has no fresh data or its query failed. */
  value?: number;
  /** When the value was measured (end of window, or the row's TimeGenerated). */
  observedAt?: string;
  /**
   * Why there is no value, in words anyone may read: `no data in the last
   * 15 minutes`, `throttled by Azure (HTTP 429)`. Never quotes a query,
   * resource id or Azure's message, which may name either.
   */
  reason?: string;
  /**
   * Azure's full answer behind `reason` (its message may quote the query or
   * name resources); only for those who may see the model's definitions.
   */
  detail?: string;
}

export interface SignalResult {
  /** `<componentId>/<signalId>` within its model. */
  key: string;
  componentId: string;
  signalId: string;
  title: string;
  type: HealthSignal['type'];
  unit?: string;
  state: HealthState;
  /** 1, 0.5, 0; absent when unknown. */
  score?: number;
  value?: number;
  observedAt?: string;
  thresholds: SignalThresholds;
  /** Human sentence: `12 failed runs ≥ unhealthy threshold 5`, or the reason it is unknown. */
  explanation: string;
  /**
   * Unknown only: Azure's full answer behind the explanation, which may
   * quote the query. The backend sends it only to callers who may see the
   * model's definitions.
   */
  detail?: string;
  /** Last value read before this one failed, shown as stale. */
  lastKnown?: { value: number; observedAt: string };
}

export interface ComponentResult {
  id: string;
  title: string;
  dependsOn: string[];
  /**
   * The component's weight in its model's score, when the model sets one
   * (default 1); kept so a domain rollup can weigh its own components.
   */
  weight?: number;
  /** From its own signals only. */
  ownState: HealthState;
  /** Own state made worse by dependencies (an unhealthy dependency degrades). */
  state: HealthState;
  score?: number;
  /** Why the component is not healthy, one line per cause. */
  causes: string[];
  signals: SignalResult[];
}

/** One evaluated model: a domain's own, or a data product's. */
export interface ModelResult {
  entityRef: string;
  /** The entity's title, for causes people read; the evaluator sets it. */
  title?: string;
  state: HealthState;
  score?: number;
  components: ComponentResult[];
}

export interface EntityHealthSummary {
  entityRef: string;
  /** `domain` or `dataproduct`, lower-case kind. */
  kind: string;
  title: string;
  /** For a data product, its domain's entity ref. */
  domainRef?: string;
  state: HealthState;
  score?: number;
  evaluatedAt?: string;
  /** Counts of signals by state. */
  signalCounts: Record<HealthState, number>;
  /** Worst causes first, at most 5. */
  topCauses: string[];
  /** Set when the model file could not be read or is invalid. */
  modelError?: { message: string; errors: HealthModelValidationError[] };
  /** Availability over the last 30 days (0..1); absent without history. */
  availability30d?: number;
  /**
   * True when the last evaluation is older than three evaluation intervals;
   * `state` is then `unknown` and `lastState` holds what was last evaluated.
   */
  stale?: boolean;
  /** With `stale`: the state of the last evaluation, shown as history, not as now. */
  lastState?: HealthState;
  /**
   * Error budget left over the last 30 days as a fraction of the budget
   * (from the same arithmetic as the SLO report); negative when overspent.
   */
  errorBudgetRemainingFraction?: number;
}

// ---------------------------------------------------------------------------
// History and SLO
// ---------------------------------------------------------------------------

export interface HistoryBucket {
  start: string;
  end: string;
  /** Worst state seen in the bucket; `unknown` when nothing was evaluated. */
  state: HealthState;
  /** Fraction of evaluated time that was not unhealthy; absent when none was evaluated. */
  availability?: number;
}

export interface SloReport {
  /** 0.999 */
  objective: number;
  windowDays: number;
  /** Fraction of evaluated time not unhealthy; absent without evaluations. */
  availability?: number;
  /** Minutes of the window that were evaluated (known state). */
  observedMinutes: number;
  unhealthyMinutes: number;
  /** (1 - objective) × window in minutes: 43.2 for 99.9% over 30 days. */
  errorBudgetMinutes: number;
  /** errorBudgetMinutes - unhealthyMinutes; negative when exhausted. */
  errorBudgetRemainingMinutes: number;
  /** errorBudgetRemainingMinutes / errorBudgetMinutes; negative when overspent. */
  errorBudgetRemainingFraction: number;
}

// ---------------------------------------------------------------------------
// HTTP API of the health backend (plugin id `dataplatform-health`)
// ---------------------------------------------------------------------------

/** Where a signal's data can be looked at in the Azure portal. */
export interface SignalDefinitionView {
  key: string;
  signal: HealthSignal;
  /** Log Analytics (logs blade of the workspace) or Metrics explorer of the first resource. */
  portalUrl: string;
}

/** A model as its owners and the platform team see it: queries included. */
export interface HealthModelDefinitionView {
  entityRef: string;
  /** Where the model was read from, e.g. `catalog/health/finance.health.yaml` or a URL. */
  source: string;
  model: HealthModel;
  signals: SignalDefinitionView[];
}

/** `GET /entities` */
export interface EntityHealthListResponse {
  /** Worst state first, then lowest score, then name. */
  items: EntityHealthSummary[];
  /** When the evaluator last finished a cycle. */
  lastCycleAt?: string;
}

/** `GET /entities/:kind/:namespace/:name` */
export interface EntityHealthDetailResponse {
  summary: EntityHealthSummary;
  /** The entity's own model, evaluated; absent without a valid model or before the first evaluation. */
  result?: ModelResult;
  /** For a domain: its data products that have a model. */
  children: Array<{ summary: EntityHealthSummary; result?: ModelResult }>;
  /** True when the caller owns the entity or is in the platform team. */
  definitionsVisible: boolean;
  /** Only when `definitionsVisible`: the entity's model and its children's. */
  definitions?: HealthModelDefinitionView[];
}

export const HISTORY_WINDOWS = ['24h', '30d'] as const;
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];

/** `GET /entities/:kind/:namespace/:name/history?window=24h|30d` */
export interface EntityHealthHistoryResponse {
  entityRef: string;
  window: HistoryWindow;
  /** 96 buckets of 15 minutes (24h) or 30 of one day (30d), oldest first. */
  buckets: HistoryBucket[];
  /** Always over 30 days, whatever the window. */
  slo: SloReport;
}
