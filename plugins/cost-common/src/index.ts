/**
 * Cost of domains and sandboxes: the shapes the cost backend serves and the
 * cost pages read, the permissions, and the rules for burn, risk, forecasts,
 * anomalies, days until a sandbox's cap and Azure's cost alerts.
 *
 * @packageDocumentation
 */
export * from './types';
export { CostInputError } from './errors';
export { addDays, monthEnd } from './dates';
export { formatMoney, formatAmount, formatPercent } from './money';
export {
  costDomainReadPermission,
  costEstateReadPermission,
  costPermissions,
} from './permissions';
export { costAnalysisUrl, budgetPortalUrl, alertsPortalUrl } from './portal';
export {
  COST_HISTORY_DAYS,
  OTHER_SERIES_KEY,
  fillDailySeries,
  monthlyOf,
  stackDaily,
  stackMonthly,
} from './series';
export {
  COST_RISK_ORDER,
  summarizeCost,
  compareEstateRows,
  type SummarizeCostInput,
} from './summary';
export {
  ANOMALY_BASELINE_DAYS,
  ANOMALY_LOOKBACK_DAYS,
  ANOMALY_MIN_ABSOLUTE,
  detectAnomalies,
  anomalyAlert,
  type CostAnomaly,
  type AnomalyAlertInput,
} from './anomalies';
export {
  SANDBOX_RATE_DAYS,
  projectSandbox,
  type ProjectSandboxInput,
} from './sandbox';
export {
  alertViewOf,
  compareAlerts,
  type AzureCostAlertLike,
  type AlertViewContext,
} from './alerts';
export {
  ENTITY_NAME_PATTERN,
  parseAlertFilters,
  type AlertFilters,
} from './filters';
