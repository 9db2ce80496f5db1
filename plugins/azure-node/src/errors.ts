import {
  isRestError,
  PipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';
import { CostManagementThrottledError } from './costManagement/quota';

export interface AzureErrorDescription {
  /** Azure's error code (e.g. AuthorizationFailed), or a transport code. */
  code?: string;
  statusCode?: number;
  /** One line a person can act on. */
  message: string;
}

/** Seconds as a person writes them: `30`, `1.5`, `0.25`. */
function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/**
 * A request Azure did not answer within the configured request timeout.
 *
 * The HTTP client reports a timeout as a bare AbortError, which the SDK's
 * retry policy rethrows at once, and which reads like the caller cancelled.
 * As a RestError with the transport code ETIMEDOUT it is retried like a
 * dropped connection instead, and says what happened when retries run out.
 */
export class AzureRequestTimeoutError extends RestError {
  static readonly CODE = 'ETIMEDOUT';

  constructor(
    readonly timeoutMs: number,
    readonly attempts: number,
    request?: PipelineRequest,
  ) {
    super(
      `Azure did not answer within ${formatSeconds(
        timeoutMs,
      )} s (request timeout${attempts > 1 ? `; tried ${attempts} times` : ''})`,
      { code: AzureRequestTimeoutError.CODE, request },
    );
    // RestError's constructor resets the prototype to its own, which would
    // make this error lose its class (and instanceof) to the base.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Turns whatever an SDK call threw into one line naming Azure's error code,
 * so plugins can show it and keep it with stale data.
 */
export function describeAzureError(error: unknown): AzureErrorDescription {
  if (error instanceof AzureRequestTimeoutError) {
    // The message already says it all; a transport code in front adds noise.
    return { code: error.code, message: error.message };
  }
  if (error instanceof CostManagementThrottledError) {
    // Says what is used up and until when; status and code would only repeat it.
    return {
      code: error.code,
      statusCode: error.statusCode,
      message: error.message,
    };
  }
  if (isRestError(error)) {
    const code = error.code;
    const status = error.statusCode;
    const parts = [
      status ? `HTTP ${status}` : undefined,
      code,
      error.message,
    ].filter(Boolean);
    return { code, statusCode: status, message: parts.join(': ') };
  }
  if (error instanceof Error) {
    return {
      code: (error as NodeJS.ErrnoException).code,
      message: error.message,
    };
  }
  return { message: String(error) };
}

/**
 * The answer of a read, or undefined when Azure answers 404: the resource
 * is not there. Every other failure is passed on; an outage is not absence.
 */
export async function unlessNotFound<T>(
  read: () => PromiseLike<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (describeAzureError(error).statusCode === 404) return undefined;
    throw error;
  }
}
