/**
 * The combined view of the data platform's domains: platform home, my
 * domains, persona landing and the overview cards of Domain pages.
 *
 * @packageDocumentation
 */
export { overviewPlugin as default } from './plugin';
export { overviewApiRef, OverviewClient } from './api';
export type { OverviewApi } from './api';
