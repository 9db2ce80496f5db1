import { screen, within } from '@testing-library/react';
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
import costPlugin from '.';
import {
  alertFeed,
  BASE,
  domainEntity,
  estate,
  genaiCost,
  salesCost,
  sandboxEntity,
} from './__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

beforeEach(() => {
  server.use(
    http.get(`${BASE}/estate`, () => HttpResponse.json(estate())),
    http.get(`${BASE}/alerts`, () => HttpResponse.json(alertFeed())),
    http.get(`${BASE}/domains/sales`, () => HttpResponse.json(salesCost())),
    http.get(`${BASE}/sandboxes/sandbox-genai-pilot`, () =>
      HttpResponse.json(genaiCost()),
    ),
  );
});

describe('costPlugin', () => {
  it('serves the cost page at /cost with a "Cost" nav item', async () => {
    renderTestApp({
      features: [costPlugin],
      initialRouteEntries: ['/cost'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock()],
    });

    expect(
      await screen.findByRole('table', { name: 'Domains ranked by risk' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Cost across the estate' }),
    ).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'sidebar nav' }));
    expect(
      nav
        .getAllByRole('link', { name: /^Cost$/ })
        .map(link => link.getAttribute('href')),
    ).toContain('/cost');
  });

  it('puts the Cost card and the Cost tab on a domain', async () => {
    const entity = domainEntity('sales');
    renderTestApp({
      features: [costPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    // The test page shows the cards and, being the only one, the tab below them.
    expect(
      await screen.findAllByRole('img', {
        name: /^Burn against the monthly budget/,
      }),
    ).toHaveLength(2);
    expect(
      screen.getByRole('heading', { name: 'This month' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('radiogroup', { name: 'Days shown' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Sandbox cost')).toBeNull();
  });

  it('puts the Sandbox cost card on an innovation sandbox', async () => {
    const entity = sandboxEntity('sandbox-genai-pilot');
    renderTestApp({
      features: [costPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    expect(
      await screen.findByRole('img', { name: /^Spend against the cap/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sandbox cost')).toBeInTheDocument();
  });

  it('provides its extensions under the ids app-config names', () => {
    // app-config orders the cards by these ids.
    for (const id of [
      'api:dataplatform-cost',
      'page:dataplatform-cost',
      'entity-card:dataplatform-cost/domain-cost',
      'entity-content:dataplatform-cost/cost',
      'entity-card:dataplatform-cost/sandbox-cost',
    ] as const) {
      expect(costPlugin.getExtension(id)).toBeDefined();
    }
  });
});
