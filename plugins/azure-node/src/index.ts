/**
 * The data-platform portal's one Azure access layer.
 *
 * @packageDocumentation
 */
export { azureClientsServiceRef } from './azureClientsServiceRef';
export { DefaultAzureClients, sdkClientOptions } from './AzureClients';
export type { AzureClients } from './AzureClients';
export { AbortableLogsQueryClient } from './abortableLogsQueryClient';
export {
  readAzureConnectionConfig,
  AzureConfigError,
  AZURE_CONFIG_KEY,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  PUBLIC_RESOURCE_MANAGER_ENDPOINT,
} from './config/readAzureConnectionConfig';
export type {
  AzureConnectionConfig,
  AzureAuthentication,
  CostManagementQuotaConfig,
} from './config/readAzureConnectionConfig';
export { describeAzureError, unlessNotFound } from './errors';
export type { AzureErrorDescription } from './errors';
export {
  CostManagementQuota,
  CostManagementThrottledError,
  costManagementQuotaPolicy,
  DEFAULT_COST_MANAGEMENT_MAX_WAIT_MS,
  DEFAULT_COST_MANAGEMENT_QUOTA_WINDOWS,
} from './costManagement/quota';
export type {
  CostManagementQuotaOptions,
  CostManagementQuotaSnapshot,
  CostManagementQuotaWindow,
} from './costManagement/quota';
export {
  queryCostAllPages,
  DEFAULT_COST_QUERY_MAX_PAGES,
} from './costManagement/queryAllPages';
export type {
  CostQueryAllPagesOptions,
  CostQueryAllPagesResult,
} from './costManagement/queryAllPages';
