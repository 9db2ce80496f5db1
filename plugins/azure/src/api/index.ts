export { azureEstateApiRef } from './AzureEstateApi';
export type { AzureEstateApi } from './AzureEstateApi';
export { AzureEstateClient } from './AzureEstateClient';
