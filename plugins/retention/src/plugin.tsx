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
import { retentionApiRef, RetentionClient } from './api';
import { RetentionIcon } from './components/icons';
import { rootRouteRef } from './routes';

// Every domain and data product: one the backend has not evaluated says
// so and what makes it evaluated. An entity predicate rather than a
// function: it compares kinds case-insensitively and an app can replace it
// in app-config (`config.filter`).
const domainOrDataProduct = {
  kind: { $in: ['domain', 'dataproduct'] },
};

/** The client for the `dataplatform-retention` backend plugin. */
export const retentionApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: retentionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RetentionClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Retention across the estate. The page's title and icon also make its
 * nav item ("Retention"); the page names itself in its content.
 */
export const retentionPage = PageBlueprint.make({
  params: {
    path: '/retention',
    routeRef: rootRouteRef,
    title: 'Retention',
    icon: <RetentionIcon fontSize="inherit" />,
    loader: () =>
      import('./components/RetentionPage').then(m => <m.RetentionPage />),
  },
});

/** Verdict, findings by verdict and the worst one; on a data product, each contract's retention against Azure. */
export const retentionEntityCard = EntityCardBlueprint.make({
  name: 'retention',
  params: {
    type: 'info',
    filter: domainOrDataProduct,
    loader: () =>
      import('./components/RetentionCard').then(m => <m.RetentionCard />),
  },
});

/** Timelines, every finding with what to do, recovery and data products. */
export const retentionEntityContent = EntityContentBlueprint.make({
  name: 'retention',
  params: {
    path: '/retention',
    title: 'Retention',
    filter: domainOrDataProduct,
    loader: () =>
      import('./components/RetentionTab').then(m => <m.RetentionTab />),
  },
});

/**
 * Retention and recovery of the data platform's domains and data products
 * against the retention policy and their data contracts: a card and a tab
 * on each Domain and DataProduct page, and a platform page.
 */
export const retentionPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-retention',
  title: 'Retention',
  icon: <RetentionIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    retentionApi,
    retentionPage,
    retentionEntityCard,
    retentionEntityContent,
  ],
});
