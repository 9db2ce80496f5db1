import { durationMs as parseDurationMs } from '@dataplatform/plugin-health-common';

/**
 * Milliseconds of a validated model's duration (`PT15M`, `P1D`). A model
 * that got this far has passed validation, so anything else is a bug and
 * throws rather than reading as zero.
 */
export function durationMs(duration: string): number {
  const ms = parseDurationMs(duration);
  if (ms === undefined) {
    throw new Error(
      `'${duration}' is not an ISO 8601 duration of days, hours, minutes and seconds such as PT15M`,
    );
  }
  return ms;
}
