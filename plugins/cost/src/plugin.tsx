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
import { SANDBOX_RESOURCE_TYPE } from '@dataplatform/plugin-provisioning-common';
import { costApiRef, CostClient } from './api';
import { CostIcon } from './components/icons';
import { rootRouteRef } from './routes';

// Entity predicates rather than functions: they compare kinds
// case-insensitively and an app can replace them in app-config
// (`config.filter`). Every Domain gets the card: one without a subscription
// annotation is told how to add it.
const isDomain = { kind: 'domain' };
const isSandbox = { kind: 'resource', 'spec.type': SANDBOX_RESOURCE_TYPE };

/** The client for the `dataplatform-cost` backend plugin. */
export const costApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Cost across the estate, for the platform team. The page's title and icon
 * also make its nav item ("Cost").
 */
export const costPage = PageBlueprint.make({
  params: {
    path: '/cost',
    routeRef: rootRouteRef,
    title: 'Cost',
    icon: <CostIcon fontSize="inherit" />,
    loader: () => import('./components/CostPage').then(m => <m.CostPage />),
  },
});

/** Burn against the budget with the forecast, thresholds, alerts and 30 days. */
export const domainCostEntityCard = EntityCardBlueprint.make({
  name: 'domain-cost',
  params: {
    type: 'info',
    filter: isDomain,
    loader: () =>
      import('./components/DomainCostCard').then(m => <m.DomainCostCard />),
  },
});

/**
 * The Cost tab of a Domain: the month against the budget, the daily cost of
 * the last 30 or 90 days and every alert of the domain.
 */
export const domainCostEntityContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: '/cost',
    title: 'Cost',
    filter: isDomain,
    loader: () =>
      import('./components/DomainCostTab').then(m => <m.DomainCostTab />),
  },
});

/** Spend against the cap, days until it, expiry, alerts and 30 days. */
export const sandboxCostEntityCard = EntityCardBlueprint.make({
  name: 'sandbox-cost',
  params: {
    type: 'info',
    filter: isSandbox,
    loader: () =>
      import('./components/SandboxCostCard').then(m => <m.SandboxCostCard />),
  },
});

/**
 * Cost of the data platform's domains and innovation sandboxes from Azure
 * Cost Management: a burn card and a Cost tab on every Domain, a cap card
 * on every sandbox, and a platform page ranking domains by risk.
 */
export const costPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-cost',
  title: 'Cost',
  icon: <CostIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    costApi,
    costPage,
    domainCostEntityCard,
    domainCostEntityContent,
    sandboxCostEntityCard,
  ],
});
