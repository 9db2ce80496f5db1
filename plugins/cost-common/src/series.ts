import type { DailyCost, MonthlyCost, StackedSeries } from './types';
import { CostInputError } from './errors';
import { dayNumber, dayString, monthKey, nextMonth } from './dates';
import { isFiniteNumber, toCents } from './money';

/** Days of cost the portal shows and keeps: today and the 89 days before. */
export const COST_HISTORY_DAYS = 90;

/** The key of the series that sums everything after the biggest ones. */
export const OTHER_SERIES_KEY = 'other';

/**
 * Every day from today − (days − 1) to today, oldest first, days without an
 * entry as 0, costs rounded to cents. Entries outside the window are left out.
 */
export function fillDailySeries(
  costs: Map<string, number> | Record<string, number>,
  today: string,
  days: number = COST_HISTORY_DAYS,
): DailyCost[] {
  const todayNo = dayNumber(today, 'today');
  if (!Number.isInteger(days) || days < 1) {
    throw new CostInputError(
      'days',
      `days must be a whole number ≥ 1; got ${String(days)}`,
    );
  }
  const entries =
    costs instanceof Map ? [...costs.entries()] : Object.entries(costs);
  const byDay = new Map<number, number>();
  for (const [day, cost] of entries) {
    const dayNo = dayNumber(day, `costs key ${JSON.stringify(day)}`);
    if (!isFiniteNumber(cost)) {
      throw new CostInputError(
        `costs[${day}]`,
        `the cost of ${day} must be a finite number; got ${String(cost)}`,
      );
    }
    byDay.set(dayNo, (byDay.get(dayNo) ?? 0) + toCents(cost));
  }
  const series: DailyCost[] = [];
  for (let dayNo = todayNo - days + 1; dayNo <= todayNo; dayNo++) {
    series.push({
      date: dayString(dayNo),
      cost: (byDay.get(dayNo) ?? 0) / 100,
    });
  }
  return series;
}

/**
 * Daily cost summed per calendar month, every month from the first day's
 * month to today's, oldest first (months without days as 0). Days after
 * today are ignored. Only today's month is `partial`.
 */
export function monthlyOf(daily: DailyCost[], today: string): MonthlyCost[] {
  const todayNo = dayNumber(today, 'today');
  const currentMonth = monthKey(today);
  const cents = new Map<string, number>();
  let first: string | undefined;
  daily.forEach((entry, index) => {
    const dayNo = dayNumber(entry.date, `daily[${index}].date`);
    if (dayNo > todayNo) return;
    const month = monthKey(entry.date);
    if (first === undefined || month < first) first = month;
    cents.set(month, (cents.get(month) ?? 0) + toCents(entry.cost));
  });
  if (first === undefined) return [];
  const months: MonthlyCost[] = [];
  for (let month = first; month <= currentMonth; month = nextMonth(month)) {
    months.push({
      month,
      cost: (cents.get(month) ?? 0) / 100,
      partial: month === currentMonth,
    });
  }
  return months;
}

/**
 * Which series to keep: the `limit` biggest by total cost (ties by key), the
 * rest to be summed. A series named `other` (a domain may be called that)
 * always joins the rest: two series of that name could not be told apart.
 */
function rankKeys(
  totals: Map<string, number>,
  limit: number,
): { kept: string[]; rest: string[] } {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new CostInputError(
      'limit',
      `limit must be a whole number ≥ 1; got ${String(limit)}`,
    );
  }
  const ranked = [...totals.keys()]
    .filter(key => key !== OTHER_SERIES_KEY)
    .sort((a, b) => totals.get(b)! - totals.get(a)! || compareText(a, b));
  const kept = ranked.slice(0, limit);
  const rest = [...totals.keys()].filter(key => !kept.includes(key));
  return { kept, rest };
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function stack(
  periodsByKey: Map<string, Map<string, number>>,
  limit: number,
): StackedSeries {
  const totals = new Map<string, number>();
  const periods = new Set<string>();
  for (const [key, values] of periodsByKey) {
    let total = 0;
    for (const [period, cents] of values) {
      total += cents;
      periods.add(period);
    }
    totals.set(key, total);
  }
  const { kept, rest } = rankKeys(totals, limit);
  const keys = rest.length > 0 ? [...kept, OTHER_SERIES_KEY] : kept;
  const points = [...periods].sort(compareText).map(period => {
    const values: Record<string, number> = {};
    for (const key of kept) {
      values[key] = (periodsByKey.get(key)!.get(period) ?? 0) / 100;
    }
    if (rest.length > 0) {
      let cents = 0;
      for (const key of rest) cents += periodsByKey.get(key)!.get(period) ?? 0;
      values[OTHER_SERIES_KEY] = cents / 100;
    }
    return { period, values };
  });
  return { keys, points };
}

function centsByPeriod(
  entries: Array<{ period: string; cost: number }>,
): Map<string, number> {
  const values = new Map<string, number>();
  for (const { period, cost } of entries) {
    values.set(period, (values.get(period) ?? 0) + toCents(cost));
  }
  return values;
}

/**
 * Stacks daily series by key (domain): keeps the `limit` keys with the most
 * cost over the period, biggest first, and sums the rest into `other` (only
 * when there is a rest). Periods are the days of any series, oldest first;
 * a key without a day counts 0 there.
 */
export function stackDaily(
  seriesByKey: Record<string, DailyCost[]>,
  limit: number,
): StackedSeries {
  const periodsByKey = new Map<string, Map<string, number>>();
  for (const [key, daily] of Object.entries(seriesByKey)) {
    daily.forEach((entry, index) =>
      dayNumber(entry.date, `seriesByKey.${key}[${index}].date`),
    );
    periodsByKey.set(
      key,
      centsByPeriod(daily.map(d => ({ period: d.date, cost: d.cost }))),
    );
  }
  return stack(periodsByKey, limit);
}

/** Like {@link stackDaily}, per month (`YYYY-MM`, see {@link monthlyOf}). */
export function stackMonthly(
  seriesByKey: Record<string, DailyCost[]>,
  today: string,
  limit: number,
): StackedSeries {
  const periodsByKey = new Map<string, Map<string, number>>();
  for (const [key, daily] of Object.entries(seriesByKey)) {
    periodsByKey.set(
      key,
      centsByPeriod(
        monthlyOf(daily, today).map(m => ({ period: m.month, cost: m.cost })),
      ),
    );
  }
  return stack(periodsByKey, limit);
}
