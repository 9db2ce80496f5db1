import { ServiceUnavailableError } from '@backstage/errors';
import {
  AzureClients,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';

/**
 * The subscription an alias already vended, or undefined when the alias is
 * free (Azure answers 404). Any other answer is an outage, not a free name.
 */
export async function findAlias(
  azure: AzureClients,
  aliasName: string,
): Promise<{ subscriptionId?: string } | undefined> {
  try {
    const alias = await azure.subscriptionVending().alias.get(aliasName);
    return { subscriptionId: alias.properties?.subscriptionId };
  } catch (error) {
    const described = describeAzureError(error);
    if (described.statusCode === 404) return undefined;
    throw new ServiceUnavailableError(
      `Checking the subscription alias ${aliasName} in Azure failed: ${described.message}`,
    );
  }
}
