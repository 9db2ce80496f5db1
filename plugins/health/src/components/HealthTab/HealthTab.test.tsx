import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
} from '@dataplatform/plugin-health-common';
import { healthApi, healthEntityContent } from '../../plugin';
import {
  BASE,
  dataProductEntity,
  domainEntity,
  counts,
  errorResponse,
  FAILED_RUNS_QUERY,
  failedReadDetail,
  financeDetail,
  LAKE_FAILURE_DETAIL,
  healthyDetail,
  history,
  slo,
  STORAGE_ACCOUNT,
  summary,
  WORKSPACE,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

/** Serves an entity's detail and history; returns the windows asked for. */
function serve(
  path: string,
  detail: EntityHealthDetailResponse,
  historyOf: (window: string) => EntityHealthHistoryResponse = window =>
    history(window === '30d' ? '30d' : '24h', ['degraded', 'unhealthy']),
): string[] {
  const windows: string[] = [];
  server.use(
    http.get(`${BASE}/entities/${path}`, () => HttpResponse.json(detail)),
    http.get(`${BASE}/entities/${path}/history`, ({ request }) => {
      const window = new URL(request.url).searchParams.get('window') ?? '';
      windows.push(window);
      return HttpResponse.json(historyOf(window));
    }),
  );
  return windows;
}

function renderTab(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      healthEntityContent,
      healthApi,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The list item of a tree node, found by the title on its button. */
function nodeOf(title: string): HTMLElement {
  return screen
    .getByRole('button', { name: title })
    .closest('li') as HTMLElement;
}

function fact(list: HTMLElement, label: string): HTMLElement {
  return within(list).getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('HealthTab', () => {
  it('heads the tab with state, score and the SLO with its error budget', async () => {
    serve('domain/default/finance', financeDetail(false));
    renderTab(domainEntity('finance'));

    expect(
      await screen.findByRole('heading', { name: 'Health of Finance' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 25%')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Top causes' })).getByText(
        /Failed pipeline runs: 12 runs/,
      ),
    ).toBeInTheDocument();

    const sloList = await screen.findByLabelText('Service level objective');
    expect(fact(sloList, 'Availability (30 days)')).toHaveTextContent(
      '99.95% (meets the 99.9% objective)',
    );
    expect(fact(sloList, 'Objective')).toHaveTextContent('99.9%');
    const budget = within(fact(sloList, 'Error budget')).getByRole(
      'progressbar',
      { name: 'Error budget: 21.7 min left of 43.2 min (50% left)' },
    );
    expect(budget).toHaveAttribute('aria-valuenow', '50');
    expect(budget.className).toMatch(/colorSuccess/);
  });

  it('turns the error budget red once it is spent', async () => {
    serve('domain/default/finance', financeDetail(false), window =>
      history(
        window === '30d' ? '30d' : '24h',
        [],
        slo({
          availability: 0.998,
          unhealthyMinutes: 86.4,
          errorBudgetRemainingMinutes: -43.2,
          errorBudgetRemainingFraction: -1,
        }),
      ),
    );
    renderTab(domainEntity('finance'));

    const budget = await screen.findByRole('progressbar', {
      name: 'Error budget: Exhausted: 43.2 min over the 43.2 min budget (spent, 100% over)',
    });
    expect(budget).toHaveAttribute('aria-valuenow', '0');
    expect(budget.className).toMatch(/colorError/);
    expect(
      screen.getByText(
        'Exhausted: 43.2 min over the 43.2 min budget (spent, 100% over)',
      ),
    ).toBeInTheDocument();
    expect(
      fact(
        screen.getByLabelText('Service level objective'),
        'Availability (30 days)',
      ),
    ).toHaveTextContent('99.8% (below the 99.9% objective)');
  });

  it('shows the model as a tree: products, components and signals with values and thresholds', async () => {
    serve('domain/default/finance', financeDetail(false));
    renderTab(domainEntity('finance'));

    await screen.findByRole('list', { name: 'Health model' });

    // Not healthy, so open from the start.
    const ingestion = nodeOf('Ledger ingestion');
    expect(
      screen.getByRole('button', { name: 'Ledger ingestion' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(ingestion).toHaveTextContent('needs: storage');
    expect(
      within(ingestion).getByRole('list', {
        name: 'Causes for Ledger ingestion',
      }),
    ).toHaveTextContent(
      'Failed pipeline runs: 12 runs ≥ unhealthy threshold 5 runs',
    );

    const failedRuns = screen
      .getByRole('button', { name: 'Failed pipeline runs' })
      .closest('li') as HTMLElement;
    expect(failedRuns).toHaveTextContent('Unhealthy');
    expect(failedRuns).toHaveTextContent('12 runs');
    expect(failedRuns).toHaveTextContent(
      'Thresholds: degraded ≥ 1 runs, unhealthy ≥ 5 runs (higher values are worse)',
    );
    expect(failedRuns).toHaveTextContent(
      '12 runs ≥ unhealthy threshold 5 runs',
    );
    expect(failedRuns).toHaveTextContent('observed 2 minutes ago');

    const lake = screen
      .getByRole('button', { name: 'Lake availability' })
      .closest('li') as HTMLElement;
    // Said once, then why, with the window in words.
    expect(within(lake).getByText('No value')).toBeInTheDocument();
    expect(
      within(lake).getByText('no data in the last 5 minutes'),
    ).toBeInTheDocument();
    expect(lake.textContent?.match(/no value/gi)).toHaveLength(1);
    expect(lake).toHaveTextContent(
      'Thresholds: degraded ≤ 99.9%, unhealthy ≤ 99% (lower values are worse)',
    );
    expect(lake).toHaveTextContent(
      'Last known value 99.95%, 20 minutes ago (stale)',
    );

    const ledger = nodeOf('General Ledger Postings');
    expect(
      within(ledger).getByRole('link', {
        name: 'Open the health of General Ledger Postings',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/general-ledger-postings/health',
    );
    expect(
      within(ledger).getByRole('button', { name: 'Minutes since last load' }),
    ).toBeInTheDocument();

    const reporting = nodeOf('Regulatory Reporting');
    expect(
      within(reporting).getByText(
        'The health model of Regulatory Reporting cannot be used',
      ),
    ).toBeInTheDocument();
    expect(reporting).toHaveTextContent(
      "/spec/components/0/signals/0/aggregation: must be one of average, minimum, maximum, total, count (got 'avg')",
    );
  });

  it('says a score beside Unknown is the score of the known signals only', async () => {
    const detail = healthyDetail();
    const component = detail.result!.components[0];
    const silent = {
      ...component.signals[0],
      key: 'scoring/freshness',
      signalId: 'freshness',
      title: 'Freshness',
      state: 'unknown' as const,
      score: undefined,
      value: undefined,
      explanation: 'no data in the last hour',
    };
    serve('dataproduct/default/deal-fraud-scores', {
      ...detail,
      summary: summary(
        'dataproduct:default/deal-fraud-scores',
        'Deal Fraud Scores',
        'unknown',
        { score: 1, signalCounts: counts({ healthy: 1, unknown: 1 }) },
      ),
      result: {
        ...detail.result!,
        state: 'unknown',
        components: [
          {
            ...component,
            ownState: 'unknown',
            state: 'unknown',
            causes: ['Freshness: no data in the last hour'],
            signals: [component.signals[0], silent],
          },
        ],
      },
    });
    renderTab(dataProductEntity('deal-fraud-scores'));

    expect(
      await screen.findByText('Score of known signals 100%'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Score 100%')).toBeNull();
    // The tree says the same of the component and the product.
    expect(
      within(nodeOf('Scoring')).getAllByText('score of known signals 100%'),
    ).toHaveLength(1);
    expect(
      within(nodeOf('Deal Fraud Scores')).getAllByText(
        'score of known signals 100%',
      ),
    ).toHaveLength(2);
  });

  it('keeps healthy branches closed until opened, and opens or closes them all', async () => {
    serve('dataproduct/default/deal-fraud-scores', healthyDetail());
    renderTab(dataProductEntity('deal-fraud-scores'));

    const scoring = await screen.findByRole('button', { name: 'Scoring' });
    expect(scoring).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('button', { name: 'Scoring latency' }),
    ).toBeNull();

    fireEvent.click(scoring);
    expect(scoring).toHaveAttribute('aria-expanded', 'true');
    const latency = screen
      .getByRole('button', { name: 'Scoring latency' })
      .closest('li') as HTMLElement;
    expect(latency).toHaveTextContent('180 ms');
    expect(latency).toHaveTextContent('Healthy');

    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(
      screen.getByRole('button', { name: 'Deal Fraud Scores' }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Scoring' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(
      screen.getByRole('button', { name: 'Scoring latency' }),
    ).toBeInTheDocument();
  });

  it('decides per model whose queries show: the ones the backend sent', async () => {
    // Someone who owns the domain's model but not a product's: the backend
    // sends the domain's definition only.
    serve('domain/default/finance', {
      ...financeDetail(true),
      definitionsVisible: false,
    });
    renderTab(domainEntity('finance'));

    fireEvent.click(
      await screen.findByRole('button', { name: 'Failed pipeline runs' }),
    );
    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(within(panel).getByLabelText('KQL query').textContent).toBe(
      FAILED_RUNS_QUERY,
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Minutes since last load' }),
    );
    expect(within(panel).queryByLabelText('KQL query')).toBeNull();
    expect(
      within(panel).getByText(
        'Queries and model definitions are visible to the owners and the platform team',
      ),
    ).toBeInTheDocument();
  });

  it('shows the query behind a signal, with a portal link, to those who may see it', async () => {
    serve('domain/default/finance', financeDetail(true));
    renderTab(domainEntity('finance'));

    const signal = await screen.findByRole('button', {
      name: 'Failed pipeline runs',
    });
    fireEvent.click(signal);
    expect(signal).toHaveAttribute('aria-pressed', 'true');

    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(
      within(panel).getByRole('heading', { name: 'Failed pipeline runs' }),
    ).toBeInTheDocument();
    const facts = within(panel).getByLabelText('Signal');
    expect(fact(facts, 'Type')).toHaveTextContent('Log query');
    expect(fact(facts, 'Thresholds')).toHaveTextContent(
      'degraded ≥ 1 runs, unhealthy ≥ 5 runs (higher values are worse)',
    );
    expect(fact(facts, 'Value')).toHaveTextContent('12 runs');
    expect(fact(facts, 'Model file')).toHaveTextContent(
      'catalog/health/finance.health.yaml',
    );
    expect(
      fact(within(panel).getByLabelText('Query definition'), 'Workspace'),
    ).toHaveTextContent('log-dp-finance');
    expect(within(panel).getByLabelText('KQL query').textContent).toBe(
      FAILED_RUNS_QUERY,
    );
    expect(
      within(panel).getByRole('link', { name: /Open in Azure portal/ }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@tenant-1/resource${WORKSPACE}/logs`,
    );
    expect(
      within(panel).queryByText(
        'Queries and model definitions are visible to the owners and the platform team',
      ),
    ).toBeNull();

    // A metric signal shows what is read instead of a query.
    fireEvent.click(screen.getByRole('button', { name: 'Lake availability' }));
    const metric = within(panel).getByLabelText('Metric definition');
    expect(fact(metric, 'Namespace')).toHaveTextContent(
      'Microsoft.Storage/storageAccounts',
    );
    expect(fact(metric, 'Metric')).toHaveTextContent('Availability');
    expect(fact(metric, 'Aggregation')).toHaveTextContent('average');
    expect(fact(metric, 'Window')).toHaveTextContent('PT5M');
    expect(fact(metric, 'Resources')).toHaveTextContent('stfinancedata');
    expect(within(panel).queryByLabelText('KQL query')).toBeNull();
    expect(
      within(panel).getByRole('link', { name: /Open in Azure portal/ }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@tenant-1/resource${STORAGE_ACCOUNT}/metrics`,
    );
    expect(
      fact(within(panel).getByLabelText('Signal'), 'Last known value'),
    ).toHaveTextContent('99.95%, 20 minutes ago (stale)');
    expect(
      fact(within(panel).getByLabelText('Signal'), 'Value'),
    ).toHaveTextContent(/^No value$/);
    expect(
      within(panel).getByText('no data in the last 5 minutes'),
    ).toBeInTheDocument();
    // No data is not an error: Azure said nothing more.
    expect(within(panel).queryByText('Azure said:')).toBeNull();

    fireEvent.click(
      within(panel).getByRole('button', { name: 'Close signal details' }),
    );
    expect(
      within(panel).queryByRole('heading', { name: 'Lake availability' }),
    ).toBeNull();
  });

  it('keeps queries from those who may not see them, and says who can', async () => {
    serve('domain/default/finance', financeDetail(false));
    renderTab(domainEntity('finance'));

    fireEvent.click(
      await screen.findByRole('button', { name: 'Failed pipeline runs' }),
    );
    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(
      within(panel).getByText(
        'Queries and model definitions are visible to the owners and the platform team',
      ),
    ).toBeInTheDocument();
    expect(
      fact(within(panel).getByLabelText('Signal'), 'Value'),
    ).toHaveTextContent('12 runs');
    expect(within(panel).queryByLabelText('KQL query')).toBeNull();
    expect(panel).not.toHaveTextContent('ADFPipelineRun');
    expect(
      within(panel).queryByRole('link', { name: /Open in Azure portal/ }),
    ).toBeNull();
  });

  it('shows what Azure said about a failed read to those who may see definitions', async () => {
    serve('domain/default/finance', failedReadDetail(true));
    renderTab(domainEntity('finance'));

    fireEvent.click(
      await screen.findByRole('button', { name: 'Lake availability' }),
    );
    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(
      within(panel).getByText(
        'metrics query failed: HTTP 403 AuthorizationFailed',
      ),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Azure said:')).toBeInTheDocument();
    const said = within(panel).getByLabelText('What Azure said');
    expect(said.tagName).toBe('PRE');
    expect(said).toHaveStyle({ fontFamily: 'monospace' });
    expect(said.textContent).toBe(LAKE_FAILURE_DETAIL);
  });

  it('shows everyone else a failed read’s status and code only', async () => {
    serve('domain/default/finance', failedReadDetail(false));
    renderTab(domainEntity('finance'));

    fireEvent.click(
      await screen.findByRole('button', { name: 'Lake availability' }),
    );
    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(
      within(panel).getByText(
        'metrics query failed: HTTP 403 AuthorizationFailed',
      ),
    ).toBeInTheDocument();
    expect(within(panel).queryByText('Azure said:')).toBeNull();
    expect(within(panel).queryByLabelText('What Azure said')).toBeNull();
    expect(document.body).not.toHaveTextContent('stfinancedata');
  });

  it('shows the last 24 hours, and the last 30 days on request', async () => {
    const windows = serve('domain/default/finance', financeDetail(false));
    renderTab(domainEntity('finance'));

    const day = await screen.findByRole('list', {
      name: 'State over the last 24 hours, 96 buckets, oldest first',
    });
    const cells = within(day).getAllByRole('listitem');
    expect(cells).toHaveLength(96);
    expect(cells[95]).toHaveAttribute('data-state', 'unhealthy');
    expect(cells[95]).toHaveAccessibleName(
      '12 Mar 2026, 11:45–12:00 UTC, Unhealthy, Availability 60%',
    );
    expect(cells[94]).toHaveAccessibleName(
      '12 Mar 2026, 11:30–11:45 UTC, Degraded, Availability 100%',
    );
    expect(windows).toEqual(['24h']);

    fireEvent.mouseOver(cells[95]);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '12 Mar 2026, 11:45–12:00 UTCUnhealthyAvailability 60%',
    );

    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));

    const month = await screen.findByRole('list', {
      name: 'State over the last 30 days, 30 buckets, oldest first',
    });
    const days = within(month).getAllByRole('listitem');
    expect(days).toHaveLength(30);
    expect(days[29]).toHaveAccessibleName(
      '11 Mar 2026, Unhealthy, Availability 60%',
    );
    expect(windows).toEqual(['24h', '30d']);
    expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
    // The SLO is over 30 days whatever the window and stays on screen.
    expect(
      screen.getByLabelText('Service level objective'),
    ).toBeInTheDocument();
  });

  it('shows why the health could not load, and loads again on retry', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(500, 'Error', 'database connection refused')
          : HttpResponse.json(financeDetail(false));
      }),
      http.get(`${BASE}/entities/domain/default/finance/history`, () =>
        HttpResponse.json(history('24h')),
      ),
    );
    renderTab(domainEntity('finance'));

    expect(
      await screen.findByText(/Could not load the health of this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/database connection refused/).length,
    ).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('heading', { name: 'Health of Finance' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(calls).toBe(2));
  });

  it('shows a failed history load in its section with a retry, keeping the rest', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, () =>
        HttpResponse.json(financeDetail(false)),
      ),
      http.get(`${BASE}/entities/domain/default/finance/history`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(
              503,
              'ServiceUnavailableError',
              'history store unavailable',
            )
          : HttpResponse.json(history('24h'));
      }),
    );
    renderTab(domainEntity('finance'));

    expect(
      await screen.findByText(/Could not load the health history/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The SLO could not be loaded; see History below.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Health model' }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('list', {
        name: 'State over the last 24 hours, 96 buckets, oldest first',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Service level objective'),
    ).toBeInTheDocument();
  });

  it('says a stale entity is unknown now and what it was last evaluated as', async () => {
    serve('domain/default/marketing', {
      summary: summary('domain:default/marketing', 'Marketing', 'unknown', {
        stale: true,
        lastState: 'degraded',
        evaluatedAt: '2026-03-12T10:31:05.000Z',
        signalCounts: counts({}),
      }),
      children: [],
      definitionsVisible: false,
    });
    renderTab(domainEntity('marketing'));

    const heading = await screen.findByRole('heading', {
      name: 'Health of Marketing',
    });
    const header = heading.parentElement as HTMLElement;
    expect(
      within(header).getByText('Unknown').closest('[data-state]'),
    ).toHaveAttribute('data-state', 'unknown');
    expect(header).toHaveTextContent(
      'Not evaluated since 12 Mar 2026, 10:31:05 UTC; last evaluated state: Degraded',
    );
    expect(
      screen.getByText('Stale: this evaluation is out of date'),
    ).toBeInTheDocument();
  });

  it('says so in the tree when a data product of the domain is stale', async () => {
    const detail = financeDetail(false);
    const [ledger, ...rest] = detail.children;
    serve('domain/default/finance', {
      ...detail,
      children: [
        {
          ...ledger,
          summary: {
            ...ledger.summary,
            state: 'unknown',
            stale: true,
            lastState: 'unhealthy',
            evaluatedAt: '2026-03-12T09:00:00.000Z',
          },
        },
        ...rest,
      ],
    });
    renderTab(domainEntity('finance'));

    await screen.findByRole('list', { name: 'Health model' });
    expect(nodeOf('General Ledger Postings')).toHaveTextContent(
      'Not evaluated since 12 Mar 2026, 09:00:00 UTC; last evaluated state: Unhealthy',
    );
  });

  it('writes values short, with every digit in the title', async () => {
    const detail = healthyDetail();
    const component = detail.result!.components[0];
    const latency = {
      ...component.signals[0],
      value: 183.6234,
      explanation:
        '183.623 ms is within thresholds (degraded ≥ 500 ms, unhealthy ≥ 2000 ms)',
    };
    const freshness = {
      ...component.signals[0],
      key: 'scoring/freshness',
      signalId: 'freshness',
      title: 'Minutes since last score',
      unit: 'min',
      state: 'degraded' as const,
      value: 28.93912,
      thresholds: { direction: 'above' as const, degraded: 15, unhealthy: 60 },
      // Explanations arrive written short (describeReading).
      explanation: '28.9 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
    };
    const availability = {
      ...component.signals[0],
      key: 'scoring/availability',
      signalId: 'availability',
      title: 'Endpoint availability',
      unit: '%',
      value: 99.99234,
      thresholds: {
        direction: 'below' as const,
        degraded: 99.9,
        unhealthy: 99,
      },
      explanation:
        '99.9923 % is within thresholds (degraded ≤ 99.9 %, unhealthy ≤ 99 %)',
    };
    serve('dataproduct/default/deal-fraud-scores', {
      ...detail,
      result: {
        ...detail.result!,
        components: [
          {
            ...component,
            state: 'degraded',
            causes: [
              'Minutes since last score: 28.9 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
            ],
            signals: [latency, freshness, availability],
          },
        ],
      },
    });
    renderTab(dataProductEntity('deal-fraud-scores'));

    const fresh = (
      await screen.findByRole('button', { name: 'Minutes since last score' })
    ).closest('li') as HTMLElement;
    expect(within(fresh).getByText('28.9 min')).toHaveAttribute(
      'title',
      '28.93912 min',
    );
    expect(
      within(fresh).getByText(
        '28.9 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Causes for Scoring' }),
      ).getByText(
        'Minutes since last score: 28.9 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
      ),
    ).toBeInTheDocument();

    const lat = screen
      .getByRole('button', { name: 'Scoring latency' })
      .closest('li') as HTMLElement;
    expect(within(lat).getByText('183.6 ms')).toHaveAttribute(
      'title',
      '183.6234 ms',
    );
    const avail = screen
      .getByRole('button', { name: 'Endpoint availability' })
      .closest('li') as HTMLElement;
    expect(within(avail).getByText('99.992%')).toHaveAttribute(
      'title',
      '99.99234%',
    );
    // Thresholds are written as their owners wrote them.
    expect(avail).toHaveTextContent('degraded ≤ 99.9%, unhealthy ≤ 99%');

    fireEvent.click(
      screen.getByRole('button', { name: 'Minutes since last score' }),
    );
    const panel = screen.getByRole('region', { name: 'Signal details' });
    expect(
      fact(within(panel).getByLabelText('Signal'), 'Value'),
    ).toHaveTextContent(/^28.9 min$/);
    expect(
      within(panel).getByText(
        '28.9 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
      ),
    ).toBeInTheDocument();
  });

  it('wraps long lines of a query rather than cutting them off', async () => {
    const longQuery = `ADFPipelineRun
| where Status == "Failed" and PipelineName in ("ledger-ingest-daily", "ledger-ingest-hourly", "ledger-reconcile") and TimeGenerated > ago(15m)
| summarize value = count()`;
    const detail = financeDetail(true);
    const definition = detail.definitions![0];
    serve('domain/default/finance', {
      ...detail,
      definitions: [
        {
          ...definition,
          signals: definition.signals.map(view =>
            view.signal.type === 'log'
              ? { ...view, signal: { ...view.signal, query: longQuery } }
              : view,
          ),
        },
      ],
    });
    renderTab(domainEntity('finance'));

    fireEvent.click(
      await screen.findByRole('button', { name: 'Failed pipeline runs' }),
    );
    const query = screen.getByLabelText('KQL query');
    expect(query.textContent).toBe(longQuery);
    expect(query).toHaveStyle({
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
    });
  });

  it('shows the tab on a domain without a model of its own, with its data products', async () => {
    serve('domain/default/sales', {
      summary: summary('domain:default/sales', 'Sales', 'degraded', {
        signalCounts: counts({ degraded: 1 }),
      }),
      children: financeDetail(false).children.slice(0, 1),
      definitionsVisible: false,
    });
    renderTab(domainEntity('sales', false));

    expect(
      await screen.findByRole('heading', { name: 'Health of Sales' }),
    ).toBeInTheDocument();
    expect(nodeOf('General Ledger Postings')).toBeInTheDocument();
  });

  it('tells how to add a health model when the entity has none', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () =>
        errorResponse(404, 'NotFoundError', 'no health for domain:default/hr'),
      ),
      http.get(`${BASE}/entities/domain/default/hr/history`, () =>
        errorResponse(404, 'NotFoundError', 'no health for domain:default/hr'),
      ),
    );
    renderTab(domainEntity('hr', false));

    expect(await screen.findByText('No health model yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'dataplatform.contoso.com/health-model: ./health/hr.health.yaml',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('plugins/health-common/README.md'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No health result for this entity yet'),
    ).toBeNull();
  });

  it('tells that an entity with a model has not been evaluated yet, and keeps saying so while it loads again', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, async () => {
        calls += 1;
        if (calls > 1) await released;
        return errorResponse(
          404,
          'NotFoundError',
          'no health result for domain:default/finance',
        );
      }),
      http.get(`${BASE}/entities/domain/default/finance/history`, () =>
        errorResponse(404, 'NotFoundError', 'no history'),
      ),
    );
    renderTab(domainEntity('finance'));

    expect(
      await screen.findByText('No health result for this entity yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No health model yet')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls).toBe(2));
    // Not replaced by a spinner while the next answer is awaited; the
    // Retry button shows that one runs.
    expect(
      screen.getByText('No health result for this entity yet'),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('progressbar')
        .map(bar => bar.closest('button')?.textContent),
    ).toEqual([expect.stringContaining('Retry')]);
    release();
  });
});
