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
import retentionPlugin from '.';
import {
  BASE,
  dataProductEntity,
  directoryDetail,
  domainEntity,
  estateResponse,
  hrDetail,
} from './__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

beforeEach(() => {
  server.use(
    http.get(`${BASE}/findings`, () => HttpResponse.json(estateResponse())),
    http.get(`${BASE}/entities/domain/default/hr`, () =>
      HttpResponse.json(hrDetail()),
    ),
    http.get(`${BASE}/entities/dataproduct/default/employee-directory`, () =>
      HttpResponse.json(directoryDetail()),
    ),
  );
});

describe('retentionPlugin', () => {
  it('serves the estate page at /retention with a "Retention" nav item', async () => {
    renderTestApp({
      features: [retentionPlugin],
      initialRouteEntries: ['/retention'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock()],
    });

    expect(
      await screen.findByRole('table', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Retention across the estate' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'sidebar nav' }))
        .getAllByRole('link', { name: /Retention/ })
        .map(link => link.getAttribute('href')),
    ).toContain('/retention');
  });

  it('puts the Retention card and tab on a domain', async () => {
    const entity = domainEntity('hr');
    renderTestApp({
      features: [retentionPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    expect(
      await screen.findByRole('link', {
        name: 'See every requirement and timeline in the Retention tab',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Retention of HR' }),
    ).toBeInTheDocument();
  });

  it('puts the "Retention vs contract" card and the tab on a data product', async () => {
    const entity = dataProductEntity('employee-directory');
    renderTestApp({
      features: [retentionPlugin],
      extensions: [createTestEntityPage({ entity })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [catalogApiMock({ entities: [entity] })],
    });

    expect(
      await screen.findByText('Retention vs contract'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', {
        name: 'Retention of Employee Directory',
      }),
    ).toBeInTheDocument();
  });

  it('provides its extensions under stable ids', () => {
    // Ids are what app-config uses to configure or disable an extension.
    for (const id of [
      'api:dataplatform-retention',
      'page:dataplatform-retention',
      'entity-card:dataplatform-retention/retention',
      'entity-content:dataplatform-retention/retention',
    ] as const) {
      expect(retentionPlugin.getExtension(id)).toBeDefined();
    }
  });
});
