import {
  bucketHistory,
  computeSlo,
  SLO_OBJECTIVE,
  type HealthState,
  type StatePoint,
} from './index';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 0, 1);
const at = (minute: number, state: HealthState): StatePoint => ({
  at: T0 + minute * MIN,
  state,
});

describe('bucketHistory', () => {
  const points = [
    at(0, 'healthy'),
    at(2, 'healthy'),
    at(4, 'unhealthy'),
    at(5, 'healthy'), // held 3 minutes: 8..9 is unobserved
    at(9, 'healthy'), // held into the next bucket until 12
    at(20, 'degraded'),
    at(23, 'unknown'),
    at(26, 'healthy'),
  ];
  const opts = {
    from: T0,
    to: T0 + 40 * MIN,
    bucketMs: 10 * MIN,
    maxHoldMs: 3 * MIN,
  };

  it('holds each state until the next point, at most maxHoldMs, and takes the worst state per bucket', () => {
    expect(bucketHistory(points, opts)).toEqual([
      {
        start: '2026-01-01T00:00:00.000Z',
        end: '2026-01-01T00:10:00.000Z',
        state: 'unhealthy',
        // 9 observed minutes (8..9 is a gap), 1 of them unhealthy.
        availability: 8 / 9,
      },
      {
        start: '2026-01-01T00:10:00.000Z',
        end: '2026-01-01T00:20:00.000Z',
        state: 'healthy',
        availability: 1,
      },
      {
        start: '2026-01-01T00:20:00.000Z',
        end: '2026-01-01T00:30:00.000Z',
        // Unknown time counts toward the state, not the availability.
        state: 'degraded',
        availability: 1,
      },
      {
        start: '2026-01-01T00:30:00.000Z',
        end: '2026-01-01T00:40:00.000Z',
        state: 'unknown',
      },
    ]);
  });

  it('treats a gap longer than maxHoldMs as unobserved, not as the last state', () => {
    const buckets = bucketHistory([at(0, 'unhealthy')], {
      from: T0,
      to: T0 + 60 * MIN,
      bucketMs: 15 * MIN,
      maxHoldMs: 5 * MIN,
    });
    expect(buckets.map(b => b.state)).toEqual([
      'unhealthy',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(buckets[0].availability).toBe(0);
    expect(buckets[1]).not.toHaveProperty('availability');
  });

  it('makes a bucket holding only unknown evaluations unknown without availability', () => {
    const [bucket] = bucketHistory([at(0, 'unknown'), at(1, 'unknown')], {
      ...opts,
      to: T0 + 10 * MIN,
    });
    expect(bucket.state).toBe('unknown');
    expect(bucket).not.toHaveProperty('availability');
  });

  it('lets a point before the range hold into it, and sorts unsorted points', () => {
    const [bucket] = bucketHistory([at(5, 'healthy'), at(-2, 'unhealthy')], {
      from: T0,
      to: T0 + 10 * MIN,
      bucketMs: 10 * MIN,
      maxHoldMs: 3 * MIN,
    });
    // -2..1 unhealthy (1 minute inside), 5..8 healthy.
    expect(bucket).toMatchObject({ state: 'unhealthy', availability: 3 / 4 });
  });

  it('cuts the last bucket at `to`', () => {
    const buckets = bucketHistory([at(0, 'healthy')], {
      from: T0,
      to: T0 + 25 * MIN,
      bucketMs: 10 * MIN,
      maxHoldMs: 60 * MIN,
    });
    expect(buckets).toHaveLength(3);
    expect(buckets[2]).toEqual({
      start: '2026-01-01T00:20:00.000Z',
      end: '2026-01-01T00:25:00.000Z',
      state: 'healthy',
      availability: 1,
    });
  });

  it('makes 96 buckets of 15 minutes for a day, each availability time-weighted', () => {
    // An evaluation every minute; unhealthy for 3 minutes of the first hour.
    const day: StatePoint[] = Array.from({ length: 24 * 60 }, (_, m) =>
      at(m, m >= 10 && m < 13 ? 'unhealthy' : 'healthy'),
    );
    const buckets = bucketHistory(day, {
      from: T0,
      to: T0 + DAY,
      bucketMs: 15 * MIN,
      maxHoldMs: 3 * MIN,
    });
    expect(buckets).toHaveLength(96);
    expect(buckets[0]).toMatchObject({
      state: 'unhealthy',
      availability: 12 / 15,
    });
    expect(
      buckets
        .slice(1)
        .every(b => b.state === 'healthy' && b.availability === 1),
    ).toBe(true);
  });

  it('is empty for an empty range and refuses a zero bucket size', () => {
    expect(bucketHistory([], { ...opts, to: T0 })).toEqual([]);
    expect(() => bucketHistory([], { ...opts, bucketMs: 0 })).toThrow(
      'bucketMs must be a finite number greater than 0 (got 0)',
    );
  });
});

describe('computeSlo', () => {
  const now = T0 + 30 * DAY;
  const opts = {
    now,
    windowDays: 30,
    objective: SLO_OBJECTIVE,
    maxHoldMs: 3 * MIN,
  };
  /** One evaluation a minute over the 30 days; `bad(m)` picks the unhealthy minutes. */
  const month = (
    bad: (minute: number) => boolean,
    state: HealthState = 'unhealthy',
  ) =>
    Array.from({ length: 30 * 24 * 60 }, (_, m) =>
      at(m, bad(m) ? state : 'healthy'),
    );

  it('gives a 43.2 minute budget for 99.9 % over 30 days, 33.2 left after 10 unhealthy minutes', () => {
    const slo = computeSlo(
      month(m => m >= 100 && m < 110),
      opts,
    );
    expect(slo.objective).toBe(0.999);
    expect(slo.windowDays).toBe(30);
    expect(slo.errorBudgetMinutes).toBe(43.2);
    expect(slo.observedMinutes).toBe(43_200);
    expect(slo.unhealthyMinutes).toBe(10);
    expect(slo.errorBudgetRemainingMinutes).toBe(33.2);
    expect(slo.errorBudgetRemainingFraction).toBeCloseTo(0.7685185185, 9);
    expect(slo.availability).toBeCloseTo(43_190 / 43_200, 12);
  });

  it('goes negative when the budget is overspent', () => {
    const slo = computeSlo(
      month(m => m < 50),
      opts,
    );
    expect(slo.unhealthyMinutes).toBe(50);
    expect(slo.errorBudgetRemainingMinutes).toBe(-6.8);
    expect(slo.errorBudgetRemainingFraction).toBeCloseTo(-6.8 / 43.2, 12);
  });

  it('does not spend budget on degraded time', () => {
    const slo = computeSlo(
      month(m => m < 600, 'degraded'),
      opts,
    );
    expect(slo.unhealthyMinutes).toBe(0);
    expect(slo.availability).toBe(1);
    expect(slo.errorBudgetRemainingFraction).toBe(1);
  });

  it('counts unknown time as neither observed nor unhealthy', () => {
    const points = month(m => m < 21_600, 'unknown');
    points[30_000] = at(30_000, 'unhealthy');
    const slo = computeSlo(points, opts);
    expect(slo.observedMinutes).toBe(21_600);
    expect(slo.unhealthyMinutes).toBe(1);
    expect(slo.availability).toBeCloseTo(21_599 / 21_600, 12);
  });

  it('counts only the window: earlier points hold in only up to maxHoldMs, gaps are unobserved', () => {
    const slo = computeSlo(
      [
        { at: now - 31 * DAY, state: 'unhealthy' }, // long before: ignored
        { at: now - 30 * DAY - MIN, state: 'unhealthy' }, // holds 2 minutes into the window
        { at: now - 10 * DAY, state: 'healthy' }, // holds 3 minutes, then a gap
      ],
      opts,
    );
    expect(slo.observedMinutes).toBe(5);
    expect(slo.unhealthyMinutes).toBe(2);
    expect(slo.availability).toBeCloseTo(3 / 5, 12);
  });

  it('reports the full budget and no availability without history', () => {
    expect(computeSlo([], opts)).toEqual({
      objective: 0.999,
      windowDays: 30,
      observedMinutes: 0,
      unhealthyMinutes: 0,
      errorBudgetMinutes: 43.2,
      errorBudgetRemainingMinutes: 43.2,
      errorBudgetRemainingFraction: 1,
    });
  });

  it('refuses an objective outside (0, 1)', () => {
    expect(() => computeSlo([], { ...opts, objective: 99.9 })).toThrow(
      'objective must be a fraction between 0 and 1 exclusive, e.g. 0.999 (got 99.9)',
    );
    expect(() => computeSlo([], { ...opts, objective: 1 })).toThrow(RangeError);
  });
});
