import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  genomics,
  leaseActiveSandbox,
  startProvisioningBackend,
} from './__testUtils__/testBackend';

const DAY_MS = 86_400_000;
const as = (user: string) => mockCredentials.user.header(user);
const asService = () => mockCredentials.service.header();

describe('sandbox leases', () => {
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
      (await backend.knex('provisioning_sandbox_leases').count({ n: '*' }))[0]
        .n,
    );

  const lease = (input: object, user: string = USERS.fatima) =>
    request(backend.server)
      .post(`${BASE}/sandbox-leases`)
      .set('authorization', as(user))
      .send({ input });

  const validate = (input: object, authorization: string) =>
    request(backend.server)
      .post(`${BASE}/sandbox-leases/validate`)
      .set('authorization', authorization)
      .send({ input });

  const getLease = async (id: string) =>
    (
      await request(backend.server)
        .get(`${BASE}/sandbox-leases/${id}`)
        .set('authorization', asService())
    ).body;

  const extend = (id: string, days: number, user: string = USERS.fatima) =>
    request(backend.server)
      .post(`${BASE}/sandbox-leases/${id}/extension`)
      .set('authorization', as(user))
      .send({ days });

  describe('validation and creation', () => {
    it('plans a sandbox that starts now', async () => {
      const before = Date.now();
      const res = await validate(genomics, asService());
      expect(res.status).toBe(200);
      expect(res.body.problems).toEqual([]);
      const { plan } = res.body;
      expect(plan.subscription).toMatchObject({
        aliasName: 'dp-sandbox-genomics-poc',
        managementGroupId: DEMO_MANAGEMENT_GROUPS.sandboxes,
        tags: expect.objectContaining({
          environment: 'sandbox',
          owner: 'finance-domain-owners',
        }),
      });
      const expected = new Date(before + 30 * DAY_MS)
        .toISOString()
        .slice(0, 10);
      expect(plan.expiresOn).toBe(expected);
      expect(plan.budget).toMatchObject({
        amount: 500,
        contactEmails: ['finance-data@contoso.example'],
      });
      expect(plan.roleAssignments).toEqual([
        {
          roleName: 'Contributor',
          principalGroup: 'group:default/finance-domain-owners',
          principalId: GROUP_IDS.finance,
        },
      ]);
      expect(plan.entityRef).toBe('resource:default/sandbox-genomics-poc');
    });

    it.each([
      [
        'durationDays',
        { durationDays: 91 },
        'durationDays: 91 days is outside the policy; allowed: 1 to 90 days',
      ],
      [
        'budgetCap',
        { budgetCap: 6000 },
        'budgetCap: 6000 is above the maximum of 5000; ask the platform team for more',
      ],
      [
        'purpose',
        { purpose: 'test' },
        'purpose: must be 10-500 characters, got 4',
      ],
    ])(
      'refuses a lease outside the policy (%s) with 400, storing nothing',
      async (_field, change, message) => {
        const res = await lease({ ...genomics, ...change });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
        expect(await countRows()).toBe(0);

        const checked = await validate(
          { ...genomics, ...change },
          as(USERS.fatima),
        );
        expect(checked.status).toBe(200);
        expect(checked.body.problems).toEqual([
          { field: _field, message: message.slice(_field.length + 2) },
        ]);
      },
    );

    it('lets only members of the owner group or the platform team lease for it', async () => {
      const outsider = await lease(genomics, USERS.marco);
      expect(outsider.status).toBe(400);
      expect(outsider.body.error.message).toBe(
        `ownerGroup: ${USERS.marco} is not a member of group:default/finance-domain-owners; only its members or the platform team can lease a sandbox for it`,
      );
      expect(await countRows()).toBe(0);

      // A service checking a form has no memberships to check.
      expect((await validate(genomics, asService())).body.problems).toEqual([]);

      const platform = await lease(genomics, USERS.priya);
      expect(platform.status).toBe(201);
    });

    it('refuses a name another lease or an Azure alias holds', async () => {
      await lease(genomics).expect(201);
      const taken = await lease(genomics, USERS.priya);
      expect(taken.status).toBe(400);
      expect(taken.body.error.message).toMatch(
        /^name: "genomics-poc" is already used by sandbox lease [0-9a-f-]+ \(provisioning\); choose another name$/,
      );

      const vended = await lease({ ...genomics, name: 'genai-pilot' });
      expect(vended.status).toBe(400);
      expect(vended.body.error.message).toBe(
        'name: the subscription alias dp-sandbox-genai-pilot already exists in Azure (subscription 9237d247-7c35-491e-a970-1ca587594fbc); choose another name',
      );
      expect(await countRows()).toBe(1);
    });

    it(`refuses a fourth lease while the owner group holds three`, async () => {
      for (const name of ['lab-one', 'lab-two', 'lab-three']) {
        await lease({ ...genomics, name }).expect(201);
      }
      const res = await lease({ ...genomics, name: 'lab-four' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'ownerGroup: group:default/finance-domain-owners already holds 3 sandbox leases (lab-three, lab-two, lab-one); the policy allows 3 at once, so let one end first',
      );
      expect(await countRows()).toBe(3);
      // Other groups have their own allowance.
      await lease(
        { ...genomics, name: 'lab-four', ownerGroup: 'sales-domain-owners' },
        USERS.marco,
      ).expect(201);
    });

    it('creates a provisioning lease approved within policy, and returns it again to the same requester', async () => {
      const before = Date.now();
      const res = await lease(genomics);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'provisioning',
        requestedBy: USERS.fatima,
        extensionsUsed: 0,
        input: genomics,
        history: [
          {
            state: 'provisioning',
            note: 'approved automatically within policy (≤ 90 days, cap ≤ 5000)',
            by: USERS.fatima,
          },
        ],
      });
      const expiresAt = Date.parse(res.body.expiresAt);
      expect(expiresAt - Date.parse(res.body.createdAt)).toBe(30 * DAY_MS);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
      expect(res.body.plan.subscription.tags.leaseId).toBe(res.body.id);

      const again = await lease(genomics);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(res.body.id);
      expect(await countRows()).toBe(1);
    });

    it('lists leases newest first, filtered by state', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      const pending = (
        await lease({ ...genomics, name: 'lab-two' }).expect(201)
      ).body;
      const all = await request(backend.server)
        .get(`${BASE}/sandbox-leases`)
        .set('authorization', as(USERS.diego));
      expect(all.body.items.map((l: any) => l.id)).toEqual([
        pending.id,
        active.id,
      ]);
      const running = await request(backend.server)
        .get(`${BASE}/sandbox-leases?state=active,expiring`)
        .set('authorization', asService());
      expect(running.body.items.map((l: any) => l.id)).toEqual([active.id]);
      const missing = await request(backend.server)
        .get(`${BASE}/sandbox-leases/nope`)
        .set('authorization', asService());
      expect(missing.status).toBe(404);
    });
  });

  describe('activation', () => {
    it('activates once with the vended subscription; the same call again changes nothing', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      expect(active.state).toBe('active');
      expect(active.history.at(-1)).toMatchObject({
        state: 'active',
        by: 'external:test-service',
        note: `subscription ${
          active.subscriptionId
        } vended; the lease runs until ${active.expiresAt.slice(0, 10)}`,
      });

      const again = await request(backend.server)
        .post(`${BASE}/sandbox-leases/${active.id}/activation`)
        .set('authorization', asService())
        .send({ subscriptionId: active.subscriptionId });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(active);

      const other = await request(backend.server)
        .post(`${BASE}/sandbox-leases/${active.id}/activation`)
        .set('authorization', asService())
        .send({ subscriptionId: '60e9f4aa-84c0-4103-b35e-39abddbf9406' });
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe(
        `sandbox lease ${active.id} was activated with subscription ${active.subscriptionId}; it cannot be activated again with 60e9f4aa-84c0-4103-b35e-39abddbf9406`,
      );
    });

    it('refuses a person outside the owner group', async () => {
      const created = (await lease(genomics).expect(201)).body;
      const res = await request(backend.server)
        .post(`${BASE}/sandbox-leases/${created.id}/activation`)
        .set('authorization', as(USERS.marco))
        .send({ subscriptionId: '60e9f4aa-84c0-4103-b35e-39abddbf9406' });
      expect(res.status).toBe(403);
      expect((await getLease(created.id)).state).toBe('provisioning');
    });
  });

  describe('extension', () => {
    it('extends once, moving the end and the Azure tag together', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      const res = await extend(active.id, 10);
      expect(res.status).toBe(200);
      const newEnd = new Date(Date.parse(active.expiresAt) + 10 * DAY_MS);
      expect(res.body).toMatchObject({
        expiresAt: newEnd.toISOString(),
        extensionsUsed: 1,
        state: 'active',
      });
      expect(res.body.history.at(-1)).toMatchObject({
        note: `extended by 10 days, to ${newEnd.toISOString().slice(0, 10)}`,
        by: USERS.fatima,
      });
      const subscription = endpoint.tenant.getSubscription(
        active.subscriptionId,
      );
      expect(subscription.tags.expiresOn).toBe(
        newEnd.toISOString().slice(0, 10),
      );
      // Merged, not replaced.
      expect(subscription.tags.leaseId).toBe(active.id);

      const second = await extend(active.id, 5);
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(
        'this lease was already extended; the policy allows 1 extension',
      );
      expect((await getLease(active.id)).expiresAt).toBe(newEnd.toISOString());
    });

    it('refuses what the policy refuses, with its reason', async () => {
      const created = (await lease(genomics).expect(201)).body;
      const early = await extend(created.id, 10);
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe(
        'a provisioning lease cannot be extended; only active or expiring leases can',
      );

      const active = await leaseActiveSandbox(backend, endpoint, {
        ...genomics,
        name: 'lab-two',
      });
      const tooLong = await extend(active.id, 31);
      expect(tooLong.status).toBe(409);
      expect(tooLong.body.error.message).toBe(
        'days must be a whole number from 1 to 30',
      );
    });

    it('lets only the owner group or the platform team extend', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      const outsider = await extend(active.id, 10, USERS.marco);
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toBe(
        'Only members of group:default/finance-domain-owners or the platform team can extend sandbox lease genomics-poc.',
      );
      const platform = await extend(active.id, 10, USERS.priya);
      expect(platform.status).toBe(200);
    });

    it('leaves the lease unchanged when Azure refuses the tag update', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      endpoint.faults.add({
        method: 'PATCH',
        path: '/providers/Microsoft.Resources/tags/default$',
        kind: 'error',
        status: 500,
      });
      const res = await extend(active.id, 10);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^The lease was not extended: updating the expiresOn tag of subscription ${active.subscriptionId} in Azure failed: HTTP 500: InternalServerError`,
        ),
      );
      expect(await getLease(active.id)).toEqual(active);
      expect(
        endpoint.tenant.getSubscription(active.subscriptionId).tags.expiresOn,
      ).toBe(active.expiresAt.slice(0, 10));

      // Once Azure answers again the one extension is still there to use.
      endpoint.faults.clear();
      await extend(active.id, 10).expect(200);
    }, 60_000);
  });

  describe('the lease task by hand', () => {
    it('runs for the platform team and answers with its summary', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/sandbox-leases/reconcile`)
        .set('authorization', as(USERS.priya));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ checked: 0, transitions: [], errors: [] });

      await leaseActiveSandbox(backend, endpoint);
      await lease({ ...genomics, name: 'lab-two' }).expect(201);
      const withLeases = await request(backend.server)
        .post(`${BASE}/sandbox-leases/reconcile`)
        .set('authorization', as(USERS.priya));
      // The provisioning lease is not the task's yet.
      expect(withLeases.body.checked).toBe(1);
    });

    it('decommissions an ended sandbox through this store and tells its owners', async () => {
      const active = await leaseActiveSandbox(backend, endpoint);
      // As an earlier run left it: ended, marked expired, not yet decommissioned.
      const ended = {
        ...active,
        state: 'expired',
        expiresAt: new Date(Date.now() - DAY_MS).toISOString(),
      };
      await backend
        .knex('provisioning_sandbox_leases')
        .where({ id: active.id })
        .update({ state: 'expired', lease: JSON.stringify(ended) });

      const res = await request(backend.server)
        .post(`${BASE}/sandbox-leases/reconcile`)
        .set('authorization', as(USERS.priya));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        checked: 1,
        transitions: [
          { leaseId: active.id, from: 'expired', to: 'decommissioned' },
        ],
        errors: [],
      });

      const stored = await getLease(active.id);
      expect(stored.state).toBe('decommissioned');
      const subscription = endpoint.tenant.getSubscription(
        active.subscriptionId,
      );
      expect(subscription.managementGroupId).toBe(
        DEMO_MANAGEMENT_GROUPS.decommissioned,
      );
      expect(subscription.state).toBe('Disabled');

      expect(backend.notifications).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: 'group:default/finance-domain-owners',
          },
          payload: expect.objectContaining({
            title: 'Sandbox genomics-poc was decommissioned',
            topic: 'sandbox-lease',
            link: '/catalog/default/resource/sandbox-genomics-poc',
          }),
        },
      ]);
    });

    it('is refused to anyone else', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/sandbox-leases/reconcile`)
        .set('authorization', as(USERS.fatima));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Only the platform team (group:default/platform-team) can run the sandbox lease task by hand.',
      );
    });
  });

  it('denies creation and extension to people the permission policy denies', async () => {
    backend = await startProvisioningBackend({
      endpoint,
      databases,
      permission: AuthorizeResult.DENY,
    });
    const created = await lease({ ...genomics, name: 'lab-two' });
    expect(created.status).toBe(403);
    expect(created.body.error.message).toBe(
      'You need to be in a domain owner group or the platform team to lease a sandbox.',
    );
    // The permission is checked before the lease is even read.
    const extended = await extend('any-lease', 5);
    expect(extended.status).toBe(403);
    expect(await countRows()).toBe(0);
  });
});
