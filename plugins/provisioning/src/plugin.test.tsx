import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import provisioningPlugin from '.';
import {
  ALLOW,
  BASE,
  domainRequests,
  financeRequest,
  leases,
} from './__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderApp(path: string) {
  const { active, expiring } = leases();
  server.use(
    http.get(`${BASE}/domain-requests`, () =>
      HttpResponse.json({ items: domainRequests }),
    ),
    http.get(`${BASE}/domain-requests/req-finance`, () =>
      HttpResponse.json(financeRequest),
    ),
    http.get(`${BASE}/sandbox-leases`, () =>
      HttpResponse.json({ items: [active, expiring] }),
    ),
  );
  return renderTestApp({
    features: [provisioningPlugin],
    initialRouteEntries: [path],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [catalogApiMock(), mockApis.permission({ authorize: ALLOW })],
  });
}

describe('provisioningPlugin', () => {
  it('serves /provisioning with a nav item, opening the domain requests tab', async () => {
    renderApp('/provisioning');

    expect(
      await screen.findByRole('table', { name: 'Domain requests' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Provisioning' }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link', { name: /Provisioning/ })
        .some(link => link.getAttribute('href') === '/provisioning'),
    ).toBe(true);
    expect(
      screen.getByRole('tab', { name: 'Domain requests' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Sandbox leases' })).toHaveAttribute(
      'href',
      '/provisioning/sandbox-leases',
    );
  });

  it('links to the templates from the page header', async () => {
    renderApp('/provisioning/sandbox-leases');

    await screen.findByRole('table', { name: 'Sandbox leases' });
    expect(
      screen.getByRole('link', { name: 'Request a data domain' }),
    ).toHaveAttribute('href', '/create/templates/default/request-data-domain');
    expect(
      screen.getByRole('link', { name: 'Lease an innovation sandbox' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/lease-innovation-sandbox',
    );
  });

  it('opens a request from the list at /provisioning/domain-requests/:id', async () => {
    renderApp('/provisioning/domain-requests');

    const table = await screen.findByRole('table', { name: 'Domain requests' });
    const link = within(table).getByRole('link', { name: 'Finance' });
    expect(link).toHaveAttribute(
      'href',
      '/provisioning/domain-requests/req-finance',
    );
    fireEvent.click(link);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Finance' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← All domain requests' }),
    ).toHaveAttribute('href', '/provisioning/domain-requests');
  });

  it('provides its extensions under stable ids', () => {
    // Ids are what app-config uses to configure or disable an extension.
    for (const id of [
      'api:dataplatform-provisioning',
      'page:dataplatform-provisioning',
      'sub-page:dataplatform-provisioning/domain-requests',
      'sub-page:dataplatform-provisioning/sandbox-leases',
      'plugin-header-action:dataplatform-provisioning/templates',
      'entity-card:dataplatform-provisioning/domain-provisioning',
      'entity-card:dataplatform-provisioning/sandbox-lease',
      'scaffolder-form-field:dataplatform-provisioning/domain-name',
      'scaffolder-form-field:dataplatform-provisioning/sandbox-name',
    ] as const) {
      expect(provisioningPlugin.getExtension(id)).toBeDefined();
    }
  });
});
