import type { HealthState, HistoryBucket, SloReport } from './types';
import { worstOf } from './grading';

/** One stored evaluation of an entity. */
export interface StatePoint {
  /** Epoch milliseconds. */
  at: number;
  state: HealthState;
}

/** The availability objective the pages report against: 99.9 %. */
export const SLO_OBJECTIVE = 0.999;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A state held over `[start, end)`. */
interface Span {
  start: number;
  end: number;
  state: HealthState;
}

/**
 * Each point holds until the next one, but never longer than `maxHoldMs`:
 * when the evaluator stops, its last state must not be trusted forever, so
 * a longer gap becomes unobserved time.
 */
function spansOf(points: StatePoint[], maxHoldMs: number): Span[] {
  const sorted = points
    .filter(p => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
  const spans: Span[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i].at;
    const next = i + 1 < sorted.length ? sorted[i + 1].at : Infinity;
    const end = Math.min(next, start + maxHoldMs);
    if (end > start) spans.push({ start, end, state: sorted[i].state });
  }
  return spans;
}

function requirePositive(name: string, value: number) {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(
      `${name} must be a finite number greater than 0 (got ${value})`,
    );
  }
}

interface Tally {
  states: Set<HealthState>;
  observedMs: number;
  unhealthyMs: number;
}

/** Adds the part of `span` inside `[from, to)` to the tally. */
function tallySpan(tally: Tally, span: Span, from: number, to: number) {
  const overlap = Math.min(span.end, to) - Math.max(span.start, from);
  if (overlap <= 0) return;
  tally.states.add(span.state);
  // Unknown time is neither observed nor unhealthy.
  if (span.state === 'unknown') return;
  tally.observedMs += overlap;
  if (span.state === 'unhealthy') tally.unhealthyMs += overlap;
}

function availabilityOf(tally: Tally): number | undefined {
  return tally.observedMs > 0
    ? (tally.observedMs - tally.unhealthyMs) / tally.observedMs
    : undefined;
}

/**
 * Buckets a state history over `[from, to)`, oldest first. Time-weighted:
 * each point holds until the next one, at most `maxHoldMs` (later =
 * unobserved). A bucket's state is the worst state held during it
 * (`unknown` when nothing was held); its availability is the share of
 * observed (known-state) time that was not unhealthy.
 */
export function bucketHistory(
  points: StatePoint[],
  opts: { from: number; to: number; bucketMs: number; maxHoldMs: number },
): HistoryBucket[] {
  const { from, to, bucketMs, maxHoldMs } = opts;
  requirePositive('bucketMs', bucketMs);
  requirePositive('maxHoldMs', maxHoldMs);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError(`from and to must be epoch milliseconds`);
  }
  if (to <= from) return [];

  const count = Math.ceil((to - from) / bucketMs);
  const bounds = Array.from({ length: count }, (_, i) => ({
    start: from + i * bucketMs,
    end: Math.min(to, from + (i + 1) * bucketMs),
  }));
  const tallies: Tally[] = bounds.map(() => ({
    states: new Set<HealthState>(),
    observedMs: 0,
    unhealthyMs: 0,
  }));

  for (const span of spansOf(points, maxHoldMs)) {
    if (span.end <= from || span.start >= to) continue;
    const first = Math.max(0, Math.floor((span.start - from) / bucketMs));
    const last = Math.min(
      count - 1,
      Math.floor((span.end - 1 - from) / bucketMs),
    );
    for (let i = first; i <= last; i++) {
      tallySpan(tallies[i], span, bounds[i].start, bounds[i].end);
    }
  }

  return bounds.map((b, i) => {
    const tally = tallies[i];
    const availability = availabilityOf(tally);
    return {
      start: new Date(b.start).toISOString(),
      end: new Date(b.end).toISOString(),
      state: worstOf([...tally.states]),
      ...(availability !== undefined ? { availability } : {}),
    };
  });
}

/** Drops floating point noise: (1 - 0.999) × 43,200 is 43.2, not 43.20000000000004. */
function tidy(minutes: number): number {
  return Math.round(minutes * 1e9) / 1e9;
}

/**
 * Availability and error budget over the `windowDays` ending at `now`.
 * The budget is the unhealthy time the objective allows:
 * (1 − objective) × window, 43.2 minutes for 99.9 % over 30 days.
 */
export function computeSlo(
  points: StatePoint[],
  opts: {
    now: number;
    windowDays: number;
    objective: number;
    maxHoldMs: number;
  },
): SloReport {
  const { now, windowDays, objective, maxHoldMs } = opts;
  requirePositive('windowDays', windowDays);
  requirePositive('maxHoldMs', maxHoldMs);
  if (!(objective > 0 && objective < 1)) {
    throw new RangeError(
      `objective must be a fraction between 0 and 1 exclusive, e.g. 0.999 (got ${objective})`,
    );
  }
  if (!Number.isFinite(now)) {
    throw new RangeError(`now must be epoch milliseconds (got ${now})`);
  }
  const from = now - windowDays * DAY_MS;
  const tally: Tally = { states: new Set(), observedMs: 0, unhealthyMs: 0 };
  for (const span of spansOf(points, maxHoldMs)) {
    tallySpan(tally, span, from, now);
  }
  const errorBudgetMinutes = tidy((1 - objective) * windowDays * 24 * 60);
  const unhealthyMinutes = tidy(tally.unhealthyMs / MINUTE_MS);
  const remaining = tidy(errorBudgetMinutes - unhealthyMinutes);
  const availability = availabilityOf(tally);
  return {
    objective,
    windowDays,
    ...(availability !== undefined ? { availability } : {}),
    observedMinutes: tidy(tally.observedMs / MINUTE_MS),
    unhealthyMinutes,
    errorBudgetMinutes,
    errorBudgetRemainingMinutes: remaining,
    errorBudgetRemainingFraction: remaining / errorBudgetMinutes,
  };
}
