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
} from './config/readAzureConnectionConfig';
export { describeAzureError, unlessNotFound } from './errors';
export type { AzureErrorDescription } from './errors';
