import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  EntityRetentionSummary,
  Finding,
  Verdict,
} from '@dataplatform/plugin-retention-common';
import { RetentionStore, RunRecord, StoredEntity } from './RetentionStore';

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

function finding(entityRef: string, verdict: Verdict, n = 0): Finding {
  return {
    id: `${entityRef}|total-retention|audit-logs|/subscriptions/s/tables/T${n}`,
    entityRef,
    area: 'retention',
    check: 'total-retention',
    category: 'audit-logs',
    categoryTitle: 'Audit trails in Log Analytics',
    resourceId: `/subscriptions/s/tables/T${n}`,
    resourceName: `log / T${n}`,
    verdict,
    required: '≥ 3,650 days (10 years)',
    actual: '30 days (workspace default)',
    requiredDays: 3650,
    actualDays: 30,
    reason: 'kept 30 days, 3,650 required',
    source: 'platform policy',
  };
}

function entity(
  entityRef: string,
  kind: 'Domain' | 'DataProduct',
  verdict: Verdict,
  evaluatedAt: string,
  domainRef?: string,
): StoredEntity {
  const findings = [finding(entityRef, verdict)];
  const summary: EntityRetentionSummary = {
    entityRef,
    kind,
    verdict,
    counts: {
      violation: verdict === 'violation' ? 1 : 0,
      'at-risk': verdict === 'at-risk' ? 1 : 0,
      unknown: verdict === 'unknown' ? 1 : 0,
      compliant: verdict === 'compliant' ? 1 : 0,
    },
    worst: findings[0],
    evaluatedAt,
    stale: false,
  };
  return {
    entityRef,
    kind,
    ...(domainRef ? { domainRef } : {}),
    evaluatedAt,
    summary,
    detail: {
      findings,
      timelines: [
        {
          category: 'audit-logs',
          categoryTitle: 'Audit trails in Log Analytics',
          resourceName: 'log / T0',
          segments: [
            { phase: 'interactive', fromDay: 0, toDay: 30 },
            { phase: 'deleted', fromDay: 30 },
          ],
          requiredTotalDays: 3650,
          verdict,
        },
      ],
      recovery: {
        rpo: 'P1D',
        rto: 'PT12H',
        strategy: 'backup-restore',
        source: `declared on ${entityRef}`,
      },
    },
  };
}

const run = (finishedAt: string, azureCalls = 42): RunRecord => ({
  startedAt: new Date(Date.parse(finishedAt) - 1500).toISOString(),
  finishedAt,
  subscriptions: 6,
  azureCalls,
});

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:15:00.000Z';

describe('RetentionStore', () => {
  const databases = TestDatabases.create({ ids, disableDocker: true });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await RetentionStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    return { store, knex };
  }

  it.each(databases.eachSupportedId())(
    'keeps each entity’s last evaluation in full and the last run, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      expect(await store.all()).toEqual([]);
      expect(await store.lastRun()).toBeUndefined();

      const hr = entity(
        'domain:default/hr',
        'Domain',
        'violation',
        AT,
        'domain:default/hr',
      );
      const directory = entity(
        'dataproduct:default/employee-directory',
        'DataProduct',
        'compliant',
        AT,
        'domain:default/hr',
      );
      const sales = entity(
        'domain:default/sales',
        'Domain',
        'at-risk',
        AT,
        'domain:default/sales',
      );
      await store.saveRun([hr, directory, sales], run(AT), { prune: true });

      expect(await store.get('Domain:default/HR')).toEqual(hr);
      expect(await store.get('domain:default/finance')).toBeUndefined();
      expect(
        (await store.children('domain:default/hr')).map(e => e.entityRef),
      ).toEqual(['dataproduct:default/employee-directory']);
      expect(
        (await store.ofDomain('domain:default/hr')).map(e => e.entityRef),
      ).toEqual([
        'dataproduct:default/employee-directory',
        'domain:default/hr',
      ]);
      expect(await store.lastRun()).toEqual(run(AT));
      // Lists read the summaries alone, in entity order, without details.
      expect(await store.summaries()).toEqual(
        [directory, hr, sales].map(e => ({
          entityRef: e.entityRef,
          evaluatedAt: e.evaluatedAt,
          summary: e.summary,
        })),
      );

      // The next run replaces rows and drops the entity it did not evaluate.
      const hrLater = entity(
        'domain:default/hr',
        'Domain',
        'unknown',
        LATER,
        'domain:default/hr',
      );
      await store.saveRun([hrLater, sales], run(LATER, 7), { prune: true });
      expect(
        (await store.all()).map(e => [
          e.entityRef,
          e.summary.verdict,
          e.evaluatedAt,
        ]),
      ).toEqual([
        ['domain:default/hr', 'unknown', LATER],
        ['domain:default/sales', 'at-risk', AT],
      ]);
      expect(await store.lastRun()).toEqual(run(LATER, 7));
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes nothing when a run evaluated nothing or is told not to, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveRun(
        [
          entity(
            'domain:default/hr',
            'Domain',
            'violation',
            AT,
            'domain:default/hr',
          ),
          entity(
            'domain:default/sales',
            'Domain',
            'compliant',
            AT,
            'domain:default/sales',
          ),
        ],
        run(AT),
        { prune: true },
      );
      // An empty catalog answer.
      await store.saveRun([], run(LATER, 0), { prune: true });
      expect((await store.all()).map(e => e.entityRef)).toEqual([
        'domain:default/hr',
        'domain:default/sales',
      ]);
      await store.saveRun(
        [
          entity(
            'domain:default/sales',
            'Domain',
            'at-risk',
            LATER,
            'domain:default/sales',
          ),
        ],
        run(LATER),
        { prune: false },
      );
      expect(
        (await store.all()).map(e => [e.entityRef, e.evaluatedAt]),
      ).toEqual([
        ['domain:default/hr', AT],
        ['domain:default/sales', LATER],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores and prunes a run of many entities, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 450 }, (_, i) =>
        entity(
          `dataproduct:default/p${String(i).padStart(3, '0')}`,
          'DataProduct',
          i % 2 ? 'compliant' : 'violation',
          AT,
          'domain:default/hr',
        ),
      );
      await store.saveRun(many, run(AT), { prune: true });
      expect(await store.all()).toHaveLength(450);
      await store.saveRun(many.slice(0, 10), run(LATER), { prune: true });
      const left = await store.all();
      expect(left.map(e => e.entityRef)).toEqual(
        many.slice(0, 10).map(e => e.entityRef),
      );
      expect(left[9].detail.findings[0].verdict).toBe('compliant');
    },
  );
});
