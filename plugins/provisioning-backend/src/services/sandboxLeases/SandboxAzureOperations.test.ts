import { randomUUID } from 'node:crypto';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import {
  BUILT_IN_ROLES,
  SandboxLease,
  buildSandboxPlan,
} from '@dataplatform/plugin-provisioning-common';
import {
  GuardedSandbox,
  NotASandboxError,
  SandboxAzureOperations,
} from './SandboxAzureOperations';

const OWNER = {
  ref: 'group:default/marketing-domain-owners',
  principalId: '0c664c60-38ea-4625-add4-120018b1bb22',
  email: 'marketing-data@contoso.example',
};
const SALES_DOMAIN_SUBSCRIPTION = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';
const MUTATING = /^(PUT|PATCH|DELETE|POST) /;

describe('SandboxAzureOperations', () => {
  let endpoint: LocalAzureEndpoint;
  let operations: SandboxAzureOperations;
  let clients: DefaultAzureClients;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
    clients = new DefaultAzureClients({
      tenantId: DEMO_TENANT_ID,
      resourceManagerEndpoint: endpoint.url,
      authentication: { method: 'static-token', token: endpoint.token },
      caCertificatePem: endpoint.caCertificatePem,
      managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    });
    operations = new SandboxAzureOperations(clients);
  });

  afterAll(() => endpoint.close());

  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  function leaseFor(name: string): SandboxLease {
    const id = randomUUID();
    const input = {
      name,
      purpose: 'Campaign attribution experiments',
      ownerGroup: OWNER.ref,
      costCenter: 'CC-1050',
      dataResidency: 'eu' as const,
      durationDays: 30,
      budgetCap: 300,
    };
    const start = new Date();
    return {
      id,
      input,
      plan: buildSandboxPlan(input, {
        managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
        owner: OWNER,
        start,
        leaseId: id,
      }),
      state: 'active',
      requestedBy: 'user:default/marco.rossi',
      createdAt: start.toISOString(),
      expiresAt: new Date(start.getTime() + 30 * 86_400_000).toISOString(),
      extensionsUsed: 0,
      history: [],
      updatedAt: start.toISOString(),
    };
  }

  function vend(
    lease: SandboxLease,
    managementGroupId: string = DEMO_MANAGEMENT_GROUPS.sandboxes,
  ) {
    const { alias } = endpoint.tenant.createAlias(
      lease.plan.subscription.aliasName,
      {
        displayName: lease.plan.subscription.displayName,
        workload: 'DevTest',
        managementGroupId,
        tags: lease.plan.subscription.tags,
      },
    );
    return { ...lease, subscriptionId: alias.subscriptionId };
  }

  async function assign(
    subscriptionId: string,
    role: keyof typeof BUILT_IN_ROLES,
    principalId = OWNER.principalId,
  ) {
    await clients
      .authorization(subscriptionId)
      .roleAssignments.create(`subscriptions/${subscriptionId}`, randomUUID(), {
        roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`,
        principalId,
        principalType: 'Group',
      });
  }

  const mutatingCalls = () =>
    Object.keys(endpoint.requests.snapshot().byRoute).filter(r =>
      MUTATING.test(r),
    );

  it('reads the spend a sandbox budget tracks', async () => {
    const lease = vend(leaseFor('attribution'));
    await clients
      .consumption(lease.subscriptionId)
      .budgets.createOrUpdate(
        `subscriptions/${lease.subscriptionId}`,
        lease.plan.budget.name,
        {
          category: 'Cost',
          amount: 300,
          timeGrain: 'Monthly',
          timePeriod: { startDate: new Date('2026-06-01T00:00:00Z') },
          notifications: {
            Actual_GreaterThan_80_Percent: {
              enabled: true,
              operator: 'GreaterThan',
              threshold: 80,
              thresholdType: 'Actual',
              contactEmails: [OWNER.email],
            },
          },
        },
      );
    endpoint.tenant.spend.set(lease.subscriptionId, 211.37);

    await expect(
      operations.readSpend(lease.subscriptionId, lease.plan.budget.name),
    ).resolves.toBe(211.37);
  });

  it("passes the guard for the lease's own sandbox and then updates its expiry tag only", async () => {
    const lease = vend(leaseFor('attribution'));

    const guarded = await operations.assertSandbox(lease);
    await operations.setExpiryTag(guarded, '2026-09-30');

    expect(guarded).toMatchObject({
      leaseId: lease.id,
      subscriptionId: lease.subscriptionId,
      placement: 'sandboxes',
      ownerPrincipalIds: [OWNER.principalId],
    });
    expect(endpoint.tenant.getSubscription(lease.subscriptionId).tags).toEqual({
      ...lease.plan.subscription.tags,
      expiresOn: '2026-09-30',
    });
  });

  it("names every failed check when the subscription is not the lease's sandbox", async () => {
    const lease = {
      ...leaseFor('attribution'),
      subscriptionId: SALES_DOMAIN_SUBSCRIPTION,
    };

    const error = await operations.assertSandbox(lease).catch(e => e);

    expect(error).toBeInstanceOf(NotASandboxError);
    expect(error.message).toBe(
      `lease ${lease.id}: subscription ${SALES_DOMAIN_SUBSCRIPTION} is in mg-dataplatform-domains, not the sandboxes management group mg-dataplatform-sandboxes; ` +
        'tag environment is "production", not "sandbox"; ' +
        `tag leaseId is null, not this lease's id "${lease.id}"; ` +
        `refusing to touch subscription ${SALES_DOMAIN_SUBSCRIPTION}`,
    );
    expect(mutatingCalls()).toEqual([]);
  });

  it('refuses a lease without a subscription GUID, naming the field', async () => {
    const error = await operations
      .assertSandbox({ ...leaseFor('attribution'), subscriptionId: 'finance' })
      .catch(e => e);
    expect(error).toBeInstanceOf(NotASandboxError);
    expect(error.message).toMatch(
      /subscriptionId must be a subscription GUID, got "finance"/,
    );
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it('accepts the decommissioned group only when asked to finish a decommission', async () => {
    const lease = vend(
      leaseFor('attribution'),
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    );

    await expect(operations.assertSandbox(lease)).rejects.toThrow(
      /is in mg-dataplatform-decommissioned, not the sandboxes management group/,
    );
    await expect(
      operations.assertSandbox(lease, { allowDecommissioned: true }),
    ).resolves.toMatchObject({ placement: 'decommissioned' });
  });

  it('lets an Azure read failure through as itself, not as a guard verdict', async () => {
    const lease = vend(leaseFor('attribution'));
    endpoint.faults.add({
      path: '^/subscriptions/[^/]+$',
      kind: 'error',
      status: 503,
    });

    const error = await operations.assertSandbox(lease).catch(e => e);

    expect(error).not.toBeInstanceOf(NotASandboxError);
    expect(error.statusCode).toBe(503);
  }, 60_000);

  it('refuses to change anything with a guard it did not issue', async () => {
    const lease = vend(leaseFor('attribution'));
    const forged = {
      leaseId: lease.id,
      subscriptionId: SALES_DOMAIN_SUBSCRIPTION,
      placement: 'sandboxes',
      subscriptionState: 'Enabled',
      ownerPrincipalIds: [OWNER.principalId],
    } as unknown as GuardedSandbox;
    const copied = {
      ...(await operations.assertSandbox(lease)),
    } as GuardedSandbox;
    endpoint.requests.clear();

    for (const guard of [forged, copied]) {
      await expect(
        operations.setLeaseStateTag(guard, 'frozen'),
      ).rejects.toThrow(
        'refusing to change Azure: this sandbox was not checked by assertSandbox',
      );
      await expect(
        operations.removeWriteRoles(guard, OWNER.principalId),
      ).rejects.toThrow(/not checked by assertSandbox/);
      await expect(operations.decommission(guard)).rejects.toThrow(
        /not checked by assertSandbox/,
      );
    }
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it("removes only the principal's Owner and Contributor assignments, and finds none the second time", async () => {
    const lease = vend(leaseFor('attribution'));
    const other = '31c5d2c6-6393-435a-910c-8accad86120a';
    await assign(lease.subscriptionId, 'Owner');
    await assign(lease.subscriptionId, 'Contributor');
    await assign(lease.subscriptionId, 'Reader');
    await assign(lease.subscriptionId, 'Contributor', other);
    const guarded = await operations.assertSandbox(lease);

    await expect(
      operations.removeWriteRoles(guarded, OWNER.principalId),
    ).resolves.toBe(2);
    await expect(
      operations.removeWriteRoles(guarded, OWNER.principalId),
    ).resolves.toBe(0);

    const left: Array<[string | undefined, string | undefined]> = [];
    for await (const a of clients
      .authorization(lease.subscriptionId)
      .roleAssignments.listForScope(`subscriptions/${lease.subscriptionId}`)) {
      left.push([a.principalId, a.roleDefinitionId?.split('/').pop()]);
    }
    expect(left).toEqual(
      expect.arrayContaining([
        [OWNER.principalId, BUILT_IN_ROLES.Reader],
        [other, BUILT_IN_ROLES.Contributor],
      ]),
    );
    expect(left).toHaveLength(2);
  });

  it('rejects an expiry that is not a yyyy-mm-dd date before calling Azure', async () => {
    const guarded = await operations.assertSandbox(
      vend(leaseFor('attribution')),
    );
    endpoint.requests.clear();
    await expect(
      operations.setExpiryTag(guarded, '30/09/2026'),
    ).rejects.toThrow(
      'expiresOn must be a date as yyyy-mm-dd, got "30/09/2026"',
    );
    expect(endpoint.requests.snapshot().total).toBe(0);
  });
});
