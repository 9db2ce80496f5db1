/** ODCS retention units in days; months and years as 30 and 365 days. */
const UNIT_DAYS: Record<string, number> = {
  d: 1,
  day: 1,
  days: 1,
  w: 7,
  week: 7,
  weeks: 7,
  m: 30,
  month: 30,
  months: 30,
  y: 365,
  yr: 365,
  year: 365,
  years: 365,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The retention an ODCS contract promises: its `slaProperties` entry with
 * `property: retention`, `value` and `unit` (`10 y` → 3,650 days). Undefined
 * when there is no such entry or it cannot be read as a positive number of
 * a known unit (the unit has no default in ODCS, so a missing one is not
 * guessed).
 */
export function contractRetentionDays(
  slaProperties: unknown,
): { days: number; text: string } | undefined {
  if (!Array.isArray(slaProperties)) return undefined;
  for (const entry of Array.from(slaProperties as ArrayLike<unknown>)) {
    if (!isObject(entry)) continue;
    if (
      typeof entry.property !== 'string' ||
      entry.property.toLowerCase() !== 'retention'
    ) {
      continue;
    }
    let value = NaN;
    if (typeof entry.value === 'number') value = entry.value;
    else if (typeof entry.value === 'string' && entry.value.trim() !== '') {
      value = Number(entry.value);
    }
    const unit =
      typeof entry.unit === 'string' ? entry.unit.trim().toLowerCase() : '';
    const factor = UNIT_DAYS[unit];
    if (!Number.isFinite(value) || value <= 0 || factor === undefined) {
      return undefined;
    }
    return {
      days: Math.round(value * factor),
      text: `${value} ${String(entry.unit).trim()}`,
    };
  }
  return undefined;
}

const ABFSS =
  /^abfss:\/\/([a-z0-9](?![a-z0-9-]*--)[a-z0-9-]{1,61}[a-z0-9])@([a-z0-9]{3,24})\.dfs\.core\.windows\.net(?::443)?(?:\/(.*))?$/i;

/**
 * `abfss://<container>@<account>.dfs.core.windows.net/<path>` → its parts;
 * the path has no leading slash and keeps a trailing one. Undefined for any
 * other location (other clouds, `az://`, `https://`).
 */
export function parseAbfssLocation(
  location: string,
): { account: string; container: string; path: string } | undefined {
  if (typeof location !== 'string') return undefined;
  const match = ABFSS.exec(location.trim());
  if (!match) return undefined;
  return {
    container: match[1].toLowerCase(),
    account: match[2].toLowerCase(),
    path: (match[3] ?? '').replace(/^\/+/, ''),
  };
}
