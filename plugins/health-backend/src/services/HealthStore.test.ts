import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  EntityHealthSummary,
  HealthState,
  ModelResult,
} from '@dataplatform/plugin-health-common';
import { logModel } from '../__testUtils__/models';
import { HealthStore } from './HealthStore';
import { EntityEvaluation, HealthModelEntry } from './types';

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

function evaluation(
  entry: Omit<HealthModelEntry, 'title'>,
  state: HealthState,
  options: { score?: number; result?: ModelResult } = {},
): EntityEvaluation {
  const summary: EntityHealthSummary = {
    entityRef: entry.entityRef,
    kind: entry.kind,
    title: entry.entityRef.split('/')[1],
    ...(entry.domainRef ? { domainRef: entry.domainRef } : {}),
    state,
    ...(options.score !== undefined ? { score: options.score } : {}),
    signalCounts: { healthy: 0, unknown: 0, degraded: 0, unhealthy: 0 },
    topCauses: [],
    ...(entry.modelError ? { modelError: entry.modelError } : {}),
  };
  return {
    entry: { ...entry, title: summary.title },
    summary,
    ...(options.result ? { result: options.result } : {}),
  };
}

const cycle = (entities: number) => ({
  durationMs: 1234.4,
  entities,
  signals: { log: 3, metric: 2 },
  calls: { logs: 3, metrics: 1 },
});

describe('HealthStore', () => {
  const databases = TestDatabases.create({ ids, disableDocker: true });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await HealthStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    return { store, knex };
  }

  const model = logModel([
    { id: 'failures', query: 'T | summarize value = count()', unhealthy: 5 },
  ]);
  const result: ModelResult = {
    entityRef: 'domain:default/finance',
    state: 'degraded',
    score: 0.5,
    components: [],
  };

  it.each(databases.eachSupportedId())(
    'keeps the latest evaluation of each entity in full, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      expect(await store.latestAll()).toEqual([]);
      expect(await store.lastCycle()).toBeUndefined();

      const at = new Date('2026-12-01T10:00:00.000Z');
      await store.saveCycle(
        [
          evaluation(
            {
              entityRef: 'domain:default/finance',
              kind: 'domain',
              owner: 'group:default/finance-domain-owners',
              source: 'catalog/health/finance.health.yaml',
              model,
            },
            'degraded',
            { score: 0.5, result },
          ),
          evaluation(
            {
              entityRef: 'dataproduct:default/general-ledger',
              kind: 'dataproduct',
              domainRef: 'domain:default/finance',
              modelError: {
                message: 'broken',
                errors: [{ path: '/spec', message: 'bad' }],
              },
            },
            'unknown',
          ),
          evaluation(
            {
              entityRef: 'dataproduct:default/payroll',
              kind: 'dataproduct',
              domainRef: 'domain:default/hr',
            },
            'healthy',
            { score: 1 },
          ),
        ],
        at,
        cycle(3),
      );

      expect(await store.latest('Domain:default/Finance')).toEqual({
        entityRef: 'domain:default/finance',
        kind: 'domain',
        owner: 'group:default/finance-domain-owners',
        source: 'catalog/health/finance.health.yaml',
        evaluatedAt: '2026-12-01T10:00:00.000Z',
        summary: expect.objectContaining({ state: 'degraded', score: 0.5 }),
        result,
        model,
      });
      expect(await store.latest('domain:default/sales')).toBeUndefined();
      expect(
        (await store.children('domain:default/finance')).map(c => [
          c.entityRef,
          c.modelError,
        ]),
      ).toEqual([
        [
          'dataproduct:default/general-ledger',
          { message: 'broken', errors: [{ path: '/spec', message: 'bad' }] },
        ],
      ]);
      expect(await store.lastCycle()).toEqual({
        finishedAt: '2026-12-01T10:00:00.000Z',
        durationMs: 1234,
        entities: 3,
        signals: { log: 3, metric: 2 },
        calls: { logs: 3, metrics: 1 },
      });

      // The next cycle replaces each entity's row and drops the one not evaluated.
      const next = new Date('2026-12-01T10:01:00.000Z');
      await store.saveCycle(
        [
          evaluation(
            { entityRef: 'domain:default/finance', kind: 'domain', model },
            'unhealthy',
            { score: 0 },
          ),
          evaluation(
            { entityRef: 'dataproduct:default/payroll', kind: 'dataproduct' },
            'healthy',
          ),
        ],
        next,
        cycle(2),
      );
      const all = await store.latestAll();
      expect(
        all.map(s => [s.entityRef, s.summary.state, s.evaluatedAt]),
      ).toEqual([
        ['dataproduct:default/payroll', 'healthy', '2026-12-01T10:01:00.000Z'],
        ['domain:default/finance', 'unhealthy', '2026-12-01T10:01:00.000Z'],
      ]);
      expect(all[1].result).toBeUndefined();
      expect(all[1].owner).toBeUndefined();
      expect((await store.lastCycle())?.finishedAt).toBe(
        '2026-12-01T10:01:00.000Z',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'answers history since a time, oldest first, and prunes what is older, on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const finance = (state: HealthState) =>
        evaluation(
          { entityRef: 'domain:default/finance', kind: 'domain' },
          state,
        );
      const states: HealthState[] = [
        'healthy',
        'degraded',
        'unhealthy',
        'unknown',
        'healthy',
      ];
      const start = Date.parse('2026-10-01T00:00:00.000Z');
      // Saved newest first: the answer is still in time order.
      for (let day = states.length - 1; day >= 0; day--) {
        await store.saveCycle(
          [
            finance(states[day]),
            evaluation(
              { entityRef: 'domain:default/sales', kind: 'domain' },
              'healthy',
            ),
          ],
          new Date(start + day * 10 * 86_400_000),
          cycle(2),
        );
      }

      expect(
        await store.history(
          'domain:default/finance',
          new Date(start + 15 * 86_400_000),
        ),
      ).toEqual([
        { at: start + 20 * 86_400_000, state: 'unhealthy' },
        { at: start + 30 * 86_400_000, state: 'unknown' },
        { at: start + 40 * 86_400_000, state: 'healthy' },
      ]);
      expect(
        await store.history('domain:default/finance', new Date(start)),
      ).toHaveLength(5);
      // The bound is inclusive.
      expect(
        await store.history(
          'domain:default/finance',
          new Date(start + 40 * 86_400_000),
        ),
      ).toEqual([{ at: start + 40 * 86_400_000, state: 'healthy' }]);

      expect(await store.prune(new Date(start + 25 * 86_400_000))).toEqual({
        evaluations: 6,
        cycles: 3,
      });
      expect(
        await store.history('domain:default/finance', new Date(0)),
      ).toEqual([
        { at: start + 30 * 86_400_000, state: 'unknown' },
        { at: start + 40 * 86_400_000, state: 'healthy' },
      ]);
      const [{ n }] = await knex('health_evaluations').count({ n: '*' });
      expect(Number(n)).toBe(4);
      const scores = await knex('health_evaluations')
        .where('entity_ref', 'domain:default/finance')
        .select('score');
      expect(scores.map(r => r.score)).toEqual([null, null]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a cycle of many entities in one go, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 450 }, (_, i) =>
        evaluation(
          {
            entityRef: `dataproduct:default/p${String(i).padStart(3, '0')}`,
            kind: 'dataproduct',
          },
          i % 2 ? 'healthy' : 'degraded',
          { score: i % 2 ? 1 : 0.5 },
        ),
      );
      await store.saveCycle(
        many,
        new Date('2026-12-01T10:00:00.000Z'),
        cycle(450),
      );
      const all = await store.latestAll();
      expect(all).toHaveLength(450);
      expect(all[449].summary).toMatchObject({
        entityRef: 'dataproduct:default/p449',
        state: 'healthy',
        score: 1,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps day totals per entity, replaces changed ones and prunes whole days, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const finance = evaluation(
        { entityRef: 'domain:default/finance', kind: 'domain' },
        'degraded',
      );
      const day = (
        entityRef: string,
        date: string,
        observedMs: number,
        unhealthyMs: number,
        worstState: HealthState,
      ) => ({ entityRef, day: date, observedMs, unhealthyMs, worstState });
      await store.saveCycle(
        [finance],
        new Date('2026-12-02T00:01:00.000Z'),
        cycle(1),
        {
          daily: [
            day(
              'domain:default/finance',
              '2026-12-01',
              86_000_000,
              60_000,
              'unhealthy',
            ),
            day('domain:default/finance', '2026-12-02', 60_000, 0, 'degraded'),
            day('domain:default/sales', '2026-11-01', 1_000, 0, 'healthy'),
          ],
        },
      );
      await store.saveCycle(
        [finance],
        new Date('2026-12-02T00:02:00.000Z'),
        cycle(1),
        {
          daily: [
            day('domain:default/finance', '2026-12-02', 120_000, 0, 'degraded'),
          ],
        },
      );

      const all = await store.daily('2026-11-01');
      expect([...all.keys()]).toEqual([
        'domain:default/finance',
        'domain:default/sales',
      ]);
      expect(all.get('domain:default/finance')).toEqual(
        [
          day('x', '2026-12-01', 86_000_000, 60_000, 'unhealthy'),
          day('x', '2026-12-02', 120_000, 0, 'degraded'),
        ].map(({ entityRef: _ref, ...rest }) => rest),
      );
      expect(
        (await store.daily('2026-12-02', 'Domain:default/Finance')).get(
          'domain:default/finance',
        ),
      ).toEqual([
        {
          day: '2026-12-02',
          observedMs: 120_000,
          unhealthyMs: 0,
          worstState: 'degraded',
        },
      ]);

      // Days wholly before the bound go; the bound's own day stays.
      expect(await store.pruneDaily(new Date('2026-12-01T10:00:00.000Z'))).toBe(
        1,
      );
      expect([...(await store.daily('2000-01-01')).keys()]).toEqual([
        'domain:default/finance',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the latest set when a cycle evaluated nothing or is told to, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const at = (minute: number) =>
        new Date(Date.parse('2026-12-01T10:00:00.000Z') + minute * 60_000);
      await store.saveCycle(
        [
          evaluation(
            { entityRef: 'domain:default/finance', kind: 'domain' },
            'healthy',
          ),
          evaluation(
            { entityRef: 'domain:default/sales', kind: 'domain' },
            'healthy',
          ),
        ],
        at(0),
        cycle(2),
      );
      await store.saveCycle([], at(1), cycle(0));
      expect((await store.latestAll()).map(s => s.entityRef)).toEqual([
        'domain:default/finance',
        'domain:default/sales',
      ]);
      await store.saveCycle(
        [
          evaluation(
            { entityRef: 'domain:default/sales', kind: 'domain' },
            'degraded',
          ),
        ],
        at(2),
        cycle(1),
        { pruneLatest: false },
      );
      expect(
        (await store.latestAll()).map(s => [s.entityRef, s.evaluatedAt]),
      ).toEqual([
        ['domain:default/finance', at(0).toISOString()],
        ['domain:default/sales', at(2).toISOString()],
      ]);
      expect((await store.lastCycle())?.entities).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores where a model was read from however long its address, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const source = `https://git.example.com/${'deep/'.repeat(
        300,
      )}finance.health.yaml`;
      expect(source.length).toBeGreaterThan(1000);
      await store.saveCycle(
        [
          evaluation(
            {
              entityRef: 'domain:default/finance',
              kind: 'domain',
              source,
              model,
            },
            'healthy',
          ),
        ],
        new Date('2026-12-01T10:00:00.000Z'),
        cycle(1),
      );
      expect((await store.latest('domain:default/finance'))?.source).toBe(
        source,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'fills the day totals from the stored points once, after the upgrade that added them, on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const start = Date.parse('2026-12-01T23:58:00.000Z');
      const states: Array<[number, HealthState]> = [
        [0, 'healthy'],
        [60_000, 'unhealthy'],
        // Across midnight, and a gap longer than the hold of three minutes.
        [180_000, 'unknown'],
        [240_000, 'degraded'],
        [900_000, 'healthy'],
      ];
      await knex('health_evaluations').insert(
        states.map(([offset, state]) => ({
          entity_ref: 'domain:default/finance',
          evaluated_at: new Date(start + offset),
          state,
          score: null,
        })),
      );

      expect(await store.fillDailyIfEmpty(180_000)).toBe(2);
      expect(
        (await store.daily('2026-12-01')).get('domain:default/finance'),
      ).toEqual([
        // 23:58–23:59 healthy, 23:59–00:00 unhealthy.
        {
          day: '2026-12-01',
          observedMs: 120_000,
          unhealthyMs: 60_000,
          worstState: 'unhealthy',
        },
        // 00:00–00:01 unhealthy, 00:01–00:02 unknown, 00:02–00:05 degraded
        // (held three minutes of the thirteen until the next point).
        {
          day: '2026-12-02',
          observedMs: 240_000,
          unhealthyMs: 60_000,
          worstState: 'unhealthy',
        },
      ]);
      // Filled once: with totals present it leaves them alone.
      expect(await store.fillDailyIfEmpty(180_000)).toBe(0);
    },
  );
});
