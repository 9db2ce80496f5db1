/** The ISO 8601 durations health models use: days, hours, minutes and seconds. */
const DURATION =
  /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const UNITS = ['day', 'hour', 'minute', 'second'] as const;

/** The duration's parts as written (`PT90M` stays 90 minutes); undefined when it is not one. */
function partsOf(
  duration: string,
): Array<{ count: number; unit: string }> | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const parts = match
    .slice(1)
    .map((text, i) => ({ count: Number(text ?? 0), unit: UNITS[i] }))
    .filter(p => p.count > 0);
  return parts.length > 0 ? parts : [{ count: 0, unit: 'minute' }];
}

/**
 * Milliseconds of a duration in days, hours, minutes and seconds (`PT15M`,
 * `P1DT2H`); undefined when it is not one (months and years have no fixed
 * length).
 */
export function durationMs(duration: string): number | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match
    .slice(1)
    .map(text => Number(text ?? 0));
  return (
    days * 86_400_000 +
    hours * 3_600_000 +
    minutes * 60_000 +
    Math.round(seconds * 1000)
  );
}

const counted = (p: { count: number; unit: string }) =>
  `${p.count} ${p.unit}${p.count === 1 ? '' : 's'}`;

/**
 * An ISO 8601 duration as people say it: `PT15M` → `15 minutes`, `PT1H` →
 * `1 hour`, `P1DT12H` → `1 day 12 hours`. Anything else (months, or not a
 * duration) is returned as given, so a sentence never loses it.
 */
export function formatDuration(duration: string): string {
  const parts = partsOf(duration);
  return parts ? parts.map(counted).join(' ') : duration;
}

/**
 * The period a duration ending now covers: `PT1H` → `the last hour`,
 * `PT15M` → `the last 15 minutes`, `P1D` → `the last day`.
 */
export function lastPeriod(duration: string): string {
  const parts = partsOf(duration);
  if (parts?.length === 1 && parts[0].count === 1) {
    return `the last ${parts[0].unit}`;
  }
  return `the last ${formatDuration(duration)}`;
}
