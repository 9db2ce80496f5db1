import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AzureConnectionInfo,
  AzureEstate,
} from '@dataplatform/plugin-azure-common';

/**
 * Reads the Azure estate through the `dataplatform-azure` backend plugin.
 *
 * Failures are thrown as `ResponseError` from `@backstage/errors`, so callers
 * can tell "not allowed" (403) from "no reading yet" (503) by `statusCode`.
 */
export interface AzureEstateApi {
  /** How the portal reaches Azure: tenant, endpoint and whether it is the local demo tenant. */
  getConnection(): Promise<AzureConnectionInfo>;
  /** The last good reading of the estate. */
  getEstate(): Promise<AzureEstate>;
  /** Reads the estate from Azure now (platform team only) and returns the new reading. */
  refreshEstate(): Promise<AzureEstate>;
}

export const azureEstateApiRef = createApiRef<AzureEstateApi>().with({
  id: 'plugin.dataplatform-azure.estate',
  pluginId: 'dataplatform-azure',
});
