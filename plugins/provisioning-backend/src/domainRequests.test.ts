import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  DEMO_MANAGEMENT_GROUPS,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import request from 'supertest';
import {
  BASE,
  GROUP_IDS,
  TestBackend,
  USERS,
  startProvisioningBackend,
} from './__testUtils__/testBackend';

const logistics = {
  name: 'logistics',
  title: 'Logistics',
  description: 'Shipments, carriers and warehouse stock levels.',
  ownerGroup: 'finance-domain-owners',
  costCenter: 'CC-1060',
  dataClassification: 'internal',
  dataResidency: 'eu',
  primaryRegion: 'westeurope',
  monthlyBudget: 5000,
  recoveryTier: 'standard',
};

const as = (user: string) => mockCredentials.user.header(user);
const asService = () => mockCredentials.service.header();

describe('domain requests', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;
  let backend: TestBackend;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());
  beforeEach(async () => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    backend = await startProvisioningBackend({ endpoint, databases });
  });

  const countRows = async () =>
    Number(
      (await backend.knex('provisioning_domain_requests').count({ n: '*' }))[0]
        .n,
    );

  async function submit(
    input: object = logistics,
    user: string = USERS.fatima,
  ) {
    return request(backend.server)
      .post(`${BASE}/domain-requests`)
      .set('authorization', as(user))
      .send({ input });
  }

  async function submitted(input: object = logistics) {
    const res = await submit(input);
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('validation and submission', () => {
    it('validates a good request into the plan approval would carry out', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/domain-requests/validate`)
        .set('authorization', asService())
        .send({ input: logistics });
      expect(res.status).toBe(200);
      expect(res.body.problems).toEqual([]);
      expect(res.body.plan.subscription).toEqual({
        aliasName: 'dp-domain-logistics',
        displayName: 'dp-domain-logistics',
        managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
        tags: {
          domain: 'logistics',
          owner: 'finance-domain-owners',
          costCenter: 'CC-1060',
          dataClassification: 'internal',
          dataResidency: 'eu',
          environment: 'production',
          recoveryTier: 'standard',
        },
      });
      expect(res.body.plan.budget.contactEmails).toEqual([
        'finance-data@contoso.example',
      ]);
      expect(res.body.plan.roleAssignments[0]).toEqual({
        roleName: 'Contributor',
        principalGroup: 'group:default/finance-domain-owners',
        principalId: GROUP_IDS.finance,
      });
    });

    it('answers field problems with 200 on validate, never 400', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/domain-requests/validate`)
        .set('authorization', as(USERS.fatima))
        .send({ input: { ...logistics, costCenter: 'X', monthlyBudget: -1 } });
      expect(res.status).toBe(200);
      expect(res.body.plan).toBeUndefined();
      expect(res.body.problems.map((p: any) => p.field)).toEqual([
        'costCenter',
        'monthlyBudget',
      ]);
    });

    it.each([
      [
        'name',
        { name: 'Logistics!' },
        /^name: "Logistics!" breaks Azure naming rules/,
      ],
      ['name', { name: 'platform' }, /^name: "platform" is reserved/],
      [
        'description',
        { description: 'short' },
        /^description: must be 10-1000 characters, got 5$/,
      ],
      [
        'ownerGroup',
        { ownerGroup: 'user:default/fatima.osei' },
        /^ownerGroup: must be a catalog group, e.g. group:default\/finance-domain-owners$/,
      ],
      [
        'costCenter',
        { costCenter: '1060' },
        /^costCenter: must be CC- followed by four digits/,
      ],
      [
        'dataClassification',
        { dataClassification: 'secret' },
        /^dataClassification: "secret" is not allowed; allowed: public, internal, confidential, restricted$/,
      ],
      [
        'dataResidency',
        { dataResidency: 'mars' },
        /^dataResidency: "mars" is not allowed/,
      ],
      [
        'primaryRegion',
        { primaryRegion: 'eastus' },
        /^primaryRegion: eastus is outside the EU residency/,
      ],
      [
        'monthlyBudget',
        { monthlyBudget: 5_000_000 },
        /^monthlyBudget: 5000000 is above the maximum of 1000000/,
      ],
      [
        'recoveryTier',
        { recoveryTier: 'gold' },
        /^recoveryTier: "gold" is not allowed; allowed: standard, critical, mission-critical$/,
      ],
    ])(
      'refuses a bad %s with 400 naming it, storing nothing',
      async (_field, change, message) => {
        const res = await submit({ ...logistics, ...change });
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
        expect(await countRows()).toBe(0);
        expect(backend.notifications).toHaveLength(0);
      },
    );

    it('refuses a name that is already a Domain in the catalog', async () => {
      const res = await submit({ ...logistics, name: 'finance' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'name: "finance" is already a domain in the catalog (domain:default/finance); choose another name',
      );
      // The demo tenant vended dp-domain-finance too.
      expect(res.body.error.message).toContain(
        'name: the subscription alias dp-domain-finance already exists in Azure (subscription 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)',
      );
      expect(await countRows()).toBe(0);
    });

    it('refuses a name an open request of someone else holds', async () => {
      const first = await submitted();
      const res = await submit(
        { ...logistics, ownerGroup: 'sales-domain-owners' },
        USERS.marco,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `name: "logistics" is already asked for by domain request ${first.id} (pending-approval, by ${USERS.fatima}); choose another name`,
      );
      expect(await countRows()).toBe(1);
    });

    it('refuses an owner group the catalog does not know, and groups missing what provisioning needs', async () => {
      const unknown = await submit({ ...logistics, ownerGroup: 'ghost-team' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'ownerGroup: unknown group "ghost-team"; pick a group from the catalog',
      );

      const unlinked = await submit({
        ...logistics,
        ownerGroup: 'unlinked-team',
      });
      expect(unlinked.body.error.message).toMatch(
        /^ownerGroup: group:default\/unlinked-team has no Entra ID group \(annotation graph.microsoft.com\/group-id\)/,
      );
      const silent = await submit({ ...logistics, ownerGroup: 'silent-team' });
      expect(silent.body.error.message).toMatch(
        /^ownerGroup: group:default\/silent-team has no email \(spec.profile.email\)/,
      );
      expect(await countRows()).toBe(0);
    });

    it('stores a pending request, tells the platform team, and returns it again on an identical re-submit', async () => {
      const res = await submit();
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'pending-approval',
        requestedBy: USERS.fatima,
        input: {
          ...logistics,
          ownerGroup: 'group:default/finance-domain-owners',
        },
      });
      expect(res.body.plan.subscription.tags.requestId).toBe(res.body.id);
      expect(backend.notifications).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: 'group:default/platform-team',
            excludeEntityRef: USERS.fatima,
          },
          payload: expect.objectContaining({
            title: 'Domain request to review: Logistics',
            link: `/provisioning/domain-requests/${res.body.id}`,
          }),
        }),
      ]);

      const again = await submit();
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(res.body.id);
      expect(await countRows()).toBe(1);
      expect(backend.notifications).toHaveLength(1);

      // Different input under the same name is a collision, not a re-submit.
      const changed = await submit({ ...logistics, monthlyBudget: 6000 });
      expect(changed.status).toBe(400);
      expect(await countRows()).toBe(1);
    });

    it('lists requests newest first, filtered by status', async () => {
      const older = await submitted();
      const newer = await submitted({
        ...logistics,
        name: 'procurement',
        title: undefined,
      });
      const all = await request(backend.server)
        .get(`${BASE}/domain-requests`)
        .set('authorization', asService());
      expect(all.body.items.map((r: any) => r.id)).toEqual([
        newer.id,
        older.id,
      ]);

      const none = await request(backend.server)
        .get(`${BASE}/domain-requests?status=approved,rejected`)
        .set('authorization', as(USERS.diego));
      expect(none.body.items).toEqual([]);

      const bad = await request(backend.server)
        .get(`${BASE}/domain-requests?status=pending,approved`)
        .set('authorization', as(USERS.diego));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^status: "pending" not allowed; allowed: pending-approval, rejected/,
      );

      const one = await request(backend.server)
        .get(`${BASE}/domain-requests/${older.id}`)
        .set('authorization', as(USERS.diego));
      expect(one.body).toEqual(older);
      const missing = await request(backend.server)
        .get(`${BASE}/domain-requests/nope`)
        .set('authorization', as(USERS.diego));
      expect(missing.status).toBe(404);
    });
  });

  describe('availability of a name', () => {
    const availability = (name: string) =>
      request(backend.server)
        .get(`${BASE}/domain-names/${name}/availability`)
        .set('authorization', as(USERS.fatima));

    it('is free when no rule, catalog entity, request or alias has it', async () => {
      const res = await availability('logistics');
      expect(res.body).toEqual({ available: true, problems: [] });
      // Free is what Azure said: it was asked.
      expect(
        endpoint.requests.snapshot().byRoute[
          'GET /providers/Microsoft.Subscription/aliases/:aliasName'
        ],
      ).toBeGreaterThan(0);
    });

    it('names every reason a name is taken', async () => {
      expect((await availability('Bad_Name')).body.problems).toEqual([
        {
          field: 'name',
          message: expect.stringMatching(
            /^"Bad_Name" breaks Azure naming rules/,
          ),
        },
      ]);
      expect((await availability('sales')).body).toEqual({
        available: false,
        problems: [
          {
            field: 'name',
            message: expect.stringContaining(
              'the subscription alias dp-domain-sales already exists in Azure',
            ),
          },
        ],
      });
      await submitted();
      const held = await availability('logistics');
      expect(held.body.available).toBe(false);
      expect(held.body.problems[0].message).toMatch(
        /^"logistics" is already asked for by domain request/,
      );
    });

    it('reports an Azure outage as one, not as a free name', async () => {
      endpoint.faults.add({ path: '/aliases/', kind: 'error', status: 503 });
      const res = await availability('logistics');
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /^Checking the subscription alias dp-domain-logistics in Azure failed: HTTP 503: ServiceUnavailable/,
      );
    }, 60_000);
  });

  describe('the approval gate', () => {
    const decide = (id: string, user: string, body: object) =>
      request(backend.server)
        .post(`${BASE}/domain-requests/${id}/decision`)
        .set('authorization', as(user))
        .send(body);
    const gate = (id: string, body: object = {}) =>
      request(backend.server)
        .post(`${BASE}/domain-requests/${id}/provisioning`)
        .set('authorization', asService())
        .send(body);

    it('refuses to let a pending request be provisioned, changing nothing', async () => {
      const pending = await submitted();
      const res = await gate(pending.id, { taskId: 'rogue-task' });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        name: 'ConflictError',
        message: `domain request ${pending.id} is pending-approval: the platform team must approve it before anything is vended`,
      });
      const stored = await request(backend.server)
        .get(`${BASE}/domain-requests/${pending.id}`)
        .set('authorization', asService());
      expect(stored.body).toEqual(pending);
    });

    it('does not let the requester decide their own request', async () => {
      const mine = await submit(
        { ...logistics, ownerGroup: 'platform-team' },
        USERS.priya,
      );
      expect(mine.status).toBe(201);
      // The platform team hears of it, but not the one who asked.
      expect(backend.notifications[0].recipients).toMatchObject({
        excludeEntityRef: USERS.priya,
      });
      const res = await decide(mine.body.id, USERS.priya, {
        decision: 'approve',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        `${USERS.priya} submitted domain request ${mine.body.id}; another platform engineer must approve or reject it`,
      );
      expect(backend.tasks.started).toHaveLength(0);

      // Someone else from the platform team may.
      const other = await decide(mine.body.id, USERS.sam, {
        decision: 'approve',
      });
      expect(other.body).toMatchObject({
        status: 'approved',
        decidedBy: USERS.sam,
      });
    });

    it('approves: records who and when, starts exactly one task on behalf of the approver, tells the requester', async () => {
      const pending = await submitted();
      const before = Date.now();
      const res = await decide(pending.id, USERS.priya, {
        decision: 'approve',
        comment: 'Budget agreed with finance.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'approved',
        decidedBy: USERS.priya,
        decisionComment: 'Budget agreed with finance.',
        provisioningTaskId: 'task-1',
      });
      expect(Date.parse(res.body.decidedAt)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      expect(res.body.failure).toBeUndefined();

      expect(backend.tasks.started).toHaveLength(1);
      const [task] = backend.tasks.started;
      expect(task.templateRef).toBe('template:default/provision-data-domain');
      expect(task.values).toEqual({ requestId: pending.id });
      expect(task.onBehalfOf.principal).toMatchObject({
        type: 'user',
        userEntityRef: USERS.priya,
      });

      expect(backend.notifications.at(-1)).toMatchObject({
        recipients: { type: 'entity', entityRef: USERS.fatima },
        payload: { title: 'Domain logistics approved' },
      });

      // A second decision is refused, naming the first.
      const again = await decide(pending.id, USERS.sam, {
        decision: 'reject',
        comment: 'No.',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `domain request ${pending.id} was already approved by ${USERS.priya} at ${res.body.decidedAt}; it is approved now`,
      );
      expect(backend.tasks.started).toHaveLength(1);
    });

    it('uses the configured template', async () => {
      backend = await startProvisioningBackend({
        endpoint,
        databases,
        config: {
          provisioning: { domainTemplateRef: 'template:platform/vend-domain' },
        },
      });
      const pending = await submitted();
      await decide(pending.id, USERS.priya, { decision: 'approve' }).expect(
        200,
      );
      expect(backend.tasks.started[0].templateRef).toBe(
        'template:platform/vend-domain',
      );
    });

    it('keeps the approval and records why when the task cannot start', async () => {
      const pending = await submitted();
      backend.tasks.failWith = new Error(
        'Request failed with 503 Service Unavailable',
      );
      const res = await decide(pending.id, USERS.priya, {
        decision: 'approve',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('approved');
      expect(res.body.provisioningTaskId).toBeUndefined();
      expect(res.body.failure).toBe(
        'starting the provisioning task failed: Request failed with 503 Service Unavailable',
      );

      // The platform team starts it again once the scaffolder is back.
      backend.tasks.failWith = undefined;
      const retried = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/provision`)
        .set('authorization', as(USERS.sam));
      expect(retried.status).toBe(200);
      expect(retried.body.provisioningTaskId).toBe('task-1');
      expect(backend.tasks.started[0].onBehalfOf.principal).toMatchObject({
        userEntityRef: USERS.sam,
      });
    });

    it('needs a comment to reject, and records it', async () => {
      const pending = await submitted();
      const bare = await decide(pending.id, USERS.priya, {
        decision: 'reject',
      });
      expect(bare.status).toBe(400);
      expect(bare.body.error.message).toBe(
        'comment: a rejection needs a comment for the requester (3-500 characters), got 0',
      );
      const tooLong = await decide(pending.id, USERS.priya, {
        decision: 'reject',
        comment: 'x'.repeat(501),
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/^comment: /);

      const res = await decide(pending.id, USERS.priya, {
        decision: 'reject',
        comment: 'Logistics belongs to the operations domain.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'rejected',
        decidedBy: USERS.priya,
        decisionComment: 'Logistics belongs to the operations domain.',
      });
      expect(backend.tasks.started).toHaveLength(0);
      expect(backend.notifications.at(-1)?.payload).toMatchObject({
        title: 'Domain logistics rejected',
        severity: 'high',
      });

      const gated = await gate(pending.id);
      expect(gated.status).toBe(409);
      expect(gated.body.error.message).toMatch(
        /is rejected: user:default\/priya.patel rejected it at/,
      );

      // A rejected request frees the name.
      const next = await submit(
        { ...logistics, ownerGroup: 'sales-domain-owners' },
        USERS.marco,
      );
      expect(next.status).toBe(201);
    });

    it('passes an approved request through the gate idempotently and records the result once', async () => {
      const pending = await submitted();
      await decide(pending.id, USERS.priya, { decision: 'approve' }).expect(
        200,
      );

      const first = await gate(pending.id, { taskId: 'task-1' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'provisioning',
        provisioningTaskId: 'task-1',
      });
      const second = await gate(pending.id, { taskId: 'task-1' });
      expect(second.body).toEqual(first.body);

      const provision = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/provision`)
        .set('authorization', as(USERS.priya));
      expect(provision.status).toBe(200);
      expect(provision.body).toMatchObject({
        status: 'provisioning',
        provisioningTaskId: 'task-2',
      });

      const result = {
        status: 'provisioned',
        subscriptionId: '0b9c40c5-0d5c-4a35-b0b6-0f6d3a2b7c11',
        workspaceResourceId:
          '/subscriptions/0b9c40c5-0d5c-4a35-b0b6-0f6d3a2b7c11/resourceGroups/rg-dp-logistics-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-logistics',
        domainEntityRef: 'domain:default/logistics',
      };
      const notified = backend.notifications.length;
      const done = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/result`)
        .set('authorization', asService())
        .send(result);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ ...result, status: 'provisioned' });
      expect(backend.notifications).toHaveLength(notified + 1);
      expect(backend.notifications.at(-1)).toMatchObject({
        recipients: { entityRef: USERS.fatima },
        payload: { title: 'Domain logistics is ready' },
      });

      const repeated = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/result`)
        .set('authorization', asService())
        .send(result);
      expect(repeated.status).toBe(200);
      expect(repeated.body).toEqual(done.body);
      expect(backend.notifications).toHaveLength(notified + 1);

      const contradicting = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/result`)
        .set('authorization', asService())
        .send({ status: 'failed', failure: 'HTTP 403: AuthorizationFailed' });
      expect(contradicting.status).toBe(409);
      expect(contradicting.body.error.message).toBe(
        `domain request ${pending.id} is provisioned; a result can only be recorded while it is provisioning`,
      );

      const regated = await gate(pending.id);
      expect(regated.status).toBe(409);
      expect(regated.body.error.message).toMatch(
        /is provisioned: it was provisioned already \(subscription 0b9c40c5/,
      );
    });

    it('records a failure, and a restart through the gate clears it', async () => {
      const pending = await submitted();
      await decide(pending.id, USERS.priya, { decision: 'approve' }).expect(
        200,
      );
      await gate(pending.id, { taskId: 'task-1' }).expect(200);

      const failed = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/result`)
        .set('authorization', asService())
        .send({
          status: 'failed',
          failure:
            'creating budget-dp-domain-logistics failed: HTTP 403: AuthorizationFailed',
        });
      expect(failed.body).toMatchObject({
        status: 'failed',
        failure: expect.stringContaining('AuthorizationFailed'),
      });
      expect(backend.notifications.at(-1)?.payload.severity).toBe('high');

      const restarted = await gate(pending.id, { taskId: 'task-9' });
      expect(restarted.body.status).toBe('provisioning');
      expect(restarted.body.provisioningTaskId).toBe('task-9');
      expect(restarted.body.failure).toBeUndefined();
    });

    it('refuses malformed results with the field named', async () => {
      const pending = await submitted();
      const res = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/result`)
        .set('authorization', asService())
        .send({
          status: 'provisioned',
          subscriptionId: 'abc',
          domainEntityRef: 'domain:default/logistics',
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'subscriptionId: must be a subscription id (a GUID)',
      );
    });

    it('refuses provisioning to start for a pending request', async () => {
      const pending = await submitted();
      const res = await request(backend.server)
        .post(`${BASE}/domain-requests/${pending.id}/provision`)
        .set('authorization', as(USERS.priya));
      expect(res.status).toBe(409);
      expect(backend.tasks.started).toHaveLength(0);
    });
  });
});
