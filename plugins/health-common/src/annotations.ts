/**
 * Catalog annotation on a Domain or DataProduct pointing at its health model
 * file, relative to the entity's catalog file, e.g.
 * `./health/finance.health.yaml`.
 */
export const HEALTH_MODEL_ANNOTATION = 'dataplatform.contoso.com/health-model';

/**
 * Largest model file accepted, in bytes (UTF-8). A real model is a few KiB;
 * the limit keeps a hostile or generated file from costing the evaluator.
 */
export const MAX_HEALTH_MODEL_BYTES = 256 * 1024;

/**
 * The Backstage signals channel the health backend publishes on after each
 * evaluation cycle, so open pages reload within seconds of a new state
 * rather than at their next poll. The message carries no health data.
 */
export const HEALTH_SIGNAL_CHANNEL = 'dataplatform-health';

/** What is published on {@link HEALTH_SIGNAL_CHANNEL}. */
export interface HealthCycleSignal {
  [key: string]: string;
  evaluatedAt: string;
}
