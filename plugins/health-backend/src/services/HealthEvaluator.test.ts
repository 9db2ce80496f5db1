import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { useLocalAzureEndpoint } from '../__testUtils__/azure';
import { WORKSPACE, logModel } from '../__testUtils__/models';
import { HealthEvaluator, evaluateHealthModels } from './HealthEvaluator';
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
      topCauses: [finance()[3].modelError!.message],
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
