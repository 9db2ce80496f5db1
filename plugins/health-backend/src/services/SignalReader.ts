import {
  LogsQueryResult,
  LogsQueryResultStatus,
  LogsTable,
} from '@azure/monitor-query-logs';
import type { Metric, MetricsQueryResult } from '@azure/monitor-query-metrics';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  HealthSignal,
  LogSignal,
  MetricSignal,
  SignalReading,
  lastPeriod,
} from '@dataplatform/plugin-health-common';
import pLimit from 'p-limit';
import { durationMs } from './durations';
import { failedCallReading, publicCode } from './reasons';

/** Resources per metrics batch call: the service's limit. */
export const METRICS_BATCH_RESOURCES = 50;
/** Metric names per metrics batch call: the service's limit. */
export const METRICS_BATCH_METRICS = 20;
/** How long Log Analytics may run one query before it gives up. */
export const LOG_QUERY_SERVER_TIMEOUT_SECONDS = 60;
/** Metrics batch calls in flight at once within one cycle. */
const METRICS_CONCURRENCY = 5;

/** One signal to read, under an id unique within the cycle. */
export interface SignalRequest {
  id: string;
  signal: HealthSignal;
}

export interface SignalReadResult {
  /** By request id; every request has a reading, with a value or a reason. */
  readings: Map<string, SignalReading>;
  /** Azure calls made: the log queries and the metrics batch calls. */
  calls: { logs: number; metrics: number };
  /** Signals read, by type. */
  signals: { log: number; metric: number };
}

const processLimits = new Map<number, pLimit.Limit>();

/**
 * The process's limiter for Log Analytics queries. The service counts
 * concurrent queries per identity, and the process has one identity, so
 * every reader of the process shares one limiter.
 */
export function processLogQueryLimit(concurrency: number): pLimit.Limit {
  let limit = processLimits.get(concurrency);
  if (!limit) {
    limit = pLimit(concurrency);
    processLimits.set(concurrency, limit);
  }
  return limit;
}

function subscriptionOf(resourceId: string): string {
  return (
    /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1]?.toLowerCase() ?? ''
  );
}

function lastSegment(resourceId: string): string {
  return resourceId.split('/').filter(Boolean).pop() ?? resourceId;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/** Azure returns ids in its own casing; ARM ids compare case-insensitively. */
const cellKey = (resourceId: string, metric: string) =>
  `${resourceId.toLowerCase()}|${metric.toLowerCase()}`;

function columnIndex(table: LogsTable, name: string): number {
  return table.columnDescriptors.findIndex(c => c.name === name);
}

function asDate(cell: unknown): Date | undefined {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? undefined : cell;
  if (typeof cell === 'string') {
    const date = new Date(cell);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function describeCell(cell: unknown): string {
  if (cell === null || cell === undefined) return 'null';
  const text = typeof cell === 'string' ? `'${cell}'` : JSON.stringify(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Turns a log query's answer into a reading: the first row of the first
 * table, its `value` column, dated by an optional `TimeGenerated` column.
 * Reasons say what went wrong without Azure's words, columns or cells,
 * which come from the query and the logs; those go into the detail.
 */
export function readingFromLogs(
  result: LogsQueryResult,
  signal: Pick<LogSignal, 'timespan'>,
  now: Date,
): SignalReading {
  if (result.status === LogsQueryResultStatus.PartialFailure) {
    // The rows of a partial answer may be missing exactly the bad events.
    const error = result.partialError;
    return {
      reason: 'partial result from Log Analytics',
      detail:
        [error?.code, error?.message].filter(Boolean).join(': ') ||
        'Log Analytics gave no error message',
    };
  }
  const table = result.tables[0];
  const row = table?.rows[0];
  if (!table || !row) {
    return { reason: `no data in ${lastPeriod(signal.timespan)}` };
  }

  const valueAt = columnIndex(table, 'value');
  if (valueAt < 0) {
    return {
      reason: "the query's first table has no column 'value'",
      detail: `the first table's columns are ${
        table.columnDescriptors.map(c => c.name).join(', ') || 'none'
      }`,
    };
  }
  const value = row[valueAt];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      reason: "column 'value' is not a number",
      detail: `the first row's value is ${describeCell(value)}`,
    };
  }

  const timeAt = columnIndex(table, 'TimeGenerated');
  if (timeAt < 0) return { value, observedAt: now.toISOString() };
  const observed = asDate(row[timeAt]);
  if (!observed) {
    return {
      reason: "column 'TimeGenerated' is not a date",
      detail: `the first row's TimeGenerated is ${describeCell(row[timeAt])}`,
    };
  }
  const observedAt = observed.toISOString();
  if (observed.getTime() < now.getTime() - durationMs(signal.timespan)) {
    return { observedAt, reason: `last data at ${observedAt}` };
  }
  return { value, observedAt };
}

/**
 * A metric of one resource in a batch answer: its last value, or why there
 * is none (public) with Azure's words (for owners).
 */
type MetricCell = { value: number } | { reason: string; detail?: string };

function cellOf(
  metric: Metric,
  signal: Pick<MetricSignal, 'aggregation' | 'window'>,
): MetricCell {
  if (metric.errorCode && metric.errorCode !== 'Success') {
    const code = publicCode(metric.errorCode);
    return {
      reason: code ? `metric not available: ${code}` : 'metric not available',
      detail: [metric.errorCode, metric.errorMessage]
        .filter(Boolean)
        .join(': '),
    };
  }
  const points = metric.timeseries?.[0]?.data ?? [];
  const last = points[points.length - 1];
  const value = last?.[signal.aggregation];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { reason: `no data points in ${lastPeriod(signal.window)}` };
  }
  return { value };
}

/** Matches a metric of the answer to a requested name (the answer's `name` is localized). */
function metricNamed(result: MetricsQueryResult, name: string) {
  const wanted = name.toLowerCase();
  return (
    result.metrics.find(m =>
      m.id?.toLowerCase().endsWith(`/metrics/${wanted}`),
    ) ?? result.metrics.find(m => m.name?.toLowerCase() === wanted)
  );
}

interface MetricGroup {
  region: string;
  namespace: string;
  aggregation: MetricSignal['aggregation'];
  window: string;
  resources: Map<string, string>;
  metrics: Map<string, string>;
  requests: Array<{ id: string; signal: MetricSignal }>;
}

/**
 * Reads every signal of one evaluation cycle from Azure Monitor through the
 * access layer. Log signals are one query each (identical queries once),
 * limited to the process's concurrency; metric signals are read in batches
 * of 50 resources × 20 metrics per subscription, region, namespace,
 * aggregation and window. A failed call makes exactly the signals it was
 * for unknown, with a public reason (status and error code) and Azure's
 * own words as the detail. Query text is sent as written in the model,
 * never assembled.
 */
export class SignalReader {
  private readonly logLimit: pLimit.Limit;
  private readonly now: () => Date;

  constructor(
    private readonly clients: AzureClients,
    options: { logQueryLimit: pLimit.Limit; now?: () => Date },
  ) {
    this.logLimit = options.logQueryLimit;
    this.now = options.now ?? (() => new Date());
  }

  async read(requests: SignalRequest[]): Promise<SignalReadResult> {
    const now = this.now();
    const readings = new Map<string, SignalReading>();
    const logs = requests.filter(
      (r): r is { id: string; signal: LogSignal } => r.signal.type === 'log',
    );
    const metrics = requests.filter(
      (r): r is { id: string; signal: MetricSignal } =>
        r.signal.type === 'metric',
    );
    const [logCalls, metricCalls] = await Promise.all([
      this.readLogs(logs, now, readings),
      this.readMetrics(metrics, now, readings),
    ]);
    return {
      readings,
      calls: { logs: logCalls, metrics: metricCalls },
      signals: { log: logs.length, metric: metrics.length },
    };
  }

  private async readLogs(
    requests: Array<{ id: string; signal: LogSignal }>,
    now: Date,
    readings: Map<string, SignalReading>,
  ): Promise<number> {
    // The same query of the same workspace and timespan answers the same.
    const queries = new Map<string, { signal: LogSignal; ids: string[] }>();
    for (const { id, signal } of requests) {
      const key = [
        signal.workspace.toLowerCase(),
        signal.timespan,
        signal.query,
      ].join('\n');
      const entry = queries.get(key);
      if (entry) entry.ids.push(id);
      else queries.set(key, { signal, ids: [id] });
    }
    await Promise.all(
      [...queries.values()].map(async ({ signal, ids }) => {
        const reading = await this.logLimit(() => this.readLog(signal, now));
        for (const id of ids) readings.set(id, reading);
      }),
    );
    return queries.size;
  }

  private async readLog(signal: LogSignal, now: Date): Promise<SignalReading> {
    try {
      const result = await this.clients
        .logsQuery()
        .queryResource(
          signal.workspace,
          signal.query,
          { duration: signal.timespan },
          { serverTimeoutInSeconds: LOG_QUERY_SERVER_TIMEOUT_SECONDS },
        );
      return readingFromLogs(result, signal, now);
    } catch (error) {
      return failedCallReading('query', error);
    }
  }

  private async readMetrics(
    requests: Array<{ id: string; signal: MetricSignal }>,
    now: Date,
    readings: Map<string, SignalReading>,
  ): Promise<number> {
    const groups = new Map<string, MetricGroup>();
    for (const request of requests) {
      const { signal } = request;
      const key = [
        subscriptionOf(signal.resources[0] ?? ''),
        signal.region,
        signal.namespace.toLowerCase(),
        signal.aggregation,
        signal.window,
      ].join('|');
      let group = groups.get(key);
      if (!group) {
        group = {
          region: signal.region,
          namespace: signal.namespace,
          aggregation: signal.aggregation,
          window: signal.window,
          resources: new Map(),
          metrics: new Map(),
          requests: [],
        };
        groups.set(key, group);
      }
      for (const resource of signal.resources) {
        group.resources.set(resource.toLowerCase(), resource);
      }
      group.metrics.set(signal.metric.toLowerCase(), signal.metric);
      group.requests.push(request);
    }

    // Metrics are per minute; the running minute is still incomplete.
    const endTime = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const limit = pLimit(METRICS_CONCURRENCY);
    let calls = 0;
    await Promise.all(
      [...groups.values()].map(async group => {
        const cells = new Map<string, MetricCell>();
        let windowMs: number;
        try {
          windowMs = durationMs(group.window);
        } catch (error) {
          // Validated models never get here; a hand-made one fails alone.
          for (const { id } of group.requests) {
            readings.set(id, { reason: `window ${(error as Error).message}` });
          }
          return;
        }
        const startTime = new Date(endTime.getTime() - windowMs);
        const batches = chunk(
          [...group.resources.values()],
          METRICS_BATCH_RESOURCES,
        ).flatMap(resources =>
          chunk([...group.metrics.values()], METRICS_BATCH_METRICS).map(
            metrics => ({ resources, metrics }),
          ),
        );
        calls += batches.length;
        await Promise.all(
          batches.map(batch =>
            limit(() =>
              this.readMetricBatch(group, batch, { startTime, endTime }, cells),
            ),
          ),
        );
        for (const { id, signal } of group.requests) {
          readings.set(id, readingFromCells(signal, cells, endTime));
        }
      }),
    );
    return calls;
  }

  private async readMetricBatch(
    group: MetricGroup,
    batch: { resources: string[]; metrics: string[] },
    window: { startTime: Date; endTime: Date },
    cells: Map<string, MetricCell>,
  ) {
    let results: MetricsQueryResult[];
    try {
      results = await this.clients
        .metrics(group.region)
        .queryResources(batch.resources, batch.metrics, group.namespace, {
          ...window,
          interval: group.window,
          aggregation: group.aggregation,
        });
    } catch (error) {
      const failed = failedCallReading('metrics query', error);
      const cell = { reason: failed.reason!, detail: failed.detail };
      for (const resource of batch.resources) {
        for (const metric of batch.metrics) {
          cells.set(cellKey(resource, metric), cell);
        }
      }
      return;
    }
    const byResource = new Map(
      results.map(r => [(r.resourceId ?? '').toLowerCase(), r]),
    );
    for (const resource of batch.resources) {
      const result = byResource.get(resource.toLowerCase());
      for (const metric of batch.metrics) {
        const found = result && metricNamed(result, metric);
        cells.set(
          cellKey(resource, metric),
          found
            ? cellOf(found, group)
            : {
                reason: 'Azure Monitor answered without this metric',
                detail: `the answer has no ${metric} of ${lastSegment(
                  resource,
                )}`,
              },
        );
      }
    }
  }
}

/**
 * A signal over several resources is as bad as its worst resource; one
 * resource without a value makes the signal unknown, since the worst may
 * be exactly the one not seen. Which resource it was is a definition, so
 * it is named in the detail only.
 */
function readingFromCells(
  signal: MetricSignal,
  cells: Map<string, MetricCell>,
  endTime: Date,
): SignalReading {
  const values: number[] = [];
  for (const resource of signal.resources) {
    const cell = cells.get(cellKey(resource, signal.metric)) ?? {
      reason: 'not read',
      detail: `${signal.metric} of ${lastSegment(resource)} was not read`,
    };
    if ('reason' in cell) {
      if (signal.resources.length === 1) {
        return {
          reason: cell.reason,
          ...(cell.detail !== undefined ? { detail: cell.detail } : {}),
        };
      }
      return {
        reason: `${cell.reason} (one of ${signal.resources.length} resources)`,
        detail: `${lastSegment(resource)}: ${cell.detail ?? cell.reason}`,
      };
    }
    values.push(cell.value);
  }
  const value =
    signal.thresholds.direction === 'above'
      ? Math.max(...values)
      : Math.min(...values);
  return { value, observedAt: endTime.toISOString() };
}
