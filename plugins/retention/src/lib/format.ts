/** How the retention pages write times, days, checks and counts. */
import { Check, Finding } from '@dataplatform/plugin-retention-common';

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'always',
});

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "42 seconds ago", "3 minutes ago", "2 days ago"; "just now" within a minute. */
export function formatRelativeTime(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) {
    return 'at an unknown time';
  }
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  // Clocks of browser and backend differ by a little; a time a few seconds
  // in the future is "now", not "in 3 seconds".
  if (seconds >= -59 && seconds < 60) {
    return 'just now';
  }
  for (const [unit, unitSeconds] of UNITS) {
    if (Math.abs(seconds) >= unitSeconds) {
      return relativeTimeFormat.format(Math.round(seconds / unitSeconds), unit);
    }
  }
  return relativeTimeFormat.format(seconds, 'second');
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

// Evaluations are compared across teams in several countries, so one zone
// is shown everywhere and named.
/** "12 Mar 2026, 10:31 UTC". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : `${dateTimeFormat.format(date)} UTC`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * "3,650 days (10 years)", "730 days (2 years)", "1 day", "45 days": the
 * wording of the findings, for the numbers the pages draw themselves
 * (timeline markers and axes). Years only when they are whole (365 days).
 */
export function formatDays(days: number): string {
  const text = plural(days, 'day');
  if (days >= 365 && days % 365 === 0) {
    return `${text} (${plural(days / 365, 'year')})`;
  }
  return text;
}

export const CHECK_TITLES: Record<Check, string> = {
  'interactive-retention': 'Interactive retention',
  'total-retention': 'Total retention',
  'archive-tier': 'Archive tier',
  immutability: 'Immutability',
  replication: 'Replication',
  'secondary-region': 'Secondary region',
  rpo: 'Recovery point (RPO)',
  rto: 'Recovery time (RTO)',
};

/** A check's title; an unknown check from a newer backend shows as sent. */
export function checkTitle(check: string): string {
  return CHECK_TITLES[check as Check] ?? check;
}

export const AREA_TITLES: Record<Finding['area'], string> = {
  retention: 'Retention',
  recovery: 'Recovery',
};
