import type { Entity } from '@backstage/catalog-model';

/** The apiVersion of data product entities. */
export const DATA_PRODUCT_API_VERSION = 'dataplatform.contoso.com/v1alpha1';

/** The kind of data product entities. */
export const DATA_PRODUCT_KIND = 'DataProduct';

/** `spec.type` of an API entity whose definition is an ODCS v3 data contract. */
export const DATA_CONTRACT_API_TYPE = 'odcs';

/** Medallion layers: raw as landed, cleaned and conformed, business-ready. */
export const MEDALLION_LAYERS = ['bronze', 'silver', 'gold'] as const;
/** @public */
export type MedallionLayer = (typeof MEDALLION_LAYERS)[number];

/** Data classification, least to most sensitive. */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** Lifecycle status of a data product. */
export const DATA_PRODUCT_LIFECYCLES = [
  'experimental',
  'development',
  'production',
  'deprecated',
  'retired',
] as const;
/** @public */
export type DataProductLifecycle = (typeof DATA_PRODUCT_LIFECYCLES)[number];

/**
 * Retention classes, each a promise the retention plugin checks against what
 * Azure keeps.
 */
export const RETENTION_CLASSES = {
  'short-term': 'kept up to 90 days',
  standard: 'kept 2 years',
  regulatory: 'kept 7 years',
  audit: 'kept 10 years, immutable',
} as const;
/** @public */
export type RetentionClass = keyof typeof RETENTION_CLASSES;

/** Where a data product's data may live (GDPR residency and its peers). */
export const DATA_RESIDENCIES = {
  eu: 'European Union',
  us: 'United States',
  'south-america': 'South America',
} as const;
/** @public */
export type DataResidency = keyof typeof DATA_RESIDENCIES;

/** A port of a data product: the contract that governs one feed. */
export type DataProductPort = {
  /** Unique among the product's ports of the same direction. */
  name: string;
  description?: string;
  /** Entity ref of the ODCS contract (an API entity); kind defaults to API. */
  contract: string;
};

/** The service levels a data product declares. */
export type DataProductSla = {
  /** Greatest age of the newest data, as an ISO 8601 duration (PT15M). */
  freshness: string;
  /** Availability objective in percent (99.9). */
  availability: number;
  /** Recovery point objective, ISO 8601 duration (PT36H). */
  rpo: string;
  /** Recovery time objective, ISO 8601 duration (PT24H). */
  rto: string;
};

/** A data product entity as stored in the catalog. */
export interface DataProductEntityV1alpha1 extends Entity {
  apiVersion: typeof DATA_PRODUCT_API_VERSION;
  kind: typeof DATA_PRODUCT_KIND;
  spec: {
    /** Entity ref of the Domain the product belongs to. */
    domain: string;
    /** Entity ref of the owning Group. */
    owner: string;
    layer: MedallionLayer;
    classification: DataClassification;
    lifecycle: DataProductLifecycle;
    outputPorts: DataProductPort[];
    inputPorts?: DataProductPort[];
    sla: DataProductSla;
    retentionClass: RetentionClass;
    residency: DataResidency;
    /** Whether the product may be shared with partners outside the company (B2B). */
    externalSharing: boolean;
  };
}

/** Whether an entity is a data product. */
export function isDataProductEntity(
  entity: Entity,
): entity is DataProductEntityV1alpha1 {
  return (
    entity.kind.toLocaleLowerCase('en-US') ===
    DATA_PRODUCT_KIND.toLocaleLowerCase('en-US')
  );
}

/** Whether an entity is a data contract: an API whose definition is ODCS. */
export function isDataContractEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'api' &&
    entity.spec?.type === DATA_CONTRACT_API_TYPE
  );
}
