import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { targetPaths } from '@backstage/cli-common';
import { AzureClients, DefaultAzureClients } from './AzureClients';
import { readAzureConnectionConfig } from './config/readAzureConnectionConfig';

/**
 * Azure SDK clients built from `dataplatform.azure`. Root-scoped: one set of
 * clients (and one credential with its token cache) for the whole backend.
 */
export const azureClientsServiceRef = createServiceRef<AzureClients>({
  id: 'dataplatform.azure.clients',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory({ config, logger }) {
        const repoRoot = targetPaths.rootDir;
        const connection = readAzureConnectionConfig(config, { repoRoot });
        const clients = new DefaultAzureClients(connection);
        logger.info(
          `Azure: tenant ${connection.tenantId} via ${connection.resourceManagerEndpoint} (${clients.connection.mode}, ${connection.authentication.method})`,
        );
        return clients;
      },
    }),
});
