/**
 * The dataplatform-health backend plugin: evaluates every domain's and data
 * product's health model against Azure Monitor on a schedule, stores each
 * evaluation and serves states, history and SLOs.
 *
 * @packageDocumentation
 */
export { healthPlugin as default } from './plugin';
export { evaluateHealthModels } from './services/HealthEvaluator';
export type {
  EvaluateHealthModelsInput,
  HealthEvaluationOutput,
  HealthModelInput,
} from './services/HealthEvaluator';
export type { HealthModelEntry, EntityEvaluation } from './services/types';
