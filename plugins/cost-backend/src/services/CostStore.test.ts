import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { CostStore } from './CostStore';
import { CostSnapshotData } from './snapshot';

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

const SUB = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';

function snapshotData(n: number): CostSnapshotData {
  const at = new Date(Date.UTC(2026, 10, 24, 0, n)).toISOString();
  return {
    collectedAt: at,
    today: '2026-11-24',
    scope: '/providers/Microsoft.Management/managementGroups/mg-root',
    grouping: 'subscription',
    currency: 'EUR',
    usage: {
      asOf: at,
      groups: { [SUB]: { '2026-11-23': 700.5 + n, '2026-11-24': 12.25 } },
    },
    forecast: { asOf: at, remaining: 4321.09, monthEnd: '2026-11-30' },
    alerts: {
      asOf: at,
      items: [
        {
          id: `subscriptions/${SUB}/providers/Microsoft.CostManagement/alerts/a-${n}`,
          definition: { type: 'Budget', criteria: 'CostThresholdExceeded' },
          details: { threshold: 0.8, amount: 25000, currentSpend: 20100 },
          status: 'Active',
        },
      ],
    },
    budgets: {
      [SUB]: {
        asOf: at,
        items: [
          {
            name: 'budget-dp-domain-finance',
            amount: 25000,
            category: 'Cost',
            timeGrain: 'Monthly',
            currentSpend: { amount: 20100, unit: 'EUR' },
            forecastSpend: { amount: 24800, unit: 'EUR' },
            notifications: {
              Actual_GreaterThan_80_Percent: {
                enabled: true,
                operator: 'GreaterThan',
                threshold: 80,
                thresholdType: 'Actual',
                contactEmails: ['finance-data@contoso.example'],
              },
            },
          },
        ],
      },
    },
    staleReasons:
      n % 2 ? ['forecast: HTTP 500: InternalServerError: boom'] : [],
    attempt: { startedAt: at, finishedAt: at, calls: 3 },
  };
}

describe('CostStore', () => {
  const databases = TestDatabases.create({ ids, disableDocker: true });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await CostStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    return { store, knex };
  }

  it.each(databases.eachSupportedId())(
    'serves nothing before the first refresh and the newest snapshot in full after, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      expect(await store.latest()).toBeUndefined();
      expect(await store.latestId()).toBeUndefined();

      const first = await store.save(snapshotData(1));
      const second = await store.save(snapshotData(2));
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.latestId()).toBe(second.id);
      expect(await store.latest()).toEqual({
        ...snapshotData(2),
        id: second.id,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the newest 48 snapshots and drops older ones, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const saved = [];
      for (let n = 0; n < 50; n++)
        saved.push(await store.save(snapshotData(n)));
      const kept = await store.ids();
      expect(kept).toHaveLength(48);
      expect(kept).toEqual(
        saved
          .slice(2)
          .map(s => s.id)
          .reverse(),
      );
      expect((await store.latest())?.usage.groups[SUB]['2026-11-23']).toBe(
        700.5 + 49,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a second store on the same database (another instance, or a restart) read what the first stored, on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const saved = await store.save(snapshotData(7));
      const restarted = await CostStore.create({
        getClient: async () => knex,
        migrations: { skip: false },
      });
      expect(await restarted.latest()).toEqual({
        ...snapshotData(7),
        id: saved.id,
      });
    },
  );
});
