import { ServiceUnavailableError } from '@backstage/errors';
import {
  AzureClients,
  describeAzureError,
  unlessNotFound,
} from '@dataplatform/plugin-azure-node';

/** A subscription alias as provisioning reads it. */
export interface AliasState {
  provisioningState?: string;
  subscriptionId?: string;
}

/** The alias, or undefined when there is none (Azure answers 404). */
export async function readAlias(
  azure: AzureClients,
  aliasName: string,
): Promise<AliasState | undefined> {
  const alias = await unlessNotFound(() =>
    azure.subscriptionVending().alias.get(aliasName),
  );
  return (
    alias && {
      provisioningState: alias.properties?.provisioningState,
      subscriptionId: alias.properties?.subscriptionId,
    }
  );
}

/**
 * The subscription an alias already vended, or undefined when the alias is
 * free. Any other answer is an outage, not a free name.
 */
export async function findAlias(
  azure: AzureClients,
  aliasName: string,
): Promise<AliasState | undefined> {
  try {
    return await readAlias(azure, aliasName);
  } catch (error) {
    throw new ServiceUnavailableError(
      `Checking the subscription alias ${aliasName} in Azure failed: ${
        describeAzureError(error).message
      }`,
    );
  }
}
