import {
  CostAlertView,
  CostSummary,
  DailyCost,
  MonthlyCost,
  StackedSeries,
} from '@dataplatform/plugin-cost-common';
import { money, monthName, percent, shortDay } from './format';
import { riskLook } from './risk';

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A day of cost with the average of the 7 days up to it, for the trend chart. */
export interface DailyPoint extends DailyCost {
  /** Mean of this day and the 6 before it; null for today (a part of a day) and while fewer than 7 days are known. */
  average: number | null;
  /** Today's cost so far: Azure fills it in through the day. */
  partial: boolean;
}

/**
 * Each day with its trailing 7-day average. The series ends with today,
 * whose cost is only what Azure has reported so far: it gets no average,
 * so the line does not dip at its end.
 */
export function withTrailingAverage(
  daily: DailyCost[],
  window = 7,
): DailyPoint[] {
  return daily.map((day, index) => {
    const partial = index === daily.length - 1;
    if (partial || index < window - 1) {
      return { ...day, average: null, partial };
    }
    let sum = 0;
    for (let i = index - window + 1; i <= index; i++) sum += daily[i].cost;
    return { ...day, average: round2(sum / window), partial };
  });
}

/** The last `days` days of a series (today included). */
export function lastDays(daily: DailyCost[], days: number): DailyCost[] {
  return daily.slice(Math.max(0, daily.length - days));
}

/**
 * "Daily cost, 31 Aug to 28 Nov (90 days): 123,456 USD in all; highest
 * 8,420 USD on 22 Nov; today so far 310 USD; average of the last 7
 * complete days 2,050 USD." The words behind a daily chart.
 */
export function dailySummary(daily: DailyCost[], currency: string): string {
  if (daily.length === 0) return 'No daily cost to show.';
  const first = daily[0];
  const today = daily[daily.length - 1];
  const complete = daily.slice(0, -1);
  const total = daily.reduce((sum, day) => sum + day.cost, 0);
  const highest = daily.reduce((max, day) => (day.cost > max.cost ? day : max));
  const week = complete.slice(-7);
  const weekAverage =
    week.length > 0
      ? week.reduce((sum, day) => sum + day.cost, 0) / week.length
      : null;
  const parts = [
    `Daily cost, ${shortDay(first.date)} to ${shortDay(today.date)} (${
      daily.length
    } days): ${money(total, currency)} in all`,
    `highest ${money(highest.cost, currency)} on ${shortDay(highest.date)}`,
    `today so far ${money(today.cost, currency)}`,
  ];
  if (weekAverage !== null) {
    parts.push(
      `average of the last ${week.length} complete days ${money(
        weekAverage,
        currency,
      )}`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** "Monthly cost: Sep 2026 12,300 USD; …; Nov 2026 (so far) 9,000 USD. Budget 15,000 USD a month." */
export function monthlySummary(
  monthly: MonthlyCost[],
  currency: string,
  budget: number | null,
): string {
  const months = monthly
    .map(
      m =>
        `${monthName(m.month)}${m.partial ? ' (so far)' : ''} ${money(
          m.cost,
          currency,
        )}`,
    )
    .join('; ');
  const budgetText =
    budget === null
      ? 'No monthly budget.'
      : `Budget ${money(budget, currency)} a month.`;
  return `Monthly cost: ${months || 'none'}. ${budgetText}`;
}

/** Where the month-end forecast comes from, in words. */
export function forecastSourceText(summary: CostSummary): string {
  switch (summary.forecastSource) {
    case 'azure-budget':
      return `Azure's forecast for budget ${summary.budgetName ?? ''}`.trim();
    case 'azure-estate-share':
      return "the estate's Azure forecast for the rest of the month, shared by this subscription's part of the last 7 days' cost";
    default:
      return 'no forecast: Azure gave none for this subscription';
  }
}

/**
 * What the burn gauge shows, in words: "Month to date 12,000 USD of a
 * 15,000 USD budget (80%). Forecast at month end 17,420 USD (116.1% of the
 * budget). Forecast over budget."
 */
export function gaugeSummary(summary: CostSummary): string {
  const { currency } = summary;
  const parts = [
    summary.budget === null
      ? `Month to date ${money(summary.monthToDate, currency)}; no budget.`
      : `Month to date ${money(summary.monthToDate, currency)} of a ${money(
          summary.budget,
          currency,
        )} budget (${percent(summary.burnPercent)}).`,
  ];
  if (summary.forecastMonthEnd !== null) {
    parts.push(
      `Forecast at month end ${money(summary.forecastMonthEnd, currency)}${
        summary.forecastPercent !== null
          ? ` (${percent(summary.forecastPercent)} of the budget)`
          : ''
      }.`,
    );
  } else {
    parts.push('No forecast.');
  }
  parts.push(`${riskLook(summary.risk).label}.`);
  return parts.join(' ');
}

/** Total of each series over the whole period, biggest first. */
export function seriesTotals(
  series: StackedSeries,
): Array<{ key: string; total: number }> {
  return series.keys
    .map(key => ({
      key,
      total: round2(
        series.points.reduce((sum, point) => sum + (point.values[key] ?? 0), 0),
      ),
    }))
    .sort((a, b) => b.total - a.total);
}

/**
 * "Cost by domain per month, Sep 2026 to Nov 2026; totals: operations-iot
 * 70,000 USD, finance 55,000 USD, other 3,000 USD." The words behind the
 * estate chart.
 */
export function stackedSummary(
  series: StackedSeries,
  granularity: 'daily' | 'monthly',
  currency: string,
): string {
  if (series.points.length === 0) return 'No cost to show.';
  const label = granularity === 'daily' ? shortDay : monthName;
  const first = series.points[0].period;
  const last = series.points[series.points.length - 1].period;
  const totals = seriesTotals(series)
    .map(({ key, total }) => `${key} ${money(total, currency)}`)
    .join(', ');
  return `Cost by domain per ${
    granularity === 'daily' ? 'day' : 'month'
  }, ${label(first)} to ${label(last)}; totals: ${totals}.`;
}

/** Chart rows of a stacked series: `{ period, <key>: value, … }`. */
export function stackedRows(
  series: StackedSeries,
): Array<Record<string, string | number>> {
  return series.points.map(point => {
    const row: Record<string, string | number> = { period: point.period };
    for (const key of series.keys) row[key] = point.values[key] ?? 0;
    return row;
  });
}

/** The days of anomaly alerts (`YYYY-MM-DD`), to colour them in daily bars. */
export function anomalyDays(source: { alerts: CostAlertView[] }): Set<string> {
  return new Set(
    source.alerts
      .filter(alert => alert.kind === 'anomaly')
      .map(alert => alert.raisedAt.slice(0, 10)),
  );
}
