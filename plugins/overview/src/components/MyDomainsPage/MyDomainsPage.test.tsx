import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { MyDomainsResponse } from '@dataplatform/plugin-overview-common';
import { OverviewApi, overviewApiRef } from '../../api';
import {
  myDomains,
  STALE_COST_REASON,
  troubledSources,
} from '../../__testUtils__/fixtures';
import { MyDomainsPage } from './MyDomainsPage';

function fakeApi(answers: Array<MyDomainsResponse | Error>) {
  const queue = [...answers];
  return {
    getPlatformHome: jest.fn(),
    getDomain: jest.fn(),
    getMe: jest.fn(),
    getMyDomains: jest.fn(async () => {
      const answer = queue.length > 1 ? queue.shift()! : queue[0];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  } satisfies OverviewApi;
}

function renderPage(api: OverviewApi) {
  return renderInTestApp(<MyDomainsPage />, {
    apis: [[overviewApiRef, api]],
  });
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('MyDomainsPage', () => {
  it('shows a card per domain with its concerns linking to the details', async () => {
    renderPage(fakeApi([myDomains()]));

    const sales = await screen.findByRole('region', { name: 'Sales' });
    expect(
      screen
        .getAllByRole('region')
        .map(region => region.getAttribute('data-domain'))
        .filter(Boolean),
    ).toEqual(['sales', 'marketing']);

    expect(
      within(sales)
        .getAllByRole('link')
        .map(link => [
          link.getAttribute('aria-label') ?? link.textContent,
          link.getAttribute('href'),
        ]),
    ).toEqual([
      ['Sales', '/catalog/default/domain/sales'],
      ['Health: Unhealthy', '/catalog/default/domain/sales/health'],
      ['Cost: 112% of budget forecast', '/catalog/default/domain/sales/cost'],
      ['Retention: Compliant', '/catalog/default/domain/sales/retention'],
      ['Contracts: 1 invalid, 1 missing', '/catalog/default/domain/sales'],
      ['Sandboxes: None open', '/catalog/default/domain/sales'],
      ['Domain page', '/catalog/default/domain/sales'],
      [
        'Azure subscription of Sales (opens in a new tab)',
        expect.stringMatching(
          /^https:\/\/portal\.azure\.com\/#@[0-9a-f-]+\/resource\/subscriptions\/[0-9a-f-]+\/overview$/,
        ),
      ],
    ]);
    expect(
      within(sales)
        .getByRole('list', { name: 'What needs attention in Sales' })
        .querySelectorAll('li')[0],
    ).toHaveTextContent('Health: unhealthy — Orders pipeline failed 3 times');
    expect(within(sales).getByText('Critical')).toBeInTheDocument();
    expect(
      screen.getByText(/^All data current as of 11:02 UTC$/),
    ).toBeInTheDocument();
  });

  it('lists the requests in progress with links to their pages', async () => {
    renderPage(fakeApi([myDomains()]));

    const table = await screen.findByRole('table', {
      name: 'Requests in progress',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 4)
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      ['Domain request', 'sales-emea', 'Pending approval', 'alice'],
      ['Sandbox lease', 'sandbox-sales-forecasting', 'Provisioning', 'bob'],
    ]);
    expect(
      within(table).getByRole('link', { name: 'sales-emea' }),
    ).toHaveAttribute('href', '/provisioning/domain-requests/dr-2026-0042');
    expect(
      within(table).getByRole('link', { name: 'sandbox-sales-forecasting' }),
    ).toHaveAttribute('href', '/provisioning/sandbox-leases/sl-2026-0107');
    expect(within(table).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(
      within(rows[0]).getByText((_, el) => el?.tagName === 'TIME'),
    ).toHaveAttribute('title', '24 Nov 2026, 09:15 UTC');
  });

  it('offers the quick actions', async () => {
    renderPage(fakeApi([myDomains()]));
    await screen.findByRole('region', { name: 'Sales' });

    expect(
      ['Request a domain', 'Lease a sandbox', 'Create a data product'].map(
        name => screen.getAllByRole('link', { name })[0].getAttribute('href'),
      ),
    ).toEqual([
      '/create/templates/default/request-data-domain',
      '/create/templates/default/lease-innovation-sandbox',
      '/create/templates/default/create-data-product',
    ]);
  });

  it('says when there are no domains and no requests', async () => {
    renderPage(
      fakeApi([myDomains({ rows: [], requests: [], persona: 'data-citizen' })]),
    );

    const empty = await screen.findByRole('region', { name: 'No domains' });
    expect(empty).toHaveTextContent('No group of yours owns a domain.');
    expect(
      within(empty).getByRole('link', { name: 'Request a domain' }),
    ).toHaveAttribute('href', '/create/templates/default/request-data-domain');
    expect(
      within(section('Requests in progress')).getByText(
        /^No requests in progress/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('sends the platform team without domains of their own to the platform home', async () => {
    renderPage(
      fakeApi([
        myDomains({ rows: [], requests: [], persona: 'platform-team' }),
      ]),
    );
    const empty = await screen.findByRole('region', { name: 'No domains' });
    expect(
      within(empty).getByRole('link', { name: 'Platform home' }),
    ).toHaveAttribute('href', '/platform');
  });

  it('says which data is stale', async () => {
    renderPage(fakeApi([myDomains({ sources: troubledSources() })]));

    const freshness = await screen.findByRole('list', {
      name: 'Data freshness',
    });
    expect(
      within(freshness)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      `Cost: stale — ${STALE_COST_REASON}`,
      expect.stringMatching(/^Retention: failing — dataplatform-retention/),
    ]);
  });

  it('shows a failed load and loads again on Retry', async () => {
    const failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'catalog unavailable' },
          response: { statusCode: 500 },
        }),
        { status: 500, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const api = fakeApi([failure, myDomains()]);
    renderPage(api);

    expect(
      await screen.findByText('catalog unavailable', { exact: false }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('region', { name: 'Sales' }),
    ).toBeInTheDocument();
    expect(api.getMyDomains).toHaveBeenCalledTimes(2);
  });
});
