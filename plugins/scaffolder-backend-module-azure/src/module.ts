import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { createAssignDomainRolesAction } from './actions/assignDomainRoles';
import { createBudgetAction } from './actions/createBudget';
import { createWorkspaceAction } from './actions/createWorkspace';
import { createVendSubscriptionAction } from './actions/vendSubscription';

/** Config key of the billing scope new subscriptions are charged to. */
export const BILLING_SCOPE_CONFIG_KEY =
  'dataplatform.provisioning.billingScope';

/**
 * Gives templates the Azure actions that vend and equip subscriptions:
 * `azure:subscription:vend`, `azure:budget:create`,
 * `azure:rbac:assign-domain-roles` and `azure:monitor:create-workspace`.
 * Every call goes through the portal's Azure access layer.
 */
export const scaffolderModuleAzure = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'azure',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        clients: azureClientsServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, clients, config }) {
        const billingScope = config.getOptionalString(BILLING_SCOPE_CONFIG_KEY);
        scaffolder.addActions(
          createVendSubscriptionAction({ clients, billingScope }),
          createBudgetAction({ clients }),
          createAssignDomainRolesAction({ clients }),
          createWorkspaceAction({ clients }),
        );
      },
    });
  },
});
