import { describeAzureError } from '@dataplatform/plugin-azure-node';
import { ReadProblem } from '@dataplatform/plugin-retention-common';

/**
 * Azure's error codes are identifiers (`AuthorizationFailed`,
 * `ResourceNotFound`); a "code" of any other shape is not repeated where
 * every signed-in person reads it.
 */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;

function publicCode(code: string | undefined): string | undefined {
  return code && ERROR_CODE.test(code) ? code : undefined;
}

/**
 * Why a read failed, in words anyone who may read retention may see: the
 * HTTP status and Azure's error code, never Azure's message (which can be
 * long, and quotes request details nobody needs on a findings page).
 *
 * `read` says what was being read, e.g. `listing tables`.
 */
export function readFailure(read: string, error: unknown): ReadProblem {
  const description = describeAzureError(error);
  const { statusCode } = description;
  const code = publicCode(description.code);
  if (statusCode === 429) return { reason: 'throttled by Azure (HTTP 429)' };
  if (statusCode === 408 || statusCode === 504) {
    return { reason: `Azure did not answer in time (HTTP ${statusCode})` };
  }
  if (statusCode === 403 || statusCode === 401) {
    return {
      reason: `no read access for ${read} (HTTP ${statusCode}${
        code ? ` ${code}` : ''
      })`,
    };
  }
  // The access layer's request timeout, after its retries.
  if (statusCode === undefined && code === 'ETIMEDOUT') {
    return { reason: 'Azure did not answer in time' };
  }
  if (statusCode !== undefined) {
    return {
      reason: `${read} failed: HTTP ${statusCode}${code ? ` ${code}` : ''}`,
    };
  }
  return { reason: code ? `${read} failed: ${code}` : `${read} failed` };
}

/**
 * A read of something the list before it named: a 404 means it went away
 * in between, which says more than "not found".
 */
export function readAfterListFailure(
  read: string,
  error: unknown,
): ReadProblem {
  if (describeAzureError(error).statusCode === 404) {
    return { reason: 'deleted between list and get (HTTP 404)' };
  }
  return readFailure(read, error);
}
