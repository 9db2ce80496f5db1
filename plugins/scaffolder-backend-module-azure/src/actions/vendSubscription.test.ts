import { ConflictError, InputError } from '@backstage/errors';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import {
  actionContext,
  callsTo,
  CheckpointStore,
  clientsFor,
  countLaterRequests,
  failureOf,
  hitsOf,
  mutatingCalls,
  resetAzure,
  startAzure,
} from '../__testUtils__/actionTesting';
import {
  createVendSubscriptionAction,
  DRY_RUN_SUBSCRIPTION_ID,
} from './vendSubscription';

const TAGS = {
  domain: 'logistics',
  owner: 'logistics-domain-owners',
  costCenter: 'CC-1060',
  dataClassification: 'internal',
  dataResidency: 'eu',
  environment: 'production',
};

const INPUT = {
  aliasName: 'dp-domain-logistics',
  displayName: 'dp-domain-logistics',
  managementGroup: 'domains',
  tags: TAGS,
};

const { environment: _environment, ...withoutEnvironment } = TAGS;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SALES_SANDBOX = '9237d247-7c35-491e-a970-1ca587594fbc';

describe('azure:subscription:vend', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;
  let action: ReturnType<typeof createVendSubscriptionAction>;

  beforeAll(async () => {
    ({ endpoint, clients } = await startAzure());
    action = createVendSubscriptionAction({
      clients,
      billingScope:
        '/providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551',
    });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => resetAzure(endpoint));

  const aliasesNamed = (name: string) =>
    endpoint.tenant.listAliases().filter(a => a.name === name);

  it('vends a subscription under the management group with the tags, one checkpoint per mutation', async () => {
    const subscriptionsBefore = endpoint.tenant.listSubscriptions().length;
    const step = actionContext(action, INPUT);

    await step.run();

    const out = step.outputs();
    expect(out).toEqual({
      subscriptionId: expect.stringMatching(GUID),
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      azurePortalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource/subscriptions/${out.subscriptionId}/overview`,
      created: true,
    });
    const subscription = endpoint.tenant.getSubscription(out.subscriptionId);
    expect(subscription).toMatchObject({
      displayName: 'dp-domain-logistics',
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tags: TAGS,
    });
    expect(endpoint.tenant.listSubscriptions()).toHaveLength(
      subscriptionsBefore + 1,
    );
    expect(endpoint.tenant.getAlias('dp-domain-logistics')).toMatchObject({
      billingScope:
        '/providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551',
      workload: 'Production',
    });
    expect(step.store.ran).toEqual([
      'vend.alias.dp-domain-logistics',
      'vend.placement.dp-domain-logistics',
      'vend.tags.dp-domain-logistics',
    ]);
    // Created under the group by the alias itself: no move was needed.
    expect(
      callsTo(endpoint, /^PUT .*managementGroups\/:groupId\/subscriptions/),
    ).toBe(0);
  });

  it('prefers the billing scope of the input over the configured one, and DevTest when asked', async () => {
    const step = actionContext(action, {
      ...INPUT,
      workload: 'DevTest',
      billingScope: '/billingAccounts/1234/enrollmentAccounts/77',
    });
    await step.run();
    expect(endpoint.tenant.getAlias('dp-domain-logistics')).toMatchObject({
      billingScope: '/billingAccounts/1234/enrollmentAccounts/77',
      workload: 'DevTest',
    });
  });

  it.each([
    [
      'aliasName',
      { aliasName: '-starts-with-a-hyphen' },
      /aliasName: "-starts-with-a-hyphen" is not allowed; allowed: 1-63 letters/,
    ],
    [
      'aliasName',
      { aliasName: `a${'b'.repeat(63)}` },
      /aliasName: "ab+" is not allowed/,
    ],
    [
      'displayName',
      { displayName: 'x'.repeat(65) },
      /displayName: "x+" is not allowed; allowed: 1-64 characters/,
    ],
    [
      'managementGroup',
      { managementGroup: 'platform' },
      /managementGroup: "platform" is not allowed; allowed: domains, sandboxes/,
    ],
    [
      'workload',
      { workload: 'Staging' },
      /workload: "Staging" is not allowed; allowed: Production, DevTest/,
    ],
    [
      'billingScope',
      { billingScope: 'enrollment-1' },
      /billingScope: "enrollment-1" is not allowed; allowed: a billing scope/,
    ],
    [
      'tags.costCenter',
      { tags: { ...TAGS, costCenter: 'finance' } },
      /tags\.costCenter: tag "costCenter" is "finance"; allowed: CC- followed by four digits/,
    ],
    [
      'tags.environment',
      { tags: withoutEnvironment },
      /tags\.environment: tag "environment" is missing; allowed: production, non-production, sandbox/,
    ],
    [
      'tags.note',
      { tags: { ...TAGS, note: 'n'.repeat(257) } },
      /tags\.note: is 257 characters; Azure allows at most 256/,
    ],
    [
      'tags.a/b',
      { tags: { ...TAGS, 'a/b': 'x' } },
      /tags\.a\/b: is not a valid tag name/,
    ],
    [
      'tags',
      {
        tags: {
          ...TAGS,
          ...Object.fromEntries(
            Array.from({ length: 45 }, (_, i) => [`extra${i}`, 'x']),
          ),
        },
      },
      /tags: has 51 tags; Azure allows at most 50/,
    ],
  ])(
    'refuses a bad %s before any Azure call',
    async (_field, change, message) => {
      const step = actionContext(action, { ...INPUT, ...change });
      const failure = await failureOf(step.run);
      expect(failure).toBeInstanceOf(InputError);
      expect(failure.message).toMatch(
        /^Invalid input for azure:subscription:vend: /,
      );
      expect(failure.message).toMatch(message);
      expect(endpoint.requests.snapshot().total).toBe(0);
      expect(step.outputs()).toEqual({});
    },
  );

  it('names every bad field at once, and refuses in a dry run too', async () => {
    const step = actionContext(
      action,
      { aliasName: '', managementGroup: 'nowhere', tags: {} },
      { isDryRun: true },
    );
    const failure = await failureOf(step.run);
    for (const field of [
      'aliasName',
      'displayName',
      'managementGroup',
      'tags.domain',
      'tags.owner',
      'tags.costCenter',
    ]) {
      expect(failure.message).toContain(`${field}: `);
    }
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it('in a dry run, says what it would vend and calls nothing', async () => {
    const step = actionContext(action, INPUT, { isDryRun: true });
    await step.run();
    expect(endpoint.requests.snapshot().total).toBe(0);
    expect(step.store.ran).toEqual([]);
    expect(step.outputs()).toEqual({
      subscriptionId: DRY_RUN_SUBSCRIPTION_ID,
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      azurePortalUrl: expect.stringContaining(DRY_RUN_SUBSCRIPTION_ID),
      created: false,
    });
    expect(step.logged()).toContainEqual(
      expect.stringMatching(
        /^Dry run: would vend subscription "dp-domain-logistics" through alias dp-domain-logistics \(Production\) under management group mg-dataplatform-domains/,
      ),
    );
  });

  it('re-run from scratch finds the same subscription and vends nothing twice', async () => {
    const first = actionContext(action, INPUT);
    await first.run();
    const subscriptionsAfterFirst = endpoint.tenant.listSubscriptions().length;

    const second = actionContext(action, INPUT, {
      store: new CheckpointStore(),
    });
    await second.run();

    expect(second.outputs().subscriptionId).toBe(
      first.outputs().subscriptionId,
    );
    expect(second.outputs().created).toBe(false);
    expect(aliasesNamed('dp-domain-logistics')).toHaveLength(1);
    expect(endpoint.tenant.listSubscriptions()).toHaveLength(
      subscriptionsAfterFirst,
    );
    expect(callsTo(endpoint, /^PUT .*aliases/)).toBe(1);
  });

  it('makes placement and tags right for an alias that existed, and reports it as not created', async () => {
    // The sales sandbox's alias exists; its subscription was taken out of
    // the hierarchy (back under the tenant root) and lacks a tag the
    // request brings.
    endpoint.tenant.removeSubscription(
      SALES_SANDBOX,
      DEMO_MANAGEMENT_GROUPS.sandboxes,
    );
    const tags = {
      domain: 'sales',
      owner: 'sales-domain-owners',
      costCenter: 'CC-1020',
      dataClassification: 'internal',
      dataResidency: 'us',
      environment: 'sandbox',
      leaseId: 'lease-42',
    };
    const step = actionContext(action, {
      aliasName: 'dp-sandbox-genai-pilot',
      displayName: 'dp-sandbox-genai-pilot',
      managementGroup: 'sandboxes',
      tags,
    });

    await step.run();

    expect(step.outputs()).toMatchObject({
      subscriptionId: SALES_SANDBOX,
      created: false,
    });
    const subscription = endpoint.tenant.getSubscription(SALES_SANDBOX);
    expect(subscription.managementGroupId).toBe(
      DEMO_MANAGEMENT_GROUPS.sandboxes,
    );
    // Merged: the tag it had (expiresOn) stays.
    expect(subscription.tags).toEqual({ ...tags, expiresOn: '2026-12-31' });
    expect(callsTo(endpoint, /^PUT .*aliases/)).toBe(0);
    expect(step.logged()).toContainEqual(
      expect.stringContaining(
        'Moved subscription 9237d247-7c35-491e-a970-1ca587594fbc under management group mg-dataplatform-sandboxes',
      ),
    );
  });

  it("never moves a subscription the platform placed in another role's group", async () => {
    endpoint.tenant.moveSubscription(
      SALES_SANDBOX,
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    );
    const step = actionContext(action, {
      aliasName: 'dp-sandbox-genai-pilot',
      displayName: 'dp-sandbox-genai-pilot',
      managementGroup: 'sandboxes',
      tags: {
        domain: 'sales',
        owner: 'sales-domain-owners',
        costCenter: 'CC-1020',
        dataClassification: 'internal',
        dataResidency: 'us',
        environment: 'sandbox',
      },
    });

    const failure = await failureOf(step.run);

    expect(failure).toBeInstanceOf(ConflictError);
    expect(failure.message).toBe(
      'aliasName: alias dp-sandbox-genai-pilot belongs to subscription 9237d247-7c35-491e-a970-1ca587594fbc, which is in the decommissioned management group mg-dataplatform-decommissioned; vending will not move it to mg-dataplatform-sandboxes',
    );
    expect(mutatingCalls(endpoint)).toEqual({});
    expect(
      endpoint.tenant.getSubscription(SALES_SANDBOX).managementGroupId,
    ).toBe(DEMO_MANAGEMENT_GROUPS.decommissioned);
  });

  it("refuses an alias that belongs to another domain's subscription, changing nothing", async () => {
    const financeTags = {
      ...endpoint.tenant.getSubscription('45d320d6-9d7e-43c0-9d51-7ced0a5451d2')
        .tags,
    };
    const step = actionContext(action, {
      ...INPUT,
      aliasName: 'dp-domain-finance',
      tags: { ...TAGS, domain: 'sales' },
    });

    const failure = await failureOf(step.run);

    expect(failure).toBeInstanceOf(ConflictError);
    expect(failure.message).toBe(
      'aliasName: alias dp-domain-finance already belongs to subscription 45d320d6-9d7e-43c0-9d51-7ced0a5451d2, whose domain tag is "finance", not "sales"; ' +
        'it belongs to somebody else, choose another aliasName',
    );
    expect(mutatingCalls(endpoint)).toEqual({});
    expect(
      endpoint.tenant.getSubscription('45d320d6-9d7e-43c0-9d51-7ced0a5451d2')
        .tags,
    ).toEqual(financeTags);
  });

  it('resumed after the alias was made, skips vending and finishes placement and tags', async () => {
    // The killed run vended the subscription and recorded its checkpoint.
    const vended = await clients
      .subscriptionVending()
      .alias.beginCreateAndWait('dp-domain-logistics', {
        properties: {
          displayName: 'dp-domain-logistics',
          workload: 'Production',
        },
      });
    const subscriptionId = vended.properties!.subscriptionId!;
    endpoint.requests.clear();
    const store = new CheckpointStore({
      'vend.alias.dp-domain-logistics': { subscriptionId, created: true },
    });

    const step = actionContext(action, INPUT, { store });
    await step.run();

    expect(store.skipped).toEqual(['vend.alias.dp-domain-logistics']);
    expect(callsTo(endpoint, /aliases/)).toBe(0);
    expect(
      callsTo(endpoint, /^PUT .*managementGroups\/:groupId\/subscriptions/),
    ).toBe(1);
    expect(callsTo(endpoint, /^PATCH .*tags/)).toBe(1);
    expect(step.outputs()).toMatchObject({ subscriptionId, created: true });
    expect(endpoint.tenant.getSubscription(subscriptionId)).toMatchObject({
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tags: TAGS,
    });
  });

  describe('when Azure misbehaves', () => {
    it('retries a 503 on vending and still vends exactly one subscription', async () => {
      const before = endpoint.tenant.listSubscriptions().length;
      endpoint.faults.add({
        method: 'PUT',
        path: 'aliases',
        kind: 'error',
        status: 503,
        times: 1,
      });

      const step = actionContext(action, INPUT);
      await step.run();

      expect(callsTo(endpoint, /^PUT .*aliases/)).toBe(2);
      expect(aliasesNamed('dp-domain-logistics')).toHaveLength(1);
      expect(endpoint.tenant.listSubscriptions()).toHaveLength(before + 1);
    });

    it('abandons a vending call Azure does not answer in time, retries it and vends exactly one subscription', async () => {
      const before = endpoint.tenant.listSubscriptions().length;
      const impatient = createVendSubscriptionAction({
        // Below the configurable minimum of 1 s, so the test stays short.
        clients: clientsFor(endpoint, { requestTimeoutSeconds: 0.5 }),
        billingScope:
          '/providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551',
      });
      const slow = endpoint.faults.add({
        method: 'PUT',
        path: 'aliases',
        kind: 'delay',
        delayMs: 2_000,
        times: 1,
      });
      const retries = countLaterRequests(endpoint, {
        method: 'PUT',
        path: 'aliases',
      });

      const step = actionContext(impatient, INPUT);
      await step.run();

      expect(hitsOf(endpoint, slow.id)).toBe(1);
      expect(retries()).toBe(1);
      expect(aliasesNamed('dp-domain-logistics')).toHaveLength(1);
      expect(endpoint.tenant.listSubscriptions()).toHaveLength(before + 1);
      expect(step.outputs()).toMatchObject({
        subscriptionId: endpoint.tenant.getAlias('dp-domain-logistics')
          .subscriptionId,
        created: true,
      });
    });

    it('waits out a 429 on the tags and merges them once it may', async () => {
      endpoint.faults.add({
        method: 'PATCH',
        path: 'tags/default',
        kind: 'throttle',
        retryAfterSeconds: 0,
        times: 1,
      });

      const step = actionContext(action, INPUT);
      await step.run();

      expect(callsTo(endpoint, /^PATCH .*tags/)).toBe(2);
      expect(
        endpoint.tenant.getSubscription(step.outputs().subscriptionId).tags,
      ).toEqual(TAGS);
    });

    it('fails the step with the Azure error code when the tags keep failing, vending nothing twice', async () => {
      endpoint.faults.add({
        method: 'PATCH',
        path: 'tags/default',
        kind: 'error',
        status: 500,
      });

      const step = actionContext(action, INPUT);
      const failure = await failureOf(step.run);

      expect(failure.message).toMatch(
        /^Merging tags into subscription [0-9a-f-]{36}: HTTP 500: InternalServerError: /,
      );
      expect(step.outputs()).toEqual({});
      expect(aliasesNamed('dp-domain-logistics')).toHaveLength(1);
      expect(step.store.ran).toEqual([
        'vend.alias.dp-domain-logistics',
        'vend.placement.dp-domain-logistics',
      ]);

      // The task resumed once Azure recovers: vending is not repeated.
      endpoint.faults.clear();
      endpoint.requests.clear();
      const resumed = actionContext(action, INPUT, { store: step.store });
      await resumed.run();
      expect(callsTo(endpoint, /aliases/)).toBe(0);
      expect(aliasesNamed('dp-domain-logistics')).toHaveLength(1);
      expect(
        endpoint.tenant.getSubscription(resumed.outputs().subscriptionId).tags,
      ).toEqual(TAGS);
    }, 60_000);
  });
});
