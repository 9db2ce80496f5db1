import type { CostAlertView, DailyCost } from './types';
import { CostInputError } from './errors';
import { dayNumber, dayString } from './dates';
import {
  formatAmount,
  formatMoney,
  isFiniteNumber,
  roundCents,
  toCents,
} from './money';
import { costAnalysisUrl } from './portal';

/** Days before a day that make its baseline. */
export const ANOMALY_BASELINE_DAYS = 14;
/** How far back days are checked, and how long an anomaly stays active. */
export const ANOMALY_LOOKBACK_DAYS = 30;
/** Least excess over the baseline that counts, in the billing currency. */
export const ANOMALY_MIN_ABSOLUTE = 50;

/** Scales the median absolute deviation to a standard deviation for normal data. */
const MAD_SCALE = 1.4826;
const MAD_FACTOR = 4;
const MIN_RELATIVE_EXCESS = 0.5;

export interface CostAnomaly {
  date: string;
  cost: number;
  /** The baseline: median cost of the 14 days before. */
  expected: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Days whose cost is far above the usual. A day's baseline is the median of
 * the 14 days before it; it is flagged when cost ≥ baseline + max(4 × 1.4826
 * × MAD, 0.5 × baseline) and cost − baseline ≥ `minAbsolute`. Median and MAD
 * ignore a weekly rhythm (10 weekdays outvote 4 weekend days) and earlier
 * spikes. Only complete days (before today) within the last `lookbackDays`
 * are checked, and only those with all 14 days before them in `daily`.
 * Oldest first.
 */
export function detectAnomalies(
  daily: DailyCost[],
  today: string,
  options: { lookbackDays?: number; minAbsolute?: number } = {},
): CostAnomaly[] {
  const todayNo = dayNumber(today, 'today');
  const lookbackDays = options.lookbackDays ?? ANOMALY_LOOKBACK_DAYS;
  const minAbsolute = options.minAbsolute ?? ANOMALY_MIN_ABSOLUTE;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1) {
    throw new CostInputError(
      'lookbackDays',
      `lookbackDays must be a whole number ≥ 1; got ${String(lookbackDays)}`,
    );
  }
  if (!isFiniteNumber(minAbsolute) || minAbsolute < 0) {
    throw new CostInputError(
      'minAbsolute',
      `minAbsolute must be a number ≥ 0; got ${String(minAbsolute)}`,
    );
  }

  const cents = new Map<number, number>();
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
    cents.set(dayNo, (cents.get(dayNo) ?? 0) + toCents(entry.cost));
  });

  const anomalies: CostAnomaly[] = [];
  for (let dayNo = todayNo - lookbackDays; dayNo < todayNo; dayNo++) {
    const cost = cents.get(dayNo);
    if (cost === undefined) continue;
    const before: number[] = [];
    for (let back = ANOMALY_BASELINE_DAYS; back >= 1; back--) {
      const value = cents.get(dayNo - back);
      if (value !== undefined) before.push(value);
    }
    if (before.length < ANOMALY_BASELINE_DAYS) continue;
    const baseline = median(before);
    const mad = median(before.map(value => Math.abs(value - baseline)));
    const threshold =
      baseline +
      Math.max(MAD_FACTOR * MAD_SCALE * mad, MIN_RELATIVE_EXCESS * baseline);
    if (cost >= threshold && cost - baseline >= toCents(minAbsolute)) {
      anomalies.push({
        date: dayString(dayNo),
        cost: cost / 100,
        expected: roundCents(baseline / 100),
      });
    }
  }
  return anomalies;
}

export interface AnomalyAlertInput extends CostAnomaly {
  subscriptionId: string;
  currency: string;
  today: string;
  tenantId: string;
  domain?: string;
  sandbox?: string;
}

/**
 * An anomalous day as an alert: id `anomaly:<subscription>:<date>`, active
 * while the day is within the last {@link ANOMALY_LOOKBACK_DAYS} days
 * (resolved after), raised at the start of that day (UTC).
 */
export function anomalyAlert(input: AnomalyAlertInput): CostAlertView {
  const { subscriptionId, date, cost, expected, currency } = input;
  const age = dayNumber(input.today, 'today') - dayNumber(date, 'date');
  const excess = roundCents(cost - expected);
  const title =
    expected > 0
      ? `Cost on ${date} was ${(cost / expected).toFixed(
          1,
        )}× the usual (${formatAmount(cost)} vs ${formatAmount(
          expected,
        )} ${currency})`
      : `Cost on ${date} was ${formatMoney(
          cost,
          currency,
        )}, where the days before cost nothing`;
  return {
    id: `anomaly:${subscriptionId}:${date}`,
    kind: 'anomaly',
    source: 'portal',
    status: age <= ANOMALY_LOOKBACK_DAYS ? 'active' : 'resolved',
    subscriptionId,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.sandbox ? { sandbox: input.sandbox } : {}),
    title,
    detail: `The ${ANOMALY_BASELINE_DAYS} days before cost ${formatMoney(
      expected,
      currency,
    )} a day (median); ${date} cost ${formatMoney(
      excess,
      currency,
    )} more. Cost analysis grouped by resource shows what ran.`,
    currentSpend: cost,
    expected,
    currency,
    raisedAt: `${date}T00:00:00.000Z`,
    portalUrl: costAnalysisUrl(input.tenantId, subscriptionId),
  };
}
