import {
  describeAzureError,
  unlessNotFound,
} from '@dataplatform/plugin-azure-node';

/**
 * A failed Azure call, named after what the step was doing, e.g.
 * `Creating budget budget-dp-domain-x on subscription ...: HTTP 409:
 * RoleAssignmentExists: ...`. The SDK's error stays as the cause.
 */
export class AzureCallError extends Error {
  readonly code?: string;
  readonly statusCode?: number;

  constructor(doing: string, error: unknown) {
    const described = describeAzureError(error);
    super(`${doing}: ${described.message}`, { cause: error });
    this.name = 'AzureCallError';
    this.code = described.code;
    this.statusCode = described.statusCode;
  }
}

/**
 * Runs one Azure call. The SDK has already retried what Azure asked it to
 * (429 and 5xx, after Retry-After), so whatever still fails here fails the
 * step.
 */
export async function azureCall<T>(
  doing: string,
  call: () => PromiseLike<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AzureCallError(doing, error);
  }
}

/** A read whose 404 means "not there (yet)"; any other failure fails the step. */
export async function readIfExists<T>(
  doing: string,
  call: () => PromiseLike<T>,
): Promise<T | undefined> {
  try {
    return await unlessNotFound(call);
  } catch (error) {
    throw new AzureCallError(doing, error);
  }
}
