import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  PluginHeaderActionBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { SANDBOX_RESOURCE_TYPE } from '@dataplatform/plugin-provisioning-common';
import { provisioningApiRef, ProvisioningClient } from './api';
import { ProvisioningIcon } from './components/icons';
import {
  domainRequestsRouteRef,
  rootRouteRef,
  sandboxLeasesRouteRef,
} from './routes';

// Entity predicates rather than functions: they compare case-insensitively
// and an app can replace them in app-config (`config.filter`). An annotation
// key with dots and a slash is matched whole after `metadata.annotations.`;
// it is written out (PROVISIONING_ANNOTATIONS.domainRequestId) because a
// computed key loses the predicate's type.
const isProvisionedDomain = {
  kind: 'domain',
  'metadata.annotations.dataplatform.contoso.com/domain-request-id': {
    $exists: true,
  },
};
const isSandbox = { kind: 'resource', 'spec.type': SANDBOX_RESOURCE_TYPE };

/** The client for the `dataplatform-provisioning` backend plugin. */
export const provisioningApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: provisioningApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ProvisioningClient({ discoveryApi, fetchApi }),
    }),
});

/** The provisioning page; its title and icon also make its nav item. Its tabs attach below. */
export const provisioningPage = PageBlueprint.make({
  params: {
    path: '/provisioning',
    routeRef: rootRouteRef,
    title: 'Provisioning',
    icon: <ProvisioningIcon fontSize="inherit" />,
  },
});

/** Domain requests, and one request with its plan and decision below it. */
export const domainRequestsSubPage = SubPageBlueprint.make({
  name: 'domain-requests',
  params: {
    path: 'domain-requests',
    title: 'Domain requests',
    routeRef: domainRequestsRouteRef,
    loader: () =>
      import('./components/DomainRequestsTab').then(m => (
        <m.DomainRequestsTab />
      )),
  },
});

/** Sandbox leases with their expiry, spend and extension. */
export const sandboxLeasesSubPage = SubPageBlueprint.make({
  name: 'sandbox-leases',
  params: {
    path: 'sandbox-leases',
    title: 'Sandbox leases',
    routeRef: sandboxLeasesRouteRef,
    loader: () =>
      import('./components/SandboxLeasesTab').then(m => <m.SandboxLeasesTab />),
  },
});

/** "Request a data domain" and "Lease an innovation sandbox" in the page header. */
export const templateHeaderActions = PluginHeaderActionBlueprint.make({
  name: 'templates',
  params: {
    loader: () =>
      import('./components/TemplateButtons').then(m => (
        <m.ProvisioningHeaderActions />
      )),
  },
});

/** Who approved a provisioned domain and what was set up, on its entity page. */
export const domainProvisioningEntityCard = EntityCardBlueprint.make({
  name: 'domain-provisioning',
  params: {
    type: 'info',
    filter: isProvisionedDomain,
    loader: () =>
      import('./components/DomainProvisioningCard').then(m => (
        <m.DomainProvisioningCard />
      )),
  },
});

/** The lease of an innovation sandbox, on its Resource entity page. */
export const sandboxLeaseEntityCard = EntityCardBlueprint.make({
  name: 'sandbox-lease',
  params: {
    type: 'info',
    filter: isSandbox,
    loader: () =>
      import('./components/SandboxLeaseCard').then(m => <m.SandboxLeaseCard />),
  },
});

/** `ui:field: DomainName` for the "Request a data domain" template. */
export const domainNameFormField = FormFieldBlueprint.make({
  name: 'domain-name',
  params: {
    field: () => import('./components/fields').then(m => m.DomainNameFormField),
  },
});

/** `ui:field: SandboxName` for the "Lease an innovation sandbox" template. */
export const sandboxNameFormField = FormFieldBlueprint.make({
  name: 'sandbox-name',
  params: {
    field: () =>
      import('./components/fields').then(m => m.SandboxNameFormField),
  },
});

/**
 * Provisioning for the data platform: domain requests and their approval,
 * sandbox leases with expiry and extension, provisioning cards on domain and
 * sandbox pages, and the name fields of the provisioning templates.
 */
export const provisioningPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-provisioning',
  title: 'Provisioning',
  icon: <ProvisioningIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    domainRequests: domainRequestsRouteRef,
    sandboxLeases: sandboxLeasesRouteRef,
  },
  extensions: [
    provisioningApi,
    provisioningPage,
    domainRequestsSubPage,
    sandboxLeasesSubPage,
    templateHeaderActions,
    domainProvisioningEntityCard,
    sandboxLeaseEntityCard,
    domainNameFormField,
    sandboxNameFormField,
  ],
});
