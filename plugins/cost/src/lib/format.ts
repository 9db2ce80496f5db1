import { formatMoney, formatPercent } from '@dataplatform/plugin-cost-common';

/** "12,345 USD"; "—" for an amount that is not known. */
export function money(
  amount: number | null | undefined,
  currency: string,
): string {
  return amount === null || amount === undefined || !Number.isFinite(amount)
    ? '—'
    : formatMoney(amount, currency);
}

/** "12k", "1.2M", "850": axis ticks, where the currency is in the axis label. */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** "80%", "116.1%"; "—" when not known. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return formatPercent(value);
}

/** "▲ 12.3%", "▼ 4%", "± 0%"; null when there is nothing to compare with. */
export function change(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return null;
  }
  if (value === 0) return '± 0%';
  return `${value > 0 ? '▲' : '▼'} ${percent(Math.abs(value))}`;
}

// Written out rather than Intl's en-GB, whose short September is "Sept" in
// some ICU versions and "Sep" in others; cost charts label days and months
// of UTC dates only.
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

function parseDay(value: string): Date | undefined {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "26 Nov" for `2026-11-26` or an ISO time (its UTC day); the input when unreadable. */
export function shortDay(value: string): string {
  const date = parseDay(value);
  return date ? `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}` : value;
}

/** "26 Nov 2026". */
export function longDay(value: string): string {
  const date = parseDay(value);
  return date ? `${shortDay(value)} ${date.getUTCFullYear()}` : value;
}

/** "Nov 2026" for `2026-11`. */
export function monthName(value: string): string {
  const date = parseDay(`${value.slice(0, 7)}-01`);
  return date
    ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`
    : value;
}

/** The name of an entity ref: `domain:default/sales` → `sales`. */
export function nameOf(entityRef: string): string {
  return entityRef.slice(entityRef.indexOf('/') + 1);
}

/** Where the catalog shows a Domain. */
export function domainPath(name: string): string {
  return `/catalog/default/domain/${encodeURIComponent(name)}`;
}

/** Where the catalog shows a sandbox (a Resource). */
export function sandboxPath(name: string): string {
  return `/catalog/default/resource/${encodeURIComponent(name)}`;
}
