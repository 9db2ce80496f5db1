import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { provisioningClientServiceRef } from '@dataplatform/plugin-provisioning-node';
import { createActivateSandboxLeaseAction } from './actions/activateSandboxLease';
import { createCreateSandboxLeaseAction } from './actions/createSandboxLease';
import { createPublishCatalogEntitiesAction } from './actions/publishCatalogEntities';
import { createRecordDomainResultAction } from './actions/recordDomainResult';
import { createStartDomainProvisioningAction } from './actions/startDomainProvisioning';
import { createSubmitDomainRequestAction } from './actions/submitDomainRequest';

/** Gives templates the provisioning workflow's actions. */
export const scaffolderModuleProvisioning = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'provisioning',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        // Plugin-scoped: calls are made as the scaffolder, or on behalf of
        // a task's initiator when an action passes their credentials.
        client: provisioningClientServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, client, config }) {
        scaffolder.addActions(
          createSubmitDomainRequestAction({ client }),
          createStartDomainProvisioningAction({ client }),
          createRecordDomainResultAction({ client }),
          createCreateSandboxLeaseAction({ client }),
          createActivateSandboxLeaseAction({ client }),
          createPublishCatalogEntitiesAction({ client, config }),
        );
      },
    });
  },
});
