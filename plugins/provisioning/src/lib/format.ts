/** How the provisioning pages write times, amounts and durations. */
import { plural } from '@dataplatform/portal-react';

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'always',
});

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 days ago", "in 2 hours", "in 3 weeks"; within 45 seconds either way
 * "just now". Unlike the shared `formatRelativeTime`, weeks, months and
 * years are used: lease ends and requests lie weeks away, where the
 * evaluation times of the other pages are minutes or days old.
 */
export function formatRelativeTime(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) {
    return 'at an unknown time';
  }
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) {
    return 'just now';
  }
  for (const [unit, unitSeconds] of UNITS) {
    if (Math.abs(seconds) >= unitSeconds) {
      return relativeTimeFormat.format(Math.round(seconds / unitSeconds), unit);
    }
  }
  return relativeTimeFormat.format(Math.sign(seconds), 'minute');
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/** "12 Mar 2026", the day in UTC like every time on these pages. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const amountFormat = new Intl.NumberFormat('en-GB', {
  maximumFractionDigits: 2,
});

/** "5,000", "412.5" — amounts in the billing currency. */
export function formatAmount(amount: number): string {
  return amountFormat.format(amount);
}

/** A recovery objective: "36 hours", "1 hour", "15 minutes". */
export function formatHours(hours: number): string {
  if (hours < 1) {
    return plural(Math.round(hours * 60), 'minute');
  }
  return plural(hours, 'hour');
}

/**
 * A retention: whole years when it is one (Log Analytics counts 10 years as
 * 3653 days, leap days included), else days.
 */
export function formatRetention(days: number): string {
  const years = days / 365.25;
  if (days >= 365 && Math.abs(years - Math.round(years)) < 0.01) {
    return plural(Math.round(years), 'year');
  }
  return plural(days, 'day');
}

export function capitalize(value: string): string {
  return value ? value[0].toLocaleUpperCase('en') + value.slice(1) : value;
}
