/** How the health pages write times, percentages, values and thresholds. */
import {
  HealthState,
  SignalThresholds,
  formatSignalNumber,
} from '@dataplatform/plugin-health-common';
import {
  formatDateTime as formatDateTimeOf,
  formatRelativeTime as formatRelativeTimeOf,
} from '@dataplatform/portal-react';

/**
 * "42 seconds ago", "3 minutes ago", "2 days ago". Seconds are kept: the
 * evaluator runs every minute, so "just now" would hide a stuck one.
 */
export function formatRelativeTime(iso: string, now: Date): string {
  return formatRelativeTimeOf(iso, now, { seconds: true });
}

/** "12 Mar 2026, 10:31:05 UTC": seconds, as for relative times. */
export function formatDateTime(iso: string): string {
  return formatDateTimeOf(iso, { seconds: true });
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A history bucket's time range: "12 Mar 2026, 10:00–10:15 UTC" for
 * buckets within a day, "12 Mar 2026" for whole days.
 */
export function formatRange(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    return `${startIso} – ${endIso}`;
  }
  if (end.getTime() - start.getTime() >= 24 * 3600_000) {
    return dayFormat.format(start);
  }
  return `${dayFormat.format(start)}, ${timeFormat.format(
    start,
  )}–${timeFormat.format(end)} UTC`;
}

/**
 * Availability as a percentage with up to three decimals. Rounded down, so
 * 99.9996 % never reads as 100 % and a missed objective never reads as met.
 */
export function formatAvailability(fraction: number): string {
  const thousandths = Math.floor(fraction * 100_000 + 1e-9) / 1000;
  return `${Number(thousandths.toFixed(3))}%`;
}

/** A 0..1 score as a whole percentage: 0.75 → "75%". */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/**
 * "Score 75%", or "No score". An unknown state's score leaves out the
 * signals nobody could read, so "Score 100%" beside "Unknown" would read
 * as all is well: it says "Score of known signals 100%" instead.
 */
export function scoreLabel(
  score: number | undefined,
  state: HealthState,
): string {
  if (score === undefined) return 'No score';
  return state === 'unknown'
    ? `Score of known signals ${formatScore(score)}`
    : `Score ${formatScore(score)}`;
}

/** Minutes with one decimal: "43.2 min", "-3.5 min". */
export function formatMinutes(minutes: number): string {
  return `${Number(minutes.toFixed(1))} min`;
}

/**
 * The error budget left as a whole percentage of the budget, for bars: 0
 * once spent, rounded down so a nearly spent budget never reads as more.
 */
export function budgetPercentLeft(fraction: number): number {
  return Math.min(100, Math.max(0, Math.floor(fraction * 100 + 1e-9)));
}

/**
 * The error budget left in words, from the fraction the backend computes
 * for the SLO (the same number on every page): "50% left", "less than 1%
 * left", "spent", "spent, 35% over".
 */
export function describeBudget(fraction: number): string {
  if (fraction > 0) {
    const left = budgetPercentLeft(fraction);
    return left === 0 ? 'less than 1% left' : `${left}% left`;
  }
  const over = Math.ceil(-fraction * 100 - 1e-9);
  return over > 0 ? `spent, ${over}% over` : 'spent';
}

/**
 * A number with every digit it carries, without floating point noise
 * (0.1 + 0.2 → 0.3): thresholds as their owners wrote them, and values in
 * titles where the short form is shown.
 */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** A value written short; see `formatSignalNumber` in health-common. */
export const formatShortNumber = formatSignalNumber;

function withUnit(number: string, unit?: string): string {
  if (!unit) {
    return number;
  }
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** "12 runs", "99.95%", "840 ms"; a bare number without a unit. Every digit. */
export function formatValue(value: number, unit?: string): string {
  return withUnit(formatNumber(value), unit);
}

/**
 * A value for display, short (see {@link formatShortNumber}): "28.9 min";
 * the full value belongs in a title beside it.
 */
export function formatShortValue(
  value: number,
  unit?: string,
  thresholds?: SignalThresholds,
): string {
  return withUnit(formatShortNumber(value, unit, thresholds), unit);
}

/**
 * Thresholds as comparisons, worst last:
 * "degraded ≥ 1 runs, unhealthy ≥ 5 runs" or "degraded ≤ 99.9%, unhealthy ≤ 99%".
 */
export function formatThresholds(t: SignalThresholds, unit?: string): string {
  const op = t.direction === 'above' ? '≥' : '≤';
  const parts =
    t.degraded === undefined
      ? []
      : [`degraded ${op} ${formatValue(t.degraded, unit)}`];
  parts.push(`unhealthy ${op} ${formatValue(t.unhealthy, unit)}`);
  return parts.join(', ');
}

/** What the direction means, for people who do not read "above". */
export function describeDirection(t: SignalThresholds): string {
  return t.direction === 'above'
    ? 'higher values are worse'
    : 'lower values are worse';
}
