import { formatSignalNumber } from './values';
import { lastPeriod } from './durations';
import {
  HEALTH_STATES,
  type HealthSignal,
  type HealthState,
  type SignalReading,
  type SignalThresholds,
} from './types';

const SCORES: Record<HealthState, number | undefined> = {
  healthy: 1,
  degraded: 0.5,
  unhealthy: 0,
  unknown: undefined,
};

/**
 * Grades one value against its thresholds. Edges are inclusive: reaching a
 * threshold is enough. No value (or one that is not a finite number) is
 * `unknown`, never `healthy`.
 */
export function gradeSignal(
  value: number | undefined,
  t: SignalThresholds,
): HealthState {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'unknown';
  const reaches =
    t.direction === 'above'
      ? (threshold: number) => value >= threshold
      : (threshold: number) => value <= threshold;
  if (reaches(t.unhealthy)) return 'unhealthy';
  if (t.degraded !== undefined && reaches(t.degraded)) return 'degraded';
  return 'healthy';
}

/** healthy 1, degraded 0.5, unhealthy 0; `unknown` has no score. */
export function scoreOf(state: HealthState): number | undefined {
  return SCORES[state];
}

const rank = (state: HealthState) => HEALTH_STATES.indexOf(state);

/**
 * Sorts worst first: negative when `a` is worse than `b`. The order is
 * healthy < unknown < degraded < unhealthy.
 */
export function compareStates(a: HealthState, b: HealthState): number {
  return rank(b) - rank(a);
}

/** The worst of the states; `unknown` for none (nothing known is not healthy). */
export function worstOf(states: HealthState[]): HealthState {
  if (states.length === 0) return 'unknown';
  return states.reduce((worst, s) => (rank(s) > rank(worst) ? s : worst));
}

/** A number as people read it, without floating point noise (0.1 + 0.2 → 0.3). */
function formatNumber(n: number, significantDigits = 12): string {
  return String(Number(n.toPrecision(significantDigits)));
}

function withUnit(text: string, unit: string | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

function coveredPeriod(signal: HealthSignal): string | undefined {
  return signal.type === 'log' ? signal.timespan : signal.window;
}

/**
 * Explains a grade in one sentence, e.g. `12 runs ≥ unhealthy threshold 5
 * runs`, `99.95 % is within thresholds (degraded ≤ 99.9 %, unhealthy ≤ 99
 * %)`. Without a value it is just the reason, `throttled by Azure (HTTP
 * 429)`, or `no data in the last 15 minutes`: pages already say there is no
 * value beside it.
 */
export function describeReading(
  signal: HealthSignal,
  state: HealthState,
  reading: SignalReading,
): string {
  const t = signal.thresholds;
  const value = reading.value;
  if (
    state === 'unknown' ||
    typeof value !== 'number' ||
    !Number.isFinite(value)
  ) {
    const period = coveredPeriod(signal);
    return (
      reading.reason ??
      (period ? `no data in ${lastPeriod(period)}` : 'no data')
    );
  }
  const op = t.direction === 'above' ? '≥' : '≤';
  const show = (n: number) => withUnit(formatNumber(n), signal.unit);
  const shown = withUnit(
    formatSignalNumber(value, signal.unit, t),
    signal.unit,
  );
  if (state === 'unhealthy') {
    return `${shown} ${op} unhealthy threshold ${show(t.unhealthy)}`;
  }
  if (state === 'degraded') {
    const degraded = t.degraded ?? t.unhealthy;
    return `${shown} ${op} degraded threshold ${show(
      degraded,
    )} (unhealthy ${op} ${show(t.unhealthy)})`;
  }
  const limits = [
    ...(t.degraded !== undefined ? [`degraded ${op} ${show(t.degraded)}`] : []),
    `unhealthy ${op} ${show(t.unhealthy)}`,
  ];
  return `${shown} is within thresholds (${limits.join(', ')})`;
}
