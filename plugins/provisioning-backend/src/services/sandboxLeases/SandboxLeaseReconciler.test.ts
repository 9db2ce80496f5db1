import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
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
  SandboxLeaseState,
  buildSandboxPlan,
  isoDay,
  sandboxResourceNames,
} from '@dataplatform/plugin-provisioning-common';
import { SandboxLeaseReconciler } from './SandboxLeaseReconciler';
import {
  InMemorySandboxLeaseRepository,
  RecordingLeaseNotifier,
} from './SandboxLeaseRepository.test-helpers';

/**
 * The lease task against the local Azure endpoint, through the real SDK
 * clients: what it changes is read back from the endpoint's tenant.
 */

const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-15T08:00:00Z');
const SALES_OWNERS = {
  ref: 'group:default/sales-domain-owners',
  principalId: 'e981f7a9-5bf5-43af-925f-72f1aa7eeaa5',
  email: 'sales-data@contoso.example',
};
const FINANCE_SUBSCRIPTION = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
/** The demo's running sandbox: in the sandboxes group but tagged by no lease. */
const GENAI_PILOT_SUBSCRIPTION = '9237d247-7c35-491e-a970-1ca587594fbc';
const MUTATING = /^(PUT|PATCH|DELETE|POST) /;

describe('SandboxLeaseReconciler against the local Azure endpoint', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;
  let repository: InMemorySandboxLeaseRepository;
  let notifier: RecordingLeaseNotifier;
  let reconciler: SandboxLeaseReconciler;
  let now: Date;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
    clients = new DefaultAzureClients({
      tenantId: DEMO_TENANT_ID,
      resourceManagerEndpoint: endpoint.url,
      authentication: { method: 'static-token', token: endpoint.token },
      caCertificatePem: endpoint.caCertificatePem,
      managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    });
  });

  afterAll(() => endpoint.close());

  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
    repository = new InMemorySandboxLeaseRepository();
    notifier = new RecordingLeaseNotifier();
    now = NOW;
    reconciler = new SandboxLeaseReconciler({
      clients,
      repository,
      notifier,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
  });

  function makeLease(
    name: string,
    options: {
      expiresInDays: number;
      budgetCap?: number;
      state?: SandboxLeaseState;
    },
  ): SandboxLease {
    const id = randomUUID();
    const input = {
      name,
      purpose: `Trying out ${name}`,
      ownerGroup: SALES_OWNERS.ref,
      costCenter: 'CC-1020',
      dataResidency: 'us' as const,
      durationDays: 30,
      budgetCap: options.budgetCap ?? 500,
    };
    const start = new Date(NOW.getTime() - 20 * DAY_MS);
    const expiresAt = new Date(
      NOW.getTime() + options.expiresInDays * DAY_MS,
    ).toISOString();
    return {
      id,
      input,
      plan: buildSandboxPlan(input, {
        managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
        owner: SALES_OWNERS,
        start,
        leaseId: id,
      }),
      state: options.state ?? 'active',
      requestedBy: 'user:default/mei.chen',
      createdAt: start.toISOString(),
      expiresAt,
      extensionsUsed: 0,
      history: [
        {
          at: start.toISOString(),
          state: 'active',
          note: 'activated',
          by: 'scheduler',
        },
      ],
      updatedAt: start.toISOString(),
    };
  }

  /**
   * Vends the lease's sandbox as provisioning would: an alias under the
   * sandboxes group with the lease's tags, its budget, and the owner group's
   * Contributor (plus Reader, which freezing must keep).
   */
  async function vendSandbox(
    lease: SandboxLease,
    overrides: {
      tags?: Record<string, string>;
      managementGroupId?: string;
      spend?: number;
    } = {},
  ): Promise<SandboxLease> {
    const names = sandboxResourceNames(lease.input.name);
    const { alias } = endpoint.tenant.createAlias(names.aliasName, {
      displayName: names.subscriptionDisplayName,
      workload: 'DevTest',
      managementGroupId:
        overrides.managementGroupId ?? DEMO_MANAGEMENT_GROUPS.sandboxes,
      tags: overrides.tags ?? lease.plan.subscription.tags,
    });
    const subscriptionId = alias.subscriptionId;
    const scope = `subscriptions/${subscriptionId}`;
    await clients
      .consumption(subscriptionId)
      .budgets.createOrUpdate(scope, lease.plan.budget.name, {
        category: 'Cost',
        amount: lease.plan.budget.amount,
        timeGrain: 'Monthly',
        timePeriod: { startDate: new Date('2026-06-01T00:00:00Z') },
        notifications: Object.fromEntries(
          lease.plan.budget.notifications.map(n => [
            `${n.thresholdType}_GreaterThan_${n.threshold}_Percent`,
            {
              enabled: true,
              operator: 'GreaterThan',
              threshold: n.threshold,
              thresholdType: n.thresholdType,
              contactEmails: lease.plan.budget.contactEmails,
            },
          ]),
        ),
      });
    for (const role of ['Contributor', 'Reader'] as const) {
      await clients
        .authorization(subscriptionId)
        .roleAssignments.create(scope, randomUUID(), {
          roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`,
          principalId: SALES_OWNERS.principalId,
          principalType: 'Group',
        });
    }
    if (overrides.spend !== undefined) {
      endpoint.tenant.spend.set(subscriptionId, overrides.spend);
    }
    const vended = { ...lease, subscriptionId };
    repository.put(vended);
    return vended;
  }

  async function ownerRoles(subscriptionId: string) {
    const roles: string[] = [];
    for await (const a of clients
      .authorization(subscriptionId)
      .roleAssignments.listForScope(`subscriptions/${subscriptionId}`, {
        filter: `principalId eq '${SALES_OWNERS.principalId}'`,
      })) {
      const id = a.roleDefinitionId?.split('/').pop();
      roles.push(
        Object.entries(BUILT_IN_ROLES).find(([, guid]) => guid === id)?.[0] ??
          String(id),
      );
    }
    return roles.sort();
  }

  function mutatingCalls() {
    return Object.entries(endpoint.requests.snapshot().byRoute).filter(
      ([route]) => MUTATING.test(route),
    );
  }

  it('leaves an active lease active and records its spend, changing nothing in Azure', async () => {
    const lease = await vendSandbox(
      makeLease('feature-store', { expiresInDays: 30 }),
      {
        spend: 120.5,
      },
    );
    endpoint.requests.clear();

    const summary = await reconciler.reconcileAll();

    expect(summary).toEqual({ checked: 1, transitions: [], errors: [] });
    const stored = repository.get(lease.id);
    expect(stored.state).toBe('active');
    expect(stored.lastSpend).toEqual({
      amount: 120.5,
      checkedAt: NOW.toISOString(),
    });
    expect(stored.history).toHaveLength(1);
    expect(notifier.sent).toEqual([]);
    expect(mutatingCalls()).toEqual([]);
  });

  it('turns a lease ending within 7 days expiring and warns the owner exactly once over two runs', async () => {
    const lease = await vendSandbox(
      makeLease('vector-search', { expiresInDays: 5 }),
      {
        spend: 40,
      },
    );

    const first = await reconciler.reconcileAll();
    now = new Date(NOW.getTime() + DAY_MS);
    const second = await reconciler.reconcileAll();

    expect(first.transitions).toEqual([
      { leaseId: lease.id, from: 'active', to: 'expiring' },
    ]);
    expect(first.errors).toEqual([]);
    expect(second).toEqual({ checked: 1, transitions: [], errors: [] });
    expect(notifier.forLease(lease.id)).toEqual([
      expect.objectContaining({
        title: 'Sandbox vector-search expires in 5 days',
        severity: 'normal',
      }),
    ]);
    const stored = repository.get(lease.id);
    expect(stored.state).toBe('expiring');
    expect(stored.expiryWarnedAt).toBe(NOW.toISOString());
    expect(stored.lastSpend?.checkedAt).toBe(now.toISOString());
    expect(stored.history.at(-1)).toMatchObject({
      state: 'expiring',
      by: 'scheduler',
      note: expect.stringContaining(
        `lease ends on ${isoDay(new Date(lease.expiresAt))}`,
      ),
    });
    expect(
      endpoint.tenant.getSubscription(lease.subscriptionId!).tags,
    ).toMatchObject({
      leaseState: 'expiring',
    });
  });

  it('warns again when a failed notification kept the first warning from going out', async () => {
    const lease = await vendSandbox(
      makeLease('graph-poc', { expiresInDays: 3 }),
      { spend: 0 },
    );
    notifier.failNext();

    const first = await reconciler.reconcileAll();
    const second = await reconciler.reconcileAll();

    expect(first.errors).toEqual([
      { leaseId: lease.id, message: 'notifications service unavailable' },
    ]);
    expect(second.transitions).toEqual([
      { leaseId: lease.id, from: 'active', to: 'expiring' },
    ]);
    expect(notifier.forLease(lease.id)).toHaveLength(1);
    expect(repository.get(lease.id).expiryWarnedAt).toBe(NOW.toISOString());
  });

  it('freezes a lease whose spend reached its cap: write roles gone, readers kept, tagged frozen', async () => {
    const lease = await vendSandbox(
      makeLease('llm-eval', { expiresInDays: 40, budgetCap: 500 }),
      {
        spend: 512.4,
      },
    );
    expect(await ownerRoles(lease.subscriptionId!)).toEqual([
      'Contributor',
      'Reader',
    ]);

    const summary = await reconciler.reconcileAll();

    expect(summary).toEqual({
      checked: 1,
      transitions: [{ leaseId: lease.id, from: 'active', to: 'frozen' }],
      errors: [],
    });
    expect(await ownerRoles(lease.subscriptionId!)).toEqual(['Reader']);
    expect(
      endpoint.tenant.getSubscription(lease.subscriptionId!).tags,
    ).toMatchObject({
      leaseState: 'frozen',
      environment: 'sandbox',
      leaseId: lease.id,
    });
    const stored = repository.get(lease.id);
    expect(stored.state).toBe('frozen');
    expect(stored.lastSpend).toEqual({
      amount: 512.4,
      checkedAt: NOW.toISOString(),
    });
    expect(stored.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      state: 'frozen',
      note: 'budget cap reached: 512.40 of 500; write roles removed (1 assignment)',
      by: 'scheduler',
    });
    expect(notifier.forLease(lease.id)).toEqual([
      expect.objectContaining({
        severity: 'high',
        title: 'Sandbox llm-eval is frozen: its budget cap is reached',
      }),
    ]);

    // Frozen stays frozen, without removing anything again.
    endpoint.requests.clear();
    const again = await reconciler.reconcileAll();
    expect(again).toEqual({ checked: 1, transitions: [], errors: [] });
    expect(mutatingCalls()).toEqual([]);
  });

  it('decommissions an ended lease: moved to the decommissioned group, cancelled, owners without write roles', async () => {
    const lease = await vendSandbox(
      makeLease('churn-model', { expiresInDays: -1 }),
      { spend: 80 },
    );

    const summary = await reconciler.reconcileAll();

    expect(summary).toEqual({
      checked: 1,
      transitions: [
        { leaseId: lease.id, from: 'active', to: 'expired' },
        { leaseId: lease.id, from: 'expired', to: 'decommissioned' },
      ],
      errors: [],
    });
    const subscription = endpoint.tenant.getSubscription(lease.subscriptionId!);
    expect(subscription.managementGroupId).toBe(
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    );
    expect(subscription.state).toBe('Disabled');
    expect(subscription.tags.leaseState).toBe('decommissioned');
    expect(await ownerRoles(lease.subscriptionId!)).toEqual(['Reader']);
    const stored = repository.get(lease.id);
    expect(stored.state).toBe('decommissioned');
    expect(stored.history.slice(-2).map(e => [e.state, e.note])).toEqual([
      [
        'expired',
        `lease ended on ${isoDay(
          new Date(lease.expiresAt),
        )}; decommissioning the subscription`,
      ],
      [
        'decommissioned',
        'decommissioned: moved to mg-dataplatform-decommissioned, 1 write role assignment removed, subscription cancelled',
      ],
    ]);
    expect(notifier.forLease(lease.id)).toEqual([
      expect.objectContaining({
        title: 'Sandbox churn-model was decommissioned',
      }),
    ]);

    // A decommissioned lease is no longer the task's business.
    endpoint.requests.clear();
    expect(await reconciler.reconcileAll()).toEqual({
      checked: 0,
      transitions: [],
      errors: [],
    });
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it('finishes an interrupted decommission on the next run, moving the subscription exactly once', async () => {
    const lease = await vendSandbox(
      makeLease('demand-forecast', { expiresInDays: -2 }),
    );
    endpoint.requests.clear();
    endpoint.faults.add({
      method: 'POST',
      path: '/providers/Microsoft.Subscription/cancel$',
      kind: 'error',
      status: 500,
    });

    const first = await reconciler.reconcileAll();

    expect(first.transitions).toEqual([
      { leaseId: lease.id, from: 'active', to: 'expired' },
    ]);
    expect(first.errors).toEqual([
      {
        leaseId: lease.id,
        message: expect.stringMatching(/HTTP 500: InternalServerError/),
      },
    ]);
    expect(repository.get(lease.id).state).toBe('expired');
    const halfway = endpoint.tenant.getSubscription(lease.subscriptionId!);
    expect(halfway.managementGroupId).toBe(
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    );
    expect(halfway.state).toBe('Enabled');

    endpoint.faults.clear();
    const second = await reconciler.reconcileAll();

    expect(second).toEqual({
      checked: 1,
      transitions: [
        { leaseId: lease.id, from: 'expired', to: 'decommissioned' },
      ],
      errors: [],
    });
    const done = endpoint.tenant.getSubscription(lease.subscriptionId!);
    expect(done.state).toBe('Disabled');
    expect(done.managementGroupId).toBe(DEMO_MANAGEMENT_GROUPS.decommissioned);
    const moves = Object.entries(endpoint.requests.snapshot().byRoute).filter(
      ([route]) =>
        route.startsWith('PUT ') && route.includes('managementGroups'),
    );
    expect(moves).toEqual([[expect.any(String), 1]]);
    expect(repository.get(lease.id).history.at(-1)?.note).toBe(
      'decommissioned: already in mg-dataplatform-decommissioned, 0 write role assignments removed, subscription cancelled',
    );
  }, 60_000);

  describe('the guard', () => {
    it.each([
      {
        case: 'a domain subscription',
        target: async (lease: SandboxLease) => ({
          ...lease,
          subscriptionId: FINANCE_SUBSCRIPTION,
        }),
        reason: `subscription ${FINANCE_SUBSCRIPTION} is in mg-dataplatform-domains, not the sandboxes management group mg-dataplatform-sandboxes`,
      },
      {
        case: 'a sandbox-group subscription tagged for no lease',
        target: async (lease: SandboxLease) => ({
          ...lease,
          subscriptionId: GENAI_PILOT_SUBSCRIPTION,
        }),
        reason: "tag leaseId is null, not this lease's id",
      },
      {
        case: 'a sandbox-group subscription tagged for another lease',
        target: (lease: SandboxLease) =>
          vendSandbox(lease, {
            tags: { ...lease.plan.subscription.tags, leaseId: randomUUID() },
          }),
        reason: 'tag leaseId is "',
      },
      {
        case: 'a sandbox-group subscription not tagged environment=sandbox',
        target: (lease: SandboxLease) =>
          vendSandbox(lease, {
            tags: {
              ...lease.plan.subscription.tags,
              environment: 'production',
            },
          }),
        reason: 'tag environment is "production", not "sandbox"',
      },
    ])(
      'refuses $case: needs-attention, and not one write call to Azure',
      async ({ target, reason }) => {
        // Past its end and over its cap: everything the task would do, it must not.
        const lease = await target(
          makeLease('misfiled', { expiresInDays: -1, budgetCap: 10 }),
        );
        repository.put(lease);
        const before = endpoint.tenant.getSubscription(lease.subscriptionId!);
        const tagsBefore = { ...before.tags };
        const groupBefore = before.managementGroupId;
        endpoint.requests.clear();

        const summary = await reconciler.reconcileAll();

        expect(mutatingCalls()).toEqual([]);
        expect(summary.transitions).toEqual([
          { leaseId: lease.id, from: 'active', to: 'needs-attention' },
        ]);
        expect(summary.errors).toEqual([
          { leaseId: lease.id, message: expect.stringContaining(reason) },
        ]);
        expect(summary.errors[0].message).toMatch(
          /refusing to touch subscription/,
        );
        const stored = repository.get(lease.id);
        expect(stored.state).toBe('needs-attention');
        expect(stored.history.at(-1)).toMatchObject({
          state: 'needs-attention',
          by: 'scheduler',
          note: expect.stringContaining(reason),
        });
        const after = endpoint.tenant.getSubscription(lease.subscriptionId!);
        expect(after.state).toBe(before.state);
        expect(after.tags).toEqual(tagsBefore);
        expect(after.managementGroupId).toBe(groupBefore);
        expect(notifier.forLease(lease.id)).toEqual([
          expect.objectContaining({
            title: 'Sandbox misfiled needs attention from the platform team',
          }),
        ]);

        // needs-attention is for people: later runs leave it alone.
        endpoint.requests.clear();
        expect(await reconciler.reconcileAll()).toEqual({
          checked: 0,
          transitions: [],
          errors: [],
        });
        expect(endpoint.requests.snapshot().total).toBe(0);
      },
    );
  });

  it('records a failed spend read, keeps the last spend and still handles the other leases', async () => {
    // Over its cap, but the task cannot see that: it may only move by time.
    const unreadable = await vendSandbox(
      makeLease('spend-blind', { expiresInDays: 30, budgetCap: 100 }),
      {
        spend: 150,
      },
    );
    repository.put({
      ...unreadable,
      lastSpend: { amount: 60, checkedAt: '2026-06-14T08:00:00Z' },
    });
    const ending = await vendSandbox(
      makeLease('ending-soon', { expiresInDays: 2 }),
      { spend: 1 },
    );
    const capped = await vendSandbox(
      makeLease('capped', { expiresInDays: 30, budgetCap: 50 }),
      {
        spend: 75,
      },
    );
    endpoint.faults.add({
      method: 'GET',
      path: `^/subscriptions/${unreadable.subscriptionId}/providers/Microsoft.Consumption/budgets/`,
      kind: 'error',
      status: 500,
    });

    const summary = await reconciler.reconcileAll();

    expect(summary.checked).toBe(3);
    expect(summary.errors).toEqual([
      {
        leaseId: unreadable.id,
        message: expect.stringMatching(
          /^spend not read from budget budget-dp-sandbox-spend-blind: HTTP 500: InternalServerError/,
        ),
      },
    ]);
    expect(summary.transitions).toEqual(
      expect.arrayContaining([
        { leaseId: ending.id, from: 'active', to: 'expiring' },
        { leaseId: capped.id, from: 'active', to: 'frozen' },
      ]),
    );
    expect(summary.transitions).toHaveLength(2);
    const stored = repository.get(unreadable.id);
    expect(stored.state).toBe('active');
    expect(stored.lastSpend).toEqual({
      amount: 60,
      checkedAt: '2026-06-14T08:00:00Z',
    });
    expect(await ownerRoles(unreadable.subscriptionId!)).toEqual([
      'Contributor',
      'Reader',
    ]);
  }, 60_000);

  describe('a lease left provisioning by a failed provisioning task', () => {
    /** A lease that was never activated, created `minutesAgo` before NOW. */
    function provisioningLease(
      name: string,
      options: { expiresInDays: number; minutesAgo: number },
    ): SandboxLease {
      const lease = makeLease(name, {
        expiresInDays: options.expiresInDays,
        state: 'provisioning',
      });
      const createdAt = new Date(
        NOW.getTime() - options.minutesAgo * 60_000,
      ).toISOString();
      return {
        ...lease,
        createdAt,
        updatedAt: createdAt,
        history: [
          {
            at: createdAt,
            state: 'provisioning',
            note: 'requested',
            by: lease.requestedBy,
          },
        ],
      };
    }

    /** Vends the sandbox in Azure but stores the lease as never activated. */
    async function vendedButNotActivated(lease: SandboxLease) {
      const { subscriptionId } = await vendSandbox(lease);
      repository.put(lease);
      return subscriptionId!;
    }

    it('takes the vended subscription into the lease, which later decommissions through the guard', async () => {
      const lease = provisioningLease('half-done', {
        expiresInDays: 20,
        minutesAgo: 45,
      });
      const subscriptionId = await vendedButNotActivated(lease);

      const first = await reconciler.reconcileAll();

      expect(first).toEqual({
        checked: 1,
        transitions: [
          { leaseId: lease.id, from: 'provisioning', to: 'active' },
        ],
        errors: [],
      });
      const adopted = repository.get(lease.id);
      expect(adopted.subscriptionId).toBe(subscriptionId);
      expect(adopted.history.at(-1)).toEqual({
        at: NOW.toISOString(),
        state: 'active',
        note: `subscription ${subscriptionId} found through alias dp-sandbox-half-done; the provisioning task never activated the lease`,
        by: 'scheduler',
      });
      expect(await ownerRoles(subscriptionId)).toEqual([
        'Contributor',
        'Reader',
      ]);

      now = new Date(Date.parse(lease.expiresAt) + DAY_MS);
      const second = await reconciler.reconcileAll();

      expect(second).toEqual({
        checked: 1,
        transitions: [
          { leaseId: lease.id, from: 'active', to: 'expired' },
          { leaseId: lease.id, from: 'expired', to: 'decommissioned' },
        ],
        errors: [],
      });
      const subscription = endpoint.tenant.getSubscription(subscriptionId);
      expect(subscription.state).toBe('Disabled');
      expect(subscription.managementGroupId).toBe(
        DEMO_MANAGEMENT_GROUPS.decommissioned,
      );
      expect(await ownerRoles(subscriptionId)).toEqual(['Reader']);
      expect(repository.get(lease.id).state).toBe('decommissioned');
    });

    it('decommissions an ended lease with a vended subscription in the same run', async () => {
      const lease = provisioningLease('ended-half-done', {
        expiresInDays: -1,
        minutesAgo: 60,
      });
      const subscriptionId = await vendedButNotActivated(lease);

      const summary = await reconciler.reconcileAll();

      expect(summary.errors).toEqual([]);
      expect(summary.transitions.map(t => `${t.from}>${t.to}`)).toEqual([
        'provisioning>active',
        'active>expired',
        'expired>decommissioned',
      ]);
      expect(endpoint.tenant.getSubscription(subscriptionId).state).toBe(
        'Disabled',
      );
    });

    it('leaves Azure alone when the vended subscription fails the guard', async () => {
      const lease = provisioningLease('misvended', {
        expiresInDays: -1,
        minutesAgo: 60,
      });
      const { subscriptionId } = await vendSandbox(lease, {
        tags: { ...lease.plan.subscription.tags, leaseId: randomUUID() },
      });
      repository.put(lease);
      endpoint.requests.clear();

      const summary = await reconciler.reconcileAll();

      expect(mutatingCalls()).toEqual([]);
      expect(summary.transitions).toEqual([
        { leaseId: lease.id, from: 'provisioning', to: 'active' },
        { leaseId: lease.id, from: 'active', to: 'needs-attention' },
      ]);
      expect(summary.errors).toEqual([
        {
          leaseId: lease.id,
          message: expect.stringMatching(/refusing to touch subscription/),
        },
      ]);
      expect(endpoint.tenant.getSubscription(subscriptionId!).state).toBe(
        'Enabled',
      );
      expect(await ownerRoles(subscriptionId!)).toEqual([
        'Contributor',
        'Reader',
      ]);
    });

    it('closes a lease that never got a subscription without any write call to Azure', async () => {
      const lease = provisioningLease('never-vended', {
        expiresInDays: 29,
        minutesAgo: 31,
      });
      repository.put(lease);
      endpoint.requests.clear();

      const summary = await reconciler.reconcileAll();

      expect(summary).toEqual({
        checked: 1,
        transitions: [
          { leaseId: lease.id, from: 'provisioning', to: 'decommissioned' },
        ],
        errors: [],
      });
      expect(mutatingCalls()).toEqual([]);
      expect(endpoint.requests.snapshot().total).toBe(1);
      const stored = repository.get(lease.id);
      expect(stored.state).toBe('decommissioned');
      expect(stored.subscriptionId).toBeUndefined();
      expect(stored.history.at(-1)).toEqual({
        at: NOW.toISOString(),
        state: 'decommissioned',
        note: 'never provisioned: no subscription was vended',
        by: 'scheduler',
      });
      expect(notifier.forLease(lease.id)).toEqual([
        expect.objectContaining({
          title: 'Sandbox never-vended was never provisioned',
        }),
      ]);
    });

    it('leaves a lease inside its grace period alone, not even asking Azure', async () => {
      const lease = provisioningLease('just-started', {
        expiresInDays: 30,
        minutesAgo: 10,
      });
      repository.put(lease);
      endpoint.requests.clear();

      const summary = await reconciler.reconcileAll();

      expect(summary).toEqual({ checked: 0, transitions: [], errors: [] });
      expect(endpoint.requests.snapshot().total).toBe(0);
      expect(repository.get(lease.id)).toEqual(lease);
    });

    it('follows a configured grace period', async () => {
      const lease = provisioningLease('quick-check', {
        expiresInDays: 30,
        minutesAgo: 10,
      });
      repository.put(lease);
      const eager = new SandboxLeaseReconciler({
        clients,
        repository,
        notifier,
        logger: mockServices.logger.mock(),
        now: () => now,
        provisioningGraceMinutes: 5,
      });

      const summary = await eager.reconcileAll();

      expect(summary.transitions).toEqual([
        { leaseId: lease.id, from: 'provisioning', to: 'decommissioned' },
      ]);
    });

    it('records an Azure error reading the alias and leaves the lease as it was', async () => {
      const lease = provisioningLease('alias-unreadable', {
        expiresInDays: 30,
        minutesAgo: 120,
      });
      repository.put(lease);
      endpoint.faults.add({
        method: 'GET',
        path: '/providers/Microsoft.Subscription/aliases/dp-sandbox-alias-unreadable$',
        kind: 'error',
        status: 500,
      });

      const summary = await reconciler.reconcileAll();

      expect(summary).toEqual({
        checked: 1,
        transitions: [],
        errors: [
          {
            leaseId: lease.id,
            message: expect.stringMatching(/HTTP 500: InternalServerError/),
          },
        ],
      });
      expect(repository.get(lease.id)).toEqual(lease);
      expect(notifier.sent).toEqual([]);
    });
  });

  it('reports a lease that the task cannot place and goes on with the rest', async () => {
    const orphan = makeLease('no-subscription', { expiresInDays: 30 });
    repository.put(orphan);
    const fine = await vendSandbox(makeLease('fine', { expiresInDays: 30 }), {
      spend: 3,
    });

    const summary = await reconciler.reconcileAll();

    expect(summary).toEqual({
      checked: 2,
      transitions: [],
      errors: [
        {
          leaseId: orphan.id,
          message: expect.stringContaining('has no subscriptionId'),
        },
      ],
    });
    expect(repository.get(fine.id).lastSpend?.amount).toBe(3);
  });
});
