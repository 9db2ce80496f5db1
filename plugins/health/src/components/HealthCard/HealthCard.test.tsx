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
import { EntityHealthDetailResponse } from '@dataplatform/plugin-health-common';
import { healthApi, healthEntityCard } from '../../plugin';
import {
  BASE,
  counts,
  dataProductEntity,
  domainEntity,
  errorResponse,
  financeDetail,
  healthyDetail,
  minutesAgo,
  summary,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), healthEntityCard, healthApi],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function serve(path: string, detail: EntityHealthDetailResponse) {
  server.use(
    http.get(`${BASE}/entities/${path}`, () => HttpResponse.json(detail)),
  );
}

describe('HealthCard', () => {
  it('shows an unhealthy domain: state, score, availability and what needs attention, worst first', async () => {
    serve('domain/default/finance', financeDetail(false));
    renderCard(domainEntity('finance'));

    const chip = await screen.findByText('Unhealthy');
    expect(chip.closest('[data-state]')?.className).toMatch(
      /MuiChip-colorError/,
    );
    expect(chip.closest('[data-state]')?.querySelector('svg')).not.toBeNull();
    expect(screen.getByText('Score 25%')).toBeInTheDocument();
    expect(screen.getByText('Evaluated 1 minute ago')).toBeInTheDocument();
    expect(screen.getByText('99.82%')).toBeInTheDocument();
    expect(screen.getByText('(below the 99.9% objective)')).toBeInTheDocument();
    expect(screen.queryByText(/Stale/)).toBeNull();

    const items = within(
      screen.getByRole('list', { name: 'What needs attention' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Failed pipeline runs (unhealthy, Ledger ingestion)12 runs ≥ unhealthy threshold 5 runs',
      'Minutes since last load (degraded, General Ledger Postings › Freshness)95 min ≥ degraded threshold 60 min (unhealthy ≥ 240 min)',
      'Lake availability (unknown, Lake storage)no data in the last 5 minutesLast known 99.95%, 20 minutes ago (stale)',
      'Health model cannot be used (unknown, Regulatory Reporting)the health model ./health/regulatory-reporting.health.yaml is invalid',
    ]);
    expect(
      screen.getByRole('link', {
        name: 'See the model, history and SLO in the Health tab',
      }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance/health');
  });

  it('says so when every signal of a data product is healthy', async () => {
    serve('dataproduct/default/deal-fraud-scores', healthyDetail());
    renderCard(dataProductEntity('deal-fraud-scores'));

    const chip = await screen.findByText('Healthy');
    expect(chip.closest('[data-state]')?.className).toMatch(
      /MuiChip-colorSuccess/,
    );
    expect(screen.getByText('Score 100%')).toBeInTheDocument();
    expect(screen.getByText('(meets the 99.9% objective)')).toBeInTheDocument();
    expect(
      screen.getByText('Nothing: all 3 signals are within their thresholds.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Health tab/ })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/deal-fraud-scores/health',
    );
  });

  it('warns when the evaluation is stale and the state unknown', async () => {
    serve('domain/default/marketing', {
      summary: summary('domain:default/marketing', 'Marketing', 'unknown', {
        stale: true,
        lastState: 'degraded',
        evaluatedAt: minutesAgo(12),
        signalCounts: counts({}),
        availability30d: undefined,
        errorBudgetRemainingFraction: undefined,
      }),
      children: [],
      definitionsVisible: false,
    });
    renderCard(domainEntity('marketing'));

    const chip = await screen.findByText('Unknown');
    expect(chip.closest('[data-state]')?.className).toMatch(
      /MuiChip-colorDefault/,
    );
    expect(
      screen.getByText('Stale: this evaluation is out of date'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/was 12 minutes ago, more than three/),
    ).toHaveTextContent(/The state is unknown until the next evaluation\.$/);
    expect(
      screen.getByText('Availability (30 days): No history yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error budget (30 days): No history yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No score')).toBeInTheDocument();
    expect(screen.getByText(/^Not evaluated since/)).toHaveTextContent(
      /^Not evaluated since \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC; last evaluated state: Degraded$/,
    );
  });

  it('says a score beside Unknown is the score of the known signals only', async () => {
    serve('domain/default/marketing', {
      summary: summary('domain:default/marketing', 'Marketing', 'unknown', {
        score: 1,
        signalCounts: counts({ healthy: 2, unknown: 1 }),
      }),
      children: [],
      definitionsVisible: false,
    });
    renderCard(domainEntity('marketing'));

    expect(
      await screen.findByText('Score of known signals 100%'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Score 100%')).toBeNull();
  });

  it('shows each error of an invalid model with its path', async () => {
    serve('domain/default/platform', {
      summary: summary('domain:default/platform', 'Platform', 'unknown', {
        signalCounts: counts({}),
        modelError: {
          // As the backend writes it: the errors repeated, for logs.
          message:
            "dataplatform.contoso.com/health-model: platform.health.yaml is not a valid health model: /spec/components/0/signals/1/aggregation: must be one of average, minimum, maximum, total, count (got 'avg'); /spec/components/1/dependsOn/0: must name a component of this model (got 'stroage')",
          errors: [
            {
              path: '/spec/components/0/signals/1/aggregation',
              message:
                "must be one of average, minimum, maximum, total, count (got 'avg')",
            },
            {
              path: '/spec/components/1/dependsOn/0',
              message: "must name a component of this model (got 'stroage')",
            },
          ],
        },
      }),
      children: [],
      definitionsVisible: true,
    });
    renderCard(domainEntity('platform'));

    expect(
      await screen.findByText('The health model cannot be used'),
    ).toBeInTheDocument();
    // The errors are listed once, below a headline that counts them.
    expect(
      screen.getByText(
        'dataplatform.contoso.com/health-model: platform.health.yaml is not a valid health model (2 errors):',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Model errors' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      "/spec/components/0/signals/1/aggregation: must be one of average, minimum, maximum, total, count (got 'avg')",
      "/spec/components/1/dependsOn/0: must name a component of this model (got 'stroage')",
    ]);
    expect(
      screen.getByText('Nothing can be evaluated until the model is fixed.'),
    ).toBeInTheDocument();
  });

  it('shows why it could not load, and loads again on retry', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(
              503,
              'ServiceUnavailableError',
              'the health store is not reachable',
            )
          : HttpResponse.json(financeDetail(false));
      }),
    );
    renderCard(domainEntity('finance'));

    expect(
      await screen.findByText(/Could not load the health of this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the health store is not reachable/).length,
    ).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Score 25%')).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the health of this entity/),
    ).toBeNull();
    expect(calls).toBe(2);
  });

  it('tells that an entity has not been evaluated yet rather than failing', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, () =>
        errorResponse(
          404,
          'NotFoundError',
          'no health result for domain:default/finance',
        ),
      ),
    );
    renderCard(domainEntity('finance'));

    expect(
      await screen.findByText('No health result for this entity yet'),
    ).toBeInTheDocument();
  });

  it('shows on a domain without a health model, telling how to add one', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () =>
        errorResponse(404, 'NotFoundError', 'no health for domain:default/hr'),
      ),
    );
    renderCard(domainEntity('hr', false));

    expect(await screen.findByText('No health model yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'dataplatform.contoso.com/health-model: ./health/hr.health.yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/beside its catalog file/)).toBeInTheDocument();
    expect(
      screen.queryByText('No health result for this entity yet'),
    ).toBeNull();
  });

  it('shows on a domain without a model of its own that the backend evaluates through its products', async () => {
    serve('domain/default/sales', {
      summary: summary('domain:default/sales', 'Sales', 'degraded', {
        signalCounts: counts({ degraded: 1 }),
      }),
      children: financeDetail(false).children.slice(0, 1),
      definitionsVisible: false,
    });
    renderCard(domainEntity('sales', false));

    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'What needs attention' }),
      ).getByText('Minutes since last load'),
    ).toBeInTheDocument();
  });

  it('keeps a 404 message on screen while it loads again', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, async () => {
        calls += 1;
        if (calls > 1) await released;
        return errorResponse(404, 'NotFoundError', 'no result yet');
      }),
    );
    renderCard(domainEntity('finance'));

    expect(
      await screen.findByText('No health result for this entity yet'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls).toBe(2));
    expect(
      screen.getByText('No health result for this entity yet'),
    ).toBeInTheDocument();
    release();
  });

  it('shows the error budget left as the backend computes it for the SLO', async () => {
    serve('domain/default/finance', financeDetail(false));
    renderCard(domainEntity('finance'));

    const budget = await screen.findByText('spent, 35% over');
    expect(budget.closest('p')).toHaveTextContent(
      'Error budget (30 days): spent, 35% over',
    );
  });

  it('shows the error budget the backend reports, not one estimated from availability', async () => {
    const detail = healthyDetail();
    serve('dataproduct/default/deal-fraud-scores', {
      ...detail,
      summary: { ...detail.summary, errorBudgetRemainingFraction: 0.62 },
    });
    renderCard(dataProductEntity('deal-fraud-scores'));

    // Availability 100% would suggest the whole budget; the backend's
    // figure counts what was not observed.
    const budget = await screen.findByText('62% left');
    expect(budget.closest('p')).toHaveTextContent(
      'Error budget (30 days): 62% left',
    );
  });

  it('writes values short, with every digit in the title', async () => {
    const detail = healthyDetail();
    const component = detail.result!.components[0];
    const freshness = {
      ...component.signals[0],
      key: 'scoring/freshness',
      signalId: 'freshness',
      title: 'Minutes since last score',
      unit: 'min',
      state: 'degraded' as const,
      value: 17.0512,
      thresholds: { direction: 'above' as const, degraded: 15, unhealthy: 60 },
      // Explanations arrive written short (describeReading).
      explanation: '17.1 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
    };
    const silent = {
      ...component.signals[0],
      key: 'scoring/latency',
      state: 'unknown' as const,
      value: undefined,
      explanation: 'no data in the last 5 minutes',
      lastKnown: { value: 183.6234, observedAt: minutesAgo(20) },
    };
    serve('dataproduct/default/deal-fraud-scores', {
      ...detail,
      result: {
        ...detail.result!,
        components: [{ ...component, signals: [freshness, silent] }],
      },
    });
    renderCard(dataProductEntity('deal-fraud-scores'));

    expect(
      await screen.findByText(
        '17.1 min ≥ degraded threshold 15 min (unhealthy ≥ 60 min)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('183.6 ms')).toHaveAttribute(
      'title',
      '183.6234 ms',
    );
  });

  it('does not show on other kinds with the annotation', async () => {
    renderCard({
      ...domainEntity('finance'),
      kind: 'System',
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
