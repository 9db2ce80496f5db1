import { isRestError } from '@azure/core-rest-pipeline';

export interface AzureErrorDescription {
  /** Azure's error code (e.g. AuthorizationFailed), or a transport code. */
  code?: string;
  statusCode?: number;
  /** One line a person can act on. */
  message: string;
}

/**
 * Turns whatever an SDK call threw into one line naming Azure's error code,
 * so plugins can show it and keep it with stale data.
 */
export function describeAzureError(error: unknown): AzureErrorDescription {
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
    return { code: (error as NodeJS.ErrnoException).code, message: error.message };
  }
  return { message: String(error) };
}
