import { screen } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import azurePlugin from '.';
import { estate, localConnection } from './testing/fixtures';

const BASE = 'http://localhost:7007/api/dataplatform-azure';

const server = setupServer(
  http.get(`${BASE}/connection`, () => HttpResponse.json(localConnection)),
  http.get(`${BASE}/estate`, () => HttpResponse.json(estate)),
);
registerMswTestHooks(server);

describe('azurePlugin', () => {
  it('serves the Azure estate page at /azure-estate with a nav item', async () => {
    renderTestApp({
      features: [azurePlugin],
      initialRouteEntries: ['/azure-estate'],
      apis: [mockApis.identity({ userEntityRef: 'user:default/pat' })],
    });

    // Wait for the lazily loaded page and its data before looking around.
    expect(
      await screen.findByRole('rowheader', { name: 'HR' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Azure estate' }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link', { name: /Azure estate/ })
        .some(link => link.getAttribute('href') === '/azure-estate'),
    ).toBe(true);
  });
});
