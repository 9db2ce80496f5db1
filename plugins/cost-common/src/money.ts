import { CostInputError } from './errors';

/** Whole cents, so sums and comparisons are exact. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function roundCents(amount: number): number {
  return toCents(amount) / 100;
}

/** Sum rounded to cents, added up in whole cents. */
export function sumCents(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) total += toCents(amount);
  return total / 100;
}

export function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const WHOLE = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});
const CENTS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * An amount without its currency, as in titles ("12,000 of 15,000 USD"):
 * whole units from 100 on (cents are noise at that size), two decimals below
 * (a sandbox's 19.40 a day matters), thousands separated by commas.
 */
export function formatAmount(amount: number): string {
  if (!isFiniteNumber(amount)) {
    throw new CostInputError(
      'amount',
      `amount must be a finite number; got ${String(amount)}`,
    );
  }
  const cents = toCents(amount);
  // Decided on the rounded value so 99.999 reads "100", not "100.00".
  if (cents === 0) return CENTS.format(0);
  return Math.abs(cents) < 10_000
    ? CENTS.format(cents / 100)
    : WHOLE.format(amount);
}

/** `formatMoney(12345.6, 'USD')` → `12,346 USD`; `formatMoney(19.4, 'USD')` → `19.40 USD`. */
export function formatMoney(amount: number, currency: string): string {
  return `${formatAmount(amount)} ${currency}`;
}

/** `80` → `80%`, `12.5` → `12.5%`. */
export function formatPercent(percent: number): string {
  return `${PERCENT.format(percent)}%`;
}
