import type { DailyCost, SandboxCost } from './types';
import { CostInputError } from './errors';
import { dayNumber, dayString, monthEnd, utcDayOf } from './dates';
import { isFiniteNumber, oneDecimal, toCents } from './money';

/** Complete days (before today) whose mean is a sandbox's daily rate. */
export const SANDBOX_RATE_DAYS = 7;

export interface ProjectSandboxInput {
  daily: DailyCost[];
  today: string;
  /** Month-to-date spend. */
  spend: number;
  cap: number | null;
  /** The lease's end: a day `YYYY-MM-DD` or an ISO timestamp (its UTC day counts). */
  expiresOn?: string;
}

/**
 * When a sandbox reaches its cap at its recent pace. dailyRate = mean of the
 * last 7 complete days (days missing from `daily` count 0); daysUntilCap = 0
 * when spend ≥ cap, null without a cap or with a rate of 0, else
 * ceil((cap − spend) / rate); capReachedOn = today + daysUntilCap;
 * capBeforeExpiry = capReachedOn ≤ the earlier of expiresOn and month end
 * (sandbox budgets reset monthly), null when daysUntilCap is null.
 */
export function projectSandbox(
  input: ProjectSandboxInput,
): Pick<
  SandboxCost,
  | 'dailyRate'
  | 'daysUntilCap'
  | 'capReachedOn'
  | 'capBeforeExpiry'
  | 'spendPercent'
> {
  const { daily, today, spend, cap } = input;
  const todayNo = dayNumber(today, 'today');
  if (!isFiniteNumber(spend)) {
    throw new CostInputError(
      'spend',
      `spend must be a finite number; got ${String(spend)}`,
    );
  }
  if (cap !== null && (!isFiniteNumber(cap) || cap <= 0)) {
    throw new CostInputError(
      'cap',
      `cap must be a number > 0 or null; got ${String(cap)}`,
    );
  }
  let expiresOn: string | undefined;
  if (input.expiresOn !== undefined) {
    expiresOn = utcDayOf(input.expiresOn);
    if (expiresOn === undefined) {
      throw new CostInputError(
        'expiresOn',
        `expiresOn must be a day YYYY-MM-DD or an ISO 8601 timestamp; got ${JSON.stringify(
          input.expiresOn,
        )}`,
      );
    }
  }

  let rateCents = 0;
  daily.forEach((entry, index) => {
    const dayNo = dayNumber(entry.date, `daily[${index}].date`);
    if (dayNo >= todayNo - SANDBOX_RATE_DAYS && dayNo < todayNo) {
      rateCents += toCents(entry.cost);
    }
  });
  // The rate shown is rounded to cents; the projection uses that same rate
  // so the figures on the card agree with each other.
  rateCents = Math.round(rateCents / SANDBOX_RATE_DAYS);

  const spendCents = toCents(spend);
  const capCents = cap === null ? null : toCents(cap);
  let daysUntilCap: number | null = null;
  if (capCents !== null) {
    if (spendCents >= capCents) daysUntilCap = 0;
    else if (rateCents > 0) {
      daysUntilCap = Math.ceil((capCents - spendCents) / rateCents);
    }
  }

  let capReachedOn: string | null = null;
  let capBeforeExpiry: boolean | null = null;
  if (daysUntilCap !== null) {
    capReachedOn = dayString(todayNo + daysUntilCap);
    const end = monthEnd(today);
    const deadline =
      expiresOn !== undefined && expiresOn < end ? expiresOn : end;
    capBeforeExpiry = capReachedOn <= deadline;
  }

  return {
    dailyRate: rateCents / 100,
    daysUntilCap,
    capReachedOn,
    capBeforeExpiry,
    spendPercent:
      capCents === null ? null : oneDecimal((spendCents / capCents) * 100),
  };
}
