import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DataContractProcessor } from './processors/DataContractProcessor';
import { DataProductProcessor } from './processors/DataProductProcessor';
import { textPlaceholderResolver } from './textPlaceholderResolver';

/** Data products and their ODCS contracts in the catalog. */
export const catalogModuleDataProducts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-products',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(
          new DataProductProcessor(),
          new DataContractProcessor(),
        );
        // Contracts live in their own files next to the catalog files.
        catalog.addPlaceholderResolver('text', textPlaceholderResolver);
      },
    });
  },
});
