import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { azureEstateApiRef, AzureEstateClient } from './api';
import { AzureEstateIcon } from './components/AzureEstateIcon';
import { rootRouteRef } from './routes';

/** The client for the `dataplatform-azure` backend plugin. */
export const azureEstateApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: azureEstateApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureEstateClient({ discoveryApi, fetchApi }),
    }),
});

/** The Azure estate page; its title and icon also make its nav item. */
export const azureEstatePage = PageBlueprint.make({
  params: {
    path: '/azure-estate',
    routeRef: rootRouteRef,
    title: 'Azure estate',
    icon: <AzureEstateIcon fontSize="inherit" />,
    loader: () =>
      import('./components/AzureEstatePage').then(m => <m.AzureEstatePage />),
  },
});

/**
 * The Azure estate of the data platform: management groups, subscriptions
 * and tagging compliance, with links to the Azure portal.
 */
export const azurePlugin = createFrontendPlugin({
  pluginId: 'dataplatform-azure',
  title: 'Azure estate',
  icon: <AzureEstateIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [azureEstateApi, azureEstatePage],
});
