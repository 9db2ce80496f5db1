import { describeAzureError } from '@dataplatform/plugin-azure-node';
import { SignalReading } from '@dataplatform/plugin-health-common';

/**
 * Azure's error codes are identifiers (`BadArgumentError`,
 * `ResourceNotFound`); a "code" of any other shape is not repeated where
 * everyone reads it.
 */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;

/** The code when it looks like one of Azure's, else undefined. */
export function publicCode(code: string | undefined): string | undefined {
  return code && ERROR_CODE.test(code) ? code : undefined;
}

/**
 * Why a call to Azure failed, in words anyone who may read health may see:
 * the HTTP status and Azure's error code, never Azure's message. A message
 * of Log Analytics can quote the query (`Query could not be parsed at
 * '...'`), one of Azure Monitor can name resources; both are definitions
 * only owners and the platform team see.
 */
export function publicCallFailure(
  call: 'query' | 'metrics query',
  description: { code?: string; statusCode?: number },
): string {
  const { statusCode } = description;
  const code = publicCode(description.code);
  if (statusCode === 429) return 'throttled by Azure (HTTP 429)';
  if (statusCode === 408 || statusCode === 504) {
    return `Azure did not answer in time (HTTP ${statusCode})`;
  }
  // The access layer's request timeout, after its retries.
  if (statusCode === undefined && code === 'ETIMEDOUT') {
    return 'Azure did not answer in time';
  }
  if (statusCode !== undefined) {
    return `${call} failed: HTTP ${statusCode}${code ? ` ${code}` : ''}`;
  }
  return code ? `${call} failed: ${code}` : `${call} failed`;
}

/**
 * The reading of a signal whose call to Azure threw: a public reason, and
 * Azure's full description as the detail for those who may see definitions.
 */
export function failedCallReading(
  call: 'query' | 'metrics query',
  error: unknown,
): SignalReading {
  const description = describeAzureError(error);
  return {
    reason: publicCallFailure(call, description),
    detail: description.message,
  };
}
