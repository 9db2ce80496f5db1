import { HttpResponse } from 'msw';
import {
  attentionReasons,
  compareRows,
  contractsAttention,
  costAttention,
  DataProductOverview,
  DomainOverviewResponse,
  DomainOverviewRow,
  healthAttention,
  MeResponse,
  MyDomainsResponse,
  overviewCounts,
  Persona,
  LANDING_PATHS,
  PlatformHomeResponse,
  RequestInProgress,
  retentionAttention,
  rowAttention,
  sandboxesAttention,
  SourceStatus,
  type ContractsCell,
  type CostCell,
  type HealthCell,
  type RetentionCell,
  type SandboxesCell,
  type UnavailableCell,
} from '@dataplatform/plugin-overview-common';

/** Where the test app's discovery finds the backend plugin. */
export const BASE = 'http://localhost:7007/api/dataplatform-overview';

/** The backend's day; sandbox expiries are counted from it. */
export const TODAY = '2026-11-24';

/** When the fixtures' rows were assembled: 11:02 UTC. */
export const GENERATED_AT = '2026-11-24T11:02:30Z';

export const TENANT = '7c69a373-b08d-46be-806d-a881ce6a31b1';
export const SALES_SUB = '2b8c4d7e-1f3a-4c5b-9d6e-7a8b9c0d1e2f';

export function subscriptionUrl(subscriptionId: string): string {
  return `https://portal.azure.com/#@${TENANT}/resource/subscriptions/${subscriptionId}/overview`;
}

function domainPath(name: string, tab?: string): string {
  return `/catalog/default/domain/${name}${tab ? `/${tab}` : ''}`;
}

// ---------------------------------------------------------------------------
// Cells; the attention of each comes from the rules in overview-common, so a
// fixture can never disagree with what the backend would say.
// ---------------------------------------------------------------------------

export function healthCell(
  domain: string,
  state: HealthCell['state'],
  overrides: Partial<HealthCell> = {},
): HealthCell {
  const texts: Record<HealthCell['state'], string> = {
    unhealthy: 'Unhealthy',
    degraded: 'Degraded',
    unknown: 'Unknown',
    healthy: 'Healthy',
  };
  return {
    state,
    attention: healthAttention({ state }),
    text: texts[state],
    href: domainPath(domain, 'health'),
    score: { unhealthy: 20, degraded: 60, unknown: undefined, healthy: 98 }[
      state
    ],
    topCauses: [],
    evaluatedAt: '2026-11-24T10:59:00Z',
    ...overrides,
  };
}

export function costCell(
  domain: string,
  risk: CostCell['risk'],
  forecastPercent: number | null,
  overrides: Partial<CostCell> = {},
): CostCell {
  const budget = 10_000;
  return {
    risk,
    attention: costAttention({ risk }),
    text:
      forecastPercent === null
        ? 'No budget'
        : `${forecastPercent}% of budget forecast`,
    href: domainPath(domain, 'cost'),
    currency: 'USD',
    monthToDate: forecastPercent === null ? 4_200 : forecastPercent * 70,
    budget: forecastPercent === null ? null : budget,
    forecastMonthEnd:
      forecastPercent === null ? null : (forecastPercent * budget) / 100,
    forecastPercent,
    activeAlerts: risk === 'over-budget' ? 2 : 0,
    ...overrides,
  };
}

export function retentionCell(
  domain: string,
  verdict: RetentionCell['verdict'],
  violations = 0,
  overrides: Partial<RetentionCell> = {},
): RetentionCell {
  return {
    verdict,
    attention: retentionAttention({ verdict }),
    text:
      verdict === 'violation'
        ? `${violations} violation${violations === 1 ? '' : 's'}`
        : {
            'at-risk': 'At risk',
            unknown: 'Not evaluated',
            compliant: 'Compliant',
          }[verdict],
    href: domainPath(domain, 'retention'),
    counts:
      verdict === 'violation'
        ? { violation: violations, compliant: 3 }
        : { [verdict]: 1 },
    evaluatedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

export function contractsCell(
  domain: string,
  figures: Partial<
    Pick<
      ContractsCell,
      'invalid' | 'missing' | 'unchecked' | 'errorCount' | 'dataProducts'
    >
  > = {},
): ContractsCell {
  const invalid = figures.invalid ?? 0;
  const missing = figures.missing ?? 0;
  const unchecked = figures.unchecked ?? 0;
  const dataProducts = figures.dataProducts ?? 3;
  const problems = [
    invalid > 0 ? `${invalid} invalid` : '',
    missing > 0 ? `${missing} missing` : '',
    invalid + missing === 0 && unchecked > 0 ? `${unchecked} unchecked` : '',
  ].filter(Boolean);
  return {
    attention: contractsAttention({ invalid, missing, unchecked }),
    text: problems.length > 0 ? problems.join(', ') : 'All valid',
    href: domainPath(domain),
    dataProducts,
    contracts: dataProducts,
    invalid,
    errorCount: figures.errorCount ?? invalid * 2,
    missing,
    unchecked,
  };
}

export function sandboxesCell(
  domain: string,
  figures: { open?: number; expiringSoon?: number; nextExpiry?: string } = {},
): SandboxesCell {
  const open = figures.open ?? 0;
  const expiringSoon = figures.expiringSoon ?? 0;
  const cell = { open, expiringSoon, nextExpiry: figures.nextExpiry };
  return {
    ...cell,
    attention: sandboxesAttention(cell, TODAY),
    text:
      open === 0
        ? 'None open'
        : `${open} open${expiringSoon > 0 ? `, ${expiringSoon} ending` : ''}`,
    href:
      open > 0
        ? `/catalog/default/resource/sandbox-${domain}-1`
        : domainPath(domain),
    nextExpiryName: open > 0 ? `sandbox-${domain}-1` : undefined,
  };
}

export function unavailableCell(
  domain: string,
  tab: string | undefined,
  unavailable: string,
  text = 'Unavailable',
): UnavailableCell {
  return {
    attention: 'unknown',
    text,
    unavailable,
    href: domainPath(domain, tab),
  };
}

// ---------------------------------------------------------------------------
// Rows and responses
// ---------------------------------------------------------------------------

type Cells = Pick<
  DomainOverviewRow,
  'health' | 'cost' | 'retention' | 'contracts' | 'sandboxes'
>;

function titleOf(name: string): string {
  return name
    .split('-')
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** A domain that is fine in every concern, with `cells` replacing some. */
export function domainRow(
  name: string,
  cells: Partial<Cells> = {},
  extra: Partial<DomainOverviewRow> = {},
): DomainOverviewRow {
  const all: Cells = {
    health: healthCell(name, 'healthy'),
    cost: costCell(name, 'on-track', 70),
    retention: retentionCell(name, 'compliant'),
    contracts: contractsCell(name),
    sandboxes: sandboxesCell(name),
    ...cells,
  };
  const subscriptionId = `00000000-0000-4000-8000-${String(
    name.length * 7919,
  ).padStart(12, '0')}`;
  return {
    entityRef: `domain:default/${name}`,
    name,
    title: titleOf(name),
    ownerGroup: `group:default/${name}-owners`,
    ownerTitle: `${titleOf(name)} owners`,
    subscriptionId,
    subscriptionUrl: subscriptionUrl(subscriptionId),
    href: domainPath(name),
    attention: rowAttention(all),
    rank: 0,
    reasons: attentionReasons(all),
    ...all,
    ...extra,
  };
}

/** Worst first with their rank, as the backend serves them. */
export function ranked(rows: DomainOverviewRow[]): DomainOverviewRow[] {
  return [...rows].sort(compareRows).map((row, rank) => ({ ...row, rank }));
}

export const STALE_COST_REASON =
  'dataplatform-cost answered HTTP 503 at 11:02 UTC; showing the answer of 10:58 UTC';
export const FAILING_RETENTION_REASON =
  'dataplatform-retention has not answered since 10:40 UTC: connect ECONNREFUSED';

/** Every source answered at `asOf`, 11:02 UTC unless told. */
export function okSources(asOf = '2026-11-24T11:02:00Z'): SourceStatus[] {
  return (
    [
      ['health', 'dataplatform-health'],
      ['cost', 'dataplatform-cost'],
      ['retention', 'dataplatform-retention'],
      ['contracts', 'catalog'],
      ['sandboxes', 'catalog'],
    ] as const
  ).map(([concern, source]) => ({
    concern,
    source,
    state: 'ok',
    asOf,
    reasons: [],
  }));
}

/** Cost stale (shown from 10:58), retention failing, the rest current. */
export function troubledSources(): SourceStatus[] {
  return okSources().map(source => {
    if (source.concern === 'cost') {
      return {
        ...source,
        state: 'stale',
        asOf: '2026-11-24T10:58:00Z',
        reasons: [STALE_COST_REASON],
      };
    }
    if (source.concern === 'retention') {
      const { asOf: _never, ...rest } = source;
      return { ...rest, state: 'failing', reasons: [FAILING_RETENTION_REASON] };
    }
    return source;
  });
}

/**
 * Six domains, one per kind of trouble; worst first they are sales
 * (critical ×3), operations-iot (critical ×2, stale cost), marketing
 * (warning ×2), legacy (unknown: retention unavailable), finance and
 * platform (ok).
 */
export function estateRows(): DomainOverviewRow[] {
  return ranked([
    domainRow('finance', { cost: costCell('finance', 'on-track', 82) }),
    domainRow('marketing', {
      health: healthCell('marketing', 'degraded', {
        score: 55,
        topCauses: ['Ingestion lag above 2 h'],
      }),
      cost: costCell('marketing', 'forecast-over-budget', 104),
      sandboxes: sandboxesCell('marketing', {
        open: 2,
        expiringSoon: 1,
        nextExpiry: '2026-12-01',
      }),
    }),
    domainRow('sales', {
      health: healthCell('sales', 'unhealthy', {
        score: 20,
        topCauses: ['Orders pipeline failed 3 times'],
      }),
      cost: costCell('sales', 'over-budget', 112),
      contracts: contractsCell('sales', {
        invalid: 1,
        missing: 1,
        errorCount: 3,
      }),
    }),
    domainRow('operations-iot', {
      retention: retentionCell('operations-iot', 'violation', 2, {
        worst: 'AuditLogs keeps 30 days, 3650 required',
      }),
      cost: costCell('operations-iot', 'at-risk', 97, {
        stale: STALE_COST_REASON,
      }),
      contracts: contractsCell('operations-iot', { invalid: 1, errorCount: 4 }),
    }),
    domainRow('legacy', {
      health: healthCell('legacy', 'unknown', {
        noModel: true,
        text: 'No health model',
      }),
      retention: unavailableCell(
        'legacy',
        'retention',
        'dataplatform-retention has no result for this domain yet',
      ),
    }),
    domainRow('platform'),
  ]);
}

/** The names of `estateRows()` worst first, as the backend ranks them. */
export const ESTATE_WORST_FIRST = [
  'sales',
  'operations-iot',
  'marketing',
  'legacy',
  'finance',
  'platform',
];

export function platformHome(
  rows: DomainOverviewRow[] = estateRows(),
  extra: Partial<PlatformHomeResponse> = {},
): PlatformHomeResponse {
  return {
    generatedAt: GENERATED_AT,
    sources: okSources(),
    counts: overviewCounts(rows),
    rows,
    visibleTotal: rows.length,
    ...extra,
  };
}

/**
 * `count` domains with every kind of cell, as the platform home of a large
 * estate: about a tenth critical, a fifth warning.
 */
export function manyRows(count: number): DomainOverviewRow[] {
  const rows: DomainOverviewRow[] = [];
  for (let i = 0; i < count; i++) {
    const name = `domain-${String(i).padStart(3, '0')}`;
    const cells: Partial<Cells> = {};
    if (i % 10 === 3) cells.health = healthCell(name, 'unhealthy');
    if (i % 5 === 1) {
      cells.cost = costCell(name, 'forecast-over-budget', 100 + (i % 37));
    }
    if (i % 17 === 0) cells.retention = retentionCell(name, 'violation', 1);
    if (i % 13 === 2) cells.contracts = contractsCell(name, { missing: 1 });
    rows.push(domainRow(name, cells));
  }
  return ranked(rows);
}

export const DATA_CITIZEN_REASON =
  'No domain is owned by a group you are in, and you are not in the platform team; the data product explorer lists the data you can use.';

/** What a data citizen gets: no rows, zero counts and why. */
export function emptyPlatformHome(): PlatformHomeResponse {
  return platformHome([], { emptyReason: DATA_CITIZEN_REASON });
}

export function me(persona: Persona, domains: string[] = []): MeResponse {
  return { persona, landingPath: LANDING_PATHS[persona], domains };
}

export const salesDomainRequest: RequestInProgress = {
  kind: 'domain-request',
  id: 'dr-2026-0042',
  name: 'sales-emea',
  status: 'pending-approval',
  requestedBy: 'user:default/alice',
  ownerGroup: 'group:default/sales-owners',
  updatedAt: '2026-11-24T09:15:00Z',
  href: '/provisioning/domain-requests/dr-2026-0042',
};

export const salesLease: RequestInProgress = {
  kind: 'sandbox-lease',
  id: 'sl-2026-0107',
  name: 'sandbox-sales-forecasting',
  status: 'provisioning',
  requestedBy: 'user:default/bob',
  ownerGroup: 'group:default/sales-owners',
  updatedAt: '2026-11-24T10:30:00Z',
  href: '/provisioning/sandbox-leases/sl-2026-0107',
};

/** Alice owns sales and marketing and has two requests in progress. */
export function myDomains(
  extra: Partial<MyDomainsResponse> = {},
): MyDomainsResponse {
  const rows = estateRows().filter(row =>
    ['sales', 'marketing'].includes(row.name),
  );
  return {
    generatedAt: GENERATED_AT,
    sources: okSources(),
    persona: 'domain-owner',
    rows,
    requests: [salesDomainRequest, salesLease],
    ...extra,
  };
}

/**
 * The sales orders data product (gold, production, unhealthy): its valid
 * v1 contract, then `others`.
 */
export function salesOrdersProduct(
  ...others: DataProductOverview['contracts']
): DataProductOverview {
  return {
    entityRef: 'dataproduct:default/sales-orders',
    name: 'sales-orders',
    title: 'Sales orders',
    href: '/catalog/default/dataproduct/sales-orders',
    layer: 'gold',
    lifecycle: 'production',
    healthState: 'unhealthy',
    contracts: [
      {
        entityRef: 'api:default/sales-orders-v1',
        title: 'Sales orders v1',
        status: 'valid',
        errorCount: 0,
        href: '/catalog/default/api/sales-orders-v1',
      },
      ...others,
    ],
  };
}

/** The sales domain for its page. */
export function salesDomain(
  extra: Partial<DomainOverviewResponse> = {},
): DomainOverviewResponse {
  const row = estateRows().find(r => r.name === 'sales')!;
  return {
    generatedAt: GENERATED_AT,
    sources: okSources(),
    row,
    dataProducts: [
      salesOrdersProduct({
        entityRef: 'api:default/sales-returns-v1',
        status: 'missing',
        errorCount: 0,
      }),
    ],
    sandboxes: [
      {
        entityRef: 'resource:default/sandbox-sales-forecasting',
        name: 'sandbox-sales-forecasting',
        title: 'Sales forecasting sandbox',
        href: '/catalog/default/resource/sandbox-sales-forecasting',
        state: 'active',
        expiresOn: '2027-01-31',
        daysLeft: 68,
        budgetCap: 500,
        requestedBy: 'user:default/bob',
      },
    ],
    owner: {
      entityRef: 'group:default/sales-owners',
      title: 'Sales owners',
      href: '/catalog/default/group/sales-owners',
      members: [
        {
          entityRef: 'user:default/alice',
          title: 'Alice Andersen',
          email: 'alice@contoso.com',
          href: '/catalog/default/user/alice',
        },
      ],
    },
    requests: [salesDomainRequest],
    ...extra,
  };
}

/** A backend error body, as `@backstage/errors` serializes it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-overview' },
      response: { statusCode: status },
    },
    { status },
  );
}
