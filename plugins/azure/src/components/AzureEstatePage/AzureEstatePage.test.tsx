import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AzureEstate } from '@dataplatform/plugin-azure-common';
import azurePlugin from '../..';
import {
  HR_COST_CENTER_PROBLEM,
  TENANT_ID,
  estate,
  localConnection,
} from '../../testing/fixtures';
import { AzureEstatePage } from './AzureEstatePage';

const BASE = 'http://localhost:7007/api/dataplatform-azure';

const server = setupServer();
registerMswTestHooks(server);

function serve(options: {
  estate?: () => Response;
  refresh?: () => Response;
  connection?: () => Response;
}) {
  server.use(
    http.get(
      `${BASE}/connection`,
      options.connection ?? (() => HttpResponse.json(localConnection)),
    ),
    http.get(
      `${BASE}/estate`,
      options.estate ?? (() => HttpResponse.json(estate)),
    ),
    http.post(
      `${BASE}/estate/refresh`,
      options.refresh ?? (() => HttpResponse.json(estate, { status: 202 })),
    ),
  );
}

/** An error as the Backstage backend's error handler sends it. */
function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-azure/estate' },
      response: { statusCode: status },
    },
    { status },
  );
}

function renderPage() {
  return renderInTestApp(<AzureEstatePage />, {
    features: [azurePlugin],
    apis: [mockApis.identity({ userEntityRef: 'user:default/pat' })],
  });
}

describe('AzureEstatePage', () => {
  it('shows the subscriptions, their tagging problems and the age of the data', async () => {
    serve({});
    renderPage();

    const table = await screen.findByRole('grid');
    for (const name of ['Sales', 'HR', 'Platform shared', 'Sandbox Alice']) {
      expect(
        within(table).getByRole('rowheader', { name }),
      ).toBeInTheDocument();
    }
    const hrRow = within(table)
      .getByRole('rowheader', { name: 'HR' })
      .closest('[role="row"]') as HTMLElement;
    expect(within(hrRow).getByText(HR_COST_CENTER_PROBLEM)).toBeInTheDocument();
    expect(
      within(hrRow).getByText('aaaaaaaa-0000-0000-0000-000000000002'),
    ).toBeInTheDocument();
    expect(
      within(hrRow).getByRole('link', { name: 'Open in Azure portal' }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@${TENANT_ID}/resource/subscriptions/aaaaaaaa-0000-0000-0000-000000000002/overview`,
    );
    expect(
      within(hrRow).getByRole('link', { name: 'Open in Azure portal' }),
    ).toHaveAttribute('target', '_blank');

    const salesRow = within(table)
      .getByRole('rowheader', { name: 'Sales' })
      .closest('[role="row"]') as HTMLElement;
    expect(within(salesRow).getByText('Compliant')).toBeInTheDocument();

    expect(screen.getAllByText(/Estate data as of/)[0]).toHaveTextContent(
      'Estate data as of 2 minutes ago',
    );
    expect(screen.getByText('Local demo tenant')).toBeInTheDocument();
    expect(screen.getByText(TENANT_ID)).toBeInTheDocument();
    expect(screen.queryByText(/Showing the last good reading/)).toBeNull();
  });

  it('counts the subscriptions by role and by tag compliance', async () => {
    serve({});
    renderPage();

    const summary = await screen.findByRole('region', { name: 'Summary' });
    const count = (label: string) =>
      within(summary).getByText(label).previousElementSibling?.textContent;
    expect(count('Subscriptions')).toBe('6');
    expect(count('Domains')).toBe('2');
    expect(count('Sandboxes')).toBe('1');
    expect(count('Platform')).toBe('1');
    expect(count('Decommissioned')).toBe('1');
    expect(count('Outside the hierarchy')).toBe('1');
    expect(count('Not compliant with the tagging strategy')).toBe('2');
  });

  it('shows the management-group hierarchy with the subscriptions under each group', async () => {
    serve({});
    renderPage();

    const tree = await screen.findByRole('list', { name: 'Management groups' });
    const root = within(tree).getByRole('link', { name: 'Tenant Root Group' });
    expect(root).toHaveAttribute('target', '_blank');

    const domainsItem = within(tree)
      .getByRole('link', { name: 'domains' })
      .closest('li') as HTMLElement;
    expect(
      within(domainsItem).getByRole('link', { name: 'HR' }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@${TENANT_ID}/resource/subscriptions/aaaaaaaa-0000-0000-0000-000000000002/overview`,
    );
    expect(
      within(domainsItem).getByRole('link', { name: 'Sales' }),
    ).toBeInTheDocument();
    expect(
      within(domainsItem).queryByRole('link', { name: 'Sandbox Alice' }),
    ).toBeNull();

    const platformItem = within(tree)
      .getByRole('link', { name: 'dataplatform' })
      .closest('li') as HTMLElement;
    for (const name of ['platform', 'domains', 'sandboxes', 'decommissioned']) {
      expect(
        within(platformItem).getByRole('link', { name }),
      ).toBeInTheDocument();
    }
    expect(
      within(tree).getByText('Outside the platform hierarchy'),
    ).toBeInTheDocument();
  });

  it('says when it shows an old reading because the latest refresh failed', async () => {
    const stale: AzureEstate = {
      ...estate,
      fetchedAt: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
      stale: true,
      lastError: {
        message: 'AADSTS700016: application not found in the directory',
        code: 'invalid_client',
        at: new Date(Date.now() - 60 * 1000).toISOString(),
      },
    };
    serve({ estate: () => HttpResponse.json(stale) });
    renderPage();

    expect(
      await screen.findByText(
        /^Showing the last good reading from .+ \(3 hours ago\): the latest refresh failed: AADSTS700016: application not found in the directory$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Estate data as of/)[0]).toHaveTextContent(
      'Estate data as of 3 hours ago',
    );
  });

  it('tells people outside the platform team and domain owners that they may not see the estate', async () => {
    serve({
      estate: () =>
        errorResponse(403, 'NotAllowedError', 'not allowed to read the estate'),
    });
    renderPage();

    expect(
      await screen.findByText(
        'You need to be in the platform team or a domain owner group to see the Azure estate.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('explains that there is no reading yet when Azure has not been reachable', async () => {
    serve({
      estate: () =>
        errorResponse(
          503,
          'ServiceUnavailableError',
          'No reading of the Azure estate exists yet; the last attempt failed: connect ECONNREFUSED',
        ),
    });
    renderPage();

    expect(
      await screen.findByText('No reading of the Azure estate exists yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No reading of the Azure estate exists yet; the last attempt failed: connect ECONNREFUSED. The portal keeps trying on a schedule; the platform team can also refresh it now.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Refresh from Azure' }),
    ).toBeInTheDocument();
  });

  it('shows other failures as an error panel', async () => {
    serve({
      estate: () => errorResponse(500, 'Error', 'the database is on fire'),
    });
    renderPage();

    expect(
      await screen.findByText(/Could not load the Azure estate/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the database is on fire/).length,
    ).toBeGreaterThan(0);
  });

  it('refreshes from Azure and shows the new reading', async () => {
    const newer: AzureEstate = {
      ...estate,
      fetchedAt: new Date().toISOString(),
      subscriptions: [
        ...estate.subscriptions,
        {
          ...estate.subscriptions[0],
          subscriptionId: 'aaaaaaaa-0000-0000-0000-000000000007',
          displayName: 'Finance',
          tags: { ...estate.subscriptions[0].tags, domain: 'finance' },
        },
      ],
    };
    let refreshed = false;
    serve({
      refresh: () => {
        refreshed = true;
        return HttpResponse.json(newer, { status: 202 });
      },
    });
    renderPage();

    const button = await screen.findByRole('button', {
      name: 'Refresh from Azure',
    });
    expect(screen.queryByRole('rowheader', { name: 'Finance' })).toBeNull();
    fireEvent.click(button);

    expect(
      await screen.findByRole('rowheader', { name: 'Finance' }),
    ).toBeInTheDocument();
    expect(refreshed).toBe(true);
    expect(screen.getAllByText(/Estate data as of/)[0]).toHaveTextContent(
      'Estate data as of just now',
    );
  });

  it('tells people outside the platform team that they may not refresh', async () => {
    serve({
      refresh: () =>
        errorResponse(403, 'NotAllowedError', 'only the platform team'),
    });
    renderPage();

    fireEvent.click(
      await screen.findByRole('button', { name: 'Refresh from Azure' }),
    );

    expect(
      await screen.findByText('Only the platform team can refresh the estate.'),
    ).toBeInTheDocument();
    // The reading stays on screen.
    expect(screen.getByRole('rowheader', { name: 'HR' })).toBeInTheDocument();
  });

  it('says why a refresh failed and shows the estate as stale', async () => {
    let failed = false;
    serve({
      estate: () =>
        HttpResponse.json(
          failed
            ? {
                ...estate,
                stale: true,
                lastError: {
                  message: 'ARM answered 429 Too Many Requests',
                  at: new Date().toISOString(),
                },
              }
            : estate,
        ),
      refresh: () => {
        failed = true;
        return errorResponse(
          503,
          'ServiceUnavailableError',
          'Reading the Azure estate failed: ARM answered 429 Too Many Requests',
        );
      },
    });
    renderPage();

    fireEvent.click(
      await screen.findByRole('button', { name: 'Refresh from Azure' }),
    );

    expect(
      await screen.findByText('Refreshing the estate from Azure failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Reading the Azure estate failed: ARM answered 429 Too Many Requests',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /^Showing the last good reading from .+: the latest refresh failed: ARM answered 429 Too Many Requests$/,
      ),
    ).toBeInTheDocument();
  });

  it('labels a real Azure tenant as such', async () => {
    serve({
      connection: () =>
        HttpResponse.json({
          ...localConnection,
          mode: 'azure',
          resourceManagerEndpoint: 'https://management.azure.com',
        }),
    });
    renderPage();

    expect(await screen.findByText('Azure tenant')).toBeInTheDocument();
    expect(screen.queryByText('Local demo tenant')).toBeNull();
  });
});
