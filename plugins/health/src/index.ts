/**
 * Health of the data platform's domains and data products: a Health card
 * and tab on Domain and DataProduct pages (model tree, history, SLO and a
 * drill-down per signal) and a platform health page.
 *
 * @packageDocumentation
 */
export { healthPlugin as default } from './plugin';
export { healthApiRef, HealthClient } from './api';
export type { HealthApi } from './api';
