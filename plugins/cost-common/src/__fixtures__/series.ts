import type { DailyCost } from '../types';

const DAY_MS = 86_400_000;

/**
 * A daily series from `from` to `to` (inclusive); `cost` gets the day and its
 * weekday (0 = Sunday, UTC).
 */
export function series(
  from: string,
  to: string,
  cost: (date: string, weekday: number) => number,
): DailyCost[] {
  const days: DailyCost[] = [];
  for (
    let ms = Date.parse(`${from}T00:00:00Z`);
    ms <= Date.parse(`${to}T00:00:00Z`);
    ms += DAY_MS
  ) {
    const date = new Date(ms).toISOString().slice(0, 10);
    days.push({ date, cost: cost(date, new Date(ms).getUTCDay()) });
  }
  return days;
}

/** The day of the month, as a cost that tells every day apart. */
export const dayOfMonth = (date: string) => Number(date.slice(8, 10));
