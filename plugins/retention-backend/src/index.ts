/**
 * The dataplatform-retention backend plugin: reads what Azure keeps per
 * domain and data product on a schedule, compares it with the retention
 * and recovery policy, stores the findings and serves them.
 *
 * @packageDocumentation
 */
export { retentionPlugin as default } from './plugin';
export { SubscriptionScanner } from './services/SubscriptionScanner';
