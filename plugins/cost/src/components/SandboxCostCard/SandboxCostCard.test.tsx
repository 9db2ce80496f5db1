import { screen, within } from '@testing-library/react';
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
import { SandboxCostResponse } from '@dataplatform/plugin-cost-common';
import { costApi, sandboxCostEntityCard } from '../../plugin';
import {
  BASE,
  dailySeries,
  errorResponse,
  genaiCost,
  GENAI_SUB,
  missingSubscription,
  pending,
  sandboxEntity,
  staleData,
  SUBSCRIPTION_ANNOTATION,
  THROTTLED_REASON,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

const NAME = 'sandbox-genai-pilot';

function renderCard(entity: Entity = sandboxEntity(NAME)) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      sandboxCostEntityCard,
      costApi,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function serve(body: SandboxCostResponse) {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE}/sandboxes/${NAME}`, ({ request }) => {
      calls.push(new URL(request.url).pathname);
      return HttpResponse.json(body);
    }),
  );
  return calls;
}

function figure(term: string): string {
  const list = screen.getByLabelText('Sandbox cost figures');
  const dt = within(list).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

describe('SandboxCostCard', () => {
  it('shows spend against the cap, days until it, the daily rate and the lease end', async () => {
    const calls = serve(genaiCost());
    renderCard();

    const bar = await screen.findByRole('img', {
      name: /^Spend against the cap/,
    });
    expect(calls).toEqual([`/api/dataplatform-cost/sandboxes/${NAME}`]);
    expect(bar).toHaveAccessibleName(
      'Spend against the cap. 456 USD of the 500 USD cap (91.2%) this month. ≈ 3 days until the cap (on 27 Nov).',
    );
    expect(
      screen.getByText('456 USD of the 500 USD cap (91.2%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Cap from the budget-cap annotation of the sandbox'),
    ).toBeInTheDocument();
    expect(figure('Until the cap')).toBe('≈ 3 days until the cap (on 27 Nov)');
    expect(figure('Daily rate')).toBe(
      '19.00 USD a dayAverage of the last 7 complete days',
    );
    expect(figure('Lease ends')).toBe('31 Jan 2027');
    expect(
      screen.getByRole('link', { name: /Cost analysis in the Azure portal/ }),
    ).toHaveAttribute('target', '_blank');
    expect(screen.getByText(/^Cost data as of/)).toHaveTextContent(
      'Cost data as of 3 hours ago',
    );
    expect(
      screen.getByRole('img', { name: /^Daily cost of the last 30 days/ }),
    ).toBeInTheDocument();
  });

  it('warns when the cap comes before the month ends', async () => {
    serve(genaiCost());
    renderCard();

    expect(
      await screen.findByText(
        'At this rate the cap is reached on 27 Nov 2026, before the month ends (30 Nov 2026)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'It spends 19.00 USD a day (average of the last 7 complete days); 44.00 USD are left.',
      ),
    ).toBeInTheDocument();
  });

  it('names the lease end when the lease ends before the month', async () => {
    serve(
      genaiCost({
        expiresOn: '2026-11-26',
        daysUntilCap: 2,
        capReachedOn: '2026-11-26',
        capBeforeExpiry: true,
      }),
    );
    renderCard();

    expect(
      await screen.findByText(
        'At this rate the cap is reached on 26 Nov 2026, before the lease ends on 26 Nov 2026',
      ),
    ).toBeInTheDocument();
  });

  it('says when the cap is reached', async () => {
    serve(
      genaiCost({
        spend: 512,
        spendPercent: 102.4,
        daysUntilCap: 0,
        capReachedOn: '2026-11-24',
      }),
    );
    renderCard();

    expect(
      await screen.findByText(
        /^This month's spend is 512 USD of the 500 USD cap \(102\.4%\)\./,
      ),
    ).toBeInTheDocument();
    // The warning's title and the figure.
    expect(screen.getAllByText('The cap is reached')).toHaveLength(2);
    expect(figure('Until the cap')).toBe('The cap is reached');
    expect(screen.queryByText(/At this rate/)).toBeNull();
  });

  it('without a cap, says so and draws no cap bar', async () => {
    serve(
      genaiCost({
        cap: null,
        capSource: 'none',
        spendPercent: null,
        daysUntilCap: null,
        capReachedOn: null,
        capBeforeExpiry: null,
      }),
    );
    renderCard();

    expect(await screen.findByText('456 USD, no cap')).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /^Spend against the cap/ }),
    ).toBeNull();
    expect(
      screen.getByText(
        'Neither a budget-cap annotation nor an Azure budget gives a cap',
      ),
    ).toBeInTheDocument();
    expect(figure('Until the cap')).toBe('No cap to reach');
    expect(screen.queryByText(/At this rate/)).toBeNull();
  });

  it('says the cap is not in sight when nothing was spent in the last days', async () => {
    serve(
      genaiCost({
        spend: 0,
        spendPercent: 0,
        dailyRate: 0,
        daysUntilCap: null,
        capReachedOn: null,
        capBeforeExpiry: null,
        daily: dailySeries(0, 0, 0),
      }),
    );
    renderCard();

    await screen.findByLabelText('Sandbox cost figures');
    expect(figure('Until the cap')).toBe(
      'No spending in the last 7 days: the cap is not in sight',
    );
  });

  it('shows its active alerts', async () => {
    serve(
      genaiCost({
        alerts: [
          {
            id: `subscriptions/${GENAI_SUB}/providers/Microsoft.CostManagement/alerts/22222222-0000-4000-8000-000000000001`,
            kind: 'budget',
            source: 'azure',
            status: 'active',
            subscriptionId: GENAI_SUB,
            sandbox: NAME,
            title:
              'Actual cost reached 80% of budget-sandbox-genai-pilot (400 of 500 USD)',
            detail: 'Budget: CostThresholdExceeded',
            thresholdPercent: 80,
            amount: 500,
            currentSpend: 400,
            currency: 'USD',
            raisedAt: '2026-11-22T06:00:00Z',
            portalUrl: 'https://portal.azure.com/',
          },
        ],
      }),
    );
    renderCard();

    const list = await screen.findByRole('list', { name: 'Active alerts' });
    expect(within(list).getByRole('listitem')).toHaveTextContent(
      'Threshold 80% of 500 USD · raised 22 Nov 2026',
    );
  });

  it('warns when the data is stale', async () => {
    serve(genaiCost({ data: staleData() }));
    renderCard();

    expect(
      await screen.findByText(
        'Stale: the last refresh could not read everything from Azure',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(THROTTLED_REASON)).toBeInTheDocument();
    expect(
      screen.getByText(/^Showing data as of .* \(7 hours ago\)\./),
    ).toBeInTheDocument();
  });

  it('explains a missing subscription annotation with the YAML to add', async () => {
    serve({
      ...missingSubscription(NAME),
      entityRef: `resource:default/${NAME}`,
    });
    renderCard();

    expect(
      await screen.findByText(
        'No Azure subscription to read the cost of this sandbox',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Catalog YAML with the subscription annotation'),
    ).toHaveTextContent(SUBSCRIPTION_ANNOTATION);
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('says the data has not been read yet', async () => {
    serve(pending(`resource:default/${NAME}`));
    renderCard();

    expect(
      await screen.findByText('Cost data has not been read yet'),
    ).toBeInTheDocument();
  });

  it('explains a 403', async () => {
    const message = `The cost of resource:default/${NAME} is visible to group:default/sales-domain-owners and the platform team only`;
    server.use(
      http.get(`${BASE}/sandboxes/${NAME}`, () =>
        errorResponse(403, 'NotAllowedError', message),
      ),
    );
    renderCard();

    expect(
      await screen.findByText(
        'The cost of this sandbox is visible to its owners and the platform team only',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
  });

  it('shows a progress bar while it loads, and why it could not load', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/sandboxes/${NAME}`, async () => {
        await released;
        return errorResponse(500, 'Error', 'the catalog is not reachable');
      }),
    );
    renderCard();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByText(/Could not load the cost of this sandbox/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the catalog is not reachable/).length,
    ).toBeGreaterThan(0);
  });

  it('shows only on innovation sandboxes', async () => {
    renderCard(sandboxEntity('st-sales-data', 'storage-account'));
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
