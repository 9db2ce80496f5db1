/**
 * The Azure estate page of the data-platform portal.
 *
 * @packageDocumentation
 */
export { azurePlugin as default } from './plugin';
export { azureEstateApiRef, AzureEstateClient } from './api';
export type { AzureEstateApi } from './api';
