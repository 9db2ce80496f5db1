import {
  LogsQueryResult,
  LogsQueryResultStatus,
  LogsTable,
} from '@azure/monitor-query-logs';
import type {
  Metric,
  MetricsQueryResourcesOptions,
  MetricsQueryResult,
} from '@azure/monitor-query-metrics';
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
/**
 * How long Log Analytics may run one query before it gives up, unless the
 * reader is told otherwise: below the access layer's default request
 * timeout of 30 s, so the service answers "timed out" before the client
 * abandons the attempt and retries a query that is still running.
 */
export const LOG_QUERY_SERVER_TIMEOUT_SECONDS = 25;
/** Concurrent Log Analytics queries the service runs per identity. */
export const LOG_QUERIES_PER_IDENTITY = 5;
/** Metrics batch calls in flight at once within one cycle. */
const METRICS_CONCURRENCY = 5;

/** Runs work within a concurrency limit, e.g. a `p-limit` limiter. */
export type LogQueryLimit = <T>(work: () => Promise<T>) => Promise<T>;

/** What stops a read: the cycle's deadline, or the caller giving up. */
export interface ReadOptions {
  /** Milliseconds the read waits for Azure; signals not answered by then are unknown. */
  readTimeoutMs?: number;
  /** The caller's own cancellation, e.g. the scheduler's when the task times out. */
  abortSignal?: AbortSignal;
}

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

/**
 * Every Log Analytics query of the process passes this one limiter: the
 * service counts concurrent queries per identity, and the process has one
 * identity, whatever concurrency each caller asked for.
 */
const processLimit = pLimit(LOG_QUERIES_PER_IDENTITY);

/**
 * A limiter for Log Analytics queries: at most `concurrency` of its own at
 * once, and together with every other such limiter of the process at most
 * five, the service's limit per identity. Readers with different settings
 * (the scheduled cycle, the benchmark, a script) therefore never overrun
 * the identity's limit between them.
 */
export function processLogQueryLimit(concurrency: number): LogQueryLimit {
  if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > LOG_QUERIES_PER_IDENTITY
  ) {
    throw new RangeError(
      `logQueryConcurrency must be a whole number from 1 to ${LOG_QUERIES_PER_IDENTITY}, got ${concurrency}`,
    );
  }
  const own = pLimit(concurrency);
  return work => own(() => processLimit(work));
}

/** What a read resolved to when its caller stopped waiting. */
const STOPPED = Symbol('stopped');

/**
 * The work's answer, or STOPPED as soon as `signal` aborts, even if the
 * work ignores the signal: one call that hangs must not hold back a cycle.
 * A late rejection of abandoned work is dropped, since nobody waits for it.
 */
async function orStopped<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | typeof STOPPED> {
  if (!signal) return work;
  work.catch(() => undefined);
  if (signal.aborted) return STOPPED;
  let onAbort: () => void = () => undefined;
  const stopped = new Promise<typeof STOPPED>(resolve => {
    onAbort = () => resolve(STOPPED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** `45 seconds`, `1 second`, `1.5 seconds`. */
function inSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** One read's stop signal, and the reading of a signal it cut off. */
class ReadStop {
  readonly signal?: AbortSignal;
  private readonly deadline?: AbortSignal;

  constructor(private readonly options: ReadOptions) {
    this.deadline =
      options.readTimeoutMs !== undefined
        ? AbortSignal.timeout(options.readTimeoutMs)
        : undefined;
    const signals = [options.abortSignal, this.deadline].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    this.signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  /** `what` says, for owners, how far the call had got. */
  unanswered(what: string): SignalReading {
    if (this.options.abortSignal?.aborted || !this.deadline?.aborted) {
      return {
        reason: 'the evaluation stopped before Azure answered',
        detail: `${what} when the evaluation was stopped`,
      };
    }
    const within = inSeconds(this.options.readTimeoutMs!);
    return {
      reason: `no answer from Azure within ${within}`,
      detail: `${what} when the evaluation's read deadline of ${within} passed; the signals that had been read were stored`,
    };
  }
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
  // Azure Monitor ingests with a delay: the newest point of a series is
  // often still empty while an earlier one has the value.
  const points = metric.timeseries?.[0]?.data ?? [];
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i][signal.aggregation];
    if (typeof value === 'number' && Number.isFinite(value)) return { value };
  }
  return { reason: `no data points in ${lastPeriod(signal.window)}` };
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
  private readonly logLimit: LogQueryLimit;
  private readonly now: () => Date;
  private readonly serverTimeoutSeconds: number;

  constructor(
    private readonly clients: AzureClients,
    options: {
      logQueryLimit: LogQueryLimit;
      /** `serverTimeoutInSeconds` of each log query; keep it below the access layer's request timeout. */
      logQueryServerTimeoutSeconds?: number;
      now?: () => Date;
    },
  ) {
    this.logLimit = options.logQueryLimit;
    this.now = options.now ?? (() => new Date());
    this.serverTimeoutSeconds =
      options.logQueryServerTimeoutSeconds ?? LOG_QUERY_SERVER_TIMEOUT_SECONDS;
  }

  /**
   * Reads every request. With `readTimeoutMs` or `abortSignal`, the calls
   * still open when either fires are cancelled and their signals are
   * unknown (`no answer from Azure within 45 seconds`); the read returns
   * right then with whatever else arrived.
   */
  async read(
    requests: SignalRequest[],
    options: ReadOptions = {},
  ): Promise<SignalReadResult> {
    const now = this.now();
    const stop = new ReadStop(options);
    const readings = new Map<string, SignalReading>();
    const logs = requests.filter(
      (r): r is { id: string; signal: LogSignal } => r.signal.type === 'log',
    );
    const metrics = requests.filter(
      (r): r is { id: string; signal: MetricSignal } =>
        r.signal.type === 'metric',
    );
    const [logCalls, metricCalls] = await Promise.all([
      this.readLogs(logs, now, readings, stop),
      this.readMetrics(metrics, now, readings, stop),
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
    stop: ReadStop,
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
    let sent = 0;
    await Promise.all(
      [...queries.values()].map(async ({ signal, ids }) => {
        let started = false;
        const answer = await orStopped(
          this.logLimit(async () => {
            // Queued work whose read was stopped meanwhile is not sent.
            if (stop.signal?.aborted) return STOPPED;
            started = true;
            sent += 1;
            return this.readLog(signal, now, stop);
          }),
          stop.signal,
        );
        const reading =
          answer === STOPPED
            ? stop.unanswered(
                started
                  ? 'Log Analytics had not answered the query'
                  : 'the query was still waiting for one of the concurrent query slots',
              )
            : answer;
        for (const id of ids) readings.set(id, reading);
      }),
    );
    return sent;
  }

  private async readLog(
    signal: LogSignal,
    now: Date,
    stop: ReadStop,
  ): Promise<SignalReading | typeof STOPPED> {
    try {
      const result = await this.clients.logsQuery().queryResource(
        signal.workspace,
        signal.query,
        { duration: signal.timespan },
        {
          serverTimeoutInSeconds: this.serverTimeoutSeconds,
          abortSignal: stop.signal,
        },
      );
      return readingFromLogs(result, signal, now);
    } catch (error) {
      // Cancelled by the stop: the caller names why.
      if (stop.signal?.aborted) return STOPPED;
      return failedCallReading('query', error);
    }
  }

  private async readMetrics(
    requests: Array<{ id: string; signal: MetricSignal }>,
    now: Date,
    readings: Map<string, SignalReading>,
    stop: ReadStop,
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
        await Promise.all(
          batches.map(async batch => {
            let started = false;
            const answer = await orStopped(
              limit(async () => {
                if (stop.signal?.aborted) return STOPPED;
                started = true;
                calls += 1;
                return this.readMetricBatch(
                  group,
                  batch,
                  { startTime, endTime },
                  cells,
                  stop,
                );
              }),
              stop.signal,
            );
            if (answer !== STOPPED) return;
            const { reason, detail } = stop.unanswered(
              started
                ? 'Azure Monitor had not answered the metrics batch call'
                : 'the metrics batch call was still waiting for its turn',
            );
            for (const resource of batch.resources) {
              for (const metric of batch.metrics) {
                cells.set(cellKey(resource, metric), {
                  reason: reason!,
                  detail,
                });
              }
            }
          }),
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
    stop: ReadStop,
  ): Promise<'done' | typeof STOPPED> {
    // The SDK passes `abortSignal` on to the request (its options are
    // spread into the operation options), though its public type of the
    // options does not declare it.
    const options: MetricsQueryResourcesOptions & {
      abortSignal?: AbortSignal;
    } = {
      ...window,
      // Azure accepts only its standard grains or FULL; FULL gives one
      // point over the whole window, whatever its length.
      interval: 'FULL',
      aggregation: group.aggregation,
      abortSignal: stop.signal,
    };
    let results: MetricsQueryResult[];
    try {
      results = await this.clients
        .metrics(group.region)
        .queryResources(
          batch.resources,
          batch.metrics,
          group.namespace,
          options,
        );
    } catch (error) {
      if (stop.signal?.aborted) return STOPPED;
      const failed = failedCallReading('metrics query', error);
      const cell = { reason: failed.reason!, detail: failed.detail };
      for (const resource of batch.resources) {
        for (const metric of batch.metrics) {
          cells.set(cellKey(resource, metric), cell);
        }
      }
      return 'done';
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
    return 'done';
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
