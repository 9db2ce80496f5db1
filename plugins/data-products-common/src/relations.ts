import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';

/** One relation a data product field produces, with its reverse. */
export interface DataProductRelationRule {
  /** Where the entity ref is read, `[]` meaning each element of a list. */
  field: string;
  /** Kind assumed when the ref omits it. */
  defaultKind: string;
  /** The relation from the data product to the target. */
  relation: string;
  /** The relation from the target back to the data product. */
  reverse: string;
}

/**
 * Every relation a data product takes part in. Emitted both ways, so the
 * catalog graph shows producer → contract → consumer lineage.
 */
export const DATA_PRODUCT_RELATIONS: readonly DataProductRelationRule[] = [
  {
    field: 'spec.owner',
    defaultKind: 'Group',
    relation: RELATION_OWNED_BY,
    reverse: RELATION_OWNER_OF,
  },
  {
    field: 'spec.domain',
    defaultKind: 'Domain',
    relation: RELATION_PART_OF,
    reverse: RELATION_HAS_PART,
  },
  {
    field: 'spec.outputPorts[].contract',
    defaultKind: 'API',
    relation: RELATION_PROVIDES_API,
    reverse: RELATION_API_PROVIDED_BY,
  },
  {
    field: 'spec.inputPorts[].contract',
    defaultKind: 'API',
    relation: RELATION_CONSUMES_API,
    reverse: RELATION_API_CONSUMED_BY,
  },
];
