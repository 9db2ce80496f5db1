import { Entity } from '@backstage/catalog-model';
import { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import {
  DomainOverviewResponse,
  DomainOverviewRow,
  UnavailableCell,
} from '@dataplatform/plugin-overview-common';
import { overviewApi } from '../plugin';
import {
  BASE,
  errorResponse,
  okSources,
  SALES_SUB,
  salesOrdersProduct,
  subscriptionUrl,
} from './fixtures';

const DAY_MS = 86_400_000;

/**
 * The UTC day `days` from the test's today, `YYYY-MM-DD`. The cards count
 * days to a sandbox's end from the browser's clock, so expiries are set
 * relative to it.
 */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes before the test started, as an ISO time. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

export function domainEntity(name = 'sales'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name, namespace: 'default', title: 'Sales' },
    spec: { owner: `group:default/${name}-domain-owners` },
  };
}

const D = '/catalog/default/domain/sales';

/**
 * Sales: unhealthy, forecast over budget, a retention violation, one
 * invalid and one missing contract, two open sandboxes (one ending in 5
 * days).
 */
export function salesRow(
  overrides: Partial<DomainOverviewRow> = {},
): DomainOverviewRow {
  return {
    entityRef: 'domain:default/sales',
    name: 'sales',
    title: 'Sales',
    ownerGroup: 'group:default/sales-domain-owners',
    ownerTitle: 'Sales domain owners',
    subscriptionId: SALES_SUB,
    subscriptionUrl: subscriptionUrl(SALES_SUB),
    href: D,
    attention: 'critical',
    rank: 0,
    reasons: ['Health: unhealthy — Orders pipeline failed its last 3 runs'],
    health: {
      attention: 'critical',
      text: 'Unhealthy: 2 signals',
      href: `${D}/health`,
      state: 'unhealthy',
      score: 35,
      topCauses: [
        'Orders pipeline failed its last 3 runs',
        'Freshness of sales-orders is 26 hours, 24 allowed',
      ],
      evaluatedAt: minutesAgo(2),
    },
    cost: {
      attention: 'warning',
      text: '116.1% of budget forecast',
      href: `${D}/cost`,
      risk: 'forecast-over-budget',
      currency: 'USD',
      monthToDate: 12_000,
      budget: 15_000,
      forecastMonthEnd: 17_420,
      forecastPercent: 116.1,
      activeAlerts: 2,
    },
    retention: {
      attention: 'critical',
      text: 'Violation: 3 findings',
      href: `${D}/retention`,
      verdict: 'violation',
      counts: { violation: 3, 'at-risk': 1, compliant: 6 },
      worst: 'AuditLogs keeps 30 days, 3650 required',
      evaluatedAt: minutesAgo(5),
    },
    contracts: {
      attention: 'critical',
      text: '1 invalid, 1 missing',
      href: D,
      dataProducts: 3,
      contracts: 4,
      invalid: 1,
      errorCount: 3,
      missing: 1,
      unchecked: 0,
    },
    sandboxes: {
      attention: 'warning',
      text: '2 open, 1 ending soon',
      href: '/catalog/default/resource/sandbox-genai-pilot',
      open: 2,
      expiringSoon: 1,
      nextExpiry: dayFromToday(5),
      nextExpiryName: 'sandbox-genai-pilot',
    },
    ...overrides,
  };
}

export function salesOverview(
  overrides: Partial<DomainOverviewResponse> = {},
): DomainOverviewResponse {
  return {
    generatedAt: '2026-11-24T11:02:30Z',
    sources: okSources(),
    row: salesRow(),
    dataProducts: [
      salesOrdersProduct({
        entityRef: 'api:default/sales-orders-v2',
        title: 'Sales orders v2',
        status: 'invalid',
        errorCount: 3,
        href: '/catalog/default/api/sales-orders-v2',
      }),
      {
        entityRef: 'dataproduct:default/sales-leads',
        name: 'sales-leads',
        title: 'Sales leads',
        href: '/catalog/default/dataproduct/sales-leads',
        layer: 'silver',
        lifecycle: 'experimental',
        healthState: 'healthy',
        contracts: [
          {
            entityRef: 'api:default/sales-leads-v1',
            status: 'missing',
            errorCount: 0,
          },
          {
            entityRef: 'api:default/sales-leads-events',
            title: 'Sales lead events',
            status: 'unchecked',
            errorCount: 0,
            href: '/catalog/default/api/sales-leads-events',
          },
        ],
      },
      {
        entityRef: 'dataproduct:default/sales-forecast',
        name: 'sales-forecast',
        title: 'Sales forecast',
        href: '/catalog/default/dataproduct/sales-forecast',
        contracts: [],
      },
    ],
    sandboxes: [
      {
        entityRef: 'resource:default/sandbox-genai-pilot',
        name: 'sandbox-genai-pilot',
        title: 'GenAI pilot',
        href: '/catalog/default/resource/sandbox-genai-pilot',
        state: 'expiring',
        expiresOn: dayFromToday(5),
        daysLeft: 5,
        budgetCap: 500,
        requestedBy: 'user:default/ana.silva',
      },
      {
        entityRef: 'resource:default/sandbox-pricing',
        name: 'sandbox-pricing',
        title: 'Pricing experiments',
        href: '/catalog/default/resource/sandbox-pricing',
        state: 'active',
        expiresOn: dayFromToday(68),
        daysLeft: 68,
        budgetCap: 1_200,
      },
      {
        entityRef: 'resource:default/sandbox-churn',
        name: 'sandbox-churn',
        title: 'Churn model',
        href: '/catalog/default/resource/sandbox-churn',
        state: 'expired',
        expiresOn: dayFromToday(-30),
        daysLeft: -30,
        budgetCap: 300,
      },
    ],
    owner: {
      entityRef: 'group:default/sales-domain-owners',
      title: 'Sales domain owners',
      href: '/catalog/default/group/sales-domain-owners',
      members: [
        {
          entityRef: 'user:default/ana.silva',
          title: 'Ana Silva',
          email: 'ana.silva@contoso.com',
          href: '/catalog/default/user/ana.silva',
        },
        {
          entityRef: 'user:default/ben.okafor',
          title: 'Ben Okafor',
          href: '/catalog/default/user/ben.okafor',
        },
      ],
    },
    requests: [],
    ...overrides,
  };
}

/** What someone outside the owner group and the platform team gets for cost. */
export const RESTRICTED_COST: UnavailableCell = {
  attention: 'unknown',
  text: 'Restricted',
  unavailable:
    'Cost is visible to group:default/sales-domain-owners and the platform team',
  href: `${D}/cost`,
};

/**
 * A Domain page of the test app with the given cards of this plugin and its
 * API (the real client, answered by msw).
 */
export function renderDomainCards(
  cards: ExtensionDefinition[],
  entity: Entity = domainEntity(),
) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...cards, overviewApi],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/**
 * Answers GET /domains/:name with `body` (or `respond`), and records the
 * paths asked for.
 */
export function serveDomain(
  server: SetupServer,
  respond: DomainOverviewResponse | (() => Response | Promise<Response>),
  name = 'sales',
): string[] {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE}/domains/${name}`, ({ request }) => {
      calls.push(new URL(request.url).pathname);
      return typeof respond === 'function'
        ? respond()
        : HttpResponse.json(respond);
    }),
  );
  return calls;
}

export const UNKNOWN_DOMAIN_MESSAGE = "no Domain named 'sales' in the catalog";

/**
 * Serves the backend's 404 for the sales domain, renders with `render` and
 * finds the card's notice that the backend does not know the domain.
 */
export async function renderUnknownDomain(
  server: SetupServer,
  render: () => unknown,
): Promise<HTMLElement> {
  serveDomain(server, () =>
    errorResponse(404, 'NotFoundError', UNKNOWN_DOMAIN_MESSAGE),
  );
  render();
  return screen.findByText(
    'The overview backend does not know this domain yet',
  );
}

/**
 * Finds a card's load error titled `title` that shows the backend's
 * `message`, and returns its Retry button; the queries throw when any of
 * the three is missing.
 */
export async function findLoadError(
  title: RegExp,
  message: RegExp,
): Promise<HTMLElement> {
  await screen.findByText(title);
  screen.getAllByText(message);
  return screen.getByRole('button', { name: 'Retry' });
}
