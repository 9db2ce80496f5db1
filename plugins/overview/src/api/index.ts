export { overviewApiRef } from './OverviewApi';
export type { OverviewApi } from './OverviewApi';
export { OverviewClient } from './OverviewClient';
