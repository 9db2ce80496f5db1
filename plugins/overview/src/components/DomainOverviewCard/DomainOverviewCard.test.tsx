import { fireEvent, screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { linearProgressClasses } from '@mui/material/LinearProgress';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { domainOverviewEntityCard } from '../../plugin';
import {
  dayFromToday,
  domainEntity,
  RESTRICTED_COST,
  renderDomainCards,
  salesOverview,
  salesRow,
  serveDomain,
  renderUnknownDomain,
  findLoadError,
  UNKNOWN_DOMAIN_MESSAGE,
} from '../../__testUtils__/domainFixtures';
import {
  errorResponse,
  okSources,
  SALES_SUB,
  STALE_COST_REASON,
  subscriptionUrl,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity = domainEntity()) {
  return renderDomainCards([domainOverviewEntityCard], entity);
}

function tile(name: string): HTMLElement {
  return screen.getByRole('group', { name });
}

describe('DomainOverviewCard', () => {
  it('shows the five concerns as tiles linking to their details, from one request', async () => {
    const calls = serveDomain(server, salesOverview());
    renderCard();

    const health = await screen.findByRole('link', {
      name: 'Health: Unhealthy: 2 signals',
    });
    expect(calls).toEqual(['/api/dataplatform-overview/domains/sales']);
    expect(screen.getByRole('heading', { name: 'At a glance' })).toBeVisible();
    expect(health).toHaveAttribute(
      'href',
      '/catalog/default/domain/sales/health',
    );
    expect(
      within(health)
        .getByText('Unhealthy: 2 signals')
        .closest('[data-attention]'),
    ).toHaveAttribute('data-attention', 'critical');
    expect(tile('Health')).toHaveTextContent(
      'Top cause: Orders pipeline failed its last 3 runs (and 1 more cause)',
    );

    expect(
      within(tile('Retention')).getByRole('link', {
        name: 'Retention: Violation: 3 findings',
      }),
    ).toHaveAttribute('href', '/catalog/default/domain/sales/retention');
    expect(tile('Retention')).toHaveTextContent(
      '3 violations · 1 at risk · 6 compliant',
    );
    expect(tile('Retention')).toHaveTextContent(
      'Worst: AuditLogs keeps 30 days, 3650 required',
    );

    const contracts = tile('Contracts');
    expect(
      within(contracts).getByRole('link', {
        name: 'Contracts: 1 invalid, 1 missing',
      }),
    ).toHaveAttribute('href', '/catalog/default/domain/sales');
    expect(contracts).toHaveTextContent(
      '3 valid · 1 invalid (3 errors) · 1 missing',
    );
    expect(contracts).toHaveTextContent('5 contracts of 3 data products');

    const sandboxes = tile('Sandboxes');
    expect(
      within(sandboxes).getByRole('link', {
        name: 'Sandboxes: 2 open, 1 ending soon',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-genai-pilot');
    expect(sandboxes).toHaveTextContent('2 open sandboxes');
    expect(sandboxes).toHaveTextContent(
      `sandbox-genai-pilot ends ${dayFromToday(5)}, in 5 days`,
    );
  });

  it('shows cost against the budget as a bar of month to date and forecast, with the risk', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    const link = await screen.findByRole('link', {
      name: 'Cost: 116.1% of budget forecast',
    });
    expect(link).toHaveAttribute('href', '/catalog/default/domain/sales/cost');
    const cost = tile('Cost');
    const bar = within(cost).getByRole('progressbar');
    expect(bar).toHaveAccessibleName(
      'Month to date 12,000 USD of a 15,000 USD budget (80%). Forecast 17,420 USD at month end (116.1% of budget)',
    );
    expect(bar).toHaveAttribute('aria-valuenow', '80');
    // The forecast passes the budget: the lighter bar fills the track.
    expect(
      bar.querySelector(`.${linearProgressClasses.bar1Buffer}`),
    ).toHaveStyle({ transform: 'translateX(-20%)' });
    expect(
      bar.querySelector(`.${linearProgressClasses.bar2Buffer}`),
    ).toHaveStyle({ transform: 'translateX(0%)' });
    expect(cost).toHaveTextContent('12,000 USD of 15,000 USD this month (80%)');
    expect(cost).toHaveTextContent(
      'Forecast 17,420 USD at month end (116.1% of budget)',
    );
    expect(cost).toHaveTextContent('Risk: Forecast over budget');
    expect(cost).toHaveTextContent('2 active alerts');
  });

  it('links the owner group and the subscription in the Azure portal (a new tab), and says the data is current', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    expect(
      await screen.findByRole('link', { name: 'Sales domain owners' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-domain-owners');
    const subscription = screen.getByRole('link', {
      name: /Subscription in the Azure portal/,
    });
    expect(subscription).toHaveAttribute('href', subscriptionUrl(SALES_SUB));
    expect(subscription).toHaveAttribute('target', '_blank');
    expect(
      screen.getByText('All data current as of 11:02 UTC'),
    ).toBeInTheDocument();
  });

  it('says politely that the cost is restricted, without figures', async () => {
    serveDomain(
      server,
      salesOverview({ row: salesRow({ cost: RESTRICTED_COST }) }),
    );
    renderCard();

    const link = await screen.findByRole('link', { name: 'Cost: Restricted' });
    expect(link).toHaveAccessibleDescription(
      'Unavailable: Cost is visible to group:default/sales-domain-owners and the platform team',
    );
    const cost = tile('Cost');
    expect(cost).toHaveTextContent(
      'Cost is visible to group:default/sales-domain-owners and the platform team.',
    );
    expect(within(cost).queryByRole('progressbar')).toBeNull();
    expect(cost).not.toHaveTextContent('USD');
    // The other concerns still show.
    expect(
      screen.getByRole('link', { name: 'Health: Unhealthy: 2 signals' }),
    ).toBeInTheDocument();
  });

  it('marks a stale concern and names the stale source with its reason', async () => {
    const row = salesRow();
    const sources = okSources().map(source =>
      source.concern === 'cost'
        ? { ...source, state: 'stale' as const, reasons: [STALE_COST_REASON] }
        : source,
    );
    serveDomain(
      server,
      salesOverview({
        sources,
        row: { ...row, cost: { ...row.cost, stale: STALE_COST_REASON } },
      }),
    );
    renderCard();

    const link = await screen.findByRole('link', {
      name: 'Cost: 116.1% of budget forecast',
    });
    expect(within(link).getByTestId('stale-marker')).toHaveTextContent('stale');
    expect(link).toHaveAccessibleDescription(
      `Last known, stale: ${STALE_COST_REASON}`,
    );
    expect(within(tile('Health')).queryByTestId('stale-marker')).toBeNull();
    expect(
      within(screen.getByRole('list', { name: 'Data freshness' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([`Cost: stale — ${STALE_COST_REASON}`]);
    // Shown as last known: the figures stay.
    expect(tile('Cost')).toHaveTextContent('Risk: Forecast over budget');
  });

  it('says what is missing: no health model, no budget, no data products, no open sandbox, no subscription', async () => {
    const row = salesRow();
    serveDomain(
      server,
      salesOverview({
        owner: undefined,
        row: {
          ...row,
          ownerGroup: undefined,
          subscriptionUrl: undefined,
          health: {
            attention: 'unknown',
            text: 'No health model',
            href: row.health.href,
            state: 'unknown',
            noModel: true,
            topCauses: [],
          },
          cost: {
            attention: 'warning',
            text: 'No budget',
            href: row.cost.href,
            risk: 'no-budget',
            currency: 'USD',
            monthToDate: 4_200,
            budget: null,
            forecastMonthEnd: null,
            forecastPercent: null,
            activeAlerts: 0,
          },
          contracts: {
            attention: 'ok',
            text: 'No data products',
            href: row.contracts.href,
            dataProducts: 0,
            contracts: 0,
            invalid: 0,
            errorCount: 0,
            missing: 0,
            unchecked: 0,
          },
          sandboxes: {
            attention: 'ok',
            text: 'None open',
            href: '/catalog/default/domain/sales',
            open: 0,
            expiringSoon: 0,
          },
        },
      }),
    );
    renderCard();

    expect(
      await screen.findByText('This domain has no health model yet.'),
    ).toBeInTheDocument();
    expect(tile('Cost')).toHaveTextContent(
      '4,200 USD this month, no monthly budget',
    );
    expect(within(tile('Cost')).queryByRole('progressbar')).toBeNull();
    expect(tile('Contracts')).toHaveTextContent(
      'This domain has no data products yet.',
    );
    expect(tile('Sandboxes')).toHaveTextContent('No open sandboxes.');
    expect(
      screen.getByText('No Azure subscription linked to this domain'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/no owner group in the catalog/),
    ).toBeInTheDocument();
  });

  it('tells that the overview backend does not know the domain yet on a 404', async () => {
    expect(
      await renderUnknownDomain(server, () => renderCard()),
    ).toBeInTheDocument();
    expect(screen.getByText(UNKNOWN_DOMAIN_MESSAGE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it("shows the backend's message when it fails, and loads again on retry", async () => {
    let calls = 0;
    serveDomain(server, () => {
      calls += 1;
      return calls === 1
        ? errorResponse(
            503,
            'ServiceUnavailableError',
            'the overview has not read its sources yet',
          )
        : HttpResponse.json(salesOverview());
    });
    renderCard();

    fireEvent.click(
      await findLoadError(
        /Could not load the overview of this domain/,
        /the overview has not read its sources yet/,
      ),
    );
    expect(
      await screen.findByRole('link', { name: 'Health: Unhealthy: 2 signals' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('shows progress while it loads', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    serveDomain(server, async () => {
      await released;
      return HttpResponse.json(salesOverview());
    });
    renderCard();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByRole('link', { name: 'Health: Unhealthy: 2 signals' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar', { name: 'Loading' })).toBeNull();
  });

  it('does not show on other kinds', async () => {
    renderCard({ ...domainEntity(), kind: 'System' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
