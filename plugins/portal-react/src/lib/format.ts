/** How the portal's pages write times and counts. */

export interface TimeFormatOptions {
  /**
   * Keep seconds: "42 seconds ago" rather than "just now", and
   * "10:31:05" rather than "10:31". For results that refresh every minute,
   * where rounding to the minute would hide a stuck producer.
   */
  seconds?: boolean;
}

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'always',
});

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 minutes ago", "2 days ago"; "just now" within a minute, or with
 * `seconds` "42 seconds ago".
 */
export function formatRelativeTime(
  iso: string,
  now: Date,
  options: TimeFormatOptions = {},
): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) {
    return 'at an unknown time';
  }
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  // Clocks of browser and backend differ by a little; a time a few seconds
  // in the future is "now", not "in 3 seconds".
  if (seconds < 60 && seconds > (options.seconds ? -1 : -60)) {
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
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const dateTimeWithSecondsFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

// Results are compared across teams in several countries, so one zone is
// shown everywhere and named.
/** "12 Mar 2026, 10:31 UTC", with `seconds` "12 Mar 2026, 10:31:05 UTC". */
export function formatDateTime(
  iso: string,
  options: TimeFormatOptions = {},
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const format = options.seconds ? dateTimeWithSecondsFormat : dateTimeFormat;
  return `${format.format(date)} UTC`;
}

/** "1 signal", "3 signals", "2 data products", "0 people" (with `many`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
