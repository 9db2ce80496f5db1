import { ResponseError } from '@backstage/errors';

/**
 * What the backend said, without the "Request failed with 503 Service
 * Unavailable" wrapping, so people read the reason.
 */
export function reasonOf(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status of a failed backend call; undefined for any other error. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}
