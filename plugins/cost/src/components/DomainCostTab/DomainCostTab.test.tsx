import { fireEvent, screen, within } from '@testing-library/react';
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
import { DomainCostResponse } from '@dataplatform/plugin-cost-common';
import { costApi, domainCostEntityContent } from '../../plugin';
import {
  BASE,
  domainEntity,
  errorResponse,
  FORBIDDEN_MESSAGE,
  missingSubscription,
  platformCost,
  salesActualAlert,
  salesCost,
  SALES_SUB,
  SUBSCRIPTION_ANNOTATION,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderTab(entity: Entity = domainEntity('sales')) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      domainCostEntityContent,
      costApi,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function serve(body: DomainCostResponse, name = 'sales') {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE}/domains/${name}`, ({ request }) => {
      calls.push(new URL(request.url).pathname);
      return HttpResponse.json(body);
    }),
  );
  return calls;
}

/** The value of a term in a definition list. */
function figure(list: HTMLElement, term: string): string {
  const dt = within(list).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

const ANOMALY_DAY = '2026-11-18';

describe('DomainCostTab', () => {
  it('shows the month as the card does: the burn gauge, the figures, the thresholds and the Azure link, from one request', async () => {
    const calls = serve(salesCost());
    renderTab();

    const gauge = await screen.findByRole('img', {
      name: /^Burn against the monthly budget/,
    });
    expect(gauge).toHaveAccessibleName(
      'Burn against the monthly budget. Month to date 12,000 USD of a 15,000 USD budget (80%). Forecast at month end 17,420 USD (116.1% of the budget). Forecast over budget.',
    );
    expect(calls).toEqual(['/api/dataplatform-cost/domains/sales']);
    expect(
      screen.getByRole('heading', { name: 'This month' }),
    ).toBeInTheDocument();
    const figures = screen.getByLabelText('Cost figures');
    expect(figure(figures, 'Month to date')).toBe('12,000 USD');
    expect(
      within(
        screen.getByRole('list', {
          name: 'Thresholds of budget-dp-domain-sales',
        }),
      ).getAllByRole('listitem'),
    ).toHaveLength(4);
    const link = screen.getByRole('link', {
      name: /Cost analysis in the Azure portal/,
    });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('href')).toContain(
      encodeURIComponent(`/subscriptions/${SALES_SUB}`),
    );
    expect(screen.getByText(/^Cost data as of/)).toHaveTextContent(
      'Cost data as of 3 hours ago · next refresh in 40 minutes',
    );
  });

  it('draws the last 30 days, and the last 90 on request, with the anomalous day in red', async () => {
    const anomaly = {
      ...salesActualAlert,
      id: `anomaly:${SALES_SUB}:${ANOMALY_DAY}`,
      kind: 'anomaly' as const,
      source: 'portal' as const,
      title: `Cost on ${ANOMALY_DAY} was 4.1× the usual (2,050 vs 500 USD)`,
      raisedAt: `${ANOMALY_DAY}T00:00:00Z`,
    };
    serve(salesCost({ alerts: [anomaly] }));
    renderTab();

    const thirty = await screen.findByRole('img', {
      name: /^Daily cost of the last 30 days/,
    });
    expect(thirty).toHaveAccessibleName(
      'Daily cost of the last 30 days. Daily cost, 26 Oct to 24 Nov (30 days): 14,670 USD in all; highest 500 USD on 1 Nov; today so far 500 USD; average of the last 7 complete days 500 USD.',
    );
    const bars = thirty.querySelectorAll('.recharts-bar-rectangle path');
    expect(bars).toHaveLength(30);
    // 18 Nov is the 24th of the 30 days (26 Oct … 24 Nov).
    const fills = [...bars].map(bar => bar.getAttribute('fill'));
    expect(new Set(fills).size).toBe(2);
    expect(fills.filter(fill => fill === fills[23])).toHaveLength(1);

    const group = screen.getByRole('radiogroup', { name: 'Days shown' });
    expect(within(group).getByRole('radio', { name: '30 days' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: '90 days' }));

    const ninety = await screen.findByRole('img', {
      name: /^Daily cost of the last 90 days/,
    });
    expect(ninety).toHaveAccessibleName(
      // 24 × 500 in November, 31 × 445 in October, 35 × 430 before.
      'Daily cost of the last 90 days. Daily cost, 27 Aug to 24 Nov (90 days): 40,845 USD in all; highest 500 USD on 1 Nov; today so far 500 USD; average of the last 7 complete days 500 USD.',
    );
    expect(
      ninety.querySelectorAll('.recharts-bar-rectangle path'),
    ).toHaveLength(90);
    expect(
      screen.queryByRole('img', { name: /^Daily cost of the last 30 days/ }),
    ).toBeNull();
  });

  it('lists every alert of the domain with its status, the resolved one too, and counts the active ones', async () => {
    serve(salesCost());
    renderTab();

    const list = await screen.findByRole('list', { name: 'Cost alerts' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(item => item.getAttribute('data-status'))).toEqual([
      'active',
      'active',
      'resolved',
    ]);
    expect(items[2]).toHaveTextContent(
      'Actual cost reached 50% of budget-dp-domain-sales (7,500 of 15,000 USD)',
    );
    expect(within(items[2]).getByText('Resolved')).toBeInTheDocument();
    expect(within(items[0]).getByText('Active')).toBeInTheDocument();
    expect(screen.getByText('3 alerts, 2 active')).toBeInTheDocument();
  });

  it('says there are no alerts, and without a budget shows the figures without a gauge', async () => {
    serve(platformCost(), 'platform');
    renderTab(domainEntity('platform'));

    expect(await screen.findByText('No monthly budget')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /^Burn against/ })).toBeNull();
    expect(
      screen.getByText(/^No cost alerts: Azure has raised none/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Cost alerts' })).toBeNull();
  });

  it('explains a missing subscription annotation, with nothing else drawn', async () => {
    serve(missingSubscription());
    renderTab(domainEntity('sales', {}));

    expect(
      await screen.findByText(
        'No Azure subscription to read the cost of this domain',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`The annotation ${SUBSCRIPTION_ANNOTATION} is missing.`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Alerts' })).toBeNull();
  });

  it('explains a 403: visible to the owners and the platform team only', async () => {
    server.use(
      http.get(`${BASE}/domains/sales`, () =>
        errorResponse(403, 'NotAllowedError', FORBIDDEN_MESSAGE),
      ),
    );
    renderTab();

    expect(
      await screen.findByText(
        'The cost of this domain is visible to its owners and the platform team only',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(FORBIDDEN_MESSAGE)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows why it could not load, and loads again on retry', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/domains/sales`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(
              503,
              'ServiceUnavailableError',
              'the cost store is not reachable',
            )
          : HttpResponse.json(salesCost());
      }),
    );
    renderTab();

    expect(
      await screen.findByText(/Could not load the cost of this domain/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the cost store is not reachable/).length,
    ).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('Cost figures')).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('does not show on other kinds', async () => {
    renderTab({ ...domainEntity('sales'), kind: 'System' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
