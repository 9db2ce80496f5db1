/**
 * Retention and recovery of the data platform's domains and data
 * products: a Retention card and tab on Domain and DataProduct pages and a
 * platform page of every finding, exportable as CSV.
 *
 * @packageDocumentation
 */
export { retentionPlugin as default } from './plugin';
export { retentionApiRef, RetentionClient } from './api';
export type { FindingsQuery, RetentionApi } from './api';
