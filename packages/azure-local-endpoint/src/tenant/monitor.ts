import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArmError } from '../arm/errors';
import { AZURE_REGION_NAMES } from '../arm/regions';
import { TenantContext } from './context';
import { LogAnalytics } from './logAnalytics';

/**
 * What Azure Monitor answers for the demo tenant: a script per log signal
 * (workspace + KQL text) and per platform metric (resource + metric name).
 * There is no query engine: a query is recognised by its text, and its value
 * follows the script over time, so demos and tests can make health go up and
 * down on a schedule.
 */

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WORKSPACE_ID = new RegExp(
  `^/subscriptions/(${GUID})/resourceGroups/([^/]+)/providers/Microsoft\\.OperationalInsights/workspaces/([^/]+)$`,
  'i',
);
const RESOURCE_ID = new RegExp(
  `^/subscriptions/(${GUID})/resourceGroups/[^/]+/providers/([^/]+)/([^/]+)/[^/]+((?:/[^/]+/[^/]+)*)$`,
  'i',
);

/** Subscription and resource type (`Microsoft.Storage/storageAccounts`) of a resource id. */
export function parseResourceId(
  resourceId: string,
): { subscriptionId: string; type: string } | undefined {
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) return undefined;
  const [, subscriptionId, namespace, type, nested] = match;
  const childTypes = nested
    .split('/')
    .filter(Boolean)
    .filter((_, i) => i % 2 === 0);
  return {
    subscriptionId: subscriptionId.toLowerCase(),
    type: [namespace, type, ...childTypes].join('/'),
  };
}

export const METRIC_UNITS = [
  'Count',
  'Bytes',
  'Seconds',
  'Percent',
  'CountPerSecond',
  'BytesPerSecond',
  'MilliSeconds',
  'ByteSeconds',
  'BitsPerSecond',
  'Cores',
  'MilliCores',
  'NanoCores',
  'Unspecified',
] as const;

const MAX_PERIOD_MINUTES = 7 * 24 * 60;

/** How a value moves over time; see valueAt. */
export const scenarioScriptSchema = z
  .object({
    baseline: z.number().finite(),
    jitter: z
      .number()
      .finite()
      .min(0)
      .optional()
      .describe('the value moves up to this much either side of the baseline'),
    periodMinutes: z.number().int().min(1).max(MAX_PERIOD_MINUTES).optional(),
    episodes: z
      .array(
        z
          .object({
            fromMinute: z.number().int().min(0),
            toMinute: z.number().int().min(1),
            value: z
              .number()
              .finite()
              .nullable()
              .describe('null: the signal is silent (no data)'),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict()
  .superRefine((script, ctx) => {
    const period = script.periodMinutes;
    if (period === undefined) {
      // Without a period the spec makes the value the constant baseline;
      // refusing the fields that would be ignored keeps a script honest.
      if (script.jitter !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['jitter'],
          message:
            'needs periodMinutes (without a period the value is the constant baseline)',
        });
      }
      if (script.episodes?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['episodes'],
          message: 'needs periodMinutes (episodes are minutes of the period)',
        });
      }
      return;
    }
    const episodes = script.episodes ?? [];
    episodes.forEach((e, i) => {
      if (e.toMinute <= e.fromMinute || e.toMinute > period) {
        ctx.addIssue({
          code: 'custom',
          path: ['episodes', i, 'toMinute'],
          message: `must be after fromMinute (${e.fromMinute}) and at most periodMinutes (${period}), got ${e.toMinute}`,
        });
      }
      const overlapping = episodes.findIndex(
        (o, j) =>
          j < i && o.fromMinute < e.toMinute && e.fromMinute < o.toMinute,
      );
      if (overlapping !== -1) {
        ctx.addIssue({
          code: 'custom',
          path: ['episodes', i, 'fromMinute'],
          message: `overlaps episode ${overlapping}`,
        });
      }
    });
  });

export type ScenarioScript = z.infer<typeof scenarioScriptSchema>;

export const logSignalScenarioSchema = z
  .object({
    workspace: z
      .string()
      .regex(
        WORKSPACE_ID,
        'must be a workspace resource id /subscriptions/{guid}/resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{name}',
      ),
    query: z
      .string()
      .refine(q => q.trim().length > 0, 'must not be empty')
      .refine(q => q.length <= 10_000, 'must be at most 10,000 characters'),
    script: scenarioScriptSchema,
  })
  .strict();

export type LogSignalScenario = z.infer<typeof logSignalScenarioSchema>;

export const metricScenarioSchema = z
  .object({
    resourceId: z
      .string()
      .regex(
        RESOURCE_ID,
        'must be a resource id /subscriptions/{guid}/resourceGroups/{group}/providers/{namespace}/{type}/{name}',
      ),
    region: z.string().refine(
      r => AZURE_REGION_NAMES.includes(r),
      r => ({
        message: `must be an Azure region name in lower case such as westeurope (got '${r}')`,
      }),
    ),
    metric: z.string().min(1).max(256),
    unit: z.enum(METRIC_UNITS).optional(),
    script: scenarioScriptSchema,
  })
  .strict();

export type MetricScenario = z.infer<typeof metricScenarioSchema>;

/** What the tenant seed may hold; every entry is validated as an admin request is. */
export interface MonitorScenarioSeed {
  logSignals?: LogSignalScenario[];
  metrics?: MetricScenario[];
}

/** Queries match by their text with surrounding and repeated whitespace ignored. */
export const normalizeQuery = (query: string) =>
  query.trim().replace(/\s+/g, ' ');

/** A stable fraction in [0, 1) for a signal and a minute. */
function unitHash(key: string, minute: number): number {
  return (
    createHash('sha1').update(`${key}\n${minute}`).digest().readUInt32BE(0) /
    2 ** 32
  );
}

/**
 * The value of a script at epoch ms `at`: null when silent. Within a period
 * the minute `floor(at / 60000) mod periodMinutes` selects an episode's value;
 * outside episodes the baseline moves by up to `jitter` either side, the same
 * for the same key and minute on every call and every restart.
 */
export function valueAt(
  script: ScenarioScript,
  key: string,
  at: number,
): number | null {
  if (script.periodMinutes === undefined) return script.baseline;
  const minute = Math.floor(at / 60_000);
  const inPeriod =
    ((minute % script.periodMinutes) + script.periodMinutes) %
    script.periodMinutes;
  const episode = script.episodes?.find(
    e => e.fromMinute <= inPeriod && inPeriod < e.toMinute,
  );
  if (episode) return episode.value;
  if (!script.jitter) return script.baseline;
  const moved =
    script.baseline + (unitHash(key, minute) * 2 - 1) * script.jitter;
  return Math.round(moved * 1000) / 1000;
}

/** The first issue of a failed parse as a 400 naming the field. */
function parseScenario<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ArmError(
    400,
    'InvalidScenario',
    `${issue.path.join('.') || '(body)'}: ${issue.message}`,
  );
}

interface LogEntry extends LogSignalScenario {
  key: string;
}
interface MetricEntry extends MetricScenario {
  key: string;
}

const logKey = (workspace: string, query: string) =>
  `${workspace.toLowerCase()}\n${normalizeQuery(query)}`;
// Azure's resource ids and metric names are case-insensitive.
const metricKey = (resourceId: string, metric: string) =>
  `${resourceId.toLowerCase()}\n${metric.toLowerCase()}`;

/** The scripted Azure Monitor of the tenant: log signals and platform metrics. */
export class MonitorScenario {
  private readonly logSignals = new Map<string, LogEntry>();
  private readonly metrics = new Map<string, MetricEntry>();

  constructor(
    private readonly context: TenantContext,
    private readonly logAnalytics: LogAnalytics,
  ) {}

  /**
   * Scripts the answer to one query of one workspace, replacing any script it
   * had. The workspace must exist in the tenant (404 otherwise).
   */
  setLogSignal(input: LogSignalScenario): {
    entry: LogSignalScenario;
    created: boolean;
  } {
    const signal = parseScenario(logSignalScenarioSchema, input);
    const [, subscriptionId, resourceGroupName, name] = WORKSPACE_ID.exec(
      signal.workspace,
    )!;
    this.logAnalytics.get(subscriptionId, resourceGroupName, name);
    const key = logKey(signal.workspace, signal.query);
    const created = !this.logSignals.has(key);
    this.logSignals.set(key, { ...signal, key });
    return { entry: signal, created };
  }

  /**
   * Scripts one platform metric of one resource, replacing any script it had.
   * A resource lives in one region: a metric in another region than the
   * resource's other metrics is refused.
   */
  setMetric(input: MetricScenario): {
    entry: MetricScenario;
    created: boolean;
  } {
    const metric = parseScenario(metricScenarioSchema, input);
    const other = this.metricsOf(metric.resourceId).find(
      m => m.metric.toLowerCase() !== metric.metric.toLowerCase(),
    );
    if (other && other.region !== metric.region) {
      throw new ArmError(
        400,
        'InvalidScenario',
        `region: resource '${metric.resourceId}' already has metrics in region ${other.region}, got '${metric.region}'`,
      );
    }
    const key = metricKey(metric.resourceId, metric.metric);
    const created = !this.metrics.has(key);
    this.metrics.set(key, { ...metric, key });
    return { entry: metric, created };
  }

  /** Whether the query had a script. */
  removeLogSignal(workspace: string, query: string): boolean {
    return this.logSignals.delete(logKey(workspace, query));
  }

  /** Whether the metric had a script. */
  removeMetric(resourceId: string, metric: string): boolean {
    return this.metrics.delete(metricKey(resourceId, metric));
  }

  /** Forgets every script: every query answers no rows, every resource is not found. */
  clear(): void {
    this.logSignals.clear();
    this.metrics.clear();
  }

  /** Every script with its value at `at` (the tenant's clock when omitted). */
  list(at = this.context.now()) {
    return {
      at: new Date(at).toISOString(),
      logSignals: [...this.logSignals.values()].map(({ key, ...signal }) => ({
        ...signal,
        value: valueAt(signal.script, key, at),
      })),
      metrics: [...this.metrics.values()].map(({ key, ...metric }) => ({
        ...metric,
        value: valueAt(metric.script, key, at),
      })),
    };
  }

  /** The value of a query at `at`: null when silent, undefined when it has no script. */
  logValue(
    workspace: string,
    query: string,
    at: number,
  ): number | null | undefined {
    const entry = this.logSignals.get(logKey(workspace, query));
    return entry ? valueAt(entry.script, entry.key, at) : undefined;
  }

  /** The scripted metrics of a resource. */
  metricsOf(resourceId: string): MetricScenario[] {
    const prefix = `${resourceId.toLowerCase()}\n`;
    return [...this.metrics.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, { key, ...metric }]) => metric);
  }

  /** The value of a metric at `at`: null when silent, undefined when it has no script. */
  metricValue(
    resourceId: string,
    metric: string,
    at: number,
  ): number | null | undefined {
    const entry = this.metrics.get(metricKey(resourceId, metric));
    return entry ? valueAt(entry.script, entry.key, at) : undefined;
  }
}
