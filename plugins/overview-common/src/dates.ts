import { OverviewInputError } from './types';

/*
 * Calendar days are counted as whole days since 1970-01-01 (UTC), so the
 * difference of two days never meets time zones or daylight saving.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayString(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` day, of an ISO timestamp (its UTC
 * day) or of a Date (its UTC day); throws naming `field` for anything else.
 */
export function dayNumberOf(value: string | Date, field: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!Number.isNaN(ms)) return Math.floor(ms / DAY_MS);
  } else if (typeof value === 'string') {
    const match = DAY_PATTERN.exec(value);
    if (match) {
      const [year, month, date] = match.slice(1).map(Number);
      const dayNo = Date.UTC(year, month - 1, date) / DAY_MS;
      // Date.UTC rolls 2026-02-30 over to March; a real day survives the round trip.
      if (dayString(dayNo) === value) return dayNo;
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return Math.floor(ms / DAY_MS);
    }
  }
  throw new OverviewInputError(
    `${field} must be a calendar day YYYY-MM-DD or an ISO timestamp (UTC); got ${
      value instanceof Date ? 'an invalid Date' : JSON.stringify(value)
    }`,
  );
}

/**
 * Whole calendar days from `today` to `dateYmd` (UTC): 0 on the day itself,
 * negative once it has passed. Either may be `YYYY-MM-DD` or an ISO
 * timestamp (its UTC day counts); `today` may also be a Date.
 */
export function daysUntil(dateYmd: string, today: string | Date): number {
  return dayNumberOf(dateYmd, 'date') - dayNumberOf(today, 'today');
}
