import type { Entity } from '@backstage/catalog-model';

/**
 * Set by the catalog on every ODCS contract entity: `valid` or `invalid`.
 * It lets lists show a contract's status without fetching its definition;
 * the entity page shows the errors themselves.
 */
export const CONTRACT_VALIDATION_ANNOTATION =
  'dataplatform.contoso.com/contract-validation';

/** Set by the catalog beside the validation annotation: how many errors. */
export const CONTRACT_ERROR_COUNT_ANNOTATION =
  'dataplatform.contoso.com/contract-error-count';

/** Set by the catalog: the ODCS apiVersion the contract declares. */
export const CONTRACT_ODCS_VERSION_ANNOTATION =
  'dataplatform.contoso.com/odcs-api-version';

/** What a list knows about a contract from its annotations. */
export type ContractStatus = 'valid' | 'invalid' | 'unchecked';

/** Reads a contract entity's validation status from its annotations. */
export function contractStatusOf(entity: Entity): {
  status: ContractStatus;
  errorCount: number;
} {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[CONTRACT_VALIDATION_ANNOTATION];
  const count = Number(annotations[CONTRACT_ERROR_COUNT_ANNOTATION] ?? 0);
  if (value === 'valid' || value === 'invalid') {
    return { status: value, errorCount: Number.isFinite(count) ? count : 0 };
  }
  return { status: 'unchecked', errorCount: 0 };
}
