import { Entity } from '@backstage/catalog-model';
import { EstateCost, EstateDomainRow } from '@dataplatform/plugin-cost-common';
import {
  CONTRACT_ERROR_COUNT_ANNOTATION,
  CONTRACT_VALIDATION_ANNOTATION,
} from '@dataplatform/plugin-data-products-common';
import {
  EntityHealthListResponse,
  EntityHealthSummary,
} from '@dataplatform/plugin-health-common';
import {
  DomainRequest,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { EntityRetentionSummary } from '@dataplatform/plugin-retention-common';

/*
 * A small estate with one domain per kind of trouble, and bodies of the
 * real shapes the health, cost, retention and provisioning plugins answer:
 * - finance: unhealthy, over budget, compliant, one invalid contract, a
 *   sandbox past its end that nobody closed (critical ×3);
 * - sales: healthy, on track, retention at risk, one contract missing and
 *   one unchecked, a sandbox ending within 14 days (warning ×3);
 * - hr: no health model, no subscription, a retention violation, no data
 *   products, no sandboxes (critical ×1).
 */

export const TENANT = '7c69a373-b08d-46be-806d-a881ce6a31b1';
export const FINANCE_SUBSCRIPTION = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
export const SALES_SUBSCRIPTION = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';

export const USERS = {
  /** Platform team. */
  priya: 'user:default/priya.patel',
  /** Owns finance. */
  fatima: 'user:default/fatima.osei',
  /** Owns sales. */
  marco: 'user:default/marco.rossi',
  /** A data citizen: owns no domain. */
  diego: 'user:default/diego.alvarez',
} as const;

export const GROUPS = {
  platform: 'group:default/platform-team',
  finance: 'group:default/finance-domain-owners',
  sales: 'group:default/sales-domain-owners',
  hr: 'group:default/hr-domain-owners',
  citizens: 'group:default/data-citizens',
} as const;

/** Who is in which group, as sign-in would resolve it. */
export const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.priya]: [GROUPS.platform],
  [USERS.fatima]: [GROUPS.finance],
  [USERS.marco]: [GROUPS.sales],
  [USERS.diego]: [GROUPS.citizens],
};

const DAY_MS = 86_400_000;

/** The UTC day `days` from `now`. */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** A catalog entity of `kind` in the default namespace. */
function entity(
  kind: string,
  metadata: Entity['metadata'],
  spec: Entity['spec'],
  apiVersion = 'backstage.io/v1alpha1',
): Entity {
  return {
    apiVersion,
    kind,
    metadata: { ...metadata, namespace: 'default' },
    spec,
  };
}

/** "sales-orders" → "Sales Orders". */
function titleCase(name: string): string {
  return name
    .split('-')
    .map(w => `${w[0].toUpperCase()}${w.slice(1)}`)
    .join(' ');
}

function group(name: string, title: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: {
      type: 'team',
      profile: { displayName: title, email: `${name}@contoso.example` },
      children: [],
    },
    // As the catalog computes them from the users' memberOf.
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
}

function user(ref: string, displayName: string, groupRef: string): Entity {
  const name = ref.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {
      profile: { displayName, email: `${name}@contoso.example` },
      memberOf: [groupRef.split('/')[1]],
    },
    relations: [{ type: 'memberOf', targetRef: groupRef }],
  };
}

export function domain(
  name: string,
  options: { owner?: string; subscription?: string; link?: boolean } = {},
): Entity {
  return entity(
    'Domain',
    {
      name,
      title: `${name[0].toUpperCase()}${name.slice(1)}`,
      annotations: options.subscription
        ? {
            'dataplatform.contoso.com/azure-subscription-id':
              options.subscription,
          }
        : {},
      ...(options.link && options.subscription
        ? {
            links: [
              {
                url: `https://portal.azure.com/#@${TENANT}/resource/subscriptions/${options.subscription}/overview`,
                title: 'Subscription in the Azure portal',
                icon: 'cloud',
              },
            ],
          }
        : {}),
    },
    { owner: options.owner ?? `group:default/${name}-domain-owners` },
  );
}

function product(
  name: string,
  domainRef: string,
  contracts: string[],
  layer = 'silver',
): Entity {
  return entity(
    'DataProduct',
    { name, title: titleCase(name) },
    {
      domain: domainRef,
      owner: 'group:default/finance-domain-owners',
      layer,
      classification: 'internal',
      lifecycle: 'production',
      outputPorts: contracts.map((ref, i) => ({
        name: `port-${i}`,
        contract: ref,
      })),
    },
    'dataplatform.contoso.com/v1alpha1',
  );
}

function contract(
  name: string,
  validation?: 'valid' | 'invalid',
  errors = 0,
): Entity {
  return entity(
    'API',
    {
      name,
      title: `${name} contract`,
      annotations: validation
        ? {
            [CONTRACT_VALIDATION_ANNOTATION]: validation,
            [CONTRACT_ERROR_COUNT_ANNOTATION]: String(errors),
          }
        : {},
    },
    {
      type: 'odcs',
      lifecycle: 'production',
      owner: 'group:default/finance-domain-owners',
    },
  );
}

export function sandbox(
  name: string,
  owner: string,
  options: { state?: string; expiresOn?: string; cap?: string } = {},
): Entity {
  return entity(
    'Resource',
    {
      name,
      title: `${name} (innovation sandbox)`,
      labels: options.state
        ? { 'dataplatform.contoso.com/lease-state': options.state }
        : {},
      annotations: {
        ...(options.expiresOn
          ? { 'dataplatform.contoso.com/expires-on': options.expiresOn }
          : {}),
        ...(options.cap
          ? { 'dataplatform.contoso.com/budget-cap': options.cap }
          : {}),
        'dataplatform.contoso.com/requested-by': USERS.marco,
      },
    },
    { type: 'azure-sandbox', owner, lifecycle: 'experimental' },
  );
}

/** The catalog of the estate, with sandbox ends relative to `now`. */
export function catalogEntities(now: Date): Entity[] {
  return [
    group('platform-team', 'Data Platform Team', [USERS.priya]),
    group('finance-domain-owners', 'Finance Domain Owners', [USERS.fatima]),
    group('sales-domain-owners', 'Sales Domain Owners', [USERS.marco]),
    group('hr-domain-owners', 'HR Domain Owners', []),
    group('data-citizens', 'Data Citizens', [USERS.diego]),
    user(USERS.priya, 'Priya Patel', GROUPS.platform),
    user(USERS.fatima, 'Fatima Osei', GROUPS.finance),
    user(USERS.marco, 'Marco Rossi', GROUPS.sales),
    user(USERS.diego, 'Diego Alvarez', GROUPS.citizens),
    domain('finance', { subscription: FINANCE_SUBSCRIPTION, link: true }),
    domain('sales', { subscription: SALES_SUBSCRIPTION }),
    domain('hr'),
    product('general-ledger-postings', 'domain:default/finance', [
      'api:default/general-ledger-postings',
    ]),
    product('deal-fraud-scores', 'finance', ['deal-fraud-scores'], 'gold'),
    product('crm-opportunities', 'domain:default/sales', [
      'api:default/crm-opportunities',
    ]),
    product('customer-360', 'domain:default/sales', [
      'api:default/loyalty-members',
    ]),
    contract('general-ledger-postings', 'valid'),
    contract('deal-fraud-scores', 'invalid', 3),
    contract('crm-opportunities'),
    sandbox('sandbox-genai-pilot', GROUPS.sales, {
      state: 'expiring',
      expiresOn: dayFrom(now, 10),
      cap: '500',
    }),
    sandbox('sandbox-old-poc', GROUPS.sales, {
      state: 'expired',
      expiresOn: dayFrom(now, -40),
    }),
    sandbox('sandbox-forecast-lab', GROUPS.finance, {
      state: 'active',
      expiresOn: dayFrom(now, -2),
      cap: '1000',
    }),
  ];
}

function healthItem(
  entityRef: string,
  overrides: Partial<EntityHealthSummary>,
): EntityHealthSummary {
  return {
    entityRef,
    kind: entityRef.split(':')[0],
    title: entityRef.split('/')[1],
    state: 'healthy',
    score: 1,
    evaluatedAt: '2026-11-24T11:01:00.000Z',
    signalCounts: { healthy: 2, degraded: 0, unhealthy: 0, unknown: 0 },
    topCauses: [],
    stale: false,
    ...overrides,
  };
}

export function healthBody(): EntityHealthListResponse {
  return {
    items: [
      healthItem('domain:default/finance', {
        state: 'unhealthy',
        score: 0.2,
        signalCounts: { healthy: 1, degraded: 0, unhealthy: 2, unknown: 0 },
        topCauses: ['Ingestion: failed pipeline runs 7 (unhealthy)'],
      }),
      healthItem('dataproduct:default/general-ledger-postings', {
        kind: 'dataproduct',
        domainRef: 'domain:default/finance',
        state: 'degraded',
        score: 0.6,
      }),
      healthItem('domain:default/sales', {}),
    ],
    lastCycleAt: '2026-11-24T11:01:30.000Z',
  };
}

function costRow(
  name: string,
  overrides: Partial<EstateDomainRow>,
): EstateDomainRow {
  return {
    entityRef: `domain:default/${name}`,
    name,
    ownerGroup: `group:default/${name}-domain-owners`,
    monthly: [],
    activeAlerts: 0,
    ...overrides,
  };
}

export function costBody(): EstateCost {
  const summary = {
    currency: 'USD',
    lastMonthToDate: 9000,
    lastMonthTotal: 20000,
    changeVsLastMonthPercent: 10,
    forecastSource: 'azure-budget' as const,
    burnPercent: 50,
  };
  return {
    currency: 'USD',
    data: {
      asOf: '2026-11-24T08:00:00.000Z',
      stale: false,
      staleReasons: [],
    },
    totals: {
      monthToDate: 18000,
      lastMonthToDate: 15000,
      forecastMonthEnd: 30000,
      budget: 25000,
      activeAlerts: 2,
    },
    domains: [
      costRow('finance', {
        subscriptionId: FINANCE_SUBSCRIPTION,
        activeAlerts: 2,
        costAnalysisUrl: `https://portal.azure.com/#@${TENANT}/blade/Microsoft_Azure_CostManagement/Menu/~/costanalysis/scope/%2Fsubscriptions%2F${FINANCE_SUBSCRIPTION}`,
        summary: {
          ...summary,
          monthToDate: 11200,
          forecastMonthEnd: 14000,
          budget: 10000,
          burnPercent: 112,
          forecastPercent: 140,
          riskRatio: 1.4,
          risk: 'over-budget',
        },
      }),
      costRow('sales', {
        subscriptionId: SALES_SUBSCRIPTION,
        summary: {
          ...summary,
          monthToDate: 6800,
          forecastMonthEnd: 9000,
          budget: 15000,
          forecastPercent: 60,
          riskRatio: 0.6,
          risk: 'on-track',
        },
      }),
      costRow('hr', {
        problem:
          'The Domain has no dataplatform.contoso.com/azure-subscription-id annotation',
      }),
    ],
    sandboxes: [],
    daily: { keys: [], points: [] },
    monthly: { keys: [], points: [] },
    seriesLimit: 8,
  };
}

function retentionItem(
  entityRef: string,
  overrides: Partial<EntityRetentionSummary>,
): EntityRetentionSummary {
  return {
    entityRef,
    kind: 'Domain',
    title: entityRef.split('/')[1],
    verdict: 'compliant',
    counts: { violation: 0, 'at-risk': 0, unknown: 0, compliant: 4 },
    evaluatedAt: '2026-11-24T06:00:00.000Z',
    stale: false,
    ...overrides,
  };
}

export function retentionBody(): { items: EntityRetentionSummary[] } {
  return {
    items: [
      retentionItem('domain:default/hr', {
        verdict: 'violation',
        counts: { violation: 2, 'at-risk': 0, unknown: 0, compliant: 3 },
        worst: {
          id: 'domain:default/hr|total-retention|audit|x',
          entityRef: 'domain:default/hr',
          area: 'retention',
          check: 'total-retention',
          category: 'audit',
          categoryTitle: 'Audit logs',
          resourceName: 'log-dp-hr / AuditLogs',
          verdict: 'violation',
          required: '≥ 3,650 days (10 years)',
          actual: '30 days (workspace default)',
          reason: 'Audit logs must be kept 10 years.',
          source: 'platform policy',
        },
      }),
      retentionItem('domain:default/sales', {
        verdict: 'at-risk',
        counts: { violation: 0, 'at-risk': 1, unknown: 0, compliant: 2 },
      }),
      retentionItem('domain:default/finance', {}),
    ],
  };
}

export function domainRequests(): DomainRequest[] {
  const request = (
    id: string,
    name: string,
    status: DomainRequest['status'],
    requestedBy: string,
    ownerGroup: string,
    updatedAt: string,
  ) =>
    ({
      id,
      input: {
        name,
        description: `The ${name} domain`,
        ownerGroup,
        costCenter: 'CC-2000',
        dataClassification: 'internal',
        dataResidency: 'eu',
        primaryRegion: 'westeurope',
        monthlyBudget: 5000,
        recoveryTier: 'standard',
      },
      plan: {} as DomainRequest['plan'],
      status,
      requestedBy,
      requestedAt: updatedAt,
      updatedAt,
    } as DomainRequest);
  return [
    request(
      'dr-logistics',
      'logistics',
      'pending-approval',
      USERS.marco,
      GROUPS.sales,
      '2026-11-24T09:00:00.000Z',
    ),
    request(
      'dr-hr',
      'hr',
      'failed',
      USERS.priya,
      GROUPS.hr,
      '2026-11-23T15:00:00.000Z',
    ),
    request(
      'dr-finance',
      'finance',
      'provisioned',
      USERS.fatima,
      GROUPS.finance,
      '2026-10-01T10:00:00.000Z',
    ),
  ];
}

export function sandboxLeases(): SandboxLease[] {
  const lease = (
    id: string,
    name: string,
    state: SandboxLease['state'],
    ownerGroup: string,
    updatedAt: string,
  ) =>
    ({
      id,
      input: {
        name,
        purpose: 'Try things',
        ownerGroup,
        costCenter: 'CC-1020',
        dataResidency: 'eu',
        durationDays: 30,
        budgetCap: 500,
      },
      plan: {} as SandboxLease['plan'],
      state,
      requestedBy: USERS.marco,
      createdAt: updatedAt,
      expiresAt: '2026-12-04T00:00:00.000Z',
      extensionsUsed: 0,
      history: [],
      updatedAt,
    } as SandboxLease);
  return [
    lease(
      'sl-genai',
      'genai-pilot',
      'expiring',
      GROUPS.sales,
      '2026-11-24T10:00:00.000Z',
    ),
    lease(
      'sl-active',
      'churn-model',
      'active',
      GROUPS.sales,
      '2026-11-20T10:00:00.000Z',
    ),
  ];
}
