export { retentionApiRef } from './RetentionApi';
export type { FindingsQuery, RetentionApi } from './RetentionApi';
export { RetentionClient } from './RetentionClient';
