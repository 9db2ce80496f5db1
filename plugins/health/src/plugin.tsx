import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { healthApiRef, HealthClient } from './api';
import { HealthIcon } from './components/icons';
import { rootRouteRef } from './routes';

// Every domain and data product, with or without the model annotation: a
// domain without a model of its own still has a health (its data products'
// models roll up into it), and the platform page links to its tab. An
// entity the backend knows nothing about shows how to add a model. An
// entity predicate rather than a function: it compares kinds
// case-insensitively and an app can replace it in app-config
// (`config.filter`).
const domainOrDataProduct = {
  kind: { $in: ['domain', 'dataproduct'] },
};

/** The client for the `dataplatform-health` backend plugin. */
export const healthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: healthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new HealthClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Platform health: every domain at a glance, worst first. The page's
 * title and icon also make its nav item ("Health"); the page names itself
 * "Platform health" in its content.
 */
export const healthPage = PageBlueprint.make({
  params: {
    path: '/health',
    routeRef: rootRouteRef,
    title: 'Health',
    icon: <HealthIcon fontSize="inherit" />,
    loader: () =>
      import('./components/PlatformHealthPage').then(m => (
        <m.PlatformHealthPage />
      )),
  },
});

/** State, score, availability and what needs attention, on the overview. */
export const healthEntityCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    type: 'info',
    filter: domainOrDataProduct,
    loader: () => import('./components/HealthCard').then(m => <m.HealthCard />),
  },
});

/** The model tree, history, SLO and each signal's drill-down. */
export const healthEntityContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: '/health',
    title: 'Health',
    filter: domainOrDataProduct,
    loader: () => import('./components/HealthTab').then(m => <m.HealthTab />),
  },
});

/**
 * Health of the data platform's domains and data products, from health
 * models kept as code beside their catalog entities: a card and a tab on
 * each Domain and DataProduct page, and a platform health page.
 */
export const healthPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-health',
  title: 'Health',
  icon: <HealthIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [healthApi, healthPage, healthEntityCard, healthEntityContent],
});
