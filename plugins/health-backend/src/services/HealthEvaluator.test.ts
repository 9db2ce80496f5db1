import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  SLO_OBJECTIVE,
  bucketHistory,
  computeSlo,
} from '@dataplatform/plugin-health-common';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import { useLocalAzureEndpoint } from '../__testUtils__/azure';
import { SALES_WORKSPACE, WORKSPACE, logModel } from '../__testUtils__/models';
import { dailyOfPoints } from './daily';
import { HealthEvaluator, evaluateHealthModels } from './HealthEvaluator';
import { HealthQueries } from './HealthQueries';
import { HealthStore } from './HealthStore';
import { SignalReader } from './SignalReader';
import pLimit from 'p-limit';
import { HealthModelEntry } from './types';

const OWN_QUERY =
  'ADFPipelineRun | where Status == "Failed" | summarize value = count()';
const LEDGER_QUERY = 'LedgerLag_CL | summarize value = max(LagMinutes)';
const FRAUD_QUERY = 'FraudScoring_CL | summarize value = countif(Failed)';

const silent = {
  baseline: 0,
  periodMinutes: 1,
  episodes: [{ fromMinute: 0, toMinute: 1, value: null }],
};

function finance(
  rollup: 'worst-of' | 'weighted' = 'worst-of',
): HealthModelEntry[] {
  return [
    {
      entityRef: 'domain:default/finance',
      kind: 'domain',
      title: 'Finance',
      owner: 'group:default/finance-domain-owners',
      model: logModel(
        [{ id: 'failures', query: OWN_QUERY, degraded: 1, unhealthy: 5 }],
        rollup,
      ),
    },
    {
      entityRef: 'dataproduct:default/general-ledger',
      kind: 'dataproduct',
      title: 'General Ledger',
      domainRef: 'domain:default/finance',
      model: logModel([
        { id: 'lag', query: LEDGER_QUERY, degraded: 1, unhealthy: 5 },
      ]),
    },
    {
      entityRef: 'dataproduct:default/fraud-scores',
      kind: 'dataproduct',
      title: 'Fraud Scores',
      domainRef: 'domain:default/finance',
      model: logModel([
        {
          id: 'failed-scorings',
          query: FRAUD_QUERY,
          degraded: 1,
          unhealthy: 5,
        },
      ]),
    },
    {
      entityRef: 'dataproduct:default/broken',
      kind: 'dataproduct',
      title: 'Broken',
      domainRef: 'domain:default/finance',
      modelError: {
        message:
          'dataplatform.contoso.com/health-model: catalog/health/broken.health.yaml is not a valid health model: /spec/rollup: must be one of worst-of, weighted',
        errors: [
          {
            path: '/spec/rollup',
            message: 'must be one of worst-of, weighted',
          },
        ],
      },
    },
  ];
}

describe('evaluateHealthModels', () => {
  const azure = useLocalAzureEndpoint();

  type ScenarioScript = Parameters<
    (typeof azure.endpoint.monitor)['setLogSignal']
  >[0]['script'];

  function script(query: string, scenario: ScenarioScript) {
    azure.endpoint.monitor.setLogSignal({
      workspace: WORKSPACE,
      query,
      script: scenario,
    });
  }

  beforeEach(() => {
    script(OWN_QUERY, { baseline: 0 });
    script(LEDGER_QUERY, { baseline: 3 });
    script(FRAUD_QUERY, { baseline: 7 });
  });

  it('rolls a domain up with its products, worst causes first', async () => {
    const out = await evaluateHealthModels({
      models: finance(),
      clients: azure.clients,
    });

    expect(out.calls).toEqual({ logs: 3, metrics: 0 });
    expect(out.signals).toEqual({ log: 3, metric: 0 });
    expect(out.results.map(r => [r.entityRef, r.title, r.state])).toEqual([
      ['domain:default/finance', 'Finance', 'healthy'],
      ['dataproduct:default/general-ledger', 'General Ledger', 'degraded'],
      ['dataproduct:default/fraud-scores', 'Fraud Scores', 'unhealthy'],
    ]);

    const byRef = new Map(out.summaries.map(s => [s.entityRef, s]));
    const domain = byRef.get('domain:default/finance')!;
    expect(domain).toMatchObject({
      kind: 'domain',
      title: 'Finance',
      state: 'unhealthy',
      // worst-of keeps the mean of the known parts as its score: (1 + 0.5 + 0) / 3.
      score: 0.5,
      signalCounts: { healthy: 1, unknown: 0, degraded: 1, unhealthy: 1 },
      evaluatedAt: out.evaluatedAt,
    });
    expect(domain.topCauses).toHaveLength(3);
    // Products go by their titles, the one without a model too.
    expect(domain.topCauses[0]).toMatch(
      /^Fraud Scores \(unhealthy\): Main: failed-scorings: /,
    );
    expect(domain.topCauses[1]).toMatch(
      /^General Ledger \(degraded\): Main: lag: /,
    );
    expect(domain.topCauses[2]).toBe('Broken (unknown)');

    expect(byRef.get('dataproduct:default/fraud-scores')).toMatchObject({
      domainRef: 'domain:default/finance',
      state: 'unhealthy',
      score: 0,
      signalCounts: { healthy: 0, unknown: 0, degraded: 0, unhealthy: 1 },
    });
    expect(byRef.get('dataproduct:default/fraud-scores')!.topCauses[0]).toMatch(
      /^Main: failed-scorings: .*7/,
    );
    const broken = byRef.get('dataproduct:default/broken')!;
    expect(broken).toMatchObject({
      state: 'unknown',
      // One line; the errors themselves are in modelError.
      topCauses: [
        'dataplatform.contoso.com/health-model: catalog/health/broken.health.yaml is not a valid health model (1 error)',
      ],
      modelError: finance()[3].modelError,
      signalCounts: { healthy: 0, unknown: 0, degraded: 0, unhealthy: 0 },
    });
    expect(broken.score).toBeUndefined();
  });

  it('uses the domain model’s weighted rollup over its components and products', async () => {
    const out = await evaluateHealthModels({
      models: finance('weighted').slice(0, 3),
      clients: azure.clients,
    });
    const domain = out.summaries.find(s => s.kind === 'domain')!;
    // (1 + 0.5 + 0) / 3 = 0.5: degraded in weighted mode.
    expect(domain.state).toBe('degraded');
    expect(domain.score).toBeCloseTo(0.5);
  });

  it('never lets a domain whose own model is broken look healthy', async () => {
    const [own, ledger] = finance();
    script(LEDGER_QUERY, { baseline: 0 });
    const out = await evaluateHealthModels({
      models: [
        {
          ...own,
          model: undefined,
          modelError: { message: 'the model is broken', errors: [] },
        },
        ledger,
      ],
      clients: azure.clients,
    });
    const domain = out.summaries.find(s => s.kind === 'domain')!;
    expect(domain.state).toBe('unknown');
    expect(domain.topCauses).toEqual(['the model is broken']);
    expect(out.summaries.find(s => s.kind === 'dataproduct')!.state).toBe(
      'healthy',
    );
  });

  it('keeps the last known value of a signal that went silent, across cycles', async () => {
    const models = finance().slice(1, 2);
    const first = await evaluateHealthModels({
      models,
      clients: azure.clients,
    });
    const before = first.results[0].components[0].signals[0];
    expect(before).toMatchObject({ state: 'degraded', value: 3 });

    script(LEDGER_QUERY, silent);
    const second = await evaluateHealthModels({
      models,
      clients: azure.clients,
      previous: first.results,
    });
    const after = second.results[0].components[0].signals[0];
    expect(after.state).toBe('unknown');
    expect(after.value).toBeUndefined();
    expect(after.explanation).toBe('no data in the last 15 minutes');
    expect(after.lastKnown).toEqual({
      value: 3,
      observedAt: before.observedAt,
    });

    const third = await evaluateHealthModels({
      models,
      clients: azure.clients,
      previous: second.results,
    });
    expect(third.results[0].components[0].signals[0].lastKnown).toEqual(
      after.lastKnown,
    );
    expect(third.summaries[0]).toMatchObject({
      state: 'unknown',
      signalCounts: { healthy: 0, unknown: 1, degraded: 0, unhealthy: 0 },
    });
  });

  it('keeps one entity’s Azure failure to that entity', async () => {
    azure.endpoint.faults.add({
      path: '/query$',
      kind: 'throttle',
      retryAfterSeconds: 0,
    });
    const out = await evaluateHealthModels({
      models: finance().slice(1, 2),
      clients: azure.clients,
    });
    const signal = out.results[0].components[0].signals[0];
    expect(signal.state).toBe('unknown');
    expect(signal.explanation).toBe('throttled by Azure (HTTP 429)');
    expect(signal.detail).toMatch(
      /^HTTP 429: TooManyRequests: Too many requests/,
    );
    expect(out.summaries[0].topCauses).toEqual([
      'Main: lag: throttled by Azure (HTTP 429)',
    ]);
  });
});

describe('HealthEvaluator.runCycle', () => {
  const azure = useLocalAzureEndpoint();
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('stores each cycle, drops entities whose model is gone and prunes old history', async () => {
    azure.endpoint.monitor.setLogSignal({
      workspace: WORKSPACE,
      query: OWN_QUERY,
      script: { baseline: 0 },
    });
    azure.endpoint.monitor.setLogSignal({
      workspace: WORKSPACE,
      query: LEDGER_QUERY,
      script: { baseline: 3 },
    });
    azure.endpoint.monitor.setLogSignal({
      workspace: WORKSPACE,
      query: FRAUD_QUERY,
      script: { baseline: 7 },
    });
    const knex = await databases.init('SQLITE_3');
    const store = await HealthStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    let entries = finance();
    let clock = new Date('2026-12-01T10:00:00.000Z');
    // A point from before the 35 days kept.
    await knex('health_evaluations').insert({
      entity_ref: 'domain:default/finance',
      evaluated_at: new Date('2026-10-20T10:00:00.000Z'),
      state: 'healthy',
      score: 1,
    });
    const logger = mockServices.logger.mock();
    const evaluator = new HealthEvaluator({
      source: { load: async () => entries },
      reader: new SignalReader(azure.clients, { logQueryLimit: pLimit(5) }),
      store,
      logger,
      historyDays: 35,
      maxHoldMs: 180_000,
      now: () => clock,
    });

    const report = await evaluator.runCycle();
    expect(report).toMatchObject({
      entities: 4,
      modelErrors: 1,
      signals: { log: 3, metric: 0 },
      calls: { logs: 3, metrics: 0 },
      unknownSignals: 0,
      pruned: { evaluations: 1, cycles: 0 },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Health model of dataproduct:default/broken: dataplatform.contoso.com/health-model: catalog/health/broken.health.yaml',
      ),
    );
    const latest = await store.latest('domain:default/finance');
    expect(latest).toMatchObject({
      kind: 'domain',
      owner: 'group:default/finance-domain-owners',
      evaluatedAt: '2026-12-01T10:00:00.000Z',
      summary: { state: 'unhealthy' },
    });
    // One point holds no time yet: nothing observed, no availability.
    expect(latest?.summary.availability30d).toBeUndefined();
    expect(latest?.model?.components[0].signals[0]).toMatchObject({
      query: OWN_QUERY,
    });

    clock = new Date('2026-12-01T10:01:00.000Z');
    entries = entries.filter(
      e => e.entityRef !== 'dataproduct:default/fraud-scores',
    );
    await evaluator.runCycle();

    expect((await store.latestAll()).map(s => s.entityRef)).toEqual([
      'dataproduct:default/broken',
      'dataproduct:default/general-ledger',
      'domain:default/finance',
    ]);
    expect((await store.latest('domain:default/finance'))?.summary.state).toBe(
      'degraded',
    );
    expect(await store.history('domain:default/finance', new Date(0))).toEqual([
      { at: Date.parse('2026-12-01T10:00:00.000Z'), state: 'unhealthy' },
      { at: Date.parse('2026-12-01T10:01:00.000Z'), state: 'degraded' },
    ]);
    // The removed product's history stays until pruned.
    expect(
      await store.history('dataproduct:default/fraud-scores', new Date(0)),
    ).toHaveLength(1);
    expect(await store.lastCycle()).toMatchObject({
      finishedAt: '2026-12-01T10:01:00.000Z',
      entities: 3,
      calls: { logs: 2, metrics: 0 },
    });

    // A quarter of an hour on, availability is computed from history:
    // unhealthy 10:00–10:01, degraded 10:01–10:04 (held three intervals at
    // most), unobserved since: 3 of 4 observed minutes not unhealthy.
    clock = new Date('2026-12-01T10:16:00.000Z');
    await evaluator.runCycle();
    expect(
      (await store.latest('domain:default/finance'))?.summary.availability30d,
    ).toBeCloseTo(0.75);
  });
});

describe('HealthEvaluator cycles', () => {
  const azure = useLocalAzureEndpoint();
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const SALES_QUERY = 'CrmLoads_CL | summarize value = countif(Failed)';
  const MAX_HOLD_MS = 180_000;

  const salesEntry: HealthModelEntry = {
    entityRef: 'domain:default/sales',
    kind: 'domain',
    title: 'Sales',
    owner: 'group:default/sales-domain-owners',
    model: {
      ...logModel([{ id: 'failed-loads', query: SALES_QUERY, unhealthy: 3 }]),
      components: [
        {
          id: 'main',
          title: 'Main',
          dependsOn: [],
          signals: [
            {
              id: 'failed-loads',
              type: 'log',
              workspace: SALES_WORKSPACE,
              query: SALES_QUERY,
              timespan: 'PT15M',
              thresholds: { direction: 'above', unhealthy: 3 },
            },
          ],
        },
      ],
    },
  };

  beforeEach(() => {
    for (const [query, baseline] of [
      [OWN_QUERY, 0],
      [LEDGER_QUERY, 3],
      [FRAUD_QUERY, 7],
    ] as const) {
      azure.endpoint.monitor.setLogSignal({
        workspace: WORKSPACE,
        query,
        script: { baseline },
      });
    }
    azure.endpoint.monitor.setLogSignal({
      workspace: SALES_WORKSPACE,
      query: SALES_QUERY,
      script: { baseline: 1 },
    });
  });

  async function setup(
    options: {
      entries?: HealthModelEntry[];
      readTimeoutMs?: number;
      start?: string;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await HealthStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const logger = mockServices.logger.mock();
    const state = {
      entries: options.entries ?? finance(),
      clock: new Date(options.start ?? '2026-12-01T10:00:00.000Z'),
    };
    const evaluatorOf = () =>
      new HealthEvaluator({
        source: { load: async () => state.entries },
        reader: new SignalReader(azure.clients, { logQueryLimit: pLimit(5) }),
        store,
        logger,
        historyDays: 35,
        maxHoldMs: MAX_HOLD_MS,
        readTimeoutMs: options.readTimeoutMs,
        now: () => state.clock,
      });
    const queries = new HealthQueries({
      store,
      memberships: new Memberships(
        {
          getUserInfo: async () => ({
            userEntityRef: 'user:default/priya.patel',
            ownershipEntityRefs: ['group:default/platform-team'],
          }),
        },
        'group:default/platform-team',
      ),
      tenantId: 'tenant',
      intervalSeconds: MAX_HOLD_MS / 3 / 1000,
      now: () => state.clock,
    });
    return {
      knex,
      store,
      logger,
      state,
      evaluator: evaluatorOf(),
      evaluatorOf,
      queries,
    };
  }

  const at = (iso: string) => new Date(iso);
  const refs = async (store: HealthStore) =>
    (await store.latestAll()).map(s => s.entityRef);

  it('stores every other entity at the read deadline when one workspace does not answer', async () => {
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-sales/query$',
      kind: 'delay',
      delayMs: 8_000,
    });
    const { store, evaluator } = await setup({
      entries: [...finance(), salesEntry],
      readTimeoutMs: 1_000,
    });

    const started = Date.now();
    const report = await evaluator.runCycle();
    expect(Date.now() - started).toBeLessThan(4_000);

    expect(report.entities).toBe(5);
    expect(report.unknownSignals).toBe(1);
    expect((await store.latest('domain:default/finance'))?.summary.state).toBe(
      'unhealthy',
    );
    expect(
      (await store.latest('dataproduct:default/general-ledger'))?.result
        ?.components[0].signals[0].value,
    ).toBe(3);
    const sales = await store.latest('domain:default/sales');
    expect(sales?.summary).toMatchObject({
      state: 'unknown',
      topCauses: ['Main: failed-loads: no answer from Azure within 1 second'],
    });
    expect(sales?.result?.components[0].signals[0]).toMatchObject({
      state: 'unknown',
      explanation: 'no answer from Azure within 1 second',
      detail: expect.stringMatching(
        /^Log Analytics had not answered the query when the evaluation's read deadline of 1 second passed/,
      ),
    });
  });

  it('stops reading and stores nothing when the scheduler stops the cycle', async () => {
    azure.endpoint.faults.add({
      path: '/query$',
      kind: 'delay',
      delayMs: 8_000,
    });
    const { store, evaluator } = await setup({ readTimeoutMs: 30_000 });
    const controller = new AbortController();
    const started = Date.now();
    const cycle = evaluator.runCycle({ abortSignal: controller.signal });
    controller.abort(new Error('the task timed out'));

    await expect(cycle).rejects.toThrow(
      'The health cycle was stopped before it finished reading Azure (Error: the task timed out); nothing of it was stored',
    );
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await store.latestAll()).toEqual([]);
    expect(await store.lastCycle()).toBeUndefined();
  });

  it('keeps every result when the catalog lists nothing, as at start-up before it has ingested', async () => {
    const { store, state, logger, evaluator, evaluatorOf } = await setup();
    await evaluator.runCycle();
    expect(await refs(store)).toHaveLength(4);

    // A restart whose first cycle finds the catalog still empty.
    const restarted = evaluatorOf();
    state.entries = [];
    state.clock = at('2026-12-01T10:01:00.000Z');
    const empty = await restarted.runCycle();
    expect(empty).toMatchObject({ entities: 0, prunedLatest: false });
    expect(await refs(store)).toHaveLength(4);
    expect(logger.warn).toHaveBeenCalledWith(
      'Health cycle: the catalog lists no Domain or DataProduct with a health model; keeping the last evaluation of the 4 entities evaluated before, which turn stale',
    );

    // The catalog is back: each point of 10:00 held until 10:02, and every
    // entity evaluated now has its availability and error budget.
    state.entries = finance();
    state.clock = at('2026-12-01T10:02:00.000Z');
    await restarted.runCycle();
    const domain = await store.latest('domain:default/finance');
    expect(domain?.summary.availability30d).toBe(0);
    expect(domain?.summary.errorBudgetRemainingFraction).toBeCloseTo(
      (43.2 - 2) / 43.2,
    );
    const ledger = await store.latest('dataproduct:default/general-ledger');
    expect(ledger?.summary.availability30d).toBe(1);
    expect(ledger?.summary.errorBudgetRemainingFraction).toBe(1);
  });

  it('computes the availability of an entity the first time it has observed time, not a quarter hour later', async () => {
    const { store, state, evaluator } = await setup();
    await evaluator.runCycle();
    expect(
      (await store.latest('dataproduct:default/general-ledger'))?.summary
        .availability30d,
    ).toBeUndefined();
    state.clock = at('2026-12-01T10:01:00.000Z');
    await evaluator.runCycle();
    expect(
      (await store.latest('dataproduct:default/general-ledger'))?.summary,
    ).toMatchObject({ availability30d: 1, errorBudgetRemainingFraction: 1 });
    expect(
      (await store.latest('dataproduct:default/fraud-scores'))?.summary,
    ).toMatchObject({
      availability30d: 0,
      errorBudgetRemainingFraction: expect.closeTo((43.2 - 1) / 43.2, 9),
    });
  });

  it('keeps the entities a much shorter catalog answer left out until they are stale', async () => {
    const { store, state, logger, evaluator } = await setup();
    await evaluator.runCycle();
    state.entries = finance().slice(1, 2);
    state.clock = at('2026-12-01T10:01:00.000Z');
    const shrunk = await evaluator.runCycle();
    expect(shrunk.prunedLatest).toBe(false);
    expect(await refs(store)).toHaveLength(4);
    expect(logger.warn).toHaveBeenCalledWith(
      'Health cycle: the catalog lists 1 entities with a health model, fewer than half of the 4 evaluated recently; keeping the last evaluation of the 3 missing ones, which turn stale, in case the catalog answered only in part',
    );

    // Three intervals on they are stale, and the catalog still lacks them.
    state.clock = at('2026-12-01T10:04:00.000Z');
    const later = await evaluator.runCycle();
    expect(later.prunedLatest).toBe(true);
    expect(await refs(store)).toEqual(['dataproduct:default/general-ledger']);
  });

  it('warns about an invalid model when its error is new or changed, not every cycle', async () => {
    const { state, logger, evaluator } = await setup();
    const broken = (message: string) =>
      finance().map(e =>
        e.modelError ? { ...e, modelError: { message, errors: [] } } : e,
      );
    const warnings = () =>
      logger.warn.mock.calls
        .map(([message]) => String(message))
        .filter(m => m.startsWith('Health model of'));

    state.entries = broken('first problem');
    for (let minute = 0; minute < 3; minute++) {
      state.clock = new Date(
        Date.parse('2026-12-01T10:00:00Z') + minute * 60_000,
      );
      await evaluator.runCycle();
    }
    expect(warnings()).toEqual([
      'Health model of dataproduct:default/broken: first problem',
    ]);

    state.entries = broken('second problem');
    await evaluator.runCycle();
    state.entries = finance().slice(0, 3);
    await evaluator.runCycle();
    state.entries = broken('second problem');
    await evaluator.runCycle();
    expect(warnings()).toEqual([
      'Health model of dataproduct:default/broken: first problem',
      'Health model of dataproduct:default/broken: second problem',
      'Health model of dataproduct:default/broken: second problem',
    ]);
  });

  it('keeps day totals that give the history and SLO of the stored points, across midnight and gaps', async () => {
    const { store, state, evaluator, queries, knex } = await setup({
      entries: finance().slice(0, 1),
      start: '2026-12-01T23:57:00.000Z',
    });
    const cycles: Array<[string, number]> = [
      ['2026-12-01T23:57:00.000Z', 7], // unhealthy
      ['2026-12-01T23:58:30.000Z', 0], // healthy
      ['2026-12-01T23:59:30.000Z', 2], // degraded
      ['2026-12-02T00:01:00.000Z', 9], // unhealthy, over midnight
      // A gap longer than three intervals: 00:01 holds until 00:04 only.
      ['2026-12-02T00:10:00.000Z', 0],
      ['2026-12-02T00:11:00.000Z', 6],
    ];
    for (const [time, failures] of cycles) {
      azure.endpoint.monitor.setLogSignal({
        workspace: WORKSPACE,
        query: OWN_QUERY,
        script: { baseline: failures },
      });
      state.clock = at(time);
      await evaluator.runCycle();
    }
    const ref = 'domain:default/finance';
    const points = await store.history(ref, new Date(0));
    expect(points.map(p => p.state)).toEqual([
      'unhealthy',
      'healthy',
      'degraded',
      'unhealthy',
      'healthy',
      'unhealthy',
    ]);
    const rows = await knex('health_daily')
      .where('entity_ref', ref)
      .orderBy('day');
    expect(
      rows.map(r => [r.day, r.observed_ms, r.unhealthy_ms, r.worst_state]),
    ).toEqual([
      // 23:57–00:00: 90 s unhealthy, 60 s healthy, 30 s degraded.
      ['2026-12-01', 180_000, 90_000, 'unhealthy'],
      // 00:00–00:01 degraded, 00:01–00:04 unhealthy, 00:10–00:11 healthy.
      ['2026-12-02', 300_000, 180_000, 'unhealthy'],
    ]);
    expect(
      [...dailyOfPoints(points, MAX_HOLD_MS).values()].map(d => [
        d.day,
        d.observedMs,
        d.unhealthyMs,
        d.worstState,
      ]),
    ).toEqual(
      rows.map(r => [r.day, r.observed_ms, r.unhealthy_ms, r.worst_state]),
    );

    // The routes agree with the points, by the arithmetic of health-common.
    state.clock = at('2026-12-02T00:12:30.000Z');
    const now = state.clock.getTime();
    const history = await queries.history(ref, '30d');
    const to = Math.ceil(now / 86_400_000) * 86_400_000;
    expect(history.buckets).toEqual(
      bucketHistory(points, {
        from: to - 30 * 86_400_000,
        to,
        bucketMs: 86_400_000,
        maxHoldMs: MAX_HOLD_MS,
      }),
    );
    const slo = computeSlo(points, {
      now,
      windowDays: 30,
      objective: SLO_OBJECTIVE,
      maxHoldMs: MAX_HOLD_MS,
    });
    expect(history.slo.availability).toBeCloseTo(slo.availability!, 12);
    expect(history.slo.unhealthyMinutes).toBeCloseTo(slo.unhealthyMinutes, 9);
    expect(history.slo.observedMinutes).toBeCloseTo(slo.observedMinutes, 9);
    expect(history.slo.errorBudgetRemainingFraction).toBeCloseTo(
      slo.errorBudgetRemainingFraction,
      9,
    );
    // The summary, computed at 00:11, and the route at that time agree.
    state.clock = at('2026-12-02T00:11:00.000Z');
    const summary = (await store.latest(ref))!.summary;
    const then = await queries.history(ref, '24h');
    expect(summary.availability30d).toBe(then.slo.availability);
    expect(summary.errorBudgetRemainingFraction).toBe(
      then.slo.errorBudgetRemainingFraction,
    );
  });

  it('prunes day totals with the history it keeps', async () => {
    const { knex, evaluator } = await setup();
    await knex('health_daily').insert([
      {
        entity_ref: 'domain:default/finance',
        day: '2026-10-26',
        observed_ms: 1000,
        unhealthy_ms: 0,
        worst_state: 'healthy',
      },
      {
        entity_ref: 'domain:default/finance',
        day: '2026-10-27',
        observed_ms: 1000,
        unhealthy_ms: 0,
        worst_state: 'healthy',
      },
    ]);
    // 35 days before 2026-12-01T10:00 is 2026-10-27T10:00.
    const report = await evaluator.runCycle();
    expect(report.pruned.days).toBe(1);
    expect((await knex('health_daily').select('day')).map(r => r.day)).toEqual([
      '2026-10-27',
    ]);
  });
});
