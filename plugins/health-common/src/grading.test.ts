import {
  compareStates,
  describeReading,
  gradeSignal,
  HEALTH_STATES,
  scoreOf,
  worstOf,
  type HealthSignal,
  type HealthState,
  type SignalThresholds,
} from './index';
import { storageAccount, WORKSPACE } from './__fixtures__/models';

const above: SignalThresholds = {
  direction: 'above',
  degraded: 1,
  unhealthy: 5,
};
const below: SignalThresholds = {
  direction: 'below',
  degraded: 99.9,
  unhealthy: 99,
};

describe('gradeSignal', () => {
  it.each<[number, HealthState]>([
    [0, 'healthy'],
    [0.999, 'healthy'],
    [1, 'degraded'], // equal to degraded is degraded
    [4.999, 'degraded'],
    [5, 'unhealthy'], // equal to unhealthy is unhealthy
    [12, 'unhealthy'],
    [-3, 'healthy'],
  ])('direction above: %p is %s', (value, state) => {
    expect(gradeSignal(value, above)).toBe(state);
  });

  it.each<[number, HealthState]>([
    [100, 'healthy'],
    [99.95, 'healthy'],
    [99.9, 'degraded'], // equal to degraded is degraded
    [99.5, 'degraded'],
    [99, 'unhealthy'], // equal to unhealthy is unhealthy
    [42, 'unhealthy'],
  ])('direction below: %p is %s', (value, state) => {
    expect(gradeSignal(value, below)).toBe(state);
  });

  it('without a degraded threshold goes straight from healthy to unhealthy', () => {
    const t: SignalThresholds = { direction: 'above', unhealthy: 10 };
    expect(gradeSignal(9.99, t)).toBe('healthy');
    expect(gradeSignal(10, t)).toBe('unhealthy');
  });

  it('with degraded equal to unhealthy, reaching it is unhealthy', () => {
    const t: SignalThresholds = {
      direction: 'below',
      degraded: 0,
      unhealthy: 0,
    };
    expect(gradeSignal(0, t)).toBe('unhealthy');
    expect(gradeSignal(0.1, t)).toBe('healthy');
  });

  it.each([undefined, NaN, Infinity, -Infinity])(
    'grades %p as unknown, never healthy',
    value => {
      expect(gradeSignal(value, above)).toBe('unknown');
      expect(gradeSignal(value, below)).toBe('unknown');
      expect(gradeSignal(value, { direction: 'above', unhealthy: 1e9 })).toBe(
        'unknown',
      );
    },
  );
});

describe('scores and ordering', () => {
  it('scores healthy 1, degraded 0.5, unhealthy 0 and unknown not at all', () => {
    expect(scoreOf('healthy')).toBe(1);
    expect(scoreOf('degraded')).toBe(0.5);
    expect(scoreOf('unhealthy')).toBe(0);
    expect(scoreOf('unknown')).toBeUndefined();
  });

  it('orders healthy < unknown < degraded < unhealthy', () => {
    expect(worstOf(['healthy', 'unknown'])).toBe('unknown');
    expect(worstOf(['unknown', 'degraded', 'healthy'])).toBe('degraded');
    expect(worstOf(['degraded', 'unhealthy', 'unknown'])).toBe('unhealthy');
    expect(worstOf(['healthy', 'healthy'])).toBe('healthy');
  });

  it('makes the worst of nothing unknown', () => {
    expect(worstOf([])).toBe('unknown');
  });

  it('sorts worst first with compareStates', () => {
    const states: HealthState[] = [
      'healthy',
      'unhealthy',
      'unknown',
      'degraded',
    ];
    expect([...states].sort(compareStates)).toEqual([
      'unhealthy',
      'degraded',
      'unknown',
      'healthy',
    ]);
    expect(compareStates('unhealthy', 'healthy')).toBeLessThan(0);
    expect(compareStates('healthy', 'unknown')).toBeGreaterThan(0);
    for (const s of HEALTH_STATES) expect(compareStates(s, s)).toBe(0);
  });
});

describe('describeReading', () => {
  const runs: HealthSignal = {
    id: 'pipeline-failures',
    type: 'log',
    workspace: WORKSPACE,
    query: 'T | count',
    timespan: 'PT15M',
    unit: 'runs',
    thresholds: above,
  };
  const availability: HealthSignal = {
    id: 'availability',
    type: 'metric',
    resources: [storageAccount('st')],
    region: 'westeurope',
    namespace: 'Microsoft.Storage/storageAccounts',
    metric: 'Availability',
    aggregation: 'average',
    window: 'PT5M',
    unit: '%',
    thresholds: below,
  };
  const describe_ = (signal: HealthSignal, value?: number, reason?: string) =>
    describeReading(signal, gradeSignal(value, signal.thresholds), {
      value,
      reason,
    });

  it('explains unhealthy readings with the threshold reached', () => {
    expect(describe_(runs, 12)).toBe('12 runs ≥ unhealthy threshold 5 runs');
    expect(describe_(runs, 5)).toBe('5 runs ≥ unhealthy threshold 5 runs');
    expect(describe_(availability, 98.5)).toBe(
      '98.5 % ≤ unhealthy threshold 99 %',
    );
  });

  it('explains degraded readings and where unhealthy starts', () => {
    expect(describe_(runs, 3)).toBe(
      '3 runs ≥ degraded threshold 1 runs (unhealthy ≥ 5 runs)',
    );
    expect(describe_(availability, 99.9)).toBe(
      '99.9 % ≤ degraded threshold 99.9 % (unhealthy ≤ 99 %)',
    );
  });

  it('explains healthy readings with both thresholds', () => {
    expect(describe_(availability, 99.95)).toBe(
      '99.95 % is within thresholds (degraded ≤ 99.9 %, unhealthy ≤ 99 %)',
    );
    expect(describe_(runs, 0)).toBe(
      '0 runs is within thresholds (degraded ≥ 1 runs, unhealthy ≥ 5 runs)',
    );
    expect(
      describe_(
        {
          ...runs,
          unit: undefined,
          thresholds: { direction: 'above', unhealthy: 3 },
        },
        2,
      ),
    ).toBe('2 is within thresholds (unhealthy ≥ 3)');
  });

  it('gives just the reason for an unknown reading, or says the window had no data in words', () => {
    expect(describe_(runs, undefined, 'throttled by Azure (HTTP 429)')).toBe(
      'throttled by Azure (HTTP 429)',
    );
    expect(describe_(runs)).toBe('no data in the last 15 minutes');
    expect(describe_(availability)).toBe('no data in the last 5 minutes');
    expect(describe_({ ...runs, timespan: 'PT1H' })).toBe(
      'no data in the last hour',
    );
    expect(describe_({ ...availability, window: 'P1D' })).toBe(
      'no data in the last day',
    );
    expect(describe_({ ...runs, timespan: 'PT1H30M' })).toBe(
      'no data in the last 1 hour 30 minutes',
    );
  });

  it('keeps the detail behind a reason out of the explanation', () => {
    const reading = {
      reason: 'query failed: HTTP 400 BadArgumentError',
      detail: "Query could not be parsed at 'SecretTable_CL'",
    };
    expect(describeReading(runs, 'unknown', reading)).toBe(
      'query failed: HTTP 400 BadArgumentError',
    );
  });

  it('rounds float noise but never makes a value look equal to a threshold it is not', () => {
    expect(describe_(availability, 99.95333333333333)).toBe(
      '99.953 % is within thresholds (degraded ≤ 99.9 %, unhealthy ≤ 99 %)',
    );
    expect(describe_(runs, 0.1 + 0.2)).toBe(
      '0.3 runs is within thresholds (degraded ≥ 1 runs, unhealthy ≥ 5 runs)',
    );
    const tight: HealthSignal = {
      ...availability,
      thresholds: { direction: 'below', degraded: 99.9995, unhealthy: 99 },
    };
    // 99.99951 would round to 99.9995 and read as equal to the threshold.
    expect(describe_(tight, 99.99951)).toBe(
      '99.99951 % is within thresholds (degraded ≤ 99.9995 %, unhealthy ≤ 99 %)',
    );
  });
});
