import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  CostAlertFeed,
  DomainCostResponse,
  EstateCost,
} from '@dataplatform/plugin-cost-common';
import { CostApi, costApiRef } from '../../api';
import {
  alertFeed,
  estate,
  financeAnomaly,
  missingSubscription,
  salesCost,
  staleData,
  SUBSCRIPTION_ANNOTATION,
  THROTTLED_REASON,
} from '../../__testUtils__/fixtures';
import { CostPage } from './CostPage';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** A CostApi with answers by call; the last estate answer repeats. */
function fakeApi(options: {
  estate?: Array<EstateCost | Error>;
  domain?: (name: string) => DomainCostResponse | Error;
  alerts?: (filters: unknown) => CostAlertFeed | Error;
}) {
  const answers = [...(options.estate ?? [estate()])];
  const api = {
    getEstate: jest.fn(async () => {
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getDomainCost: jest.fn(async (name: string) => {
      const answer = options.domain
        ? options.domain(name)
        : { ...salesCost(), name, entityRef: `domain:default/${name}` };
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getSandboxCost: jest.fn(),
    getAlerts: jest.fn(async (filters: unknown) => {
      const answer = options.alerts ? options.alerts(filters) : alertFeed();
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    refresh: jest.fn(async () => ({ state: 'started' as const })),
  } satisfies CostApi;
  return api;
}

function renderPage(api: CostApi, url = '/') {
  return renderInTestApp(<CostPage />, {
    apis: [[costApiRef, api]],
    initialRouteEntries: [url],
  });
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** The domain of each row of the ranking, top to bottom. */
function rankedDomains(): string[] {
  return within(screen.getByRole('table', { name: 'Domains ranked by risk' }))
    .getAllByRole('row')
    .slice(1)
    .map(row => row.getAttribute('data-domain') ?? '');
}

describe('CostPage', () => {
  it('shows the totals with the age of the data', async () => {
    renderPage(fakeApi({}));

    const mtd = await screen.findByRole('group', { name: 'Month to date' });
    expect(mtd).toHaveTextContent(
      'Month to date70,200 USD▲ 6.9% vs the same days last month (65,640 USD)',
    );
    expect(
      screen.getByRole('group', { name: 'Forecast at month end' }),
    ).toHaveTextContent(
      "88,000 USD169.2% of the budgets; Azure's forecast for the estate",
    );
    expect(screen.getByRole('group', { name: 'Budgets' })).toHaveTextContent(
      "52,000 USDSum of the domains' monthly budgets; 2 domains have none",
    );
    expect(
      screen.getByRole('group', { name: 'Active alerts' }),
    ).toHaveTextContent('4');
    // The header and each estate section say how old the data is.
    // The header, the ranking, the estate chart, the sandboxes, the chosen
    // domain's trend and the alert feed.
    await waitFor(() =>
      expect(
        screen.getAllByText(/^Cost data as of/).map(line => line.textContent),
      ).toEqual(
        Array(6).fill(
          'Cost data as of 3 hours ago · next refresh in 40 minutes',
        ),
      ),
    );
  });

  it('ranks the domains as the backend does, with figures, links and problems explained', async () => {
    renderPage(fakeApi({}));

    await screen.findByRole('table', { name: 'Domains ranked by risk' });
    expect(rankedDomains()).toEqual([
      'sales',
      'marketing',
      'finance',
      'operations-iot',
      'platform',
      'legacy',
    ]);
    const table = screen.getByRole('table', { name: 'Domains ranked by risk' });
    const sales = within(table).getAllByRole('row')[1];
    expect(
      within(sales)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      '1',
      'Forecast over budget',
      '12,000 USD',
      '15,000 USD',
      '17,420 USD',
      '116.1%',
      '▲ 12.4%',
      '2',
      'Trend',
    ]);
    // The Azure link sits under the domain's name (a row header, not a cell).
    expect(within(sales).getByRole('rowheader')).toHaveTextContent(
      /Sales.*sales-domain-owners.*Cost analysis/,
    );
    expect(within(sales).getByRole('link', { name: 'Sales' })).toHaveAttribute(
      'href',
      '/catalog/default/domain/sales',
    );
    expect(
      within(sales).getByRole('link', { name: /Cost analysis/ }),
    ).toHaveAttribute('target', '_blank');

    const legacy = within(table).getAllByRole('row')[6];
    expect(legacy).toHaveTextContent('No subscription');
    expect(legacy).toHaveTextContent(
      `The annotation ${SUBSCRIPTION_ANNOTATION} is missing.`,
    );
    expect(within(legacy).queryByRole('button')).toBeNull();
  });

  it("shows the worst domain's daily and monthly trend, and another domain's when chosen", async () => {
    const api = fakeApi({});
    renderPage(api);

    const trend = await screen.findByRole('region', { name: 'Trend of sales' });
    expect(api.getDomainCost).toHaveBeenCalledWith('sales');
    const daily = await within(trend).findByRole('img', {
      name: /^Daily cost of sales, last 90 days/,
    });
    expect(daily).toHaveAccessibleName(
      expect.stringContaining(
        'Daily cost, 27 Aug to 24 Nov (90 days): 40,845 USD in all',
      ),
    );
    // A line of 7-day averages over the bars.
    expect(daily.querySelector('.recharts-line')).not.toBeNull();
    expect(
      within(trend).getByRole('img', {
        name: /^Monthly cost of sales against its budget/,
      }),
    ).toHaveAccessibleName(
      'Monthly cost of sales against its budget. Monthly cost: Aug 2026 2,150 USD; Sep 2026 12,900 USD; Oct 2026 13,795 USD; Nov 2026 (so far) 12,000 USD. Budget 15,000 USD a month.',
    );
    expect(within(trend).getByText(/^Cost data as of/)).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Show the trend of finance' }),
    );
    expect(
      await screen.findByRole('region', { name: 'Trend of finance' }),
    ).toBeInTheDocument();
    expect(api.getDomainCost).toHaveBeenLastCalledWith('finance');
    expect(
      screen.getByRole('button', { name: 'Show the trend of finance' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('opens the trend of the domain named in the address', async () => {
    const api = fakeApi({});
    renderPage(api, '/?domain=marketing');

    expect(
      await screen.findByRole('region', { name: 'Trend of marketing' }),
    ).toBeInTheDocument();
    expect(api.getDomainCost).toHaveBeenCalledWith('marketing');
    expect(api.getDomainCost).not.toHaveBeenCalledWith('sales');
  });

  it('explains a trend that cannot be drawn', async () => {
    renderPage(fakeApi({ domain: () => missingSubscription() }));

    const trend = await screen.findByRole('region', { name: 'Trend of sales' });
    expect(
      await within(trend).findByText(
        'No Azure subscription to read the cost of this domain',
      ),
    ).toBeInTheDocument();
    expect(within(trend).queryByRole('img')).toBeNull();
  });

  it('stacks the estate by domain per day, and per month when chosen', async () => {
    renderPage(fakeApi({}));

    await screen.findByRole('table', { name: 'Domains ranked by risk' });
    const chart = section('Cost of the estate by domain');
    expect(
      within(chart).getByRole('img', {
        name: /^Cost of the estate by domain, per day/,
      }),
    ).toHaveAccessibleName(
      'Cost of the estate by domain, per day. Cost by domain per day, 27 Aug to 24 Nov; totals: operations-iot 78,900 USD, other 67,750 USD, finance 62,340 USD, sales 40,845 USD.',
    );
    expect(chart.querySelectorAll('.recharts-area')).toHaveLength(4);
    expect(
      within(chart).getByText(
        'The 3 domains with the most cost over the period; "other" is the rest.',
      ),
    ).toBeInTheDocument();

    fireEvent.click(within(chart).getByRole('radio', { name: 'Per month' }));
    expect(
      await within(chart).findByRole('img', {
        name: /^Cost of the estate by domain, per month/,
      }),
    ).toHaveAccessibleName(expect.stringContaining('Aug 2026 to Nov 2026'));
    expect(chart.querySelectorAll('.recharts-area')).toHaveLength(0);
    // Four months of four stacked series.
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(16);
  });

  it('lists the sandboxes with spend against the cap and links to them', async () => {
    renderPage(fakeApi({}));

    const table = await screen.findByRole('table', { name: 'Sandboxes' });
    const [, genai, trial] = within(table).getAllByRole('row');
    expect(
      within(genai).getByRole('link', {
        name: 'genai-pilot (innovation sandbox)',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-genai-pilot');
    expect(genai).toHaveTextContent('456 USD of 500 USD (91.2%)');
    expect(genai).toHaveTextContent('≈ 3 days');
    expect(genai).toHaveTextContent('31 Jan 2027');
    expect(trial).toHaveTextContent("is not a subscription id: 'tbd'");
  });

  it('filters the alert feed through the API by kind, status and domain', async () => {
    const api = fakeApi({});
    renderPage(api);

    const feed = await screen.findByRole('region', { name: 'Alerts' });
    const list = await within(feed).findByRole('list', { name: 'Cost alerts' });
    // Active alerts first by default.
    expect(api.getAlerts).toHaveBeenCalledTimes(1);
    expect(api.getAlerts).toHaveBeenLastCalledWith({ statuses: ['active'] });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    const anomaly = within(list).getAllByRole('listitem')[1];
    expect(anomaly).toHaveTextContent(financeAnomaly.title);
    expect(anomaly).toHaveTextContent(
      'Usually 2,050 USD a day · on 18 Nov 2026',
    );
    expect(
      within(anomaly).getByRole('link', { name: 'finance' }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance');
    // Chips count every alert, whatever the filter.
    expect(
      within(feed)
        .getAllByRole('button')
        .filter(b => b.closest('[aria-label="Filter by kind"]'))
        .map(b => b.textContent),
    ).toEqual(['Budget (2)', 'Forecast (1)', 'Anomaly (1)', 'Other (0)']);

    fireEvent.click(within(feed).getByRole('button', { name: 'Anomaly (1)' }));
    await waitFor(() =>
      expect(api.getAlerts).toHaveBeenLastCalledWith({
        kinds: ['anomaly'],
        statuses: ['active'],
      }),
    );
    fireEvent.click(within(feed).getByRole('button', { name: 'Budget (2)' }));
    await waitFor(() =>
      expect(api.getAlerts).toHaveBeenLastCalledWith({
        kinds: ['budget', 'anomaly'],
        statuses: ['active'],
      }),
    );
    fireEvent.change(within(feed).getByLabelText('Status'), {
      target: { value: '' },
    });
    await waitFor(() =>
      expect(api.getAlerts).toHaveBeenLastCalledWith({
        kinds: ['budget', 'anomaly'],
      }),
    );
    fireEvent.change(within(feed).getByLabelText('Domain'), {
      target: { value: 'sales' },
    });
    await waitFor(() =>
      expect(api.getAlerts).toHaveBeenLastCalledWith({
        kinds: ['budget', 'anomaly'],
        domain: 'sales',
      }),
    );
    const last =
      api.getAlerts.mock.calls[api.getAlerts.mock.calls.length - 1][0];
    expect(last).toEqual({
      kinds: ['budget', 'anomaly'],
      statuses: undefined,
      domain: 'sales',
    });
    // The domain list is every ranked domain.
    expect(
      within(within(feed).getByLabelText('Domain'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Every domain',
      'sales',
      'marketing',
      'finance',
      'operations-iot',
      'platform',
      'legacy',
    ]);
  });

  it('says when there are no alerts at all, and when none match the filters', async () => {
    const empty = { ...alertFeed([]) };
    empty.counts = {
      byKind: { budget: 0, forecast: 0, anomaly: 0, other: 0 },
      byStatus: { active: 0, resolved: 0, dismissed: 0 },
    };
    const { unmount } = await renderPage(fakeApi({ alerts: () => empty }));
    expect(
      await screen.findByText(/^No cost alerts: Azure has raised none/),
    ).toBeInTheDocument();
    unmount();

    const none = alertFeed([]);
    none.counts.byStatus = { active: 0, resolved: 1, dismissed: 0 };
    const api = fakeApi({ alerts: () => none });
    renderPage(api);
    expect(
      await screen.findByText(
        'No active alerts. Choose Every status to see 1 resolved or dismissed alert.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset filters' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Forecast (1)' }));
    expect(
      await screen.findByText('No alerts match the filters.'),
    ).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Reset filters' }),
    );
    await waitFor(() =>
      expect(api.getAlerts).toHaveBeenLastCalledWith({ statuses: ['active'] }),
    );
  });

  it('shows a stale banner with the reasons', async () => {
    renderPage(fakeApi({ estate: [estate({ data: staleData() })] }));

    expect(
      await screen.findByText(
        'Stale: the last refresh could not read everything from Azure',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(THROTTLED_REASON).length).toBeGreaterThan(0);
    expect(
      screen.getAllByText(/^Showing data as of .* \(7 hours ago\)\./).length,
    ).toBeGreaterThan(0);
  });

  it('explains that only the platform team sees the estate, without a refresh button', async () => {
    const message =
      "You are not allowed to read the cost of the estate; it needs 'dataplatform.cost.estate.read'";
    const api = fakeApi({ estate: [await responseError(403, message)] });
    renderPage(api);

    expect(
      await screen.findByText(
        'Only the platform team can see the cost of the whole estate',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(
      screen.getByText(/The cost of each domain is on the domain's page/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
    expect(api.getAlerts).not.toHaveBeenCalled();
  });

  it('refreshes now: asks the backend, then loads the estate again', async () => {
    const api = fakeApi({});
    renderPage(api);

    await screen.findByRole('table', { name: 'Domains ranked by risk' });
    await waitFor(() => expect(api.getAlerts).toHaveBeenCalledTimes(1));
    expect(api.getEstate).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));

    expect(await screen.findByText('Refresh started')).toBeInTheDocument();
    expect(api.refresh).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.getEstate).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(api.getAlerts).toHaveBeenCalledTimes(2));
    // The figures stay on screen while they reload.
    expect(
      screen.getByRole('table', { name: 'Domains ranked by risk' }),
    ).toBeInTheDocument();
  });

  it('keeps the figures on screen when a reload fails, and says so', async () => {
    const api = fakeApi({
      estate: [
        estate(),
        await responseError(503, 'the cost store is not reachable'),
      ],
    });
    renderPage(api);

    await screen.findByRole('table', { name: 'Domains ranked by risk' });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText(
        'Could not reload; showing what was loaded just now',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the cost store is not reachable'),
    ).toBeInTheDocument();
    expect(rankedDomains()).toHaveLength(6);
  });

  it('says why a refresh could not start', async () => {
    const api = fakeApi({});
    api.refresh.mockRejectedValueOnce(
      await responseError(503, 'the scheduler is not reachable'),
    );
    renderPage(api);

    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText('Could not start a refresh'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the scheduler is not reachable'),
    ).toBeInTheDocument();
  });

  it('shows why the estate could not load, and loads again on retry', async () => {
    const api = fakeApi({
      estate: [
        await responseError(500, 'the cost store is not reachable'),
        estate(),
      ],
    });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the cost of the estate/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Domains ranked by risk' }),
    ).toBeInTheDocument();
  });
});
