/*
 * UTC calendar days as `YYYY-MM-DD`. Cost Management's daily rows are UTC
 * days, so every day the backend computes is one too. Moving between days
 * (`addDays`, `monthEnd`) is cost-common's; here is what only the backend
 * needs: the SDK's Date bounds and reading Azure's UsageDate cells.
 */

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.000Z`);
}

/**
 * A `UsageDate` cell as Cost Management sends it: a number `20261124`, or a
 * string `20261124` or `2026-11-24T00:00:00`. Undefined for anything else.
 */
export function usageDay(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const day = compact
    ? `${compact[1]}-${compact[2]}-${compact[3]}`
    : /^(\d{4}-\d{2}-\d{2})(T|$)/.exec(text)?.[1];
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  // Date.UTC rolls 2026-02-30 over to March; a real day survives the round trip.
  return utcDay(new Date(Date.UTC(year, month - 1, date))) === day
    ? day
    : undefined;
}
