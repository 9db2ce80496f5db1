import {
  ODCS_LOGICAL_TYPES,
  ODCS_QUALITY_DIMENSIONS,
  ODCS_QUALITY_METRICS,
  ODCS_QUALITY_OPERATORS,
  ODCS_SERVER_TYPES,
  SUPPORTED_ODCS_VERSIONS,
} from './model';

/**
 * The ODCS rules as a JSON schema of our own (draft-07), compiled by ajv.
 *
 * It differs in shape from the official schema on purpose: every object is
 * closed with `additionalProperties: false` (so an unknown key is one error
 * naming it), and every variant (server type, quality rule type, logical
 * type) is a complete closed object selected by `if`/`then` on its tag, so a
 * document gets the errors of the variant it declares instead of a cascade
 * from every `oneOf` branch.
 *
 * Two flavours: `v3.1` for v3.1.0 documents and `v3.0` for v3.0.x ones. The
 * v3.0 flavour is the v3.1 model (the official examples declare v3.0.2 yet
 * use v3.1.0 fields, and the official v3.1.0 schema accepts v3.0.x) plus the
 * v3.0.x forms v3.1.0 dropped: library rules named by `rule` instead of
 * `metric`, boolean `exclusiveMinimum`/`exclusiveMaximum`, team entries
 * without `username`, and library/SQL rules without an operator.
 */
export type SchemaFlavour = 'v3.0' | 'v3.1';

type Json = Record<string, unknown>;

const string: Json = { type: 'string' };
const boolean: Json = { type: 'boolean' };
const integer: Json = { type: 'integer' };
const number: Json = { type: 'number' };
const nonNegativeInteger: Json = { type: 'integer', minimum: 0 };
const anyValue: Json = {};
const uri: Json = { type: 'string', format: 'uri' };

/** A closed object: any key not listed is an error naming it. */
function closed(properties: Json, required: string[] = []): Json {
  const schema: Json = {
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) schema.required = required;
  return schema;
}

function arrayOf(items: Json, extra: Json = {}): Json {
  return { type: 'array', items, ...extra };
}

/**
 * Picks a closed variant by the value of a tag property. A missing tag
 * selects `untagged`; an unknown one fails only the tag's enum.
 */
function variants(
  tag: string,
  byValue: Array<[string, Json]>,
  untagged: Json | undefined,
): Json {
  const branches: Json[] = byValue.map(([value, then]) => ({
    if: { properties: { [tag]: { const: value } }, required: [tag] },
    then,
  }));
  if (untagged) {
    branches.push({ if: { not: { required: [tag] } }, then: untagged });
  }
  return {
    type: 'object',
    properties: { [tag]: { enum: byValue.map(([value]) => value) } },
    allOf: branches,
  };
}

const REFERENCE_PATTERN =
  // table.column, or a path into this or another contract:
  // [file.yaml#]/schema/<object>/properties/<property>...
  '^(?:[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*|(?:(?:https?:\\/\\/)?[A-Za-z0-9._\\-\\/]+\\.yaml#)?\\/?[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+(?:\\/[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+)*)$';

const HINTS = {
  stableId: "letters, digits, '_' and '-' only",
  reference:
    'a reference such as orders.customer_id or schema/orders/properties/customer_id',
  sftp: 'an sftp:// URL',
} as const;

/** Connection fields of each server type: [field schemas, required]. */
const SERVER_FIELDS: Record<string, [Json, string[]]> = (() => {
  const hostPortDb = { host: string, port: integer, database: string };
  const hostPortDbSchema = { ...hostPortDb, schema: string };
  return {
    api: [{ location: uri }, ['location']],
    athena: [
      { stagingDir: uri, schema: string, catalog: string, regionName: string },
      ['stagingDir', 'schema'],
    ],
    azure: [
      { location: uri, format: string, delimiter: string },
      ['location', 'format'],
    ],
    bigquery: [{ project: string, dataset: string }, ['project', 'dataset']],
    clickhouse: [hostPortDb, ['host', 'port', 'database']],
    databricks: [
      { host: string, catalog: string, schema: string },
      ['catalog', 'schema'],
    ],
    denodo: [hostPortDb, ['host', 'port']],
    dremio: [{ host: string, port: integer, schema: string }, ['host', 'port']],
    duckdb: [{ database: string, schema: string }, ['database']],
    glue: [
      { account: string, database: string, location: uri, format: string },
      ['account', 'database'],
    ],
    cloudsql: [hostPortDbSchema, ['host', 'port', 'database', 'schema']],
    db2: [hostPortDbSchema, ['host', 'port', 'database']],
    hive: [hostPortDb, ['host', 'database']],
    impala: [hostPortDb, ['host', 'database']],
    informix: [hostPortDb, ['host', 'database']],
    zen: [hostPortDb, ['host', 'database']],
    custom: [
      {
        account: string,
        catalog: string,
        database: string,
        dataset: string,
        delimiter: string,
        endpointUrl: uri,
        format: string,
        host: string,
        location: uri,
        path: string,
        port: integer,
        project: string,
        region: string,
        regionName: string,
        schema: string,
        serviceName: string,
        stagingDir: string,
        warehouse: string,
        stream: string,
      },
      [],
    ],
    kafka: [{ host: string, format: string }, ['host']],
    kinesis: [{ region: string, format: string }, []],
    local: [{ path: string, format: string }, ['path', 'format']],
    mysql: [hostPortDb, ['host', 'port', 'database']],
    oracle: [
      { host: string, port: integer, serviceName: string },
      ['host', 'port', 'serviceName'],
    ],
    postgresql: [hostPortDbSchema, ['host', 'port', 'database', 'schema']],
    postgres: [hostPortDbSchema, ['host', 'port', 'database', 'schema']],
    presto: [{ host: string, catalog: string, schema: string }, ['host']],
    pubsub: [{ project: string }, ['project']],
    redshift: [
      {
        host: string,
        database: string,
        schema: string,
        region: string,
        account: string,
      },
      ['database', 'schema'],
    ],
    s3: [
      { location: uri, endpointUrl: uri, format: string, delimiter: string },
      ['location'],
    ],
    sftp: [
      {
        location: { ...uri, pattern: '^sftp://', 'x-hint': HINTS.sftp },
        format: string,
        delimiter: string,
      },
      ['location'],
    ],
    snowflake: [
      {
        host: string,
        port: integer,
        account: string,
        database: string,
        schema: string,
        warehouse: string,
      },
      ['account', 'database', 'schema'],
    ],
    sqlserver: [hostPortDbSchema, ['host', 'database', 'schema']],
    synapse: [hostPortDb, ['host', 'port', 'database']],
    trino: [
      { host: string, port: integer, catalog: string, schema: string },
      ['host', 'port', 'catalog', 'schema'],
    ],
    vertica: [hostPortDbSchema, ['host', 'port', 'database', 'schema']],
  };
})();

/** Builds the contract schema of one flavour. */
export function buildContractSchema(flavour: SchemaFlavour): Json {
  const v30 = flavour === 'v3.0';
  const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });
  // Each variant lives in its own definition so ajv compiles it to its own
  // small function; one giant inlined function is too big for V8 to optimise.
  const definitions: Record<string, Json> = {};
  const define = (name: string, schema: Json): Json => {
    definitions[name] = schema;
    return ref(name);
  };

  const stableId: Json = {
    type: 'string',
    pattern: '^[A-Za-z0-9_-]+$',
    'x-hint': HINTS.stableId,
  };
  const tags = arrayOf(string);

  const element: Json = {
    id: stableId,
    name: string,
    physicalType: string,
    description: string,
    businessName: string,
    authoritativeDefinitions: ref('authoritativeDefinitions'),
    tags,
    customProperties: ref('customProperties'),
  };

  const reference: Json = {
    type: ['string', 'array'],
    pattern: REFERENCE_PATTERN,
    'x-hint': HINTS.reference,
    items: {
      type: 'string',
      pattern: REFERENCE_PATTERN,
      'x-hint': HINTS.reference,
    },
    minItems: 1,
  };
  const relationshipFields = {
    type: { enum: ['foreignKey'] },
    to: reference,
    customProperties: ref('customProperties'),
  };

  // Exclusive bounds were booleans in v3.0.x and became values in v3.1.0.
  const exclusiveBound = (value: Json): Json =>
    v30 ? { type: [value.type as string, 'boolean'] } : value;

  const temporalOptions = {
    format: string,
    minimum: string,
    maximum: string,
    exclusiveMinimum: exclusiveBound(string),
    exclusiveMaximum: exclusiveBound(string),
  };
  const numericOptions = (formats: string[]) =>
    closed({
      multipleOf: { type: 'number', exclusiveMinimum: 0 },
      minimum: number,
      maximum: number,
      exclusiveMinimum: exclusiveBound(number),
      exclusiveMaximum: exclusiveBound(number),
      format: { enum: formats },
    });

  const optionsByLogicalType: Record<string, Json> = {
    string: closed({
      minLength: nonNegativeInteger,
      maxLength: nonNegativeInteger,
      pattern: string,
      format: string,
    }),
    date: closed(temporalOptions),
    timestamp: closed({
      ...temporalOptions,
      timezone: boolean,
      defaultTimezone: string,
    }),
    time: closed({
      ...temporalOptions,
      timezone: boolean,
      defaultTimezone: string,
    }),
    integer: numericOptions([
      'i8',
      'i16',
      'i32',
      'i64',
      'i128',
      'u8',
      'u16',
      'u32',
      'u64',
      'u128',
    ]),
    number: numericOptions(['f32', 'f64']),
    object: closed({
      minProperties: nonNegativeInteger,
      maxProperties: nonNegativeInteger,
      required: arrayOf(string, { minItems: 1, uniqueItems: true }),
    }),
    array: closed({
      minItems: nonNegativeInteger,
      maxItems: nonNegativeInteger,
      uniqueItems: boolean,
    }),
    // The standard leaves boolean options open.
    boolean: { type: 'object' },
  };

  /** A column/field; `requireName` is false for an array's `items`. */
  const property = (requireName: boolean): Json => {
    const base: Json = {
      ...element,
      logicalType: { enum: [...ODCS_LOGICAL_TYPES] },
      logicalTypeOptions: { type: 'object' },
      physicalName: string,
      primaryKey: boolean,
      primaryKeyPosition: integer,
      required: boolean,
      unique: boolean,
      partitioned: boolean,
      partitionKeyPosition: integer,
      classification: string,
      encryptedName: string,
      transformSourceObjects: tags,
      transformLogic: string,
      transformDescription: string,
      examples: arrayOf(anyValue),
      criticalDataElement: boolean,
      relationships: arrayOf(ref('propertyRelationship')),
      quality: ref('quality'),
    };
    const required = requireName ? ['name'] : [];
    const forType = (logicalType: string): Json => {
      const fields: Json = {
        ...base,
        logicalTypeOptions: optionsByLogicalType[logicalType],
      };
      if (logicalType === 'object') fields.properties = ref('properties');
      if (logicalType === 'array') fields.items = ref('itemProperty');
      return define(
        `${requireName ? 'property' : 'itemProperty'}_${logicalType}`,
        closed(fields, required),
      );
    };
    return variants(
      'logicalType',
      ODCS_LOGICAL_TYPES.map(t => [t, forType(t)]),
      // Without a logical type nested fields may still be described.
      closed(
        {
          ...base,
          logicalTypeOptions: {
            type: 'object',
            maxProperties: 0,
            'x-hint': 'empty: options apply only once logicalType is set',
          },
          properties: ref('properties'),
          items: ref('itemProperty'),
        },
        required,
      ),
    );
  };

  const operators: Json = {
    mustBe: anyValue,
    mustNotBe: anyValue,
    mustBeGreaterThan: number,
    mustBeGreaterOrEqualTo: number,
    mustBeLessThan: number,
    mustBeLessOrEqualTo: number,
    mustBeBetween: arrayOf(number, {
      minItems: 2,
      maxItems: 2,
      uniqueItems: true,
    }),
    mustNotBeBetween: arrayOf(number, {
      minItems: 2,
      maxItems: 2,
      uniqueItems: true,
    }),
  };
  // v3.1.0 needs exactly one comparison; v3.0.x allowed none.
  const operatorRule: Json = v30
    ? { atMostOneOf: [...ODCS_QUALITY_OPERATORS] }
    : { exactlyOneOf: [...ODCS_QUALITY_OPERATORS] };

  const qualityBase: Json = {
    id: stableId,
    name: string,
    description: string,
    type: { enum: ['text', 'library', 'sql', 'custom'] },
    dimension: { enum: [...ODCS_QUALITY_DIMENSIONS] },
    method: string,
    severity: string,
    businessImpact: string,
    schedule: string,
    scheduler: string,
    unit: string,
    tags,
    authoritativeDefinitions: ref('authoritativeDefinitions'),
    customProperties: ref('customProperties'),
  };
  const libraryRule: Json = {
    ...closed(
      {
        ...qualityBase,
        metric: { enum: [...ODCS_QUALITY_METRICS] },
        rule: string,
        arguments: { type: 'object' },
        ...operators,
      },
      v30 ? [] : ['metric'],
    ),
    ...operatorRule,
    ...(v30 ? { anyRequired: ['metric', 'rule'] } : {}),
  };
  const sqlRule: Json = {
    ...closed({ ...qualityBase, query: string, ...operators }, ['query']),
    ...operatorRule,
  };
  const customRule = closed(
    {
      ...qualityBase,
      engine: string,
      implementation: { type: ['string', 'object'] },
    },
    ['engine', 'implementation'],
  );
  const untypedRule: Json = {
    // A rule without `type` is a library rule when it names a metric or a
    // (v3.0.x) rule; otherwise only the common fields apply. In v3.1.0 the
    // library variant then asks for `metric`, which says more than
    // "unknown property rule" would.
    if: { anyOf: [{ required: ['metric'] }, { required: ['rule'] }] },
    then: ref('quality_library'),
    else: ref('quality_text'),
  };

  const teamMember = closed(
    {
      id: stableId,
      username: string,
      name: string,
      description: string,
      role: string,
      dateIn: { type: 'string', format: 'date' },
      dateOut: { type: 'string', format: 'date' },
      replacedByUsername: string,
      tags,
      customProperties: ref('customProperties'),
      authoritativeDefinitions: ref('authoritativeDefinitions'),
    },
    v30 ? [] : ['username'],
  );

  const servers = variants(
    'type',
    ODCS_SERVER_TYPES.map(type => {
      const [fields, required] = SERVER_FIELDS[type];
      return [
        type,
        define(
          `server_${type}`,
          closed(
            {
              id: stableId,
              server: string,
              type: string,
              description: string,
              environment: string,
              roles: arrayOf(ref('role')),
              customProperties: ref('customProperties'),
              ...fields,
            },
            ['server', ...required],
          ),
        ),
      ];
    }),
    undefined,
  );
  servers.required = ['type'];

  const slaValue: Json = { type: ['string', 'number', 'boolean', 'null'] };

  return {
    $id: `https://dataplatform.contoso.com/schemas/odcs-${flavour}.json`,
    definitions: Object.assign(definitions, {
      authoritativeDefinitions: arrayOf(
        closed(
          { id: stableId, url: string, type: string, description: string },
          ['url', 'type'],
        ),
      ),
      customProperties: arrayOf(
        closed(
          {
            id: stableId,
            property: string,
            value: anyValue,
            description: string,
          },
          ['property', 'value'],
        ),
      ),
      role: closed(
        {
          id: stableId,
          role: string,
          description: string,
          access: string,
          firstLevelApprovers: string,
          secondLevelApprovers: string,
          customProperties: ref('customProperties'),
        },
        ['role'],
      ),
      quality: arrayOf(
        variants(
          'type',
          [
            ['text', define('quality_text', closed(qualityBase))],
            ['library', define('quality_library', libraryRule)],
            ['sql', define('quality_sql', sqlRule)],
            ['custom', define('quality_custom', customRule)],
          ],
          untypedRule,
        ),
      ),
      properties: arrayOf(ref('property')),
      property: property(true),
      itemProperty: property(false),
      propertyRelationship: closed(relationshipFields, ['to']),
      schemaRelationship: {
        ...closed({ ...relationshipFields, from: reference }, ['from', 'to']),
        sameShape: ['from', 'to'],
      },
      schemaObject: closed(
        {
          ...element,
          name: string,
          logicalType: { enum: ['object'] },
          physicalName: string,
          dataGranularityDescription: string,
          properties: ref('properties'),
          relationships: arrayOf(ref('schemaRelationship')),
          quality: ref('quality'),
        },
        ['name'],
      ),
      server: servers,
    }),
    ...closed(
      {
        version: string,
        kind: { const: 'DataContract' },
        apiVersion: { enum: [...SUPPORTED_ODCS_VERSIONS] },
        id: string,
        name: string,
        tenant: string,
        tags,
        status: string,
        servers: arrayOf(ref('server')),
        dataProduct: string,
        description: closed({
          usage: string,
          purpose: string,
          limitations: string,
          authoritativeDefinitions: ref('authoritativeDefinitions'),
          customProperties: ref('customProperties'),
        }),
        domain: string,
        schema: arrayOf(ref('schemaObject')),
        support: arrayOf(
          closed(
            {
              id: stableId,
              channel: string,
              url: string,
              description: string,
              tool: string,
              scope: string,
              invitationUrl: string,
              customProperties: ref('customProperties'),
            },
            ['channel'],
          ),
        ),
        price: closed({
          id: stableId,
          priceAmount: number,
          priceCurrency: string,
          priceUnit: string,
        }),
        team: {
          // A team object in v3.1.0; the member list is the v3.0.x form.
          type: ['object', 'array'],
          if: { type: 'array' },
          then: { items: teamMember },
          else: closed({
            id: stableId,
            name: string,
            description: string,
            members: arrayOf(teamMember),
            tags,
            customProperties: ref('customProperties'),
            authoritativeDefinitions: ref('authoritativeDefinitions'),
          }),
        },
        roles: arrayOf(ref('role')),
        slaDefaultElement: string,
        slaProperties: arrayOf(
          closed(
            {
              id: stableId,
              property: string,
              value: slaValue,
              valueExt: slaValue,
              unit: string,
              element: string,
              driver: string,
              description: string,
              scheduler: string,
              schedule: string,
            },
            ['property', 'value'],
          ),
        ),
        authoritativeDefinitions: ref('authoritativeDefinitions'),
        customProperties: ref('customProperties'),
        contractCreatedTs: { type: 'string', format: 'date-time' },
      },
      ['version', 'apiVersion', 'kind', 'id', 'status'],
    ),
  };
}
