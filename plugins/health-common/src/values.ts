import type { SignalThresholds } from './types';

/**
 * A signal's value as people read it: three significant digits, at least one
 * decimal (28.939 → 28.9, 183.62 → 183.6, 1.2345 → 1.23, 0.04567 → 0.0457);
 * percentages keep three decimals (99.9923 → 99.992), as availability does.
 * More decimals are kept where the short form would read as something the
 * value is not: a whole number (99.9996 % as 100 %) or a threshold it is not
 * equal to (99.8996 as a 99.9 threshold).
 */
export function formatSignalNumber(
  value: number,
  unit?: string,
  thresholds?: SignalThresholds,
): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) {
    return String(value);
  }
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = unit === '%' ? 3 : Math.max(1, 2 - magnitude);
  const limits = thresholds
    ? [thresholds.degraded, thresholds.unhealthy].filter(
        (t): t is number => t !== undefined && t !== value,
      )
    : [];
  for (let d = decimals; d <= 12; d++) {
    const rounded = Number(value.toFixed(d));
    if (!Number.isInteger(rounded) && !limits.includes(rounded)) {
      return String(rounded);
    }
  }
  return String(Number(value.toPrecision(12)));
}
