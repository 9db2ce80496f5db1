import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { provisioningClientServiceRef } from '@dataplatform/plugin-provisioning-node';
import {
  DEFAULT_REFRESH_SECONDS,
  ProvisionedEntityProvider,
} from './ProvisionedEntityProvider';

const REFRESH_SECONDS_KEY = 'dataplatform.provisioning.catalogRefreshSeconds';

/** What provisioning published, in the catalog. */
export const catalogModuleProvisionedEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'provisioned-entities',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        // Plugin-scoped: the client calls as the catalog plugin.
        client: provisioningClientServiceRef,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, client, discovery, scheduler, config, logger }) {
        const refreshSeconds =
          config.getOptionalNumber(REFRESH_SECONDS_KEY) ??
          DEFAULT_REFRESH_SECONDS;
        if (!(refreshSeconds > 0)) {
          throw new Error(
            `${REFRESH_SECONDS_KEY} must be a positive number of seconds, got ${refreshSeconds}`,
          );
        }
        catalog.addEntityProvider(
          new ProvisionedEntityProvider({
            client,
            discovery,
            scheduler,
            logger,
            refreshSeconds,
          }),
        );
      },
    });
  },
});
