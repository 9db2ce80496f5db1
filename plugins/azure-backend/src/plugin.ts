import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  azureEstateReadPermission,
  azureEstateRefreshPermission,
  azurePermissions,
} from '@dataplatform/plugin-azure-common';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import { createRouter } from './router';
import { estateServiceRef } from './services/EstateService';

/** The Azure estate as the platform sees it, read on a schedule and kept as last-known-good. */
export const azurePlugin = createBackendPlugin({
  pluginId: 'dataplatform-azure',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        azure: azureClientsServiceRef,
        audiences: permissionAudiencesServiceRef,
        estate: estateServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        scheduler,
        config,
        azure,
        audiences,
        estate,
      }) {
        permissionsRegistry.addPermissions(azurePermissions);
        audiences.register('domain-owners', [azureEstateReadPermission]);
        audiences.register('platform-team', [azureEstateRefreshPermission]);

        const minutes =
          config.getOptionalNumber('dataplatform.azure.estateRefreshMinutes') ?? 5;
        await scheduler.scheduleTask({
          id: 'dataplatform-azure:estate-refresh',
          frequency: { minutes },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 1 },
          // A failed reading is already recorded beside the last good one.
          fn: () => estate.refresh().then(() => undefined, () => undefined),
        });

        httpRouter.use(await createRouter({ httpAuth, permissions, estate, azure }));
      },
    });
  },
});
