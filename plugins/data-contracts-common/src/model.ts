/**
 * The ODCS v3 data contract as TypeScript types: v3.1.0 with the v3.0.x
 * forms it still accepts (marked deprecated). Field names follow the
 * standard, so a parsed YAML document can be read through these types once
 * the validator has accepted it.
 */

/** ODCS versions this validator knows. */
export const SUPPORTED_ODCS_VERSIONS = [
  'v3.0.0',
  'v3.0.1',
  'v3.0.2',
  'v3.1.0',
] as const;
/** @public */
export type OdcsVersion = (typeof SUPPORTED_ODCS_VERSIONS)[number];

/** A link to a definition elsewhere (business glossary, privacy statement…). */
export interface OdcsAuthoritativeDefinition {
  id?: string;
  url: string;
  type: string;
  description?: string;
}

/** A free key/value pair. */
export interface OdcsCustomProperty {
  id?: string;
  property: string;
  value: unknown;
  description?: string;
}

export interface OdcsDescription {
  usage?: string;
  purpose?: string;
  limitations?: string;
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
}

/** Server types of ODCS v3.1.0. */
export const ODCS_SERVER_TYPES = [
  'api',
  'athena',
  'azure',
  'bigquery',
  'clickhouse',
  'databricks',
  'denodo',
  'dremio',
  'duckdb',
  'glue',
  'cloudsql',
  'db2',
  'hive',
  'impala',
  'informix',
  'kafka',
  'kinesis',
  'local',
  'mysql',
  'oracle',
  'postgresql',
  'postgres',
  'presto',
  'pubsub',
  'redshift',
  's3',
  'sftp',
  'snowflake',
  'sqlserver',
  'synapse',
  'trino',
  'vertica',
  'zen',
  'custom',
] as const;
/** @public */
export type OdcsServerType = (typeof ODCS_SERVER_TYPES)[number];

/** Where the data is served. Type-specific fields depend on `type`. */
export interface OdcsServer {
  id?: string;
  server: string;
  type: OdcsServerType;
  description?: string;
  environment?: string;
  roles?: OdcsRole[];
  customProperties?: OdcsCustomProperty[];
  // Type-specific connection fields.
  account?: string;
  catalog?: string;
  database?: string;
  dataset?: string;
  delimiter?: string;
  endpointUrl?: string;
  format?: string;
  host?: string;
  location?: string;
  path?: string;
  port?: number;
  project?: string;
  region?: string;
  regionName?: string;
  schema?: string;
  serviceName?: string;
  stagingDir?: string;
  stream?: string;
  warehouse?: string;
}

export const ODCS_LOGICAL_TYPES = [
  'string',
  'date',
  'timestamp',
  'time',
  'number',
  'integer',
  'object',
  'array',
  'boolean',
] as const;
/** @public */
export type OdcsLogicalType = (typeof ODCS_LOGICAL_TYPES)[number];

export const ODCS_QUALITY_DIMENSIONS = [
  'accuracy',
  'completeness',
  'conformity',
  'consistency',
  'coverage',
  'timeliness',
  'uniqueness',
] as const;

export const ODCS_QUALITY_METRICS = [
  'nullValues',
  'missingValues',
  'invalidValues',
  'duplicateValues',
  'rowCount',
] as const;

/** Comparison operators of library and SQL quality rules (exactly one). */
export const ODCS_QUALITY_OPERATORS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;

/** A data quality rule, on a schema object or a property. */
export interface OdcsQualityRule {
  id?: string;
  name?: string;
  description?: string;
  type?: 'text' | 'library' | 'sql' | 'custom';
  dimension?: (typeof ODCS_QUALITY_DIMENSIONS)[number];
  method?: string;
  severity?: string;
  businessImpact?: string;
  schedule?: string;
  scheduler?: string;
  unit?: string;
  tags?: string[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
  /** library */
  metric?: (typeof ODCS_QUALITY_METRICS)[number];
  /** @deprecated v3.0.x name of a library rule, replaced by `metric`. */
  rule?: string;
  arguments?: Record<string, unknown>;
  /** sql */
  query?: string;
  /** custom */
  engine?: string;
  implementation?: string | Record<string, unknown>;
  mustBe?: unknown;
  mustNotBe?: unknown;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  mustNotBeBetween?: [number, number];
}

/** A foreign-key style relationship between schema elements. */
export interface OdcsRelationship {
  type?: 'foreignKey';
  from?: string | string[];
  to: string | string[];
  customProperties?: OdcsCustomProperty[];
}

/** Fields shared by schema objects and their properties. */
export interface OdcsSchemaElement {
  id?: string;
  name?: string;
  physicalType?: string;
  description?: string;
  businessName?: string;
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  tags?: string[];
  customProperties?: OdcsCustomProperty[];
}

/** A column or field. */
export interface OdcsProperty extends OdcsSchemaElement {
  logicalType?: OdcsLogicalType;
  logicalTypeOptions?: Record<string, unknown>;
  physicalName?: string;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  required?: boolean;
  unique?: boolean;
  partitioned?: boolean;
  partitionKeyPosition?: number;
  /** Sensitivity of the values (e.g. `restricted` for PII). */
  classification?: string;
  encryptedName?: string;
  transformSourceObjects?: string[];
  transformLogic?: string;
  transformDescription?: string;
  examples?: unknown[];
  criticalDataElement?: boolean;
  relationships?: OdcsRelationship[];
  quality?: OdcsQualityRule[];
  /** Nested fields of an `object` property. */
  properties?: OdcsProperty[];
  /** Element of an `array` property. */
  items?: OdcsProperty;
}

/** A table, view, topic or file described by the contract. */
export interface OdcsSchemaObject extends OdcsSchemaElement {
  name: string;
  logicalType?: 'object';
  physicalName?: string;
  dataGranularityDescription?: string;
  properties?: OdcsProperty[];
  relationships?: OdcsRelationship[];
  quality?: OdcsQualityRule[];
}

export interface OdcsSupportItem {
  id?: string;
  channel: string;
  url?: string;
  description?: string;
  tool?: string;
  scope?: string;
  invitationUrl?: string;
  customProperties?: OdcsCustomProperty[];
}

export interface OdcsPricing {
  id?: string;
  priceAmount?: number;
  priceCurrency?: string;
  priceUnit?: string;
}

export interface OdcsTeamMember {
  id?: string;
  username: string;
  name?: string;
  description?: string;
  role?: string;
  dateIn?: string;
  dateOut?: string;
  replacedByUsername?: string;
  tags?: string[];
  customProperties?: OdcsCustomProperty[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
}

export interface OdcsTeam {
  id?: string;
  name?: string;
  description?: string;
  members?: OdcsTeamMember[];
  tags?: string[];
  customProperties?: OdcsCustomProperty[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
}

/** An access role consumers request, with its approvers. */
export interface OdcsRole {
  id?: string;
  role: string;
  description?: string;
  access?: string;
  firstLevelApprovers?: string;
  secondLevelApprovers?: string;
  customProperties?: OdcsCustomProperty[];
}

/** One service level (latency, retention, frequency, availability…). */
export interface OdcsSlaProperty {
  id?: string;
  property: string;
  value: string | number | boolean | null;
  valueExt?: string | number | boolean | null;
  unit?: string;
  element?: string;
  driver?: string;
  description?: string;
  scheduler?: string;
  schedule?: string;
}

/** An ODCS v3 data contract. */
export interface OdcsContract {
  apiVersion: OdcsVersion;
  kind: 'DataContract';
  id: string;
  version: string;
  status: string;
  name?: string;
  tenant?: string;
  tags?: string[];
  domain?: string;
  /** @deprecated in v3.1.0 */
  dataProduct?: string;
  description?: OdcsDescription;
  servers?: OdcsServer[];
  schema?: OdcsSchemaObject[];
  support?: OdcsSupportItem[];
  price?: OdcsPricing;
  /** A team object; the member list form is the deprecated v3.0.x shape. */
  team?: OdcsTeam | OdcsTeamMember[];
  roles?: OdcsRole[];
  /** @deprecated in v3.1.0 */
  slaDefaultElement?: string;
  slaProperties?: OdcsSlaProperty[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
  contractCreatedTs?: string;
}
