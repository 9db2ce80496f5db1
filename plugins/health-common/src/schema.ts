import {
  HEALTH_MODEL_API_VERSION,
  METRIC_AGGREGATIONS,
  ROLLUPS,
} from './types';

/*
 * The JSON schema of a health model file, the one source of truth: the
 * validator compiles it and schema/health-model.schema.json is this object
 * written out (a test keeps the two equal). `x-allowed` completes the
 * phrase "must be …" in error messages; editors ignore it.
 */

/** Upper bounds that keep one model's evaluation cheap; real models are far smaller. */
export const MAX_COMPONENTS = 100;
export const MAX_SIGNALS_PER_COMPONENT = 50;
export const MAX_METRIC_RESOURCES = 50;
export const MAX_QUERY_LENGTH = 10_000;
export const MAX_WEIGHT = 1000;

export const ID_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';
const ID_ALLOWED =
  'an id of 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit';

/** Days, hours, minutes and seconds only: months and years have no fixed length. */
export const DURATION_PATTERN =
  '^P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$';

const GUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** `/subscriptions/<guid>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<type>/<name>…]` */
export const RESOURCE_ID_PATTERN = `^/subscriptions/${GUID}/resource[Gg]roups/[^/\\s]+/providers/[A-Za-z][A-Za-z0-9.]*(/[A-Za-z][A-Za-z0-9]*/[^/\\s]+)+$`;
const RESOURCE_ID_ALLOWED =
  'an Azure resource id: /subscriptions/<guid>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>';

/** The allowed ranges of the two durations, in the words of the messages. */
export const DURATION_RANGES = {
  timespan: { min: 'PT1M', max: 'P7D', default: 'PT15M' },
  window: { min: 'PT1M', max: 'P1D', default: 'PT5M' },
} as const;

const durationAllowed = (r: { min: string; max: string; default: string }) =>
  `an ISO 8601 duration from ${r.min} to ${r.max} in days, hours, minutes and seconds, e.g. ${r.default}`;

const id = (description: string) => ({
  description,
  type: 'string',
  pattern: ID_PATTERN,
  'x-allowed': ID_ALLOWED,
});

const title = {
  description: 'Shown instead of the id; defaults to the id.',
  type: 'string',
  minLength: 1,
  maxLength: 200,
  'x-allowed': 'a text of 1 to 200 characters',
};

const description = {
  description: 'Free text for people reading the model.',
  type: 'string',
  maxLength: 2000,
  'x-allowed': 'a text of at most 2,000 characters',
};

const weight = (of: string) => ({
  description: `Weight of this ${of} in the weighted mean score; default 1.`,
  type: 'number',
  exclusiveMinimum: 0,
  maximum: MAX_WEIGHT,
  default: 1,
  'x-allowed': `a number greater than 0 and at most ${MAX_WEIGHT}`,
});

const signalCommon = {
  id: id('Unique within the component.'),
  title,
  description,
};

const signalTail = {
  unit: {
    description: "Shown beside values, e.g. 'ms', '%', 'runs'.",
    type: 'string',
    minLength: 1,
    maxLength: 32,
    'x-allowed': 'a text of 1 to 32 characters',
  },
  thresholds: { $ref: '#/definitions/thresholds' },
  weight: weight('signal within its component'),
};

const logSignal = {
  description:
    'A KQL query against one Log Analytics workspace; its first row holds a numeric column named value.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'workspace', 'query', 'thresholds'],
  properties: {
    ...signalCommon,
    type: { const: 'log' },
    workspace: {
      description: 'ARM resource id of the Log Analytics workspace.',
      type: 'string',
      pattern: RESOURCE_ID_PATTERN,
      'x-allowed':
        'the resource id of a Log Analytics workspace: /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>',
    },
    query: {
      description:
        'KQL returning a numeric column named value in its first row; no rows means no data.',
      type: 'string',
      minLength: 1,
      maxLength: MAX_QUERY_LENGTH,
      pattern: '\\S',
      'x-allowed': `a non-blank KQL query of at most ${MAX_QUERY_LENGTH.toLocaleString(
        'en-US',
      )} characters`,
    },
    timespan: {
      description: 'Period the query covers, ending now.',
      type: 'string',
      pattern: DURATION_PATTERN,
      default: DURATION_RANGES.timespan.default,
      'x-allowed': durationAllowed(DURATION_RANGES.timespan),
    },
    ...signalTail,
  },
};

const metricSignal = {
  description: 'An Azure Monitor platform metric of one or more resources.',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'type',
    'resources',
    'region',
    'namespace',
    'metric',
    'aggregation',
    'thresholds',
  ],
  properties: {
    ...signalCommon,
    type: { const: 'metric' },
    resources: {
      description:
        'ARM resource ids, all of one subscription and one resource type.',
      type: 'array',
      minItems: 1,
      maxItems: MAX_METRIC_RESOURCES,
      uniqueItems: true,
      'x-allowed': `a list of 1 to ${MAX_METRIC_RESOURCES} distinct resource ids`,
      items: {
        type: 'string',
        pattern: RESOURCE_ID_PATTERN,
        'x-allowed': RESOURCE_ID_ALLOWED,
      },
    },
    region: {
      description:
        "Azure region of the resources, e.g. 'westeurope'; selects the regional metrics endpoint.",
      type: 'string',
      pattern: '^[a-z0-9]+$',
      maxLength: 64,
      'x-allowed':
        'an Azure region name of lower-case letters and digits, e.g. westeurope',
    },
    namespace: {
      description:
        "Metric namespace: the resources' type, e.g. 'Microsoft.Storage/storageAccounts'.",
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9.]*(/[A-Za-z][A-Za-z0-9]*)+$',
      maxLength: 256,
      'x-allowed': 'a resource type such as Microsoft.Storage/storageAccounts',
    },
    metric: {
      description: "Metric name, e.g. 'Availability'.",
      type: 'string',
      pattern: '^[^,]+$',
      maxLength: 256,
      'x-allowed':
        'a metric name without commas, at most 256 characters, e.g. Availability',
    },
    aggregation: {
      description: 'How values of the window are combined.',
      enum: [...METRIC_AGGREGATIONS],
    },
    window: {
      description: 'Period the aggregation covers, ending now.',
      type: 'string',
      pattern: DURATION_PATTERN,
      default: DURATION_RANGES.window.default,
      'x-allowed': durationAllowed(DURATION_RANGES.window),
    },
    ...signalTail,
  },
};

/** Every key a signal of either type may have, in the order they are documented. */
const ANY_SIGNAL_KEYS = [
  ...new Set([
    ...Object.keys(logSignal.properties),
    ...Object.keys(metricSignal.properties),
  ]),
];

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dataplatform.contoso.com/schemas/health-model/v1.json',
  title: 'Health model',
  description:
    'How the health of a data domain or data product is read from Azure Monitor and graded.',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'spec'],
  properties: {
    apiVersion: { const: HEALTH_MODEL_API_VERSION },
    kind: { const: 'HealthModel' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      'x-allowed': 'a mapping with an optional description',
      properties: { description },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['components'],
      'x-allowed': 'a mapping with rollup and components',
      properties: {
        rollup: {
          description:
            'worst-of: the worst component decides; weighted: the weighted mean score decides.',
          enum: [...ROLLUPS],
          default: 'worst-of',
        },
        components: {
          description:
            "The model's components; may be empty for a domain that only rolls up its data products.",
          type: 'array',
          maxItems: MAX_COMPONENTS,
          'x-allowed': `a list of at most ${MAX_COMPONENTS} components`,
          items: { $ref: '#/definitions/component' },
        },
      },
    },
  },
  definitions: {
    component: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'signals'],
      'x-allowed': 'a mapping describing one component',
      properties: {
        id: id('Unique within the model.'),
        title,
        description,
        dependsOn: {
          description:
            'Ids of other components of this model this one needs; no cycles.',
          type: 'array',
          maxItems: MAX_COMPONENTS,
          uniqueItems: true,
          default: [],
          'x-allowed': 'a list of ids of other components of this model',
          items: id('Id of another component of this model.'),
        },
        weight: weight('component in the model'),
        signals: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_SIGNALS_PER_COMPONENT,
          'x-allowed': `a list of 1 to ${MAX_SIGNALS_PER_COMPONENT} signals`,
          items: { $ref: '#/definitions/signal' },
        },
      },
    },
    signal: {
      type: 'object',
      required: ['id', 'type'],
      additionalProperties: false,
      'x-allowed': 'a mapping describing one log or metric signal',
      properties: {
        ...Object.fromEntries(ANY_SIGNAL_KEYS.map(k => [k, {}])),
        type: {
          description:
            'log: a KQL query on a Log Analytics workspace; metric: an Azure Monitor metric.',
          enum: ['log', 'metric'],
        },
      },
      allOf: [
        {
          if: {
            type: 'object',
            required: ['type'],
            properties: { type: { const: 'log' } },
          },
          then: { $ref: '#/definitions/logSignal' },
        },
        {
          if: {
            type: 'object',
            required: ['type'],
            properties: { type: { const: 'metric' } },
          },
          then: { $ref: '#/definitions/metricSignal' },
        },
      ],
    },
    logSignal,
    metricSignal,
    thresholds: {
      description:
        'Reaching a threshold (inclusive) grades the signal; above: higher is worse, below: lower is worse.',
      type: 'object',
      additionalProperties: false,
      required: ['direction', 'unhealthy'],
      'x-allowed': 'a mapping with direction, degraded and unhealthy',
      properties: {
        direction: { enum: ['above', 'below'] },
        degraded: {
          type: 'number',
          'x-allowed': 'a number',
        },
        unhealthy: {
          type: 'number',
          'x-allowed': 'a number',
        },
      },
    },
  },
};

/** The JSON schema of a health model file, as shipped in schema/health-model.schema.json. */
export const HEALTH_MODEL_JSON_SCHEMA: object = schema;
