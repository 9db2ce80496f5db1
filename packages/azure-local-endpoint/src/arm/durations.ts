/**
 * ISO 8601 durations and intervals as Azure Monitor's query APIs take them
 * (`PT15M`, `P1D`, `2026-05-01T10:00:00Z/PT1H`). Years and months are refused:
 * their length depends on the calendar, and no Monitor query needs them.
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO 8601 duration such as `PT15M` or `P1DT12H`; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || /^PT?$/i.test(text.trim())) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map(v =>
    v === undefined ? 0 : Number(v),
  );
  return Math.round(
    ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000,
  );
}

/** The shortest ISO 8601 duration for a length, e.g. 300000 → `PT5M`, 86400000 → `P1D`. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const time =
    (hours ? `${hours}H` : '') +
    (minutes ? `${minutes}M` : '') +
    (seconds ? `${seconds}S` : '');
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

function parseInstant(text: string): number | undefined {
  // Only full date-times: Date.parse would also take '5' or 'May 1'.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A Log Analytics `timespan`: a duration ending now, `start/end`,
 * `start/duration` or `duration/end`. Undefined when it is none of these or
 * does not end after it starts.
 */
export function parseTimespan(
  text: string,
  now: number,
): { start: number; end: number } | undefined {
  const parts = text.trim().split('/');
  let range: { start: number; end: number } | undefined;
  if (parts.length === 1) {
    const length = parseDuration(parts[0]);
    if (length !== undefined) range = { start: now - length, end: now };
  } else if (parts.length === 2) {
    const [a, b] = parts;
    const [startAt, endAt] = [parseInstant(a), parseInstant(b)];
    if (startAt !== undefined && endAt !== undefined) {
      range = { start: startAt, end: endAt };
    } else if (startAt !== undefined) {
      const length = parseDuration(b);
      if (length !== undefined)
        range = { start: startAt, end: startAt + length };
    } else if (endAt !== undefined) {
      const length = parseDuration(a);
      if (length !== undefined) range = { start: endAt - length, end: endAt };
    }
  }
  return range && range.end > range.start ? range : undefined;
}
