import { z } from 'zod';
import { ALERT_STATUSES, type CostAlert } from '../tenant/costAlerts';
import { ArmError } from './errors';

export const COST_TYPES = ['Usage', 'ActualCost', 'AmortizedCost'] as const;
export const QUERY_TIMEFRAMES = [
  'MonthToDate',
  'BillingMonthToDate',
  'TheLastMonth',
  'TheLastBillingMonth',
  'WeekToDate',
  'Custom',
] as const;
export const QUERY_GRANULARITIES = ['Daily', 'Monthly', 'None'] as const;
export const FORECAST_GRANULARITIES = ['Daily', 'Monthly'] as const;
export const COST_AGGREGATION_NAMES = [
  'Cost',
  'PreTaxCost',
  'CostUSD',
  'PreTaxCostUSD',
] as const;
/** `ResourceGroup` is the older name Microsoft's examples group by; both answer the same. */
export const GROUPING_DIMENSIONS = [
  'SubscriptionId',
  'SubscriptionName',
  'ResourceGroupName',
  'ResourceGroup',
] as const;

export type QueryGranularity = (typeof QUERY_GRANULARITIES)[number];
export type GroupingDimension = (typeof GROUPING_DIMENSIONS)[number];
export type QueryGrouping =
  | { type: 'Dimension'; name: GroupingDimension }
  | { type: 'TagKey'; name: string };

/** Longest span a custom time period may cover, in days (one year, leap day included). */
export const MAX_PERIOD_DAYS = 366;

const AGGREGATION_ALLOWED = `exactly one {"<name>": {"name": ${COST_AGGREGATION_NAMES.join(
  '|',
)}, "function": "Sum"}}`;
const GROUPING_ALLOWED = `up to 2 of {"type": "Dimension", "name": ${GROUPING_DIMENSIONS.join(
  '|',
)}} or {"type": "TagKey", "name": "<tag>"}`;
const FILTER_ALLOWED =
  'only {"dimensions": {"name": "SubscriptionId", "operator": "In", "values": ["<subscription id>", …]}} (the local endpoint supports no other filter)';
const DATE_TIME_ALLOWED = 'an ISO 8601 date-time such as 2026-11-01T00:00:00Z';

/** What was wrong, in words, for the messages "<field> <problem>; allowed: …". */
function problem(issue: z.ZodIssueOptionalMessage, fallback: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'is missing'
        : `is ${issue.received === 'null' ? 'null' : `a ${issue.received}`}`;
    case 'invalid_enum_value':
    case 'invalid_literal':
      return `is ${JSON.stringify(issue.received)}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length > 1 ? 'fields' : 'a field'} ${issue.keys
        .map(k => `'${k}'`)
        .join(', ')} it does not support`;
    default:
      return fallback;
  }
}

/** Every issue of the schema ends with what is allowed there. */
const allowing = (allowed: string): { errorMap: z.ZodErrorMap } => ({
  errorMap: (issue, ctx) => ({
    message: `${problem(issue, ctx.defaultError)}; allowed: ${allowed}`,
  }),
});

/** One of the values, matched case-insensitively (Azure does) and answered in its canonical form. */
function choice<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess(
    v =>
      typeof v === 'string'
        ? values.find(c => c.toLowerCase() === v.toLowerCase()) ?? v
        : v,
    z.enum(values, allowing(values.join(', '))),
  );
}

const dateTime = z
  .string(allowing(DATE_TIME_ALLOWED))
  .refine(
    v => !Number.isNaN(Date.parse(v)),
    v => ({
      message: `is ${JSON.stringify(v)}; allowed: ${DATE_TIME_ALLOWED}`,
    }),
  )
  .transform(v => new Date(Date.parse(v)).toISOString());

const timePeriod = z
  .object(
    { from: dateTime, to: dateTime },
    allowing('{"from": <date-time>, "to": <date-time>}'),
  )
  .strict();

const aggregation = z
  .record(
    z
      .object(
        {
          name: choice(COST_AGGREGATION_NAMES),
          function: choice(['Sum'] as const),
        },
        allowing('{"name": …, "function": "Sum"}'),
      )
      .strict(),
    allowing(AGGREGATION_ALLOWED),
  )
  .superRefine((value, ctx) => {
    const count = Object.keys(value).length;
    if (count !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `names ${count} aggregations; allowed: ${AGGREGATION_ALLOWED}`,
      });
    }
  })
  .transform(value => {
    const [[key, { name }]] = Object.entries(value);
    return { key, name };
  });

const grouping = z
  .array(
    z
      .object(
        {
          type: choice(['Dimension', 'TagKey'] as const),
          name: z.string(allowing('a dimension or tag name')),
        },
        allowing(GROUPING_ALLOWED),
      )
      .strict(),
    allowing(GROUPING_ALLOWED),
  )
  .superRefine((groups, ctx) => {
    if (groups.length > 2) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${groups.length} entries; allowed: ${GROUPING_ALLOWED}`,
      });
    }
    // Runs on entries that failed their own checks too; those were reported already.
    groups.forEach((g, i) => {
      if (typeof g.name !== 'string') return;
      if (g.type === 'Dimension') {
        const known = GROUPING_DIMENSIONS.some(
          d => d.toLowerCase() === g.name.toLowerCase(),
        );
        if (!known) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `is ${JSON.stringify(
              g.name,
            )}; allowed for type Dimension: ${GROUPING_DIMENSIONS.join(
              ', ',
            )} (the local endpoint knows no other dimension)`,
          });
        }
      } else if (g.type === 'TagKey' && !/^[^<>%&\\?/]{1,512}$/.test(g.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `is ${JSON.stringify(
            g.name,
          )}; allowed for type TagKey: a tag name of 1-512 characters without < > % & \\ ? /`,
        });
      }
    });
    const seen = new Set<string>();
    groups.forEach((g, i) => {
      if (typeof g.name !== 'string') return;
      const id = `${g.type}|${g.name.toLowerCase()}`;
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `repeats {"type": "${g.type}", "name": "${g.name}"}; allowed: ${GROUPING_ALLOWED}, each once`,
        });
      }
      seen.add(id);
    });
  })
  .transform(groups =>
    groups.map(
      (g): QueryGrouping =>
        g.type === 'Dimension'
          ? {
              type: 'Dimension',
              name: GROUPING_DIMENSIONS.find(
                d => d.toLowerCase() === g.name.toLowerCase(),
              )!,
            }
          : { type: 'TagKey', name: g.name },
    ),
  );

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one filter the endpoint evaluates; its answer is the lower-case subscription ids. */
const filter = z.unknown().transform((value, ctx) => {
  const fail = (path: (string | number)[], what: string) => {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${what}; allowed: ${FILTER_ALLOWED}`,
    });
    return z.NEVER;
  };
  if (!isRecord(value)) return fail([], `is ${JSON.stringify(value)}`);
  const other = Object.keys(value).filter(k => k !== 'dimensions');
  if (other.length)
    return fail(
      [],
      `uses '${other[0]}', which the local endpoint does not support`,
    );
  const dimensions = value.dimensions;
  if (!isRecord(dimensions))
    return fail(['dimensions'], 'is missing or not an object');
  const extra = Object.keys(dimensions).filter(
    k => !['name', 'operator', 'values'].includes(k),
  );
  if (extra.length)
    return fail(
      ['dimensions'],
      `has a field '${extra[0]}' it does not support`,
    );
  if (
    typeof dimensions.name !== 'string' ||
    dimensions.name.toLowerCase() !== 'subscriptionid'
  ) {
    return fail(
      ['dimensions', 'name'],
      `is ${JSON.stringify(dimensions.name)}`,
    );
  }
  if (
    typeof dimensions.operator !== 'string' ||
    dimensions.operator.toLowerCase() !== 'in'
  ) {
    return fail(
      ['dimensions', 'operator'],
      `is ${JSON.stringify(dimensions.operator)}`,
    );
  }
  const values = dimensions.values;
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    values.some(v => typeof v !== 'string')
  ) {
    return fail(
      ['dimensions', 'values'],
      'must be a non-empty list of subscription ids',
    );
  }
  return (values as string[]).map(v => v.toLowerCase());
});

const datasetKeys = (keys: string[]) => keys.join(', ');

const queryDataset = z
  .object(
    {
      granularity: choice(QUERY_GRANULARITIES).optional(),
      aggregation,
      grouping: grouping.optional(),
      filter: filter.optional(),
    },
    allowing(datasetKeys(['granularity', 'aggregation', 'grouping', 'filter'])),
  )
  .strict();

const forecastDataset = z
  .object(
    {
      granularity: choice(FORECAST_GRANULARITIES).optional(),
      aggregation,
      filter: filter.optional(),
    },
    allowing(datasetKeys(['granularity', 'aggregation', 'filter'])),
  )
  .strict();

function checkPeriod(
  definition: { timeframe: string; timePeriod?: { from: string; to: string } },
  ctx: z.RefinementCtx,
) {
  const period = definition.timePeriod;
  if (definition.timeframe === 'Custom' && !period) {
    ctx.addIssue({
      code: 'custom',
      path: ['timePeriod'],
      message: `is missing; allowed: {"from": <date-time>, "to": <date-time>}, required with timeframe Custom`,
    });
    return;
  }
  if (definition.timeframe !== 'Custom' && period) {
    ctx.addIssue({
      code: 'custom',
      path: ['timePeriod'],
      message: `is given with timeframe ${definition.timeframe}; allowed: a timePeriod only with timeframe Custom`,
    });
    return;
  }
  if (!period) return;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (from > to) {
    ctx.addIssue({
      code: 'custom',
      path: ['timePeriod', 'to'],
      message: `(${period.to}) is before timePeriod.from (${period.from}); allowed: a date-time at or after from`,
    });
    return;
  }
  const days = Math.floor(to / 86_400_000) - Math.floor(from / 86_400_000) + 1;
  if (days > MAX_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['timePeriod'],
      message: `covers ${days} days; allowed: at most one year (${MAX_PERIOD_DAYS} days)`,
    });
  }
}

const TOP_KEYS = ['type', 'timeframe', 'timePeriod', 'dataset'];

export const queryDefinitionSchema = z
  .object(
    {
      type: choice(COST_TYPES),
      timeframe: choice(QUERY_TIMEFRAMES),
      timePeriod: timePeriod.optional(),
      dataset: queryDataset,
    },
    allowing(TOP_KEYS.join(', ')),
  )
  .strict()
  .superRefine(checkPeriod);

export const forecastDefinitionSchema = z
  .object(
    {
      type: choice(COST_TYPES),
      timeframe: choice(['Custom'] as const),
      timePeriod: timePeriod.optional(),
      dataset: forecastDataset,
      includeActualCost: z.boolean(allowing('true, false')).optional(),
      includeFreshPartialCost: z.boolean(allowing('true, false')).optional(),
    },
    allowing(
      [...TOP_KEYS, 'includeActualCost', 'includeFreshPartialCost'].join(', '),
    ),
  )
  .strict()
  .superRefine(checkPeriod);

export type QueryDefinition = z.output<typeof queryDefinitionSchema>;
export type ForecastDefinition = z.output<typeof forecastDefinitionSchema>;

const invalidDefinition = (error: z.ZodError) => {
  const issue = error.issues[0];
  const field = issue.path.join('.') || '(body)';
  return new ArmError(
    400,
    'BadRequest',
    `Invalid query definition: ${field} ${issue.message}`,
  );
};

/** A query body, or 400 BadRequest naming the field, the problem and what is allowed. */
export function parseQueryDefinition(body: unknown): QueryDefinition {
  const parsed = queryDefinitionSchema.safeParse(body ?? {});
  if (!parsed.success) throw invalidDefinition(parsed.error);
  return parsed.data;
}

export function parseForecastDefinition(body: unknown): ForecastDefinition {
  const dataset = isRecord(body) ? body.dataset : undefined;
  if (isRecord(dataset) && dataset.grouping !== undefined) {
    throw new ArmError(
      400,
      'BadRequest',
      'Invalid dataset grouping: forecast does not support grouping',
    );
  }
  const parsed = forecastDefinitionSchema.safeParse(body ?? {});
  if (!parsed.success) throw invalidDefinition(parsed.error);
  return parsed.data;
}

export const alertPatchSchema = z.object({
  properties: z
    .object({
      status: choice(ALERT_STATUSES),
    })
    // The SDK's DismissAlertPayload may carry the rest of the alert; only the status is written.
    .passthrough(),
});

export interface QueryColumn {
  name: string;
  type: 'Number' | 'String';
}

/** Cost Management's QueryResult; ids without a leading slash, as Azure answers them. */
export function queryResultResource(
  scope: string,
  name: string,
  columns: QueryColumn[],
  rows: unknown[][],
  nextLink: string | null,
) {
  return {
    id: `${scope.replace(
      /^\//,
      '',
    )}/providers/Microsoft.CostManagement/query/${name}`,
    name,
    type: 'Microsoft.CostManagement/query',
    location: null,
    sku: null,
    eTag: null,
    properties: { nextLink, columns, rows },
  };
}

const NEVER = '0001-01-01T00:00:00';

/** An alert in the shape of Microsoft's SubscriptionAlerts example. */
export function alertResource(alert: CostAlert) {
  const { notification, budget } = alert;
  return {
    id: `subscriptions/${alert.subscriptionId}/providers/Microsoft.CostManagement/alerts/${alert.name}`,
    name: alert.name,
    type: 'Microsoft.CostManagement/alerts',
    properties: {
      definition: {
        type: alert.type,
        category: 'Cost',
        criteria:
          alert.type === 'BudgetForecast'
            ? 'ForecastCostThresholdExceeded'
            : 'CostThresholdExceeded',
      },
      description: '',
      source: 'Preset',
      details: {
        timeGrainType: budget.timeGrain,
        periodStartDate: alert.periodStartDate,
        triggeredBy: `${budget.name}_${alert.notificationName}`,
        resourceGroupFilter: [],
        resourceFilter: [],
        meterFilter: [],
        tagFilter: {},
        threshold: notification.threshold / 100,
        operator: notification.operator,
        amount: budget.amount,
        unit: 'USD',
        currentSpend: alert.currentSpend,
        contactEmails: [...notification.contactEmails],
        contactGroups: [...notification.contactGroups],
        contactRoles: [...notification.contactRoles],
        overridingAlert: null,
      },
      costEntityId: budget.name,
      status: alert.status,
      creationTime: alert.creationTime,
      closeTime: alert.closeTime ?? NEVER,
      modificationTime: alert.modificationTime,
      statusModificationUserName: null,
      statusModificationTime: alert.statusModificationTime ?? NEVER,
    },
  };
}
