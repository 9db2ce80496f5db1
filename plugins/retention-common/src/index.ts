/**
 * Retention and recovery policy as code: the policy format and its
 * validation, the verdict rules comparing declared retention and recovery
 * with what Azure keeps, and the types the retention backend and pages share.
 *
 * @packageDocumentation
 */
export * from './types';
export {
  RETENTION_POLICY_API_VERSION,
  MAX_RETENTION_POLICY_BYTES,
  RPO_ANNOTATION,
  RTO_ANNOTATION,
  DR_STRATEGY_ANNOTATION,
  DEFAULT_MINIMUM_RTO,
  DEFAULT_RECOVERY,
  REGION_PAIRS,
} from './constants';
export { BASELINE_RETENTION_POLICY } from './policy/baseline';
export {
  parseRetentionPolicy,
  validateRetentionPolicy,
  formatPolicyErrors,
} from './policy/parse';
export {
  compareVerdicts,
  worstVerdict,
  countVerdicts,
  sortFindings,
  summarize,
} from './verdicts';
export { formatDays } from './format';
export { contractRetentionDays, parseAbfssLocation } from './contracts';
export { azurePortalResourceUrl } from './portal';
export {
  evaluateDomain,
  evaluateDataProduct,
  type EvaluationContext,
  type DomainInput,
  type DataProductInput,
  type EvaluationResult,
} from './evaluate';
export { findingsToCsv } from './csv';
export {
  retentionReadPermission,
  retentionReportPermission,
  retentionPermissions,
} from './permissions';
