import {
  ContractsCell,
  CostCell,
  DomainOverviewRow,
  HealthCell,
  RetentionCell,
  SandboxesCell,
  UnavailableCell,
} from '@dataplatform/plugin-overview-common';
import {
  FINANCE_SUBSCRIPTION,
  GROUPS,
  SALES_SUBSCRIPTION,
  TENANT,
  USERS,
  catalogEntities,
  costBody,
  dayFrom,
  domain,
  domainRequests,
  healthBody,
  retentionBody,
  sandboxLeases,
} from '../__testUtils__/fixtures';
import {
  MODEL_ERROR_CAUSE,
  OverviewInputs,
  buildOverview,
  buildOverviewRows,
  requestsInProgress,
} from './rows';

const NOW = new Date('2026-11-24T11:05:00.000Z');

function inputs(overrides: Partial<OverviewInputs> = {}): OverviewInputs {
  return {
    entities: catalogEntities(NOW),
    health: { body: healthBody() },
    cost: { body: costBody() },
    retention: { body: retentionBody() },
    tenantId: TENANT,
    ...overrides,
  };
}

function rowsByName(overrides: Partial<OverviewInputs> = {}) {
  return Object.fromEntries(
    buildOverviewRows(inputs(overrides), NOW).map(row => [row.name, row]),
  ) as Record<string, DomainOverviewRow>;
}

describe('buildOverviewRows', () => {
  it('gives each domain a health cell from its Domain item, and says when there is no model', () => {
    const { finance, sales, hr } = rowsByName();
    expect(finance.health).toEqual<HealthCell>({
      attention: 'critical',
      text: 'Unhealthy: 2 signals',
      href: '/catalog/default/domain/finance/health',
      state: 'unhealthy',
      score: 0.2,
      topCauses: ['Ingestion: failed pipeline runs 7 (unhealthy)'],
      evaluatedAt: '2026-11-24T11:01:00.000Z',
    });
    expect(sales.health).toMatchObject({ attention: 'ok', state: 'healthy' });
    expect(hr.health).toEqual<HealthCell>({
      attention: 'unknown',
      text: 'No health model',
      href: '/catalog/default/domain/hr/health',
      state: 'unknown',
      noModel: true,
      topCauses: [],
    });
  });

  it('gives each domain its cost row from the estate: figures, risk, alerts, or the subscription problem', () => {
    const { finance, sales, hr } = rowsByName();
    expect(finance.cost).toEqual<CostCell>({
      attention: 'critical',
      text: 'Over budget: 11,200 USD of 10,000 USD',
      href: '/catalog/default/domain/finance/cost',
      risk: 'over-budget',
      currency: 'USD',
      monthToDate: 11200,
      budget: 10000,
      forecastMonthEnd: 14000,
      forecastPercent: 140,
      activeAlerts: 2,
      azureUrl: expect.stringContaining(
        `%2Fsubscriptions%2F${FINANCE_SUBSCRIPTION}`,
      ),
    });
    expect(sales.cost).toMatchObject({
      attention: 'ok',
      risk: 'on-track',
      text: 'On track: forecast 60% of budget',
    });
    expect(hr.cost).toEqual<CostCell>({
      attention: 'unknown',
      text: 'No usable subscription',
      href: '/catalog/default/domain/hr/cost',
      risk: 'no-data',
      problem:
        'The Domain has no dataplatform.contoso.com/azure-subscription-id annotation',
      activeAlerts: 0,
    });
  });

  it('gives each domain its retention verdict with the counts found and the worst finding in one line', () => {
    const { finance, sales, hr } = rowsByName();
    expect(hr.retention).toEqual<RetentionCell>({
      attention: 'critical',
      text: 'Violation: 2 findings',
      href: '/catalog/default/domain/hr/retention',
      verdict: 'violation',
      counts: { violation: 2, compliant: 3 },
      worst:
        'log-dp-hr / AuditLogs: 30 days (workspace default), required ≥ 3,650 days (10 years)',
      evaluatedAt: '2026-11-24T06:00:00.000Z',
    });
    expect(sales.retention).toMatchObject({
      attention: 'warning',
      text: 'At risk: 1 finding',
      counts: { 'at-risk': 1, compliant: 2 },
    });
    expect(finance.retention).toMatchObject({
      attention: 'ok',
      text: 'Compliant',
    });
  });

  it('counts the contracts of the domain’s data products: invalid with errors, missing, unchecked', () => {
    const { finance, sales, hr } = rowsByName();
    // deal-fraud-scores names its domain and contract by short refs.
    expect(finance.contracts).toEqual<ContractsCell>({
      attention: 'critical',
      text: '1 invalid (3 errors)',
      href: '/catalog/default/domain/finance',
      dataProducts: 2,
      contracts: 2,
      invalid: 1,
      errorCount: 3,
      missing: 0,
      unchecked: 0,
    });
    expect(sales.contracts).toEqual<ContractsCell>({
      attention: 'warning',
      text: '1 missing',
      href: '/catalog/default/domain/sales',
      dataProducts: 2,
      contracts: 1,
      invalid: 0,
      errorCount: 0,
      missing: 1,
      unchecked: 1,
    });
    expect(hr.contracts).toMatchObject({
      attention: 'ok',
      text: 'No data products',
      dataProducts: 0,
    });
  });

  it('counts the open sandboxes of the owner group: past its end is critical, ending within 14 days a warning', () => {
    const { finance, sales, hr } = rowsByName();
    expect(finance.sandboxes).toEqual<SandboxesCell>({
      attention: 'critical',
      text: `sandbox-forecast-lab ended ${dayFrom(NOW, -2)}, still open`,
      href: '/catalog/default/resource/sandbox-forecast-lab',
      open: 1,
      expiringSoon: 1,
      nextExpiry: dayFrom(NOW, -2),
      nextExpiryName: 'sandbox-forecast-lab',
    });
    // The expired sandbox-old-poc is not open.
    expect(sales.sandboxes).toEqual<SandboxesCell>({
      attention: 'warning',
      text: '1 open; sandbox-genai-pilot ends in 10 days',
      href: '/catalog/default/resource/sandbox-genai-pilot',
      open: 1,
      expiringSoon: 1,
      nextExpiry: dayFrom(NOW, 10),
      nextExpiryName: 'sandbox-genai-pilot',
    });
    expect(hr.sandboxes).toEqual<SandboxesCell>({
      attention: 'ok',
      text: 'No open sandboxes',
      href: '/catalog/default/domain/hr',
      open: 0,
      expiringSoon: 0,
    });
  });

  it('sorts worst first with compareRows, ranks by position and lists the reasons', () => {
    const rows = buildOverviewRows(inputs(), NOW);
    expect(rows.map(r => [r.name, r.attention, r.rank])).toEqual([
      ['finance', 'critical', 0],
      ['hr', 'critical', 1],
      ['sales', 'warning', 2],
    ]);
    expect(rows[0]).toMatchObject({
      entityRef: 'domain:default/finance',
      title: 'Finance',
      ownerGroup: GROUPS.finance,
      ownerTitle: 'Finance Domain Owners',
      href: '/catalog/default/domain/finance',
    });
    expect(rows[0].reasons).toEqual([
      'Health: unhealthy — Ingestion: failed pipeline runs 7 (unhealthy)',
      'Cost: over budget (112% of budget)',
      'Contracts: 1 invalid (3 errors)',
      `Sandboxes: sandbox-forecast-lab is past its end (${dayFrom(
        NOW,
        -2,
      )}) and still open`,
    ]);
    expect(rows[2].reasons).toHaveLength(3);
  });

  it("links the subscription from the domain's portal link, else builds it with the tenant, else without", () => {
    const { finance, sales, hr } = rowsByName();
    expect(finance).toMatchObject({
      subscriptionId: FINANCE_SUBSCRIPTION,
      subscriptionUrl: `https://portal.azure.com/#@${TENANT}/resource/subscriptions/${FINANCE_SUBSCRIPTION}/overview`,
    });
    expect(sales.subscriptionUrl).toBe(
      `https://portal.azure.com/#@${TENANT}/resource/subscriptions/${SALES_SUBSCRIPTION}/overview`,
    );
    expect(hr.subscriptionId).toBeUndefined();
    expect(hr.subscriptionUrl).toBeUndefined();
    const withoutTenant = rowsByName({ tenantId: undefined });
    expect(withoutTenant.sales.subscriptionUrl).toBe(
      `https://portal.azure.com/#resource/subscriptions/${SALES_SUBSCRIPTION}/overview`,
    );
  });

  it('ignores a link titled like the subscription link that does not open the Azure portal', () => {
    const entity = domain('sales', { subscription: SALES_SUBSCRIPTION });
    entity.metadata.links = [
      // eslint-disable-next-line no-script-url
      { url: 'javascript:alert(1)', title: 'Subscription in the Azure portal' },
    ];
    const [row] = buildOverviewRows(
      inputs({ entities: [entity], tenantId: undefined }),
      NOW,
    );
    expect(row.subscriptionUrl).toBe(
      `https://portal.azure.com/#resource/subscriptions/${SALES_SUBSCRIPTION}/overview`,
    );
  });

  it('marks every cell of a stale column with why, keeping its level as last known', () => {
    const reason =
      'dataplatform-cost answered HTTP 503 at 11:02 UTC; showing the answer of 10:58 UTC';
    const { finance, sales } = rowsByName({
      cost: { body: costBody(), stale: reason },
    });
    expect(finance.cost).toMatchObject({
      attention: 'critical',
      risk: 'over-budget',
      stale: reason,
    });
    expect(sales.cost).toMatchObject({ attention: 'ok', stale: reason });
    expect((finance.health as HealthCell).stale).toBeUndefined();
    expect(finance.reasons).toContain(
      'Cost: over budget (112% of budget) (last known)',
    );
  });

  it('gives every row an UnavailableCell for a failing column and leaves the other columns alone', () => {
    const reason =
      'dataplatform-retention has not answered since the overview started: dataplatform-retention answered HTTP 500 at 11:02 UTC';
    const rows = rowsByName({ retention: { unavailable: reason } });
    for (const row of Object.values(rows)) {
      expect(row.retention).toEqual<UnavailableCell>({
        attention: 'unknown',
        text: 'Unavailable',
        unavailable: reason,
        href: `/catalog/default/domain/${row.name}/retention`,
      });
    }
    expect(rows.finance.health).toMatchObject({ state: 'unhealthy' });
    expect(rows.finance.cost).toMatchObject({ risk: 'over-budget' });
    // hr was critical by retention alone: now unknown, ranked after sales.
    expect(rows.hr.attention).toBe('unknown');
    expect(rows.hr.rank).toBe(2);
  });

  it('shows a stale health item at its last state, with when it was last evaluated', () => {
    const body = healthBody();
    body.items[0] = {
      ...body.items[0],
      state: 'unknown',
      lastState: 'unhealthy',
      stale: true,
      topCauses: [
        'not evaluated since 2026-11-24 09:31 UTC',
        'Ingestion: failed pipeline runs 7 (unhealthy)',
      ],
    };
    const { finance } = rowsByName({ health: { body } });
    expect(finance.health).toMatchObject({
      attention: 'critical',
      state: 'unhealthy',
      stale: 'not evaluated since 2026-11-24 09:31 UTC',
      topCauses: ['Ingestion: failed pipeline runs 7 (unhealthy)'],
    });
  });

  it('says only where to look for a health model error, which can quote paths on the server', () => {
    const body = healthBody();
    const message =
      "dataplatform.contoso.com/health-model: '/srv/backstage/catalog/health/sales.health.yaml' cannot be read: ELOOP";
    body.items[2] = {
      ...body.items[2],
      state: 'unknown',
      modelError: { message, errors: [] },
      topCauses: [message, 'Crm Opportunities (unknown)'],
    };
    const { sales } = rowsByName({ health: { body } });
    expect(sales.health).toMatchObject({
      state: 'unknown',
      text: 'Unknown: health model error',
      topCauses: [MODEL_ERROR_CAUSE, 'Crm Opportunities (unknown)'],
    });
    expect(JSON.stringify(sales)).not.toContain('/srv/backstage');
  });

  it('marks the contracts and sandboxes cells stale when the catalog answer is an earlier one', () => {
    const reason =
      'the catalog could not be read: Error: boom at 11:02 UTC; showing the answer of 10:58 UTC';
    const { finance } = rowsByName({ catalogStale: reason });
    expect(finance.contracts).toMatchObject({
      attention: 'critical',
      stale: reason,
    });
    expect(finance.sandboxes).toMatchObject({ stale: reason });
    expect((finance.health as HealthCell).stale).toBeUndefined();
  });

  it('says when the cost or retention plugin has nothing for a domain yet', () => {
    const [row] = buildOverviewRows(
      inputs({ entities: [domain('logistics')] }),
      NOW,
    );
    expect(row.cost).toEqual<UnavailableCell>({
      attention: 'unknown',
      text: 'No cost data yet',
      unavailable:
        'dataplatform-cost has no figures for domain:default/logistics yet (it reads new domains at its next refresh)',
      href: '/catalog/default/domain/logistics/cost',
    });
    expect(row.retention).toMatchObject({
      text: 'Not evaluated yet',
      unavailable:
        'dataplatform-retention has not evaluated domain:default/logistics yet',
    });
  });
});

describe('buildOverview details', () => {
  it('lists the data products with layer, health and each contract’s status', () => {
    const { details } = buildOverview(inputs(), NOW);
    expect(details.get('finance')!.dataProducts).toEqual([
      {
        entityRef: 'dataproduct:default/deal-fraud-scores',
        name: 'deal-fraud-scores',
        title: 'Deal Fraud Scores',
        href: '/catalog/default/dataproduct/deal-fraud-scores',
        layer: 'gold',
        lifecycle: 'production',
        contracts: [
          {
            entityRef: 'api:default/deal-fraud-scores',
            title: 'deal-fraud-scores contract',
            status: 'invalid',
            errorCount: 3,
            href: '/catalog/default/api/deal-fraud-scores',
          },
        ],
      },
      {
        entityRef: 'dataproduct:default/general-ledger-postings',
        name: 'general-ledger-postings',
        title: 'General Ledger Postings',
        href: '/catalog/default/dataproduct/general-ledger-postings',
        layer: 'silver',
        lifecycle: 'production',
        healthState: 'degraded',
        contracts: [
          {
            entityRef: 'api:default/general-ledger-postings',
            title: 'general-ledger-postings contract',
            status: 'valid',
            errorCount: 0,
            href: '/catalog/default/api/general-ledger-postings',
          },
        ],
      },
    ]);
    const sales = details.get('sales')!.dataProducts;
    expect(sales.flatMap(p => p.contracts)).toEqual([
      {
        entityRef: 'api:default/crm-opportunities',
        title: 'crm-opportunities contract',
        status: 'unchecked',
        errorCount: 0,
        href: '/catalog/default/api/crm-opportunities',
      },
      {
        entityRef: 'api:default/loyalty-members',
        status: 'missing',
        errorCount: 0,
      },
    ]);
  });

  it('lists the sandboxes open first, soonest end first, with days left and cap', () => {
    const { details } = buildOverview(inputs(), NOW);
    expect(details.get('sales')!.sandboxes).toEqual([
      {
        entityRef: 'resource:default/sandbox-genai-pilot',
        name: 'sandbox-genai-pilot',
        title: 'sandbox-genai-pilot (innovation sandbox)',
        href: '/catalog/default/resource/sandbox-genai-pilot',
        state: 'expiring',
        expiresOn: dayFrom(NOW, 10),
        daysLeft: 10,
        budgetCap: 500,
        requestedBy: USERS.marco,
      },
      expect.objectContaining({
        name: 'sandbox-old-poc',
        state: 'expired',
        daysLeft: -40,
      }),
    ]);
    expect(details.get('hr')!.sandboxes).toEqual([]);
  });

  it('gives the owner group with its members from hasMember, and a bare owner when the group is not in the catalog', () => {
    const { details } = buildOverview(
      inputs({
        entities: [
          ...catalogEntities(NOW),
          domain('legal', { owner: 'legal-owners' }),
        ],
      }),
      NOW,
    );
    expect(details.get('finance')!.owner).toEqual({
      entityRef: GROUPS.finance,
      title: 'Finance Domain Owners',
      email: 'finance-domain-owners@contoso.example',
      href: '/catalog/default/group/finance-domain-owners',
      members: [
        {
          entityRef: USERS.fatima,
          title: 'Fatima Osei',
          email: 'fatima.osei@contoso.example',
          href: '/catalog/default/user/fatima.osei',
        },
      ],
    });
    expect(details.get('hr')!.owner!.members).toEqual([]);
    expect(details.get('legal')!.owner).toEqual({
      entityRef: 'group:default/legal-owners',
      title: 'legal-owners',
      href: '/catalog/default/group/legal-owners',
      members: [],
    });
  });
});

describe('requestsInProgress', () => {
  it('keeps unfinished domain requests and leases, newest change first, without their plans', () => {
    const requests = requestsInProgress(domainRequests(), sandboxLeases());
    expect(requests).toEqual([
      {
        kind: 'sandbox-lease',
        id: 'sl-genai',
        name: 'genai-pilot',
        status: 'expiring',
        requestedBy: USERS.marco,
        ownerGroup: GROUPS.sales,
        updatedAt: '2026-11-24T10:00:00.000Z',
        href: '/provisioning/sandbox-leases/sl-genai',
      },
      {
        kind: 'domain-request',
        id: 'dr-logistics',
        name: 'logistics',
        status: 'pending-approval',
        requestedBy: USERS.marco,
        ownerGroup: GROUPS.sales,
        updatedAt: '2026-11-24T09:00:00.000Z',
        href: '/provisioning/domain-requests/dr-logistics',
      },
      {
        kind: 'domain-request',
        id: 'dr-hr',
        name: 'hr',
        status: 'failed',
        requestedBy: USERS.priya,
        ownerGroup: GROUPS.hr,
        updatedAt: '2026-11-23T15:00:00.000Z',
        href: '/provisioning/domain-requests/dr-hr',
      },
    ]);
  });
});
