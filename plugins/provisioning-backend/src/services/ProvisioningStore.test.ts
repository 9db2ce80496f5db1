import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DomainRequest,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { ProvisioningStore } from './ProvisioningStore';

const postgresConfigured = Boolean(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
);
if (process.env.CI && !postgresConfigured) {
  // The test command starts a PostgreSQL; in CI a missing one is an error, not a skip.
  throw new Error(
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: run the tests through ./portal test, which starts a throwaway PostgreSQL',
  );
}

const ids: TestDatabaseId[] = postgresConfigured
  ? ['POSTGRES_15', 'SQLITE_3']
  : ['SQLITE_3'];

function domainRequest(
  id: string,
  name: string,
  overrides: Partial<DomainRequest> = {},
): DomainRequest {
  return {
    id,
    input: {
      name,
      description: 'Shipments, carriers and warehouse stock levels.',
      ownerGroup: 'group:default/finance-domain-owners',
      costCenter: 'CC-1060',
      dataClassification: 'internal',
      dataResidency: 'eu',
      primaryRegion: 'westeurope',
      monthlyBudget: 5000,
      recoveryTier: 'standard',
    },
    // The store keeps the plan as it is given; its content is not its concern.
    plan: {
      subscription: { aliasName: `dp-domain-${name}` },
    } as DomainRequest['plan'],
    status: 'pending-approval',
    requestedBy: 'user:default/fatima.osei',
    requestedAt: '2026-11-24T09:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  };
}

function lease(
  id: string,
  name: string,
  overrides: Partial<SandboxLease> = {},
): SandboxLease {
  return {
    id,
    input: {
      name,
      purpose: 'Try a managed genomics pipeline on public reference data.',
      ownerGroup: 'group:default/finance-domain-owners',
      costCenter: 'CC-1010',
      dataResidency: 'eu',
      durationDays: 30,
      budgetCap: 500,
    },
    plan: { expiresOn: '2026-12-24' } as SandboxLease['plan'],
    state: 'active',
    requestedBy: 'user:default/fatima.osei',
    createdAt: '2026-11-24T09:00:00.000Z',
    expiresAt: '2026-12-24T09:00:00.000Z',
    extensionsUsed: 0,
    subscriptionId: '0b9c40c5-0d5c-4a35-b0b6-0f6d3a2b7c11',
    history: [],
    updatedAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  };
}

describe('ProvisioningStore', () => {
  const databases = TestDatabases.create({ ids, disableDocker: true });
  const now = new Date('2026-11-25T12:00:00.000Z');

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return ProvisioningStore.create(
      { getClient: async () => knex, migrations: { skip: false } },
      { now: () => now },
    );
  }

  it.each(databases.eachSupportedId())(
    'keeps domain requests, newest first, and lets one name be held once, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(
        await store.insertDomainRequest(domainRequest('r-1', 'logistics')),
      ).toBe(true);
      expect(
        await store.insertDomainRequest(
          domainRequest('r-2', 'procurement', {
            requestedAt: '2026-11-24T10:00:00.000Z',
          }),
        ),
      ).toBe(true);
      // The database itself refuses a second holder of a name.
      expect(
        await store.insertDomainRequest(
          domainRequest('r-3', 'logistics', {
            requestedBy: 'user:default/marco.rossi',
          }),
        ),
      ).toBe(false);

      expect((await store.listDomainRequests()).map(r => r.id)).toEqual([
        'r-2',
        'r-1',
      ]);
      expect(
        (
          await store.listDomainRequests({
            name: 'logistics',
            requestedBy: 'user:default/fatima.osei',
          })
        ).map(r => r.id),
      ).toEqual(['r-1']);
      expect(
        await store.listDomainRequests({ statuses: ['approved'] }),
      ).toEqual([]);
      expect(await store.getDomainRequest('r-1')).toEqual(
        domainRequest('r-1', 'logistics'),
      );
      expect(await store.getDomainRequest('nope')).toBeUndefined();

      // Rejecting frees the name.
      const rejected = await store.updateDomainRequest('r-1', r => ({
        ...r,
        status: 'rejected',
      }));
      expect(rejected).toMatchObject({
        status: 'rejected',
        updatedAt: now.toISOString(),
      });
      expect(
        await store.insertDomainRequest(
          domainRequest('r-3', 'logistics', {
            requestedBy: 'user:default/marco.rossi',
          }),
        ),
      ).toBe(true);

      // ...and the rejected one cannot take it back.
      await expect(
        store.updateDomainRequest('r-1', r => ({ ...r, status: 'approved' })),
      ).rejects.toThrow(ConflictError);
      expect((await store.getDomainRequest('r-1'))?.status).toBe('rejected');
    },
  );

  it.each(databases.eachSupportedId())(
    'updates in one step: an unchanged result writes nothing, a throw changes nothing, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const original = domainRequest('r-1', 'logistics');
      await store.insertDomainRequest(original);

      expect(await store.updateDomainRequest('r-1', r => r)).toEqual(original);
      await expect(
        store.updateDomainRequest('r-1', () => {
          throw new ConflictError('not now');
        }),
      ).rejects.toThrow('not now');
      expect(await store.getDomainRequest('r-1')).toEqual(original);
      await expect(store.updateDomainRequest('nope', r => r)).rejects.toThrow(
        NotFoundError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of two simultaneous decisions win, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.insertDomainRequest(domainRequest('r-1', 'logistics'));
      const decideAs = (decidedBy: string) =>
        store.updateDomainRequest('r-1', r => {
          if (r.status !== 'pending-approval') {
            throw new ConflictError(`already decided by ${r.decidedBy}`);
          }
          return { ...r, status: 'approved', decidedBy };
        });
      const outcomes = await Promise.allSettled([
        decideAs('user:default/priya.patel'),
        decideAs('user:default/sam.lee'),
      ]);
      expect(outcomes.map(o => o.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const winner = outcomes.find(
        o => o.status === 'fulfilled',
      ) as PromiseFulfilledResult<DomainRequest>;
      const loser = outcomes.find(
        o => o.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(loser.reason.message).toBe(
        `already decided by ${winner.value.decidedBy}`,
      );
      expect((await store.getDomainRequest('r-1'))?.decidedBy).toBe(
        winner.value.decidedBy,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'serves as the lease repository of the lease task, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.insertLease(lease('l-1', 'genomics-poc'));
      await store.insertLease(
        lease('l-2', 'lab-two', {
          state: 'provisioning',
          createdAt: '2026-11-24T11:00:00.000Z',
        }),
      );
      await store.insertLease(
        lease('l-3', 'lab-three', {
          state: 'frozen',
          createdAt: '2026-11-24T10:00:00.000Z',
          input: {
            ...lease('', 'lab-three').input,
            ownerGroup: 'group:default/sales-domain-owners',
          },
        }),
      );
      expect(await store.insertLease(lease('l-4', 'genomics-poc'))).toBe(false);

      expect((await store.listLeases()).map(l => l.id)).toEqual([
        'l-2',
        'l-3',
        'l-1',
      ]);
      expect(
        (await store.listLeases({ states: ['active', 'frozen'] })).map(
          l => l.id,
        ),
      ).toEqual(['l-3', 'l-1']);
      expect(
        (
          await store.listLeases({
            ownerGroup: 'group:default/finance-domain-owners',
          })
        ).map(l => l.id),
      ).toEqual(['l-2', 'l-1']);

      const updated = await store.updateLease('l-1', l => ({
        ...l,
        state: 'expiring',
        expiryWarnedAt: '2026-11-25T12:00:00.000Z',
      }));
      expect(updated).toMatchObject({
        state: 'expiring',
        updatedAt: now.toISOString(),
      });
      expect(await store.getLease('l-1')).toEqual(updated);
      expect(
        (await store.listLeases({ states: ['expiring'] })).map(l => l.id),
      ).toEqual(['l-1']);

      // A decommissioned sandbox releases its name.
      await store.updateLease('l-1', l => ({ ...l, state: 'decommissioned' }));
      expect(await store.insertLease(lease('l-4', 'genomics-poc'))).toBe(true);

      await expect(store.updateLease('nope', l => l)).rejects.toThrow(
        'no sandbox lease with id nope',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a published entity set by key, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const entity = (name: string) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name },
      });
      await store.putEntitySet({
        key: 'domain:b',
        entities: [entity('b')],
        publishedAt: '2026-11-24T09:00:00.000Z',
      });
      await store.putEntitySet({
        key: 'domain:a',
        entities: [entity('a'), entity('a2')],
        publishedAt: '2026-11-24T09:01:00.000Z',
      });
      await store.putEntitySet({
        key: 'domain:a',
        entities: [entity('a3')],
        taskId: 't-2',
        publishedAt: '2026-11-24T09:02:00.000Z',
      });
      expect(await store.listEntitySets()).toEqual([
        {
          key: 'domain:a',
          entities: [entity('a3')],
          taskId: 't-2',
          publishedAt: '2026-11-24T09:02:00.000Z',
        },
        {
          key: 'domain:b',
          entities: [entity('b')],
          publishedAt: '2026-11-24T09:00:00.000Z',
        },
      ]);
    },
  );
});
