/**
 * Health models as code: the YAML format and its JSON schema, validation,
 * signal grading, rollup, and the history/SLO arithmetic shared by the
 * health backend and pages.
 *
 * @packageDocumentation
 */
export * from './types';
export {
  HEALTH_MODEL_ANNOTATION,
  HEALTH_SIGNAL_CHANNEL,
  MAX_HEALTH_MODEL_BYTES,
} from './annotations';
export type { HealthCycleSignal } from './annotations';
export { HEALTH_MODEL_JSON_SCHEMA } from './schema';
export { parseHealthModel, validateHealthModel } from './parse';
export {
  gradeSignal,
  scoreOf,
  worstOf,
  compareStates,
  describeReading,
} from './grading';
export { evaluateModel, rollupDomain } from './rollup';
export { durationMs, formatDuration, lastPeriod } from './durations';
export {
  type StatePoint,
  bucketHistory,
  computeSlo,
  SLO_OBJECTIVE,
} from './history';
export { healthReadPermission, healthPermissions } from './permissions';
export { healthModelPortalUrl } from './portal';
export { formatSignalNumber } from './values';
