/**
 * UTC calendar days as whole days since the epoch: the cost model, queries and
 * alerts count in these, so month and week boundaries never depend on the
 * host's time zone.
 */
export const DAY_MS = 86_400_000;

export const dayOf = (epochMs: number): number => Math.floor(epochMs / DAY_MS);

export const startOfDayMs = (day: number): number => day * DAY_MS;

/** `2026-11-24` */
export const isoDay = (day: number): string =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `20261124`, the number Cost Management answers as `UsageDate`. */
export const usageDateNumber = (day: number): number =>
  Number(isoDay(day).replace(/-/g, ''));

/** 0 = Sunday … 6 = Saturday (1 January 1970 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export const isWeekend = (day: number): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

export function monthStartOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function monthEndOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
}

/** The first day of the month before the day's month. */
export const previousMonthStartOf = (day: number): number =>
  monthStartOf(monthStartOf(day) - 1);

/** Monday of the day's week (ISO weeks). */
export const weekStartOf = (day: number): number =>
  day - ((weekdayOf(day) + 6) % 7);

/** Rounded to cents; money in the model is always whole cents. */
export const cents = (amount: number): number => Math.round(amount * 100) / 100;
