/**
 * Cost of the data platform's domains and innovation sandboxes: a Cost card
 * on every Domain (burn against the budget, forecast, thresholds, alerts),
 * a Sandbox cost card (spend against the cap, days until it) and a platform
 * page ranking domains by risk with trends, the estate by domain and the
 * alert feed.
 *
 * @packageDocumentation
 */
export { costPlugin as default } from './plugin';
export { alertsSearch, costApiRef, CostClient } from './api';
export type { AlertFilters, CostApi } from './api';
