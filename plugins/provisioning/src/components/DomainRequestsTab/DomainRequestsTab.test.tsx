import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import provisioningPlugin from '../..';
import {
  ALLOW,
  BASE,
  domainRequests,
  errorResponse,
} from '../../__testUtils__/fixtures';
import { domainRequestsRouteRef } from '../../routes';
import { DomainRequestsTab } from './DomainRequestsTab';

const server = setupServer();
registerMswTestHooks(server);

function renderTab(path = '/provisioning/domain-requests') {
  return renderInTestApp(<DomainRequestsTab />, {
    features: [provisioningPlugin],
    mountPath: '/provisioning/domain-requests',
    initialRouteEntries: [path],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/provisioning/domain-requests': domainRequestsRouteRef,
    },
    apis: [catalogApiMock(), mockApis.permission({ authorize: ALLOW })],
  });
}

function rowOf(name: string): HTMLElement {
  return screen
    .getByRole('rowheader', { name: new RegExp(`^${name}`) })
    .closest('tr') as HTMLElement;
}

function domainNames(): string[] {
  return within(screen.getByRole('table', { name: 'Domain requests' }))
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent ?? '');
}

describe('DomainRequestsTab', () => {
  beforeEach(() => {
    server.use(
      http.get(`${BASE}/domain-requests`, () =>
        HttpResponse.json({ items: domainRequests }),
      ),
    );
  });

  it('lists the requests with who asked, where, budget, status and decision', async () => {
    renderTab();

    await screen.findByRole('table', { name: 'Domain requests' });
    const finance = rowOf('Finance');
    expect(within(finance).getByText('finance')).toBeInTheDocument();
    expect(within(finance).getByRole('link', { name: /dora/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/dora',
    );
    expect(finance).toHaveTextContent('EU · westeurope');
    expect(finance).toHaveTextContent('5,000');
    expect(within(finance).getByText('Pending approval')).toBeInTheDocument();
    expect(finance).toHaveTextContent(/—$/);

    const sales = rowOf('Sales');
    expect(sales).toHaveTextContent('US · eastus2');
    expect(sales).toHaveTextContent('12,000');
    expect(within(sales).getByText('Provisioned')).toBeInTheDocument();
    expect(within(sales).getByRole('link', { name: /pat/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/pat',
    );

    expect(
      within(rowOf('Latin America')).getByText('Failed'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('Human resources')).getByText('Rejected'),
    ).toBeInTheDocument();
  });

  it('colours the status chips by whether someone has to act', async () => {
    renderTab();

    await screen.findByRole('table', { name: 'Domain requests' });
    // The app prefixes MUI v5 class names (`v5-MuiChip-…`).
    const chipClass = (row: string, label: string) =>
      within(rowOf(row)).getByText(label).parentElement?.className;
    expect(chipClass('Finance', 'Pending approval')).toMatch(
      /MuiChip-colorWarning/,
    );
    expect(chipClass('Sales', 'Provisioned')).toMatch(/MuiChip-colorSuccess/);
    expect(chipClass('Latin America', 'Failed')).toMatch(/MuiChip-colorError/);
    expect(chipClass('Human resources', 'Rejected')).toMatch(
      /MuiChip-colorDefault/,
    );
  });

  it('puts pending requests first, then the newest', async () => {
    const pendingLast = [...domainRequests.slice(1), domainRequests[0]];
    server.use(
      http.get(`${BASE}/domain-requests`, () =>
        HttpResponse.json({ items: pendingLast }),
      ),
    );
    renderTab();

    await screen.findByRole('table', { name: 'Domain requests' });
    expect(domainNames()).toEqual([
      'Finance',
      'Human resources',
      'Latin America',
      'Sales',
    ]);
  });

  it('filters by status with chips that count the requests', async () => {
    renderTab();

    await screen.findByRole('table', { name: 'Domain requests' });
    const filters = screen.getByRole('group', { name: 'Filter by status' });
    expect(within(filters).getByText('All (4)')).toBeInTheDocument();

    fireEvent.click(within(filters).getByText('Failed (1)'));
    expect(domainNames()).toEqual(['Latin America']);

    fireEvent.click(within(filters).getByText('Pending approval (1)'));
    expect(domainNames()).toEqual(['Finance', 'Latin America']);

    fireEvent.click(within(filters).getByText('All (4)'));
    expect(domainNames()).toHaveLength(4);
  });

  it('opens a request from its row', async () => {
    server.use(
      http.get(`${BASE}/domain-requests/req-sales`, () =>
        HttpResponse.json(domainRequests[3]),
      ),
    );
    renderTab();

    await screen.findByRole('table', { name: 'Domain requests' });
    expect(
      within(rowOf('Sales')).getByRole('link', { name: 'Sales' }),
    ).toHaveAttribute('href', '/provisioning/domain-requests/req-sales');

    fireEvent.click(within(rowOf('Sales')).getByText('US · eastus2'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sales' }),
    ).toBeInTheDocument();
  });

  it('explains a failure to load', async () => {
    server.use(
      http.get(`${BASE}/domain-requests`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'database unreachable'),
      ),
    );
    renderTab();

    expect(
      await screen.findByText(/Could not load the domain requests/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database unreachable/).length).toBeGreaterThan(
      0,
    );
  });
});
