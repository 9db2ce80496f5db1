import { screen, waitFor } from '@testing-library/react';
import {
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import healthPlugin from '.';
import {
  BASE,
  domainEntity,
  errorResponse,
  financeDetail,
  history,
  platformItems,
} from './__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

beforeEach(() => {
  server.use(
    http.get(`${BASE}/entities`, () =>
      HttpResponse.json({ items: platformItems() }),
    ),
    http.get(`${BASE}/entities/domain/default/finance`, () =>
      HttpResponse.json(financeDetail(false)),
    ),
    http.get(`${BASE}/entities/domain/default/finance/history`, () =>
      HttpResponse.json(history('24h')),
    ),
  );
});

describe('healthPlugin', () => {
  it('serves the platform health page at /health with a "Health" nav item', async () => {
    renderTestApp({
      features: [healthPlugin],
      initialRouteEntries: ['/health'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock()],
    });

    expect(
      await screen.findByRole('table', { name: 'Domains' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Platform health' }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link', { name: /Health/ })
        .some(link => link.getAttribute('href') === '/health'),
    ).toBe(true);
  });

  it('puts the Health card and tab on a domain with a health model', async () => {
    const entity = domainEntity('finance');
    renderTestApp({
      features: [healthPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    // The card…
    expect(
      await screen.findByRole('link', {
        name: 'See the model, history and SLO in the Health tab',
      }),
    ).toBeInTheDocument();
    // …and the tab.
    expect(
      await screen.findByRole('heading', { name: 'Health of Finance' }),
    ).toBeInTheDocument();
  });

  it('puts the Health card and tab on every domain, with or without a health model', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () =>
        errorResponse(404, 'NotFoundError', 'no health for domain:default/hr'),
      ),
      http.get(`${BASE}/entities/domain/default/hr/history`, () =>
        errorResponse(404, 'NotFoundError', 'no health for domain:default/hr'),
      ),
    );
    const entity = domainEntity('hr', false);
    renderTestApp({
      features: [healthPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    // The card links to the tab, and both say how to add a model.
    expect(
      await screen.findByRole('link', {
        name: 'See the model, history and SLO in the Health tab',
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText('No health model yet')).toHaveLength(2),
    );
  });

  it('provides its extensions under stable ids', () => {
    // Ids are what app-config uses to configure or disable an extension.
    for (const id of [
      'api:dataplatform-health',
      'page:dataplatform-health',
      'entity-card:dataplatform-health/health',
      'entity-content:dataplatform-health/health',
    ] as const) {
      expect(healthPlugin.getExtension(id)).toBeDefined();
    }
  });
});
