import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityHealthListResponse } from '@dataplatform/plugin-health-common';
import { HealthApi, healthApiRef } from '../../api';
import { counts, platformItems, summary } from '../../__testUtils__/fixtures';
import { PlatformHealthPage } from './PlatformHealthPage';

/** A HealthApi whose list answers are queued; the last one repeats. */
function fakeApi(...answers: Array<EntityHealthListResponse | Error>) {
  const listEntities = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const api: HealthApi = {
    listEntities,
    getEntityHealth: jest.fn(),
    getEntityHistory: jest.fn(),
  };
  return { api, listEntities };
}

function renderPage(api: HealthApi) {
  return renderInTestApp(<PlatformHealthPage />, {
    apis: [[healthApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function rowsOf(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole('row').slice(1);
}

function nameOf(row: HTMLElement): string {
  return within(within(row).getByRole('rowheader')).getByRole('link')
    .textContent!;
}

describe('PlatformHealthPage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('lists every domain worst first, with counts by state at the top', async () => {
    const { api } = fakeApi({ items: platformItems() });
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Domains' });
    expect(
      screen.getByRole('heading', { name: 'Platform health' }),
    ).toBeInTheDocument();
    // Lowest score first within a state, no score last, then by name.
    expect(rowsOf(table).map(nameOf)).toEqual([
      'Finance',
      'Operations IoT',
      'HR',
      'Marketing',
      'Platform',
      'Sales',
    ]);

    const filter = screen.getByRole('toolbar', { name: 'Filter by state' });
    expect(
      within(filter)
        .getAllByRole('button')
        .map(button => button.textContent),
    ).toEqual(['2 unhealthy', '1 degraded', '2 unknown', '1 healthy']);

    const [finance, , hr, marketing, platform] = rowsOf(table);
    expect(
      within(finance).getByRole('link', { name: 'Finance' }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance/health');
    expect(within(finance).getByText('Unhealthy')).toBeInTheDocument();
    expect(finance).toHaveTextContent('25%');
    expect(finance).toHaveTextContent('99.82%');
    // The backend's figure for the SLO, as the Health tab shows it.
    expect(
      within(finance).getByRole('progressbar', {
        name: 'Error budget: spent, 35% over',
      }),
    ).toHaveAttribute('aria-valuenow', '0');
    expect(finance).toHaveTextContent('Error budget: spent, 35% over');
    expect(
      within(within(finance).getByRole('list', { name: 'Signals by state' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['1 unhealthy', '1 degraded', '1 unknown']);
    expect(finance).toHaveTextContent(
      'Ledger ingestion: Failed pipeline runs: 12 runs ≥ unhealthy threshold 5 runs',
    );
    expect(finance).toHaveTextContent('1 minute ago');

    expect(hr).toHaveTextContent('99.99%');
    // Not the 90% that 99.99% availability alone would suggest.
    expect(
      within(hr).getByRole('progressbar', {
        name: 'Error budget: 62% left',
      }),
    ).toHaveAttribute('aria-valuenow', '62');
    expect(hr).not.toHaveTextContent('90%');

    expect(marketing).toHaveTextContent('stale');
    // Unknown now, with what was last seen under the chip.
    const stateCell = within(marketing)
      .getByText('Unknown')
      .closest('td') as HTMLElement;
    expect(stateCell).toHaveTextContent(
      /^UnknownNot evaluated since \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC; last evaluated state: Degraded$/,
    );
    expect(within(finance).queryByText(/Not evaluated since/)).toBeNull();
    // 100% of what could be read, next to Unknown, says so.
    expect(marketing).toHaveTextContent('100%of known signals');
    expect(finance).not.toHaveTextContent('of known signals');
    expect(marketing).toHaveTextContent('No history yet');
    expect(marketing).not.toHaveTextContent('Error budget');
    expect(marketing).toHaveTextContent('12 minutes ago');
    expect(
      within(platform).getByText('Model error').closest('[title]'),
    ).toHaveAttribute(
      'title',
      "the health model ./health/platform.health.yaml is invalid\n/spec/rollup: must be one of worst-of, weighted (got 'best-of')",
    );
  });

  it('says when it updates', async () => {
    const { api } = fakeApi({ items: platformItems() });
    renderPage(api);

    expect(
      await screen.findByText(
        /Updates when the evaluator finishes a cycle \(every minute\) and every 30 seconds\./,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Refreshes every 30 seconds/)).toBeNull();
  });

  it('shows an error budget without history as such, beside a known availability', async () => {
    const { api } = fakeApi({
      items: [
        summary('domain:default/sales', 'Sales', 'healthy', {
          availability30d: 0.9999,
          errorBudgetRemainingFraction: undefined,
        }),
      ],
    });
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Domains' });
    const [sales] = rowsOf(table);
    expect(sales).toHaveTextContent('99.99%Error budget: no history yet');
    expect(within(sales).queryByRole('progressbar')).toBeNull();
  });

  it('keeps column headings on one line and leaves the rest of the width to the top cause', async () => {
    const { api } = fakeApi({ items: platformItems() });
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Domains' });
    const headings = within(table).getAllByRole('columnheader');
    expect(headings.map(h => h.textContent)).toEqual([
      'Domain',
      'State',
      'Score',
      'Availability (30 days)',
      'Signals',
      'Top cause',
      'Evaluated',
    ]);
    for (const heading of headings) {
      expect(heading).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    const byText = (text: string) =>
      headings.find(h => h.textContent === text)!;
    // Short columns as wide as their content; the top cause takes the rest.
    for (const fit of ['State', 'Score', 'Evaluated']) {
      expect(byText(fit)).toHaveStyle({ width: '1%' });
    }
    expect(byText('Top cause')).toHaveStyle({ width: '100%' });
    expect(byText('Top cause')).toHaveStyle({ minWidth: '240px' });
  });

  it('filters by state and clears the filter', async () => {
    const { api } = fakeApi({ items: platformItems() });
    renderPage(api);

    await screen.findByRole('table', { name: 'Domains' });
    const unhealthy = screen.getByRole('button', { name: /2 unhealthy/ });
    fireEvent.click(unhealthy);

    expect(unhealthy).toHaveAttribute('aria-pressed', 'true');
    const table = screen.getByRole('table', { name: 'Domains' });
    expect(rowsOf(table).map(nameOf)).toEqual(['Finance', 'Operations IoT']);
    expect(
      screen.getByText('Showing 2 of 6 domains, worst first'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /2 unknown/ }));
    expect(
      rowsOf(screen.getByRole('table', { name: 'Domains' })).map(nameOf),
    ).toEqual(['Finance', 'Operations IoT', 'Marketing', 'Platform']);

    fireEvent.click(screen.getByRole('button', { name: 'Clear filter' }));
    expect(rowsOf(screen.getByRole('table', { name: 'Domains' }))).toHaveLength(
      6,
    );
    expect(screen.getByText('6 domains, worst first')).toBeInTheDocument();
  });

  it('lists data products with their domain in a second view', async () => {
    const { api } = fakeApi({ items: platformItems() });
    renderPage(api);

    await screen.findByRole('table', { name: 'Domains' });
    fireEvent.click(screen.getByRole('radio', { name: 'Data products (2)' }));

    const table = screen.getByRole('table', { name: 'Data products' });
    expect(rowsOf(table).map(nameOf)).toEqual([
      'General Ledger Postings',
      'Deal Fraud Scores',
    ]);
    const [ledger] = rowsOf(table);
    expect(
      within(ledger).getByRole('link', { name: 'General Ledger Postings' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/general-ledger-postings/health',
    );
    expect(
      within(ledger).getByRole('link', { name: 'finance' }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance/health');
    expect(
      within(screen.getByRole('toolbar', { name: 'Filter by state' }))
        .getAllByRole('button')
        .map(button => button.textContent),
    ).toEqual(['0 unhealthy', '1 degraded', '0 unknown', '1 healthy']);
  });

  it('shows why it could not load, and loads again on retry', async () => {
    const failure = new Error('connect ECONNREFUSED 127.0.0.1:7007');
    const { api, listEntities } = fakeApi(failure, {
      items: platformItems(),
    });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the platform health/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/connect ECONNREFUSED 127.0.0.1:7007/).length,
    ).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('table', { name: 'Domains' }),
    ).toBeInTheDocument();
    expect(listEntities).toHaveBeenCalledTimes(2);
  });

  it('invites a first health model when there is none', async () => {
    const { api } = fakeApi({ items: [] });
    renderPage(api);

    expect(await screen.findByText('No health models yet')).toBeInTheDocument();
    expect(
      screen.getByText(/dataplatform.contoso.com\/health-model/),
    ).toBeInTheDocument();
  });

  it('refreshes every 30 seconds, keeping the last result when a refresh fails', async () => {
    const unavailable = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: 'evaluator restarting',
          },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    jest.useFakeTimers();
    const improved = platformItems().map(item =>
      item.entityRef === 'domain:default/finance'
        ? summary('domain:default/finance', 'Finance', 'healthy', {
            score: 1,
            signalCounts: counts({ healthy: 3 }),
          })
        : item,
    );
    const { api, listEntities } = fakeApi(
      { items: platformItems() },
      { items: improved },
      unavailable,
    );
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Domains' });
    expect(nameOf(rowsOf(table)[0])).toBe('Finance');
    expect(listEntities).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(30_000);
    });
    expect(listEntities).toHaveBeenCalledTimes(2);
    expect(
      nameOf(rowsOf(screen.getByRole('table', { name: 'Domains' }))[0]),
    ).toBe('Operations IoT');
    expect(
      screen.getByRole('button', { name: /1 unhealthy/ }),
    ).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(30_000);
    });
    expect(listEntities).toHaveBeenCalledTimes(3);
    expect(
      screen.getByText(/Could not refresh; showing the result from/),
    ).toBeInTheDocument();
    expect(screen.getByText('evaluator restarting')).toBeInTheDocument();
    expect(rowsOf(screen.getByRole('table', { name: 'Domains' }))).toHaveLength(
      6,
    );
  });
});
