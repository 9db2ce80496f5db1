import {
  HealthState,
  HistoryBucket,
  SLO_OBJECTIVE,
  SloReport,
  StatePoint,
  computeSlo,
  worstOf,
} from '@dataplatform/plugin-health-common';

export const DAY_MS = 86_400_000;
/** The SLO window, and so the window of a summary's availability. */
export const SLO_WINDOW_DAYS = 30;

/**
 * One entity's time on one UTC day, as `bucketHistory` would tally it from
 * the stored points: each point holds until the next one, at most
 * `maxHoldMs`; `unknown` time is neither observed nor unhealthy.
 */
export interface DailyTotals {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  observedMs: number;
  unhealthyMs: number;
  /** Worst state held during the day, `unknown` included. */
  worstState: HealthState;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of the start of a `YYYY-MM-DD` UTC day. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/**
 * Adds a state held over `[start, end)` to the day totals, split at UTC
 * midnight. Returns the days it touched.
 */
export function addSpan(
  days: Map<string, DailyTotals>,
  span: { start: number; end: number; state: HealthState },
): string[] {
  const touched: string[] = [];
  let at = span.start;
  while (at < span.end) {
    const day = dayOf(at);
    const until = Math.min(span.end, dayStart(day) + DAY_MS);
    const ms = until - at;
    const totals = days.get(day) ?? {
      day,
      observedMs: 0,
      unhealthyMs: 0,
      worstState: span.state,
    };
    if (span.state !== 'unknown') totals.observedMs += ms;
    if (span.state === 'unhealthy') totals.unhealthyMs += ms;
    totals.worstState = worstOf([totals.worstState, span.state]);
    days.set(day, totals);
    touched.push(day);
    at = until;
  }
  return touched;
}

/**
 * Day totals of a run of points, oldest first: each point holds until the
 * next one, at most `maxHoldMs`. The last point's own span is left out:
 * how long it holds is only known when the next one comes (or at read
 * time, as the tail).
 */
export function dailyOfPoints(
  points: StatePoint[],
  maxHoldMs: number,
): Map<string, DailyTotals> {
  const days = new Map<string, DailyTotals>();
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i].at;
    const end = Math.min(points[i + 1].at, start + maxHoldMs);
    if (end > start) addSpan(days, { start, end, state: points[i].state });
  }
  return days;
}

/**
 * The day totals with the last point's span added: it holds from its time
 * for `maxHoldMs` at most, and until `until` when given.
 */
function withTail(
  days: DailyTotals[],
  tail: StatePoint | undefined,
  maxHoldMs: number,
  until = Infinity,
): Map<string, DailyTotals> {
  const all = new Map(days.map(d => [d.day, { ...d }]));
  if (tail) {
    const end = Math.min(tail.at + maxHoldMs, until);
    if (end > tail.at) addSpan(all, { start: tail.at, end, state: tail.state });
  }
  return all;
}

/**
 * The 30-day SLO from day totals (at most 31 rows) and the entity's last
 * point, with the arithmetic of `computeSlo`. The window is the 30 days
 * ending at `now`; its first day is only partly inside, so that day counts
 * in proportion to the part inside (the totals do not say when in the day
 * time was unhealthy).
 */
export function sloFromDaily(
  days: DailyTotals[],
  opts: { now: number; tail?: StatePoint; maxHoldMs: number },
): SloReport {
  const { now, tail, maxHoldMs } = opts;
  const windowMs = SLO_WINDOW_DAYS * DAY_MS;
  const from = now - windowMs;
  let observedMs = 0;
  let unhealthyMs = 0;
  for (const totals of withTail(days, tail, maxHoldMs, now).values()) {
    const start = dayStart(totals.day);
    // The day's totals cover [start, end); the window covers part of that.
    const end = Math.min(start + DAY_MS, now);
    const inside = end - Math.max(start, from);
    if (end <= start || inside <= 0) continue;
    const share = inside / (end - start);
    observedMs += totals.observedMs * share;
    unhealthyMs += totals.unhealthyMs * share;
  }
  observedMs = Math.min(observedMs, windowMs);
  unhealthyMs = Math.min(unhealthyMs, observedMs);
  // The same time in one run: unhealthy, then healthy, then nothing known.
  // `computeSlo` tallies it back to exactly these totals.
  const compacted: StatePoint[] = [
    { at: from, state: 'unhealthy' },
    { at: from + unhealthyMs, state: 'healthy' },
    { at: from + observedMs, state: 'unknown' },
  ];
  return computeSlo(compacted, {
    now,
    windowDays: SLO_WINDOW_DAYS,
    objective: SLO_OBJECTIVE,
    maxHoldMs: windowMs,
  });
}

/**
 * Daily buckets over `[from, to)` (whole UTC days) from day totals and the
 * entity's last point, as `bucketHistory` gives them from the points.
 */
export function bucketsFromDaily(
  days: DailyTotals[],
  opts: { from: number; to: number; tail?: StatePoint; maxHoldMs: number },
): HistoryBucket[] {
  const { from, to, tail, maxHoldMs } = opts;
  const all = withTail(days, tail, maxHoldMs);
  const buckets: HistoryBucket[] = [];
  for (let start = from; start < to; start += DAY_MS) {
    const totals = all.get(dayOf(start));
    const availability =
      totals && totals.observedMs > 0
        ? (totals.observedMs - totals.unhealthyMs) / totals.observedMs
        : undefined;
    buckets.push({
      start: new Date(start).toISOString(),
      end: new Date(start + DAY_MS).toISOString(),
      state: totals?.worstState ?? 'unknown',
      ...(availability !== undefined ? { availability } : {}),
    });
  }
  return buckets;
}
