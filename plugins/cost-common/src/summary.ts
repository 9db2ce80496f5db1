import {
  AT_RISK_FORECAST_RATIO,
  COST_RISKS,
  type CostRisk,
  type CostSummary,
  type DailyCost,
  type EstateDomainRow,
  type ForecastSource,
} from './types';
import { CostInputError } from './errors';
import { daysInMonth, dayNumber, monthKey, previousMonth } from './dates';
import { isFiniteNumber, oneDecimal, toCents } from './money';

/** Risks worst first: `over-budget` is 0, `no-data` the last. */
export const COST_RISK_ORDER = Object.fromEntries(
  COST_RISKS.map((risk, index) => [risk, index]),
) as Record<CostRisk, number>;

export interface SummarizeCostInput {
  daily: DailyCost[];
  today: string;
  currency: string;
  /** The subscription's monthly cost budget, if it has one. */
  budget?: { name: string; amount: number; forecastSpend: number | null };
  /** Remaining-days forecast share from the estate forecast (backend computes it). */
  estateShareForecastRemaining?: number | null;
}

/**
 * Month-to-date, the same days of last month, the month-end forecast and
 * where the subscription stands against its budget. The rules are stated in
 * the package README ("Summary and risk").
 */
export function summarizeCost(input: SummarizeCostInput): CostSummary {
  const { daily, today, currency, budget } = input;
  const todayNo = dayNumber(today, 'today');
  const month = monthKey(today);
  const dayOfMonth = Number(today.slice(8, 10));
  const lastMonth = previousMonth(month);
  const lastMonthLength = daysInMonth(
    Number(lastMonth.slice(0, 4)),
    Number(lastMonth.slice(5, 7)),
  );
  const lastMonthDays = Math.min(dayOfMonth, lastMonthLength);

  // Added up in whole cents so the figures and the risk boundaries are exact.
  let mtd = 0;
  let lastMtd = 0;
  let lastTotal = 0;
  daily.forEach((entry, index) => {
    const dayNo = dayNumber(entry.date, `daily[${index}].date`);
    if (!isFiniteNumber(entry.cost)) {
      throw new CostInputError(
        `daily[${index}].cost`,
        `the cost of ${entry.date} must be a finite number; got ${String(
          entry.cost,
        )}`,
      );
    }
    const cents = toCents(entry.cost);
    const entryMonth = monthKey(entry.date);
    if (entryMonth === month && dayNo <= todayNo) mtd += cents;
    if (entryMonth === lastMonth) {
      lastTotal += cents;
      if (Number(entry.date.slice(8, 10)) <= lastMonthDays) lastMtd += cents;
    }
  });

  let budgetCents: number | null = null;
  if (budget) {
    if (!isFiniteNumber(budget.amount) || budget.amount <= 0) {
      throw new CostInputError(
        'budget.amount',
        `budget.amount must be a number > 0; got ${String(budget.amount)}`,
      );
    }
    budgetCents = toCents(budget.amount);
  }

  let forecast: number | null = null;
  let forecastSource: ForecastSource = 'none';
  const share = input.estateShareForecastRemaining;
  if (
    budget &&
    isFiniteNumber(budget.forecastSpend) &&
    toCents(budget.forecastSpend) >= mtd
  ) {
    forecast = toCents(budget.forecastSpend);
    forecastSource = 'azure-budget';
  } else if (isFiniteNumber(share)) {
    // Azure's budget forecast below what is already spent is stale; the
    // estate share is the better guess then.
    forecast = mtd + toCents(share);
    forecastSource = 'azure-estate-share';
  }

  return {
    currency,
    monthToDate: mtd / 100,
    lastMonthToDate: lastMtd / 100,
    lastMonthTotal: lastTotal / 100,
    changeVsLastMonthPercent:
      lastMtd > 0 ? oneDecimal(((mtd - lastMtd) / lastMtd) * 100) : null,
    forecastMonthEnd: forecast === null ? null : forecast / 100,
    forecastSource,
    ...(budget ? { budgetName: budget.name } : {}),
    budget: budgetCents === null ? null : budgetCents / 100,
    burnPercent:
      budgetCents === null ? null : oneDecimal((mtd / budgetCents) * 100),
    forecastPercent:
      budgetCents === null || forecast === null
        ? null
        : oneDecimal((forecast / budgetCents) * 100),
    riskRatio:
      budgetCents === null || forecast === null ? null : forecast / budgetCents,
    risk: riskOf(mtd, forecast, budgetCents),
  };
}

/** All amounts in whole cents. */
function riskOf(
  mtd: number,
  forecast: number | null,
  budget: number | null,
): CostRisk {
  if (budget === null) return 'no-budget';
  if (mtd >= budget) return 'over-budget';
  if (forecast === null) return 'on-track';
  if (forecast >= budget) return 'forecast-over-budget';
  // In whole cents, budget × 0.9 has no binary rounding error that could
  // push a forecast of exactly 90 % below it (tested for budgets up to 20,000).
  if (forecast >= budget * AT_RISK_FORECAST_RATIO) return 'at-risk';
  return 'on-track';
}

function compareNullableDesc(
  a: number | null | undefined,
  b: number | null | undefined,
): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
  return b - a;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Estate ranking: riskRatio descending (rows without one last), then
 * month-to-date descending (rows without figures last), then name, then
 * entity ref.
 */
export function compareEstateRows(
  a: EstateDomainRow,
  b: EstateDomainRow,
): number {
  return (
    compareNullableDesc(a.summary?.riskRatio, b.summary?.riskRatio) ||
    compareNullableDesc(a.summary?.monthToDate, b.summary?.monthToDate) ||
    compareText(a.name, b.name) ||
    compareText(a.entityRef, b.entityRef)
  );
}
