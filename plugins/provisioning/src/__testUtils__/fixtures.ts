import { HttpResponse } from 'msw';
import { mockApis } from '@backstage/frontend-test-utils';
import {
  buildDomainPlan,
  buildSandboxPlan,
  DomainRequest,
  DomainRequestInput,
  SandboxLease,
  SandboxLeaseInput,
} from '@dataplatform/plugin-provisioning-common';
import { PlatformManagementGroups } from '@dataplatform/plugin-azure-common';

/** Where the test app's discovery finds the backend plugins. */
export const BASE = 'http://localhost:7007/api/dataplatform-provisioning';
export const AZURE_BASE = 'http://localhost:7007/api/dataplatform-azure';
export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
type Decision = Extract<PermissionOptions['authorize'], string>;
/** The permission decisions, without a dependency on permission-common for its enum. */
export const ALLOW = 'ALLOW' as Decision;
export const DENY = 'DENY' as Decision;

const DAY_MS = 86_400_000;

const managementGroups: PlatformManagementGroups = {
  root: 'mg-dataplatform',
  platform: 'mg-platform',
  domains: 'mg-domains',
  sandboxes: 'mg-sandboxes',
  decommissioned: 'mg-decommissioned',
};

const financeOwners = {
  ref: 'group:default/finance-domain-owners',
  principalId: 'aaaaaaaa-1111-2222-3333-444444444444',
  email: 'finance-owners@contoso.com',
};

function domainRequest(
  id: string,
  input: Partial<DomainRequestInput> & { name: string },
  rest: Partial<DomainRequest> = {},
): DomainRequest {
  const full: DomainRequestInput = {
    description: `Data products of the ${input.name} department`,
    ownerGroup: financeOwners.ref,
    costCenter: 'CC-1010',
    dataClassification: 'confidential',
    dataResidency: 'eu',
    primaryRegion: 'westeurope',
    monthlyBudget: 5000,
    recoveryTier: 'standard',
    ...input,
  };
  return {
    id,
    input: full,
    plan: buildDomainPlan(full, {
      managementGroups,
      owner: financeOwners,
      requestId: id,
    }),
    status: 'pending-approval',
    requestedBy: 'user:default/dora',
    requestedAt: '2026-03-10T09:00:00.000Z',
    updatedAt: '2026-03-10T09:00:00.000Z',
    ...rest,
  };
}

/** Waiting for the platform team. */
export const financeRequest = domainRequest('req-finance', {
  name: 'finance',
  title: 'Finance',
});

/** Done: subscription, workspace and Domain entity exist. */
export const salesRequest = domainRequest(
  'req-sales',
  {
    name: 'sales',
    title: 'Sales',
    monthlyBudget: 12000,
    dataResidency: 'us',
    primaryRegion: 'eastus2',
  },
  {
    status: 'provisioned',
    requestedAt: '2026-03-01T08:00:00.000Z',
    decidedBy: 'user:default/pat',
    decidedAt: '2026-03-01T10:30:00.000Z',
    provisioningTaskId: 'task-sales-1',
    subscriptionId: 'bbbbbbbb-0000-0000-0000-000000000001',
    workspaceResourceId:
      '/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/resourceGroups/rg-dp-sales-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-sales',
    domainEntityRef: 'domain:default/sales',
    updatedAt: '2026-03-01T10:45:00.000Z',
  },
);

/** Brazil South pairs with a US region: the plan warns about it. */
export const brazilRequest = domainRequest(
  'req-latam',
  {
    name: 'latam',
    title: 'Latin America',
    dataResidency: 'south-america',
    primaryRegion: 'brazilsouth',
    recoveryTier: 'critical',
  },
  {
    status: 'failed',
    requestedAt: '2026-03-05T08:00:00.000Z',
    decidedBy: 'user:default/pat',
    decidedAt: '2026-03-05T09:00:00.000Z',
    provisioningTaskId: 'task-latam-1',
    failure: 'subscription alias dp-domain-latam: BillingAccountNotFound',
    updatedAt: '2026-03-05T09:10:00.000Z',
  },
);

export const hrRequest = domainRequest(
  'req-hr',
  { name: 'hr', title: 'Human resources', monthlyBudget: 800 },
  {
    status: 'rejected',
    requestedAt: '2026-03-08T08:00:00.000Z',
    decidedBy: 'user:default/pat',
    decidedAt: '2026-03-08T11:00:00.000Z',
    decisionComment: 'HR data stays in the existing people domain',
  },
);

/** Newest first, as the backend sends them. */
export const domainRequests = [
  financeRequest,
  hrRequest,
  brazilRequest,
  salesRequest,
];

function lease(
  id: string,
  input: Partial<SandboxLeaseInput> & { name: string },
  rest: Partial<SandboxLease> & Pick<SandboxLease, 'expiresAt'>,
): SandboxLease {
  const full: SandboxLeaseInput = {
    purpose: `Trying out ${input.name} with real data shapes`,
    ownerGroup: financeOwners.ref,
    costCenter: 'CC-1010',
    dataResidency: 'eu',
    durationDays: 30,
    budgetCap: 500,
    ...input,
  };
  const createdAt = new Date(
    Date.parse(rest.expiresAt) - full.durationDays * DAY_MS,
  );
  return {
    id,
    input: full,
    plan: buildSandboxPlan(full, {
      managementGroups,
      owner: financeOwners,
      start: createdAt,
      leaseId: id,
    }),
    state: 'active',
    requestedBy: 'user:default/dora',
    createdAt: createdAt.toISOString(),
    extensionsUsed: 0,
    history: [
      {
        at: createdAt.toISOString(),
        state: 'provisioning',
        note: 'approved automatically within policy (≤ 90 days, cap ≤ 5000)',
        by: 'user:default/dora',
      },
    ],
    updatedAt: createdAt.toISOString(),
    ...rest,
  };
}

/** An expiry `days` whole days from now, minus an hour so `daysLeft` reads `days`. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * DAY_MS - 3_600_000).toISOString();
}

export function leases() {
  const active = lease(
    'lease-forecast',
    { name: 'forecast', budgetCap: 500 },
    {
      expiresAt: inDays(20),
      subscriptionId: 'cccccccc-0000-0000-0000-000000000001',
      lastSpend: { amount: 120, checkedAt: new Date().toISOString() },
    },
  );
  const expiring = lease(
    'lease-churn',
    { name: 'churn', budgetCap: 1000, purpose: 'Churn model experiments' },
    {
      state: 'expiring',
      expiresAt: inDays(5),
      extensionsUsed: 1,
      subscriptionId: 'cccccccc-0000-0000-0000-000000000002',
      lastSpend: { amount: 850, checkedAt: new Date().toISOString() },
    },
  );
  const frozen = lease(
    'lease-genai',
    { name: 'genai', budgetCap: 200 },
    {
      state: 'frozen',
      expiresAt: inDays(10),
      subscriptionId: 'cccccccc-0000-0000-0000-000000000003',
      lastSpend: { amount: 212.4, checkedAt: new Date().toISOString() },
    },
  );
  const provisioning = lease(
    'lease-new',
    { name: 'newbie' },
    { state: 'provisioning', expiresAt: inDays(30) },
  );
  return { active, expiring, frozen, provisioning };
}

/** An error as the Backstage backend's error handler sends it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/api/dataplatform-provisioning' },
      response: { statusCode: status },
    },
    { status },
  );
}
