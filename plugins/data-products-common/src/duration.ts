const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The ISO 8601 duration pattern the kind schema uses, as a string. */
export const ISO_DURATION_PATTERN = ISO_DURATION.source;

const UNITS: Array<[string, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Seconds in an ISO 8601 duration (years as 365 days, months as 30), or
 * undefined when the text is not one.
 */
export function durationToSeconds(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match) return undefined;
  return match
    .slice(1)
    .reduce(
      (sum, part, i) => sum + (part ? Number(part) * UNITS[i][1] : 0),
      0,
    );
}

/** "PT90M" → "1 hour 30 minutes"; unreadable text comes back unchanged. */
export function formatDuration(text: string): string {
  const match = ISO_DURATION.exec(text);
  if (!match) return text;
  const parts = match
    .slice(1)
    .map((part, i) => (part ? [Number(part), UNITS[i][0]] : undefined))
    .filter((p): p is [number, string] => !!p && (p[0] as number) > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  if (parts.length === 0) return '0 seconds';
  return parts.join(' ');
}
