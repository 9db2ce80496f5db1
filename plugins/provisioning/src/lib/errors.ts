import { ResponseError } from '@backstage/errors';

/**
 * What the backend said, without the "Request failed with 409 Conflict"
 * wrapping, so people read the reason (the four-eyes rule, who decided first).
 */
export function reasonOf(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}
