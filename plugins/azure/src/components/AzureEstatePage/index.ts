export { AzureEstatePage } from './AzureEstatePage';
