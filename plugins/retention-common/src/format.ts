import { durationToSeconds } from '@dataplatform/plugin-data-products-common';

const number = (n: number) => n.toLocaleString('en-US');

/** Whole years in a day count, counting a year as 365 days or as 365.25 (leap days included). */
function wholeYears(days: number): number | undefined {
  if (days < 365) return undefined;
  if (days % 365 === 0) return days / 365;
  const years = Math.round(days / 365.25);
  return Math.floor(years * 365.25) === days ? years : undefined;
}

/**
 * A day count as people read it: `3650` → `3,650 days (10 years)`, `730` →
 * `730 days (2 years)`, `1` → `1 day`, `45` → `45 days`. Log Analytics's
 * 12-year limit (4,383 days, leap days counted) also reads as years.
 */
export function formatDays(days: number): string {
  const text = `${number(days)} ${days === 1 ? 'day' : 'days'}`;
  const years = wholeYears(days);
  if (years === undefined) return text;
  return `${text} (${years} ${years === 1 ? 'year' : 'years'})`;
}

/** `≥ 3,650 days (10 years)`, `≤ 730 days (2 years)`, or both. */
export function formatBounds(bounds: { min?: number; max?: number }): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) parts.push(`≥ ${formatDays(bounds.min)}`);
  if (bounds.max !== undefined) parts.push(`≤ ${formatDays(bounds.max)}`);
  return parts.join(' and ');
}

/**
 * A recovery objective in the short units people use for them: `PT2H` →
 * `2 h`, `P1DT12H` → `1 d 12 h`, `PT5M` → `5 min`. Text that is not a
 * duration comes back unchanged.
 */
export function formatObjective(duration: string): string {
  const seconds = durationToSeconds(duration);
  if (seconds === undefined) return duration;
  return formatSeconds(seconds);
}

export function formatSeconds(total: number): string {
  if (total === 0) return '0 min';
  const units: Array<[number, string]> = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = total;
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count} ${unit}`);
    rest -= count * size;
  }
  return parts.join(' ');
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 storage account`, `3 storage accounts`. */
export function counted(count: number, singular: string, plural?: string) {
  return `${count} ${count === 1 ? singular : plural ?? `${singular}s`}`;
}
