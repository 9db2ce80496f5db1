import {
  SLO_OBJECTIVE,
  StatePoint,
  bucketHistory,
  computeSlo,
} from '@dataplatform/plugin-health-common';
import {
  DAY_MS,
  addSpan,
  bucketsFromDaily,
  dailyOfPoints,
  dayOf,
  sloFromDaily,
} from './daily';

const HOLD = 180_000;
const t = (iso: string) => Date.parse(iso);

describe('day totals', () => {
  it('splits a span at UTC midnight', () => {
    const days = new Map();
    expect(
      addSpan(days, {
        start: t('2026-12-01T23:59:00Z'),
        end: t('2026-12-02T00:01:30Z'),
        state: 'unhealthy',
      }),
    ).toEqual(['2026-12-01', '2026-12-02']);
    expect([...days.values()]).toEqual([
      {
        day: '2026-12-01',
        observedMs: 60_000,
        unhealthyMs: 60_000,
        worstState: 'unhealthy',
      },
      {
        day: '2026-12-02',
        observedMs: 90_000,
        unhealthyMs: 90_000,
        worstState: 'unhealthy',
      },
    ]);
  });

  it('counts unknown time as neither observed nor unhealthy, but as a state held', () => {
    const days = dailyOfPoints(
      [
        { at: t('2026-12-01T10:00:00Z'), state: 'healthy' },
        { at: t('2026-12-01T10:01:00Z'), state: 'unknown' },
        { at: t('2026-12-01T10:02:00Z'), state: 'healthy' },
      ],
      HOLD,
    );
    expect([...days.values()]).toEqual([
      {
        day: '2026-12-01',
        observedMs: 60_000,
        unhealthyMs: 0,
        worstState: 'unknown',
      },
    ]);
  });

  it('gives the buckets and SLO that health-common gives from the points', () => {
    // A week of points every 5 minutes (held 3), states changing.
    const points: StatePoint[] = [];
    const start = t('2026-11-20T00:00:00Z');
    const states = ['healthy', 'degraded', 'unhealthy', 'unknown'] as const;
    for (let i = 0; i < 7 * 288; i++) {
      points.push({
        at: start + i * 300_000,
        state: states[(i * 7) % 4 === 0 ? 2 : i % 4],
      });
    }
    const now = start + 7 * DAY_MS + 123_456;
    const last = points[points.length - 1];
    const daily = [...dailyOfPoints(points, HOLD).values()];
    expect(daily.length).toBeLessThanOrEqual(8);

    const to = Math.ceil(now / DAY_MS) * DAY_MS;
    const from = to - 30 * DAY_MS;
    expect(
      bucketsFromDaily(daily, { from, to, tail: last, maxHoldMs: HOLD }),
    ).toEqual(
      bucketHistory(points, { from, to, bucketMs: DAY_MS, maxHoldMs: HOLD }),
    );

    const fromDaily = sloFromDaily(daily, { now, tail: last, maxHoldMs: HOLD });
    const fromPoints = computeSlo(points, {
      now,
      windowDays: 30,
      objective: SLO_OBJECTIVE,
      maxHoldMs: HOLD,
    });
    expect(fromDaily.availability).toBeCloseTo(fromPoints.availability!, 12);
    expect(fromDaily.observedMinutes).toBeCloseTo(
      fromPoints.observedMinutes,
      6,
    );
    expect(fromDaily.unhealthyMinutes).toBeCloseTo(
      fromPoints.unhealthyMinutes,
      6,
    );
    expect(fromDaily.errorBudgetRemainingFraction).toBeCloseTo(
      fromPoints.errorBudgetRemainingFraction,
      9,
    );
  });

  it('counts the first day of the 30-day window in proportion to the part inside it', () => {
    const now = t('2026-12-31T06:00:00Z');
    // 30 days back is 2026-12-01T06:00: three quarters of that day are inside.
    const slo = sloFromDaily(
      [
        {
          day: '2026-11-30',
          observedMs: DAY_MS,
          unhealthyMs: DAY_MS,
          worstState: 'unhealthy',
        },
        {
          day: '2026-12-01',
          observedMs: 40 * 60_000,
          unhealthyMs: 20 * 60_000,
          worstState: 'unhealthy',
        },
        {
          day: '2026-12-31',
          observedMs: 60 * 60_000,
          unhealthyMs: 0,
          worstState: 'healthy',
        },
      ],
      { now, maxHoldMs: HOLD },
    );
    expect(slo.observedMinutes).toBeCloseTo(30 + 60, 9);
    expect(slo.unhealthyMinutes).toBeCloseTo(15, 9);
    expect(slo.availability).toBeCloseTo(75 / 90, 12);
    expect(slo.errorBudgetMinutes).toBe(43.2);
    expect(slo.errorBudgetRemainingFraction).toBeCloseTo((43.2 - 15) / 43.2, 9);
  });

  it('holds the last point until now at most in the SLO, and full days in UTC', () => {
    const now = t('2026-12-01T10:01:00Z');
    const slo = sloFromDaily([], {
      now,
      tail: { at: t('2026-12-01T10:00:00Z'), state: 'unhealthy' },
      maxHoldMs: HOLD,
    });
    expect(slo.unhealthyMinutes).toBe(1);
    expect(slo.availability).toBe(0);
    expect(dayOf(t('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
  });
});
