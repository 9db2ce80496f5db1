export { costApiRef } from './CostApi';
export type { AlertFilters, CostApi } from './CostApi';
export { alertsSearch, CostClient } from './CostClient';
