import { useLocation } from 'react-router-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { PlatformHomeResponse } from '@dataplatform/plugin-overview-common';
import { OverviewApi, overviewApiRef } from '../../api';
import {
  DATA_CITIZEN_REASON,
  ESTATE_WORST_FIRST,
  emptyPlatformHome,
  estateRows,
  FAILING_RETENTION_REASON,
  manyRows,
  platformHome,
  STALE_COST_REASON,
  troubledSources,
} from '../../__testUtils__/fixtures';
import { PlatformHomePage } from './PlatformHomePage';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** An OverviewApi with platform home answers by call; the last repeats. */
function fakeApi(answers: Array<PlatformHomeResponse | Error>) {
  const queue = [...answers];
  return {
    getPlatformHome: jest.fn(async () => {
      const answer = queue.length > 1 ? queue.shift()! : queue[0];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getDomain: jest.fn(),
    getMe: jest.fn(),
    getMyDomains: jest.fn(),
  } satisfies OverviewApi;
}

function Location() {
  const { pathname, search } = useLocation();
  return <div data-testid="location">{`${pathname}${search}`}</div>;
}

function renderPage(api: OverviewApi, url = '/platform') {
  return renderInTestApp(
    <>
      <PlatformHomePage />
      <Location />
    </>,
    { apis: [[overviewApiRef, api]], initialRouteEntries: [url] },
  );
}

function table() {
  return screen.getByRole('table', { name: 'Domains' });
}

/** The domain of each row, top to bottom. */
function shownDomains(): string[] {
  return within(table())
    .getAllByRole('row')
    .slice(1)
    .map(row => row.getAttribute('data-domain') ?? '');
}

function rowOf(name: string): HTMLElement {
  return within(table())
    .getAllByRole('row')
    .find(row => row.getAttribute('data-domain') === name)!;
}

function currentUrl(): string {
  return screen.getByTestId('location').textContent ?? '';
}

describe('PlatformHomePage', () => {
  it('lists every domain worst first, each cell a link to its details', async () => {
    renderPage(fakeApi([platformHome()]));

    await screen.findByRole('table', { name: 'Domains' });
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);
    expect(screen.getByText('6 domains')).toBeInTheDocument();

    const sales = rowOf('sales');
    expect(within(sales).getByRole('link', { name: 'Sales' })).toHaveAttribute(
      'href',
      '/catalog/default/domain/sales',
    );
    expect(
      within(sales).getByRole('link', { name: 'Sales owners' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-owners');
    const subscription = within(sales).getByRole('link', {
      name: 'Azure subscription of Sales (opens in a new tab)',
    });
    expect(subscription.getAttribute('href')).toMatch(
      /^https:\/\/portal\.azure\.com\/#@7c69a373-b08d-46be-806d-a881ce6a31b1\/resource\/subscriptions\/[0-9a-f-]+\/overview$/,
    );
    expect(subscription).toHaveAttribute('target', '_blank');

    const cells = within(sales)
      .getAllByRole('link')
      .filter(link => link.hasAttribute('data-concern'))
      .map(link => [
        link.getAttribute('aria-label'),
        link.getAttribute('href'),
        link.querySelector('[data-attention]')?.getAttribute('data-attention'),
      ]);
    expect(cells).toEqual([
      ['Health: Unhealthy', '/catalog/default/domain/sales/health', 'critical'],
      [
        'Cost: 112% of budget forecast',
        '/catalog/default/domain/sales/cost',
        'critical',
      ],
      ['Retention: Compliant', '/catalog/default/domain/sales/retention', 'ok'],
      [
        'Contracts: 1 invalid, 1 missing',
        '/catalog/default/domain/sales',
        'critical',
      ],
      ['Sandboxes: None open', '/catalog/default/domain/sales', 'ok'],
    ]);
    expect(
      within(rowOf('marketing')).getByRole('link', {
        name: 'Sandboxes: 2 open, 1 ending',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-marketing-1');
  });

  it('shows the counts, and a tile filters the table to what it counts', async () => {
    renderPage(fakeApi([platformHome()]));

    const counts = await screen.findByRole('list', { name: 'Counts' });
    expect(
      within(counts)
        .getAllByRole('button')
        .map(tile => tile.getAttribute('aria-label')),
    ).toEqual([
      'Domains: 6',
      'Need attention: 2',
      'Warnings: 1',
      'Unhealthy: 1',
      'Over budget: 1',
      'Retention violations: 1',
      'Contract errors: 2',
      'Sandboxes expiring ≤14 d: 1',
    ]);
    expect(
      within(counts).getByRole('button', { name: 'Over budget: 1' }),
    ).toHaveAccessibleDescription('2 more at risk');

    fireEvent.click(
      within(counts).getByRole('button', { name: 'Need attention: 2' }),
    );
    await waitFor(() =>
      expect(currentUrl()).toBe('/platform?attention=critical'),
    );
    expect(shownDomains()).toEqual(['sales', 'operations-iot']);
    expect(screen.getByText('2 of 6 domains')).toBeInTheDocument();
    expect(
      within(counts).getByRole('button', { name: 'Need attention: 2' }),
    ).toHaveAttribute('aria-pressed', 'true');

    // Over budget filters by the cost column: the domains at risk show too.
    fireEvent.click(
      within(counts).getByRole('button', { name: 'Over budget: 1' }),
    );
    await waitFor(() => expect(currentUrl()).toBe('/platform?concern=cost'));
    expect(shownDomains()).toEqual(['sales', 'operations-iot', 'marketing']);

    fireEvent.click(within(counts).getByRole('button', { name: 'Domains: 6' }));
    await waitFor(() => expect(currentUrl()).toBe('/platform'));
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);
  });

  it('sorts by a column, worst first then best first, and back to worst first overall', async () => {
    renderPage(fakeApi([platformHome()]));
    await screen.findByRole('table', { name: 'Domains' });

    fireEvent.click(within(table()).getByRole('button', { name: 'Cost' }));
    // Critical, then warnings by forecast (104% before 97%), then ok by
    // forecast (82% before 70%); equal cells keep the worst-first order.
    expect(shownDomains()).toEqual([
      'sales',
      'marketing',
      'operations-iot',
      'finance',
      'legacy',
      'platform',
    ]);
    expect(
      within(table()).getByRole('columnheader', { name: /^Cost/ }),
    ).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(within(table()).getByRole('button', { name: 'Cost' }));
    expect(shownDomains()).toEqual([
      'legacy',
      'platform',
      'finance',
      'operations-iot',
      'marketing',
      'sales',
    ]);

    fireEvent.click(within(table()).getByRole('button', { name: 'Domain' }));
    expect(shownDomains()).toEqual([
      'finance',
      'legacy',
      'marketing',
      'operations-iot',
      'platform',
      'sales',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Sort worst first' }));
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);
    expect(
      screen.queryByRole('button', { name: 'Sort worst first' }),
    ).not.toBeInTheDocument();
  });

  it('reads the filters from the URL and writes the chosen ones back', async () => {
    const api = fakeApi([platformHome()]);
    renderPage(api, '/platform?q=IOT&attention=critical,warning');

    await screen.findByRole('table', { name: 'Domains' });
    expect(shownDomains()).toEqual(['operations-iot']);
    expect(screen.getByText('1 of 6 domains')).toBeInTheDocument();
    expect(
      screen.getByRole('searchbox', { name: 'Search domains' }),
    ).toHaveValue('IOT');

    fireEvent.change(
      screen.getByRole('searchbox', { name: 'Search domains' }),
      {
        target: { value: 'market' },
      },
    );
    await waitFor(() =>
      expect(currentUrl()).toBe(
        '/platform?q=market&attention=critical,warning',
      ),
    );
    expect(shownDomains()).toEqual(['marketing']);

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(currentUrl()).toBe('/platform'));
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);
    expect(
      screen.getByRole('searchbox', { name: 'Search domains' }),
    ).toHaveValue('');
    // Filtering happens here: the backend was asked once, without filters.
    expect(api.getPlatformHome).toHaveBeenCalledTimes(1);
    expect(api.getPlatformHome).toHaveBeenCalledWith();
  });

  it('filters by attention and concern with the toggles', async () => {
    renderPage(fakeApi([platformHome()]));
    await screen.findByRole('table', { name: 'Domains' });

    const attention = screen.getByRole('radiogroup', {
      name: 'Filter by attention',
    });
    fireEvent.click(within(attention).getByRole('radio', { name: 'Critical' }));
    await waitFor(() =>
      expect(currentUrl()).toBe('/platform?attention=critical'),
    );
    fireEvent.click(
      within(attention).getByRole('radio', { name: 'Needs attention' }),
    );
    await waitFor(() =>
      expect(currentUrl()).toBe('/platform?attention=critical,warning'),
    );

    const concern = screen.getByRole('toolbar', { name: 'Filter by concern' });
    fireEvent.click(within(concern).getByRole('button', { name: 'Retention' }));
    await waitFor(() =>
      expect(currentUrl()).toBe(
        '/platform?attention=critical,warning&concern=retention',
      ),
    );
    expect(shownDomains()).toEqual(['operations-iot']);
    fireEvent.click(within(concern).getByRole('button', { name: 'Sandboxes' }));
    await waitFor(() =>
      expect(currentUrl()).toBe(
        '/platform?attention=critical,warning&concern=retention,sandboxes',
      ),
    );
    expect(shownDomains()).toEqual(['operations-iot', 'marketing']);
  });

  it('says what is wrong with filters in the URL and shows every domain', async () => {
    renderPage(fakeApi([platformHome()]), '/platform?attention=bad');

    await screen.findByRole('table', { name: 'Domains' });
    expect(
      screen.getByText(
        'The filters in the address are not valid; showing every domain',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "attention must be one or more of critical, warning, unknown, ok (comma-separated), got 'bad'",
      ),
    ).toBeInTheDocument();
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);

    // Choosing a filter replaces the bad address.
    fireEvent.click(screen.getByRole('button', { name: 'Contract errors: 2' }));
    await waitFor(() =>
      expect(currentUrl()).toBe('/platform?concern=contracts'),
    );
    expect(
      screen.queryByText(
        'The filters in the address are not valid; showing every domain',
      ),
    ).not.toBeInTheDocument();
    expect(shownDomains()).toEqual(['sales', 'operations-iot']);
  });

  it('marks stale and unavailable columns and cells, and the rest still works', async () => {
    renderPage(
      fakeApi([platformHome(estateRows(), { sources: troubledSources() })]),
    );
    await screen.findByRole('table', { name: 'Domains' });

    const sources = screen.getByRole('list', { name: 'Sources' });
    expect(
      within(sources)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Health as of 11:02 UTC',
      `Cost: stale — ${STALE_COST_REASON}`,
      `Retention: failing — ${FAILING_RETENTION_REASON}`,
      'Contracts as of 11:02 UTC',
      'Sandboxes as of 11:02 UTC',
    ]);

    expect(screen.getByTestId('source-warning-cost')).toHaveAccessibleName(
      `Cost: stale — ${STALE_COST_REASON}`,
    );
    expect(screen.getByTestId('source-warning-retention')).toHaveAccessibleName(
      `Retention: failing — ${FAILING_RETENTION_REASON}`,
    );
    expect(
      screen.queryByTestId('source-warning-health'),
    ).not.toBeInTheDocument();

    const staleCost = within(rowOf('operations-iot')).getByRole('link', {
      name: 'Cost: 97% of budget forecast',
    });
    expect(within(staleCost).getByTestId('stale-marker')).toHaveTextContent(
      'stale',
    );
    expect(staleCost).toHaveAccessibleDescription(
      `Last known, stale: ${STALE_COST_REASON}`,
    );
    // A current cell has no marker.
    expect(
      within(
        within(rowOf('sales')).getByRole('link', {
          name: 'Cost: 112% of budget forecast',
        }),
      ).queryByTestId('stale-marker'),
    ).not.toBeInTheDocument();

    const unavailable = within(rowOf('legacy')).getByRole('link', {
      name: 'Retention: Unavailable',
    });
    expect(unavailable).toHaveAccessibleDescription(
      'Unavailable: dataplatform-retention has no result for this domain yet',
    );
    expect(
      unavailable
        .querySelector('[data-attention]')
        ?.getAttribute('data-attention'),
    ).toBe('unknown');
    expect(unavailable).toHaveAttribute(
      'href',
      '/catalog/default/domain/legacy/retention',
    );

    // Sorting and filtering still work with a troubled column.
    fireEvent.click(within(table()).getByRole('button', { name: 'Retention' }));
    expect(shownDomains()[0]).toBe('operations-iot');
  });

  it('tells a person without domains why, with a way to the data products', async () => {
    renderPage(fakeApi([emptyPlatformHome()]));

    const empty = await screen.findByRole('region', { name: 'No domains' });
    expect(empty).toHaveTextContent(DATA_CITIZEN_REASON);
    expect(
      within(empty).getByRole('link', { name: 'Explore data products' }),
    ).toHaveAttribute('href', '/data-products');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failed load with the reason and loads again on Retry', async () => {
    const api = fakeApi([
      await responseError(503, 'dataplatform-overview is starting'),
      platformHome(),
    ]);
    renderPage(api);

    expect(
      await screen.findByText('dataplatform-overview is starting', {
        exact: false,
      }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('table', { name: 'Domains' });
    expect(shownDomains()).toEqual(ESTATE_WORST_FIRST);
    expect(api.getPlatformHome).toHaveBeenCalledTimes(2);
  });

  it('shows 200 domains from one request and filters them without another', async () => {
    const rows = manyRows(200);
    const api = fakeApi([platformHome(rows)]);
    renderPage(api);

    await screen.findByRole('table', { name: 'Domains' });
    expect(within(table()).getAllByRole('row')).toHaveLength(201);
    expect(screen.getByText('200 domains')).toBeInTheDocument();
    expect(shownDomains()).toEqual(rows.map(row => row.name));

    fireEvent.click(screen.getByRole('button', { name: /^Need attention: / }));
    const critical = rows.filter(row => row.attention === 'critical');
    await waitFor(() =>
      expect(shownDomains()).toEqual(critical.map(r => r.name)),
    );
    expect(
      screen.getByText(`${critical.length} of 200 domains`),
    ).toBeInTheDocument();
    expect(api.getPlatformHome).toHaveBeenCalledTimes(1);
  });
});
