import { CostInputError } from './errors';

/*
 * Calendar days are handled as whole days since 1970-01-01 (UTC), so adding
 * days and comparing them never meets time zones or daylight saving.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; throws naming `field` for anything else. */
export function dayNumber(day: string, field: string): number {
  const match = typeof day === 'string' ? DAY_PATTERN.exec(day) : null;
  if (match) {
    const [year, month, date] = match.slice(1).map(Number);
    const ms = Date.UTC(year, month - 1, date);
    // Date.UTC rolls 2026-02-30 over to March; a real day survives the round trip.
    if (dayString(ms / DAY_MS) === day) return ms / DAY_MS;
  }
  throw new CostInputError(
    field,
    `${field} must be a calendar day YYYY-MM-DD (UTC); got ${JSON.stringify(
      day,
    )}`,
  );
}

export function dayString(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of a valid day string. */
export function monthKey(day: string): string {
  return day.slice(0, 7);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1
    ? `${year - 1}-12`
    : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12
    ? `${year + 1}-01`
    : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** `day` moved by `days` (negative: back), e.g. `addDays('2026-03-01', -1)` → `2026-02-28`. */
export function addDays(day: string, days: number): string {
  return dayString(dayNumber(day, 'day') + days);
}

/** The last day of `day`'s month, e.g. `monthEnd('2028-02-10')` → `2028-02-29`. */
export function monthEnd(day: string): string {
  dayNumber(day, 'day');
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${monthKey(day)}-${String(daysInMonth(year, month)).padStart(
    2,
    '0',
  )}`;
}

/** The UTC calendar day of an ISO timestamp or `YYYY-MM-DD`; undefined when it is neither. */
export function utcDayOf(value: string): string | undefined {
  if (DAY_PATTERN.test(value)) {
    try {
      dayNumber(value, 'day');
      return value;
    } catch {
      return undefined;
    }
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}
