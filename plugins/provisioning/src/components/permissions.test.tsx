import { screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import provisioningPlugin from '..';
import {
  BASE,
  DENY,
  brazilRequest,
  financeRequest,
  leases,
} from '../__testUtils__/fixtures';
import { domainRequestsRouteRef } from '../routes';
import { DomainRequestPage } from './DomainRequestPage';
import { EXTEND_NOT_ALLOWED } from './lease';
import { SandboxLeasesTab } from './SandboxLeasesTab';

// usePermission caches its answers for the whole module, so the denials
// live in this file of their own, where nothing is ever allowed.

const server = setupServer();
registerMswTestHooks(server);

function options(authorize: jest.Mock, path?: string) {
  return {
    features: [provisioningPlugin],
    mountPath: path && '/provisioning/domain-requests/:id',
    initialRouteEntries: path ? [path] : undefined,
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/provisioning/domain-requests': domainRequestsRouteRef,
    },
    apis: [catalogApiMock(), mockApis.permission({ authorize })] as const,
  };
}

function askedFor(authorize: jest.Mock, name: string) {
  return waitFor(() =>
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name }),
      }),
    ),
  );
}

describe('without the permissions', () => {
  it('offers no decision on a pending request', async () => {
    server.use(
      http.get(`${BASE}/domain-requests/req-finance`, () =>
        HttpResponse.json(financeRequest),
      ),
    );
    const authorize = jest.fn().mockReturnValue(DENY);
    renderInTestApp(
      <DomainRequestPage />,
      options(authorize, '/provisioning/domain-requests/req-finance'),
    );

    await screen.findByRole('heading', { level: 1, name: 'Finance' });
    await askedFor(authorize, 'dataplatform.domain-request.decide');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('offers no retry of a failed provisioning', async () => {
    server.use(
      http.get(`${BASE}/domain-requests/req-latam`, () =>
        HttpResponse.json(brazilRequest),
      ),
    );
    const authorize = jest.fn().mockReturnValue(DENY);
    renderInTestApp(
      <DomainRequestPage />,
      options(authorize, '/provisioning/domain-requests/req-latam'),
    );

    await screen.findByRole('heading', { level: 1, name: 'Latin America' });
    // The decide answer may come from the cache of the test before (a denial too).
    expect(
      screen.getByText(
        'subscription alias dp-domain-latam: BillingAccountNotFound',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry provisioning' }),
    ).toBeNull();
  });

  it('disables Extend on a lease that could otherwise be extended, and says why', async () => {
    const { active } = leases();
    server.use(
      http.get(`${BASE}/sandbox-leases`, () =>
        HttpResponse.json({ items: [active] }),
      ),
    );
    const authorize = jest.fn().mockReturnValue(DENY);
    renderInTestApp(<SandboxLeasesTab />, options(authorize));

    const table = await screen.findByRole('table', { name: 'Sandbox leases' });
    await askedFor(authorize, 'dataplatform.sandbox-lease.extend');
    await waitFor(() =>
      expect(
        within(table).getByLabelText(EXTEND_NOT_ALLOWED),
      ).toBeInTheDocument(),
    );
    expect(
      within(table).getByRole('button', { name: 'Extend' }),
    ).toBeDisabled();
  });
});
