import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { overviewApiRef, OverviewClient } from './api';
import { MyDomainsIcon, PlatformHomeIcon } from './components/icons';
import {
  landingRouteRef,
  myDomainsRouteRef,
  platformHomeRouteRef,
} from './routes';

// An entity predicate rather than a function: it compares kinds
// case-insensitively and an app can replace it in app-config.
const isDomain = { kind: 'domain' };

/** The client for the `dataplatform-overview` backend plugin. */
export const overviewApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: overviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OverviewClient({ discoveryApi, fetchApi }),
    }),
});

/** Every domain with one column per concern, worst first; counts on top. */
export const platformHomePage = PageBlueprint.make({
  name: 'platform-home',
  params: {
    path: '/platform',
    routeRef: platformHomeRouteRef,
    title: 'Platform home',
    icon: <PlatformHomeIcon fontSize="inherit" />,
    loader: () =>
      import('./components/PlatformHomePage').then(m => <m.PlatformHomePage />),
  },
});

/** A domain owner's domains and requests in progress. */
export const myDomainsPage = PageBlueprint.make({
  name: 'my-domains',
  params: {
    path: '/my-domains',
    routeRef: myDomainsRouteRef,
    title: 'My domains',
    icon: <MyDomainsIcon fontSize="inherit" />,
    loader: () =>
      import('./components/MyDomainsPage').then(m => <m.MyDomainsPage />),
  },
});

/**
 * The portal's root: sends each persona to its page. No title, so it makes
 * no nav item.
 */
export const landingPage = PageBlueprint.make({
  name: 'landing',
  params: {
    path: '/',
    routeRef: landingRouteRef,
    loader: () =>
      import('./components/LandingPage').then(m => <m.LandingPage />),
  },
});

/** Health, cost, retention, contracts and sandboxes of the domain at a glance. */
export const domainOverviewEntityCard = EntityCardBlueprint.make({
  name: 'domain-overview',
  params: {
    type: 'content',
    filter: isDomain,
    loader: () =>
      import('./components/DomainOverviewCard').then(m => (
        <m.DomainOverviewCard />
      )),
  },
});

/** The domain's data products with their contracts' status. */
export const domainDataProductsEntityCard = EntityCardBlueprint.make({
  name: 'domain-data-products',
  params: {
    type: 'content',
    filter: isDomain,
    loader: () =>
      import('./components/DomainDataProductsCard').then(m => (
        <m.DomainDataProductsCard />
      )),
  },
});

/** Open innovation sandboxes of the domain's owners, with their end. */
export const domainSandboxesEntityCard = EntityCardBlueprint.make({
  name: 'domain-sandboxes',
  params: {
    type: 'info',
    filter: isDomain,
    loader: () =>
      import('./components/DomainSandboxesCard').then(m => (
        <m.DomainSandboxesCard />
      )),
  },
});

/** The owner group and its members. */
export const domainPeopleEntityCard = EntityCardBlueprint.make({
  name: 'domain-people',
  params: {
    type: 'info',
    filter: isDomain,
    loader: () =>
      import('./components/DomainPeopleCard').then(m => <m.DomainPeopleCard />),
  },
});

/**
 * The combined view of the data platform's domains: the platform home for
 * the platform team, "my domains" for domain owners, the landing that sends
 * each persona to its page, and the overview cards of every Domain page.
 */
export const overviewPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-overview',
  title: 'Overview',
  icon: <PlatformHomeIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    platformHome: platformHomeRouteRef,
    myDomains: myDomainsRouteRef,
    landing: landingRouteRef,
  },
  extensions: [
    overviewApi,
    platformHomePage,
    myDomainsPage,
    landingPage,
    domainOverviewEntityCard,
    domainDataProductsEntityCard,
    domainSandboxesEntityCard,
    domainPeopleEntityCard,
  ],
});
