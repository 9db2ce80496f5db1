/**
 * The dataplatform-overview backend plugin: one row per domain from the
 * catalog and the health, cost, retention and provisioning plugins, for the
 * platform home, the Domain pages and each person's landing.
 *
 * @packageDocumentation
 */
export { overviewPlugin as default } from './plugin';
