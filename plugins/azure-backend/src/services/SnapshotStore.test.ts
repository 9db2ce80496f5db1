import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { SnapshotStore } from './SnapshotStore';

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

describe('SnapshotStore', () => {
  const databases = TestDatabases.create({ ids, disableDocker: true });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return SnapshotStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
  }

  it.each(databases.eachSupportedId())(
    'keeps the last good reading when a refresh fails, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.get('estate')).toBeUndefined();

      const fetchedAt = new Date('2026-11-23T10:00:00.000Z');
      await store.saveSuccess('estate', { subscriptions: ['a', 'b'] }, fetchedAt);
      await store.saveFailure(
        'estate',
        { message: 'HTTP 503: ServiceUnavailable', code: 'ServiceUnavailable' },
        new Date('2026-11-23T10:05:00.000Z'),
      );

      const snapshot = await store.get<{ subscriptions: string[] }>('estate');
      expect(snapshot?.payload).toEqual({ subscriptions: ['a', 'b'] });
      expect(snapshot?.fetchedAt?.toISOString()).toBe(fetchedAt.toISOString());
      expect(snapshot?.lastError).toEqual({
        message: 'HTTP 503: ServiceUnavailable',
        code: 'ServiceUnavailable',
        at: new Date('2026-11-23T10:05:00.000Z'),
      });

      // A later success clears the failure and replaces the reading.
      await store.saveSuccess('estate', { subscriptions: ['c'] }, new Date('2026-11-23T10:10:00.000Z'));
      const recovered = await store.get<{ subscriptions: string[] }>('estate');
      expect(recovered?.payload).toEqual({ subscriptions: ['c'] });
      expect(recovered?.lastError).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'records a failure before any good reading without inventing data, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.saveFailure('estate', { message: 'connect ECONNREFUSED' }, new Date('2026-11-23T09:00:00.000Z'));
      const snapshot = await store.get('estate');
      expect(snapshot?.payload).toBeUndefined();
      expect(snapshot?.fetchedAt).toBeUndefined();
      expect(snapshot?.lastError?.message).toBe('connect ECONNREFUSED');
    },
  );
});
