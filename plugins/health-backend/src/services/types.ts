import {
  EntityHealthSummary,
  HealthModel,
  ModelResult,
} from '@dataplatform/plugin-health-common';

export type HealthEntityKind = 'domain' | 'dataproduct';

export type ModelError = NonNullable<EntityHealthSummary['modelError']>;

/**
 * A Domain or DataProduct of the catalog as the evaluator sees it: its
 * model, or why it has none. A domain without a model of its own is listed
 * when one of its products has one, to roll them up.
 */
export interface HealthModelEntry {
  /** Lower-case entity ref, e.g. `domain:default/finance`. */
  entityRef: string;
  kind: HealthEntityKind;
  title: string;
  /** For a data product: its domain's entity ref. */
  domainRef?: string;
  /** The entity's `spec.owner` as an entity ref; its members see the model's definitions. */
  owner?: string;
  /** Where the model was read from, e.g. `catalog/health/finance.health.yaml` or a URL. */
  source?: string;
  model?: HealthModel;
  /** Set when the annotated model could not be read or is invalid. */
  modelError?: ModelError;
}

/** What the evaluator stores per entity and the routes serve. */
export interface EntityEvaluation {
  entry: HealthModelEntry;
  summary: EntityHealthSummary;
  /** The entity's own model, evaluated. */
  result?: ModelResult;
}
