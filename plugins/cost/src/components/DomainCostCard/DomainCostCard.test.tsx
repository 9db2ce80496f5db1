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
import { costApi, domainCostEntityCard } from '../../plugin';
import {
  BASE,
  domainEntity,
  errorResponse,
  FORBIDDEN_MESSAGE,
  missingSubscription,
  pending,
  platformCost,
  salesCost,
  SALES_SUB,
  staleData,
  SUBSCRIPTION_ANNOTATION,
  THROTTLED_REASON,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity: Entity = domainEntity('sales')) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      domainCostEntityCard,
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

describe('DomainCostCard', () => {
  it('shows the burn against the budget with the forecast, in figures and as a gauge with its numbers in words', async () => {
    const calls = serve(salesCost());
    renderCard();

    const gauge = await screen.findByRole('img', {
      name: /^Burn against the monthly budget/,
    });
    expect(calls).toEqual(['/api/dataplatform-cost/domains/sales']);
    expect(gauge).toHaveAccessibleName(
      'Burn against the monthly budget. Month to date 12,000 USD of a 15,000 USD budget (80%). Forecast at month end 17,420 USD (116.1% of the budget). Forecast over budget.',
    );
    // The arcs are drawn in the risk's colour; the budget tick shows because the forecast passes it.
    expect(gauge.querySelector('[data-part="month-to-date"]')).not.toBeNull();
    expect(gauge.querySelector('[data-part="forecast"]')).not.toBeNull();
    expect(gauge.querySelector('[data-part="budget"]')).not.toBeNull();

    const chip = screen.getByText('Forecast over budget', { selector: 'span' });
    expect(chip.closest('[data-risk]')).toHaveAttribute(
      'data-risk',
      'forecast-over-budget',
    );

    const figures = screen.getByLabelText('Cost figures');
    expect(figure(figures, 'Month to date')).toBe('12,000 USD');
    expect(figure(figures, 'Budget')).toBe(
      '15,000 USD a month80% used of budget-dp-domain-sales',
    );
    expect(figure(figures, 'Forecast at month end')).toBe(
      "17,420 USD (116.1% of budget)From Azure's forecast for budget budget-dp-domain-sales",
    );
    // 24 days × 500 against 24 days × 445 in October.
    expect(figure(figures, 'Change vs last month')).toBe(
      '▲ 12.4%Same days last month: 10,680 USD; all of last month: 13,795 USD',
    );
  });

  it("lists the budget's thresholds, actual before forecast, with the reached ones marked", async () => {
    serve(salesCost());
    renderCard();

    const list = await screen.findByRole('list', {
      name: 'Thresholds of budget-dp-domain-sales',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Actual 50% (7,500 USD): reached',
      'Actual 80% (12,000 USD): reached',
      'Actual 100% (15,000 USD): not reached',
      'Forecast 100% (15,000 USD): reached',
    ]);
    expect(items.map(item => item.getAttribute('data-reached'))).toEqual([
      'true',
      'true',
      'false',
      'true',
    ]);
    expect(
      screen.getByRole('link', {
        name: /Budget budget-dp-domain-sales in the Azure portal/,
      }),
    ).toHaveAttribute('target', '_blank');
  });

  it('shows the active alerts with their thresholds and dates, not the resolved one', async () => {
    serve(salesCost());
    renderCard();

    const list = await screen.findByRole('list', { name: 'Active alerts' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      'Actual cost reached 80% of budget-dp-domain-sales (12,000 of 15,000 USD)',
    );
    expect(items[0]).toHaveTextContent(
      'Threshold 80% of 15,000 USD · raised 24 Nov 2026',
    );
    expect(items[1]).toHaveTextContent(
      'Threshold 100% of 15,000 USD · raised 15 Nov 2026',
    );
    expect(screen.queryByText(/reached 50% of budget/)).toBeNull();
  });

  it('draws the last 30 days with a text alternative, links to cost analysis in a new tab and tells the age of the data', async () => {
    serve(salesCost());
    renderCard();

    const bars = await screen.findByRole('img', {
      name: /^Daily cost of the last 30 days/,
    });
    // 6 October days × 445 and 24 November days × 500.
    expect(bars).toHaveAccessibleName(
      'Daily cost of the last 30 days. Daily cost, 26 Oct to 24 Nov (30 days): 14,670 USD in all; highest 500 USD on 1 Nov; today so far 500 USD; average of the last 7 complete days 500 USD.',
    );
    expect(bars.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(30);

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
    expect(screen.queryByText(/^Stale/)).toBeNull();
  });

  it('warns when the data is stale, with the reasons and the time of the data shown', async () => {
    serve(salesCost({ data: staleData() }));
    renderCard();

    expect(
      await screen.findByText(
        'Stale: the last refresh could not read everything from Azure',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Showing data as of \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC \(7 hours ago\)\. The last attempt ended 20 minutes ago\.$/,
      ),
    ).toBeInTheDocument();
    const reasons = screen.getByRole('list', { name: 'Why the data is stale' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([THROTTLED_REASON, 'alerts: Azure answered HTTP 500']);
    expect(screen.getByText(/^Cost data as of/)).toHaveTextContent(
      'Cost data as of 7 hours ago(stale)',
    );
  });

  it('without a budget, says so and shows the figures without a gauge', async () => {
    serve(platformCost(), 'platform');
    renderCard(domainEntity('platform'));

    expect(await screen.findByText('No monthly budget')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /^Burn against/ })).toBeNull();
    expect(screen.queryByRole('list', { name: /^Thresholds/ })).toBeNull();
    const figures = screen.getByLabelText('Cost figures');
    expect(figure(figures, 'Budget')).toBe('none');
    // 24 × 400 spent plus the estate's 2,400 for the rest of the month.
    expect(figure(figures, 'Forecast at month end')).toBe(
      "12,000 USDFrom the estate's Azure forecast for the rest of the month, shared by this subscription's part of the last 7 days' cost",
    );
    expect(
      screen
        .getByText('No budget', { selector: 'span' })
        .closest('[data-risk]'),
    ).toHaveAttribute('data-risk', 'no-budget');
    expect(screen.getByText('No active cost alerts.')).toBeInTheDocument();
  });

  it('explains a missing subscription annotation with the YAML to add, never an empty chart', async () => {
    serve(missingSubscription());
    renderCard(domainEntity('sales', {}));

    expect(
      await screen.findByText(
        'No Azure subscription to read the cost of this domain',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`The annotation ${SUBSCRIPTION_ANNOTATION} is missing.`),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Catalog YAML with the subscription annotation'),
    ).toHaveTextContent(
      `metadata: annotations: ${SUBSCRIPTION_ANNOTATION}: <subscription id, a GUID>`,
    );
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('says the data has not been read yet and when the next read is', async () => {
    serve(pending());
    renderCard();

    expect(
      await screen.findByText('Cost data has not been read yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^No cost data has been read from Azure yet/),
    ).toHaveTextContent(
      'No cost data has been read from Azure yet · next refresh in 5 minutes',
    );
  });

  it('explains a 403: visible to the owners and the platform team only', async () => {
    server.use(
      http.get(`${BASE}/domains/sales`, () =>
        errorResponse(403, 'NotAllowedError', FORBIDDEN_MESSAGE),
      ),
    );
    renderCard();

    expect(
      await screen.findByText(
        'The cost of this domain is visible to its owners and the platform team only',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(FORBIDDEN_MESSAGE)).toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a progress bar while it loads', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/domains/sales`, async () => {
        await released;
        return HttpResponse.json(salesCost());
      }),
    );
    renderCard();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release();
    expect(await screen.findByLabelText('Cost figures')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
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
    renderCard();

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
    renderCard({ ...domainEntity('sales'), kind: 'System' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
