import {
  evaluateModel,
  rollupDomain,
  type HealthComponent,
  type HealthModel,
  type HealthSignal,
  type ModelResult,
  type Rollup,
  type SignalReading,
} from './index';
import { WORKSPACE } from './__fixtures__/models';

/** A log signal graded `above`: ≥ 1 degraded, ≥ 5 unhealthy. */
const signal = (id: string, weight?: number): HealthSignal => ({
  id,
  type: 'log',
  workspace: WORKSPACE,
  query: `${id} | count`,
  timespan: 'PT15M',
  unit: 'runs',
  thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
  ...(weight !== undefined ? { weight } : {}),
});

const component = (
  id: string,
  signals: HealthSignal[],
  extra: Partial<HealthComponent> = {},
): HealthComponent => ({ id, dependsOn: [], signals, ...extra });

const model = (
  components: HealthComponent[],
  rollup: Rollup = 'worst-of',
): HealthModel => ({
  apiVersion: 'dataplatform.contoso.com/health-model/v1',
  kind: 'HealthModel',
  rollup,
  components,
});

/** Readings from `{ 'component/signal': value }`; `null` means no data. */
const readings = (values: Record<string, number | null>) =>
  new Map<string, SignalReading>(
    Object.entries(values).map(([key, value]) => [
      key,
      value === null
        ? { reason: 'no data in the last 15 minutes' }
        : { value, observedAt: '2026-01-01T00:00:00Z' },
    ]),
  );

/** Readings where each component's signal `s` reads a value of the given state. */
const VALUE = { healthy: 0, degraded: 2, unhealthy: 9, unknown: null } as const;

describe('evaluateModel', () => {
  it('grades signals and explains each', () => {
    const result = evaluateModel(
      'domain:default/finance',
      model([component('ingestion', [signal('failures'), signal('late')])]),
      readings({ 'ingestion/failures': 12 }),
    );
    expect(result.components[0].signals).toEqual([
      {
        key: 'ingestion/failures',
        componentId: 'ingestion',
        signalId: 'failures',
        title: 'failures',
        type: 'log',
        unit: 'runs',
        state: 'unhealthy',
        score: 0,
        value: 12,
        observedAt: '2026-01-01T00:00:00Z',
        thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
        explanation: '12 runs ≥ unhealthy threshold 5 runs',
      },
      {
        key: 'ingestion/late',
        componentId: 'ingestion',
        signalId: 'late',
        title: 'late',
        type: 'log',
        unit: 'runs',
        state: 'unknown',
        thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
        explanation: 'not read in this evaluation',
      },
    ]);
  });

  it('keeps Azure’s detail beside an unknown signal’s public explanation, and drops it once there is a value', () => {
    const failed = {
      reason: 'query failed: HTTP 400 BadArgumentError',
      detail:
        "HTTP 400: BadArgumentError: Query could not be parsed at 'SecretTable_CL'",
    };
    const result = evaluateModel(
      'domain:default/finance',
      model([component('ingestion', [signal('failures'), signal('late')])]),
      new Map<string, SignalReading>([
        ['ingestion/failures', failed],
        [
          'ingestion/late',
          { value: 0, observedAt: '2026-01-01T00:00:00Z', detail: 'unused' },
        ],
      ]),
    );
    const [failures, late] = result.components[0].signals;
    expect(failures).toMatchObject({
      state: 'unknown',
      explanation: 'query failed: HTTP 400 BadArgumentError',
      detail: failed.detail,
    });
    expect(result.components[0].causes).toEqual([
      'failures: query failed: HTTP 400 BadArgumentError',
    ]);
    expect(late.state).toBe('healthy');
    expect(late).not.toHaveProperty('detail');
  });

  it('takes the worst signal as the component state and the weighted mean of known scores as its score', () => {
    const result = evaluateModel(
      'domain:default/finance',
      model([
        component('ingestion', [signal('a'), signal('b', 3), signal('c', 10)], {
          title: 'Ledger ingestion',
          weight: 2,
        }),
        component('storage', [signal('s')]),
      ]),
      readings({
        'ingestion/a': 0,
        'ingestion/b': 2,
        'ingestion/c': null,
        'storage/s': 0,
      }),
    );
    const [ingestion, storage] = result.components;
    // Unknown outranks healthy but degraded outranks unknown.
    expect(ingestion.ownState).toBe('degraded');
    expect(ingestion.title).toBe('Ledger ingestion');
    expect(ingestion.weight).toBe(2);
    // (1 × 1 + 0.5 × 3) / (1 + 3): the unknown signal's weight is left out.
    expect(ingestion.score).toBeCloseTo(0.625, 12);
    expect(ingestion.causes).toEqual([
      'b: 2 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
      'c: no data in the last 15 minutes',
    ]);
    expect(storage).toMatchObject({ state: 'healthy', score: 1, causes: [] });
    expect(storage).not.toHaveProperty('weight');
    expect(result.state).toBe('degraded');
    // (2 × 0.625 + 1 × 1) / 3 in both rollup modes.
    expect(result.score).toBeCloseTo(0.75, 12);
  });

  it('makes a component with only unknown signals unknown, without a score', () => {
    const result = evaluateModel(
      'dataproduct:default/x',
      model([component('c', [signal('s')])]),
      readings({ 'c/s': null }),
    );
    expect(result.components[0]).toMatchObject({
      ownState: 'unknown',
      state: 'unknown',
    });
    expect(result.components[0]).not.toHaveProperty('score');
    expect(result).toEqual(
      expect.objectContaining({
        state: 'unknown',
        entityRef: 'dataproduct:default/x',
      }),
    );
    expect(result).not.toHaveProperty('score');
  });

  it('lets an unhealthy dependency only degrade its dependents, transitively', () => {
    const result = evaluateModel(
      'domain:default/finance',
      model([
        component('serving', [signal('s')], { dependsOn: ['ingestion'] }),
        component('ingestion', [signal('s')], { dependsOn: ['storage'] }),
        component('storage', [signal('s')]),
      ]),
      readings({ 'serving/s': 0, 'ingestion/s': 0, 'storage/s': 9 }),
    );
    const byId = Object.fromEntries(result.components.map(c => [c.id, c]));
    expect(byId.storage).toMatchObject({
      ownState: 'unhealthy',
      state: 'unhealthy',
    });
    expect(byId.ingestion).toMatchObject({
      ownState: 'healthy',
      state: 'degraded',
      score: 1,
      causes: ['depends on storage (unhealthy)'],
    });
    expect(byId.serving).toMatchObject({
      ownState: 'healthy',
      state: 'degraded',
      causes: ['depends on ingestion (degraded)'],
    });
    expect(result.state).toBe('unhealthy');
  });

  it('keeps a component’s own unhealthy state when its dependency is only degraded, and lists causes worst first', () => {
    const result = evaluateModel(
      'domain:default/finance',
      model([
        component('ingestion', [signal('a'), signal('b')], {
          dependsOn: ['storage'],
        }),
        component('storage', [signal('s')]),
      ]),
      readings({ 'ingestion/a': 2, 'ingestion/b': 7, 'storage/s': 3 }),
    );
    expect(result.components[0]).toMatchObject({
      ownState: 'unhealthy',
      state: 'unhealthy',
      causes: [
        'b: 7 runs ≥ unhealthy threshold 5 runs',
        'a: 2 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
        'depends on storage (degraded)',
      ],
    });
  });

  it('passes an unknown dependency on: nothing known is not healthy', () => {
    const result = evaluateModel(
      'domain:default/finance',
      model([
        component('ingestion', [signal('s')], { dependsOn: ['storage'] }),
        component('storage', [signal('s')]),
      ]),
      readings({ 'ingestion/s': 0, 'storage/s': null }),
    );
    expect(result.components[0]).toMatchObject({
      ownState: 'healthy',
      state: 'unknown',
      causes: ['depends on storage (unknown)'],
    });
  });

  it('does not loop on an unvalidated model with a cycle', () => {
    const result = evaluateModel(
      'domain:default/x',
      model([
        component('a', [signal('s')], { dependsOn: ['b'] }),
        component('b', [signal('s')], { dependsOn: ['a'] }),
      ]),
      readings({ 'a/s': 9, 'b/s': 0 }),
    );
    // The edge closing the cycle (b → a, met while evaluating a) reads as unknown.
    expect(result.components.map(c => c.state)).toEqual([
      'unhealthy',
      'unknown',
    ]);
  });

  describe('weighted rollup', () => {
    /** One single-signal component per entry, reading a value of that state. */
    const weighted = (
      parts: Array<[keyof typeof VALUE, number?]>,
    ): ModelResult =>
      evaluateModel(
        'domain:default/w',
        model(
          parts.map(([, weight], i) =>
            component(`c${i}`, [signal('s')], weight ? { weight } : {}),
          ),
          'weighted',
        ),
        readings(
          Object.fromEntries(
            parts.map(([state], i) => [`c${i}/s`, VALUE[state]]),
          ),
        ),
      );

    it('bands the weighted mean score: 0.875 is degraded', () => {
      // (1 × 1 + 0.5 × 1 + 1 × 2) / 4 = 0.875
      const result = weighted([['healthy'], ['degraded'], ['healthy', 2]]);
      expect(result.score).toBeCloseTo(0.875, 12);
      expect(result.state).toBe('degraded');
    });

    it('is healthy at exactly 0.9 and degraded just below', () => {
      // 9 healthy and 1 degraded of equal weight: 9.5 / 10 = 0.95; with
      // weights 4 healthy and 1 degraded: 4.5 / 5 = 0.9 exactly.
      const atEdge = weighted([
        ['healthy', 4],
        ['degraded', 1],
      ]);
      expect(atEdge.score).toBe(0.9);
      expect(atEdge.state).toBe('healthy');
      const below = weighted([
        ['healthy', 3],
        ['degraded', 1],
      ]);
      expect(below.score).toBe(0.875);
      expect(below.state).toBe('degraded');
    });

    it('is degraded at exactly 0.5 and unhealthy just below', () => {
      const atEdge = weighted([['healthy'], ['unhealthy']]);
      expect(atEdge.score).toBe(0.5);
      expect(atEdge.state).toBe('degraded');
      const below = weighted([
        ['healthy', 1],
        ['unhealthy', 1.5],
      ]);
      expect(below.score).toBeCloseTo(0.4, 12);
      expect(below.state).toBe('unhealthy');
    });

    it('lets an unhealthy component hide among healthy ones (unlike worst-of)', () => {
      const result = weighted([['healthy', 10], ['unhealthy']]);
      expect(result.score).toBeCloseTo(10 / 11, 12);
      expect(result.state).toBe('healthy');
    });

    it('turns a healthy band unknown when a component is unknown, but keeps a worse band', () => {
      const hidden = weighted([['healthy'], ['unknown']]);
      expect(hidden.score).toBe(1);
      expect(hidden.state).toBe('unknown');
      const bad = weighted([['degraded'], ['unknown']]);
      expect(bad.score).toBe(0.5);
      expect(bad.state).toBe('degraded');
    });

    it('is unknown without any known score', () => {
      const result = weighted([['unknown'], ['unknown']]);
      expect(result.state).toBe('unknown');
      expect(result).not.toHaveProperty('score');
    });
  });

  it('is unknown for a model without components', () => {
    const result = evaluateModel('domain:default/x', model([]), new Map());
    expect(result).toEqual({
      entityRef: 'domain:default/x',
      state: 'unknown',
      components: [],
    });
  });
});

describe('rollupDomain', () => {
  /** A product's result titled as the evaluator titles it: `Fraud` for `dataproduct:default/fraud`. */
  const product = (
    entityRef: string,
    state: keyof typeof VALUE,
    rollup: Rollup = 'worst-of',
  ): ModelResult => {
    const name = entityRef.split('/')[1];
    return {
      ...evaluateModel(
        entityRef,
        model(
          [component('serving', [signal('latency')], { title: 'Serving' })],
          rollup,
        ),
        readings({ 'serving/latency': VALUE[state] }),
      ),
      title: `${name[0].toUpperCase()}${name.slice(1)}`,
    };
  };

  const own = evaluateModel(
    'domain:default/finance',
    model([
      component('ingestion', [signal('s')], {
        title: 'Ledger ingestion',
        weight: 3,
      }),
      component('storage', [signal('s')]),
    ]),
    readings({ 'ingestion/s': 0, 'storage/s': 2 }),
  );

  it('worst-of: the worst of own components and products, causes worst first', () => {
    const result = rollupDomain('domain:default/finance', own, 'worst-of', [
      product('dataproduct:default/ledger', 'healthy'),
      product('dataproduct:default/fraud', 'unhealthy'),
    ]);
    expect(result.state).toBe('unhealthy');
    // (3 × 1 + 1 × 0.5 + 1 × 1 + 1 × 0) / 6
    expect(result.score).toBeCloseTo(4.5 / 6, 12);
    expect(result.causes).toEqual([
      'Fraud (unhealthy): Serving: latency: 9 runs ≥ unhealthy threshold 5 runs',
      'storage: s: 2 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
    ]);
  });

  it('weighted: own components keep their weights, each product weighs 1', () => {
    const result = rollupDomain('domain:default/finance', own, 'weighted', [
      product('dataproduct:default/ledger', 'healthy'),
      product('dataproduct:default/fraud', 'unhealthy'),
    ]);
    expect(result.score).toBeCloseTo(0.75, 12);
    expect(result.state).toBe('degraded');
  });

  it('weighted without products equals the domain model’s own result', () => {
    const weightedOwn = evaluateModel(
      'domain:default/finance',
      model(
        [
          component('a', [signal('s')], { weight: 9 }),
          component('b', [signal('s')]),
        ],
        'weighted',
      ),
      readings({ 'a/s': 0, 'b/s': 9 }),
    );
    const result = rollupDomain(
      'domain:default/finance',
      weightedOwn,
      'weighted',
      [],
    );
    expect(result.score).toBeCloseTo(0.9, 12);
    expect(result.state).toBe(weightedOwn.state);
    expect(result.state).toBe('healthy');
  });

  it('without a domain model rolls up the products alone', () => {
    const result = rollupDomain('domain:default/sales', undefined, 'worst-of', [
      product('dataproduct:default/orders', 'healthy'),
      product('dataproduct:default/returns', 'degraded'),
    ]);
    expect(result).toEqual({
      state: 'degraded',
      score: 0.75,
      causes: [
        'Returns (degraded): Serving: latency: 2 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
      ],
    });
  });

  it('counts an unknown product as unknown, never healthy', () => {
    const result = rollupDomain('domain:default/sales', undefined, 'weighted', [
      product('dataproduct:default/orders', 'healthy'),
      product('dataproduct:default/clicks', 'unknown'),
    ]);
    expect(result.state).toBe('unknown');
    expect(result.score).toBe(1);
    expect(result.causes).toEqual([
      'Clicks (unknown): Serving: latency: no data in the last 15 minutes',
    ]);
  });

  it('names a product by its title, or by its entity name without kind and namespace', () => {
    const clickstream: ModelResult = {
      ...product('dataproduct:default/web-clickstream', 'unknown'),
      title: 'Web Clickstream',
    };
    const { title: _untitled, ...untitled } = product(
      'dataproduct:marketing/campaign-events',
      'degraded',
    );
    const result = rollupDomain(
      'domain:default/marketing',
      undefined,
      'worst-of',
      [clickstream, untitled],
    );
    expect(result.causes).toEqual([
      'campaign-events (degraded): Serving: latency: 2 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
      'Web Clickstream (unknown): Serving: latency: no data in the last 15 minutes',
    ]);
    for (const cause of result.causes) {
      expect(cause).not.toMatch(/dataproduct:|marketing\/|default\//);
    }
  });

  it('is unknown with neither a model nor products', () => {
    expect(
      rollupDomain('domain:default/hr', undefined, 'worst-of', []),
    ).toEqual({
      state: 'unknown',
      causes: [],
    });
  });
});
