import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateDataContractAction } from './actions/validate';

/** Gives templates the `data-contract:validate` action. */
export const scaffolderModuleDataContracts = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-contracts',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createValidateDataContractAction());
      },
    });
  },
});
