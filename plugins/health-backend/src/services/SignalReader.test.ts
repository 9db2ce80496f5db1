import {
  LogsQueryResult,
  LogsQueryResultStatus,
  LogsTable,
} from '@azure/monitor-query-logs';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import { LogSignal, MetricSignal } from '@dataplatform/plugin-health-common';
import pLimit from 'p-limit';
import {
  LOGS_ROUTE,
  METRICS_ROUTE,
  azureRestError,
  clientsFor,
  rejectingQueries,
  useLocalAzureEndpoint,
} from '../__testUtils__/azure';
import {
  FAILED_RUNS_QUERY,
  LATENCY_QUERY,
  SALES_WORKSPACE,
  WORKSPACE,
  storageAccount,
} from '../__testUtils__/models';
import {
  LogQueryLimit,
  SignalReader,
  processLogQueryLimit,
  readingFromLogs,
} from './SignalReader';

function logSignal(
  id: string,
  query: string,
  workspace = WORKSPACE,
): LogSignal {
  return {
    id,
    type: 'log',
    workspace,
    query,
    timespan: 'PT15M',
    thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
  };
}

function metricSignal(
  id: string,
  resources: string[],
  overrides: Partial<MetricSignal> = {},
): MetricSignal {
  return {
    id,
    type: 'metric',
    resources,
    region: 'westeurope',
    namespace: 'Microsoft.Storage/storageAccounts',
    metric: 'Availability',
    aggregation: 'average',
    window: 'PT5M',
    thresholds: { direction: 'below', degraded: 99.9, unhealthy: 99 },
    ...overrides,
  };
}

const requestsOf = (
  signals: Array<LogSignal | MetricSignal>,
): Array<{ id: string; signal: LogSignal | MetricSignal }> =>
  signals.map(signal => ({ id: signal.id, signal }));

describe('SignalReader against the local Azure endpoint', () => {
  const azure = useLocalAzureEndpoint();

  const reader = (clients: AzureClients = azure.clients, concurrency = 5) =>
    new SignalReader(clients, { logQueryLimit: pLimit(concurrency) });

  function scriptLog(query: string, baseline: number, workspace = WORKSPACE) {
    azure.endpoint.monitor.setLogSignal({
      workspace,
      query,
      script: { baseline },
    });
  }

  function scriptMetric(
    resourceId: string,
    baseline: number | null,
    metric = 'Availability',
  ) {
    azure.endpoint.monitor.setMetric({
      resourceId,
      region: 'westeurope',
      metric,
      unit: 'Percent',
      script:
        baseline === null
          ? {
              baseline: 0,
              periodMinutes: 1,
              episodes: [{ fromMinute: 0, toMinute: 1, value: null }],
            }
          : { baseline },
    });
  }

  const routeCount = (route: string) =>
    azure.endpoint.requests.snapshot().byRoute[route] ?? 0;

  it('reads log and metric values, dated by TimeGenerated and the window end', async () => {
    scriptLog(FAILED_RUNS_QUERY, 3);
    scriptMetric(storageAccount('stfinancedata'), 99.95);
    const before = Date.now();

    const { readings, calls, signals } = await reader().read(
      requestsOf([
        logSignal('failures', FAILED_RUNS_QUERY),
        metricSignal('availability', [storageAccount('stfinancedata')]),
      ]),
    );

    const failures = readings.get('failures')!;
    expect(failures.value).toBe(3);
    expect(failures.reason).toBeUndefined();
    // The endpoint dates a row by the minute the query ran in.
    const minute = Math.floor(before / 60_000) * 60_000;
    expect(Date.parse(failures.observedAt!)).toBeGreaterThanOrEqual(minute);
    // A metric is dated by the end of its window: the last whole minute.
    const availability = readings.get('availability')!;
    expect(availability.value).toBe(99.95);
    const end = Date.parse(availability.observedAt!);
    expect(end % 60_000).toBe(0);
    expect(end).toBeGreaterThanOrEqual(minute);
    expect(end).toBeLessThanOrEqual(Date.now());
    expect(calls).toEqual({ logs: 1, metrics: 1 });
    expect(signals).toEqual({ log: 1, metric: 1 });
    expect(routeCount(LOGS_ROUTE)).toBe(1);
    expect(routeCount(METRICS_ROUTE)).toBe(1);
  });

  it('sends the query text as written in the model, and an identical query once', async () => {
    // Matched by exact text (whitespace collapsed): a changed query would find nothing.
    scriptLog(FAILED_RUNS_QUERY, 2);
    const { readings, calls } = await reader().read(
      requestsOf([
        logSignal('a', FAILED_RUNS_QUERY),
        logSignal('b', FAILED_RUNS_QUERY),
      ]),
    );
    expect(readings.get('a')?.value).toBe(2);
    expect(readings.get('b')?.value).toBe(2);
    expect(calls.logs).toBe(1);
    expect(routeCount(LOGS_ROUTE)).toBe(1);
  });

  it('makes silent and unscripted signals unknown with the window they covered', async () => {
    azure.endpoint.monitor.setLogSignal({
      workspace: WORKSPACE,
      query: FAILED_RUNS_QUERY,
      script: {
        baseline: 1,
        periodMinutes: 1,
        episodes: [{ fromMinute: 0, toMinute: 1, value: null }],
      },
    });
    scriptMetric(storageAccount('stsilent'), null);

    const { readings } = await reader().read(
      requestsOf([
        logSignal('silent', FAILED_RUNS_QUERY),
        logSignal('unscripted', LATENCY_QUERY),
        metricSignal('silent-metric', [storageAccount('stsilent')]),
        metricSignal('missing-resource', [storageAccount('stnowhere')]),
      ]),
    );

    expect(readings.get('silent')).toEqual({
      reason: 'no data in the last 15 minutes',
    });
    expect(readings.get('unscripted')).toEqual({
      reason: 'no data in the last 15 minutes',
    });
    expect(readings.get('silent-metric')).toEqual({
      reason: 'no data points in the last 5 minutes',
    });
    // The resource is named to owners only.
    expect(readings.get('missing-resource')?.reason).toBe(
      'metric not available: ResourceNotFound',
    );
    expect(readings.get('missing-resource')?.detail).toMatch(
      /^ResourceNotFound: The resource '.*stnowhere' was not found in region westeurope\.$/,
    );
  });

  it('makes only the throttled workspace’s signals unknown, with the HTTP status', async () => {
    scriptLog(FAILED_RUNS_QUERY, 0);
    scriptLog(FAILED_RUNS_QUERY, 4, SALES_WORKSPACE);
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-sales/query$',
      kind: 'throttle',
      retryAfterSeconds: 0,
    });

    const { readings, calls } = await reader().read(
      requestsOf([
        logSignal('finance', FAILED_RUNS_QUERY),
        logSignal('sales', FAILED_RUNS_QUERY, SALES_WORKSPACE),
      ]),
    );

    expect(readings.get('finance')?.value).toBe(0);
    expect(readings.get('sales')?.value).toBeUndefined();
    expect(readings.get('sales')?.reason).toBe('throttled by Azure (HTTP 429)');
    expect(readings.get('sales')?.detail).toMatch(/^HTTP 429: /);
    expect(readings.get('sales')?.detail).toContain('Too many requests');
    expect(calls.logs).toBe(2);
  });

  it('makes every signal of a failing metrics batch unknown, and nothing else', async () => {
    scriptLog(FAILED_RUNS_QUERY, 0);
    scriptMetric(storageAccount('stfinancedata'), 99.99);
    scriptMetric(storageAccount('stfinancedata'), 120, 'SuccessE2ELatency');
    scriptMetric(storageAccount('stother'), 99.99);
    azure.endpoint.faults.add({
      path: '^/metrics/westeurope/',
      kind: 'error',
      status: 503,
    });

    const { readings } = await reader().read(
      requestsOf([
        logSignal('failures', FAILED_RUNS_QUERY),
        metricSignal('availability', [storageAccount('stfinancedata')]),
        metricSignal('latency', [storageAccount('stfinancedata')], {
          metric: 'SuccessE2ELatency',
          thresholds: { direction: 'above', unhealthy: 1000 },
        }),
        metricSignal('other', [storageAccount('stother')], {
          aggregation: 'minimum',
        }),
      ]),
    );

    expect(readings.get('failures')?.value).toBe(0);
    for (const id of ['availability', 'latency', 'other']) {
      expect(readings.get(id)?.value).toBeUndefined();
      expect(readings.get(id)?.reason).toBe(
        'metrics query failed: HTTP 503 ServiceUnavailable',
      );
      expect(readings.get(id)?.detail).toMatch(/^HTTP 503: /);
    }
  });

  it('gives up on a query Azure does not answer within the request timeout', async () => {
    scriptLog(FAILED_RUNS_QUERY, 0);
    scriptLog(LATENCY_QUERY, 250);
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-finance/query$',
      kind: 'delay',
      delayMs: 2_000,
      times: 4,
    });
    const impatient = clientsFor(azure.endpoint, {
      requestTimeoutSeconds: 0.5,
    });

    // One at a time, so the four delays hit the first query's four attempts.
    const { readings } = await reader(impatient, 1).read(
      requestsOf([
        logSignal('slow', FAILED_RUNS_QUERY),
        logSignal('latency', LATENCY_QUERY),
      ]),
    );

    expect(readings.get('slow')).toEqual({
      reason: 'Azure did not answer in time',
      detail:
        'Azure did not answer within 0.5 s (request timeout; tried 4 times)',
    });
    expect(readings.get('latency')?.value).toBe(250);
  });

  it('does not trust a partial log result, and marks the one failed metric of a partial batch', async () => {
    scriptLog(FAILED_RUNS_QUERY, 0);
    scriptMetric(storageAccount('stfirst'), 99.99);
    scriptMetric(storageAccount('stsecond'), 99.5);
    azure.endpoint.faults.add({ path: '/query$', kind: 'partial' });
    azure.endpoint.faults.add({ path: 'metrics:getBatch$', kind: 'partial' });

    const { readings } = await reader().read(
      requestsOf([
        logSignal('failures', FAILED_RUNS_QUERY),
        metricSignal('first', [storageAccount('stfirst')]),
        metricSignal('second', [storageAccount('stsecond')]),
      ]),
    );

    expect(readings.get('failures')).toEqual({
      reason: 'partial result from Log Analytics',
      detail: expect.stringContaining(
        'There were some errors when processing your query.',
      ),
    });
    expect(readings.get('first')).toEqual({
      reason: 'metric not available: InternalServerError',
      detail:
        'InternalServerError: The metric could not be read (injected partial fault).',
    });
    expect(readings.get('second')?.value).toBe(99.5);
  });

  it('batches 120 resources of one subscription, region and type into 3 calls, worst value per signal', async () => {
    const accounts = Array.from({ length: 120 }, (_, i) =>
      storageAccount(`stbatch${String(i).padStart(3, '0')}`),
    );
    for (const [i, id] of accounts.entries()) {
      scriptMetric(id, i === 77 ? 98.5 : 99.99);
      scriptMetric(id, 10 + i, 'SuccessE2ELatency');
    }
    // Three signals of 40 resources each (a model allows 50 per signal).
    const signals = [0, 1, 2].flatMap(n => [
      metricSignal(`availability-${n}`, accounts.slice(n * 40, n * 40 + 40)),
      metricSignal(`latency-${n}`, accounts.slice(n * 40, n * 40 + 40), {
        metric: 'SuccessE2ELatency',
        thresholds: { direction: 'above', unhealthy: 1000 },
      }),
    ]);

    const {
      readings,
      calls,
      signals: counted,
    } = await reader().read(requestsOf(signals));

    expect(calls).toEqual({ logs: 0, metrics: 3 });
    expect(counted).toEqual({ log: 0, metric: 6 });
    expect(routeCount(METRICS_ROUTE)).toBe(3);
    // `below`: the lowest of the resources; `above`: the highest.
    expect(readings.get('availability-0')?.value).toBe(99.99);
    expect(readings.get('availability-1')?.value).toBe(98.5);
    expect(readings.get('availability-2')?.value).toBe(99.99);
    expect(readings.get('latency-0')?.value).toBe(49);
    expect(readings.get('latency-1')?.value).toBe(89);
    expect(readings.get('latency-2')?.value).toBe(129);
  });

  it('splits more than 20 metric names of a group over calls, and keeps groups apart', async () => {
    const account = storageAccount('stmany');
    const names = Array.from({ length: 25 }, (_, i) => `Metric${i}`);
    for (const [i, name] of names.entries()) scriptMetric(account, i, name);

    const { readings, calls } = await reader().read(
      requestsOf([
        ...names.map(name =>
          metricSignal(name, [account], {
            metric: name,
            thresholds: { direction: 'above', unhealthy: 100 },
          }),
        ),
        // Another aggregation is another group: one more call.
        metricSignal('minimum', [account], {
          metric: 'Metric3',
          aggregation: 'minimum',
          thresholds: { direction: 'above', unhealthy: 100 },
        }),
      ]),
    );

    expect(calls.metrics).toBe(3);
    expect(routeCount(METRICS_ROUTE)).toBe(3);
    expect(names.map(name => readings.get(name)?.value)).toEqual(
      names.map((_, i) => i),
    );
    expect(readings.get('minimum')?.value).toBe(3);
  });

  it('makes a signal over several resources unknown when one of them has no value', async () => {
    scriptMetric(storageAccount('stseen'), 99.99);
    const { readings } = await reader().read(
      requestsOf([
        metricSignal('pair', [
          storageAccount('stseen'),
          storageAccount('stunseen'),
        ]),
      ]),
    );
    expect(readings.get('pair')?.reason).toBe(
      'metric not available: ResourceNotFound (one of 2 resources)',
    );
    expect(readings.get('pair')?.detail).toMatch(
      /^stunseen: ResourceNotFound: The resource '.*stunseen' was not found/,
    );
  });

  it('fails a hand-made signal with a window it cannot read alone, without calling Azure', async () => {
    scriptLog(FAILED_RUNS_QUERY, 1);
    const { readings, calls } = await reader().read(
      requestsOf([
        logSignal('log', FAILED_RUNS_QUERY),
        metricSignal('monthly', [storageAccount('stfinancedata')], {
          window: 'P1M',
        }),
      ]),
    );
    expect(readings.get('log')?.value).toBe(1);
    expect(readings.get('monthly')).toEqual({
      reason:
        "window 'P1M' is not an ISO 8601 duration of days, hours, minutes and seconds such as PT15M",
    });
    expect(calls).toEqual({ logs: 1, metrics: 0 });
    expect(routeCount(METRICS_ROUTE)).toBe(0);
  });

  it('names a workspace that does not exist for its signal only', async () => {
    scriptLog(FAILED_RUNS_QUERY, 1);
    const missing = WORKSPACE.replace('log-dp-finance', 'log-dp-gone');
    const { readings } = await reader().read(
      requestsOf([
        logSignal('present', FAILED_RUNS_QUERY),
        logSignal('gone', FAILED_RUNS_QUERY, missing),
      ]),
    );
    expect(readings.get('present')?.value).toBe(1);
    expect(readings.get('gone')?.reason).toBe(
      'query failed: HTTP 404 WorkspaceNotFound',
    );
    expect(readings.get('gone')?.detail).toMatch(
      /^HTTP 404: WorkspaceNotFound: The workspace '.*log-dp-gone' could not be found/,
    );
  });

  it('keeps a KQL error’s quoted query out of the reason, and in the detail', async () => {
    scriptLog(LATENCY_QUERY, 250);
    const rejecting = rejectingQueries(azure.clients, query =>
      query.includes('ADFPipelineRun')
        ? azureRestError(
            400,
            'BadArgumentError',
            `Query could not be parsed at 'Staus' on line [2,8]: ${query}`,
          )
        : undefined,
    );

    const { readings } = await reader(rejecting).read(
      requestsOf([
        logSignal('broken', FAILED_RUNS_QUERY),
        logSignal('latency', LATENCY_QUERY),
      ]),
    );

    const broken = readings.get('broken')!;
    expect(broken.value).toBeUndefined();
    expect(broken.reason).toBe('query failed: HTTP 400 BadArgumentError');
    expect(broken.detail).toBe(
      `HTTP 400: BadArgumentError: Query could not be parsed at 'Staus' on line [2,8]: ${FAILED_RUNS_QUERY}`,
    );
    expect(readings.get('latency')?.value).toBe(250);
  });

  it('runs no more log queries at once than its limiter allows', async () => {
    const queries = Array.from(
      { length: 6 },
      (_, i) => `AppRequests | where Id == ${i} | summarize value = count()`,
    );
    for (const q of queries) scriptLog(q, 1);
    azure.endpoint.faults.add({
      path: '/query$',
      kind: 'delay',
      delayMs: 150,
    });
    let inFlight = 0;
    let most = 0;
    const real = azure.clients.logsQuery();
    const counting = Object.assign(Object.create(azure.clients), {
      logsQuery: () => ({
        queryResource: async (
          ...args: Parameters<typeof real.queryResource>
        ) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await real.queryResource(...args);
          } finally {
            inFlight -= 1;
          }
        },
      }),
    }) as AzureClients;

    const { readings } = await reader(counting, 2).read(
      requestsOf(queries.map((q, i) => logSignal(`q${i}`, q))),
    );

    expect(most).toBe(2);
    expect([...readings.values()].map(r => r.value)).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
  });
});

describe('readingFromLogs', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  const table = (
    columns: Array<{ name: string; type: string }>,
    rows: unknown[][],
  ): LogsQueryResult => ({
    status: LogsQueryResultStatus.Success,
    tables: [
      {
        name: 'PrimaryResult',
        columnDescriptors: columns as LogsTable['columnDescriptors'],
        rows: rows as any,
      },
    ],
  });
  const value = { name: 'value', type: 'real' };
  const time = { name: 'TimeGenerated', type: 'datetime' };

  it('takes the first row’s value, dated by TimeGenerated', () => {
    expect(
      readingFromLogs(
        table(
          [time, value],
          [
            [new Date('2026-12-01T09:55:00.000Z'), 4],
            [new Date('2026-12-01T09:40:00.000Z'), 9],
          ],
        ),
        { timespan: 'PT15M' },
        now,
      ),
    ).toEqual({ value: 4, observedAt: '2026-12-01T09:55:00.000Z' });
  });

  it('dates a value without TimeGenerated by the read', () => {
    expect(
      readingFromLogs(table([value], [[0]]), { timespan: 'PT15M' }, now),
    ).toEqual({ value: 0, observedAt: now.toISOString() });
  });

  it('makes a value older than the timespan unknown, naming when data was last seen', () => {
    expect(
      readingFromLogs(
        table([time, value], [['2026-12-01T09:30:00Z', 4]]),
        { timespan: 'PT15M' },
        now,
      ),
    ).toEqual({
      observedAt: '2026-12-01T09:30:00.000Z',
      reason: 'last data at 2026-12-01T09:30:00.000Z',
    });
  });

  it.each([
    [[null], 'null'],
    [['12'], "'12'"],
    [[true], 'true'],
  ])('refuses %p as a value, showing the cell to owners only', (row, cell) => {
    expect(
      readingFromLogs(table([value], [row]), { timespan: 'PT15M' }, now),
    ).toEqual({
      reason: "column 'value' is not a number",
      detail: `the first row's value is ${cell}`,
    });
  });

  it('refuses a TimeGenerated that is not a date', () => {
    expect(
      readingFromLogs(
        table([time, value], [['yesterday', 4]]),
        { timespan: 'PT15M' },
        now,
      ),
    ).toEqual({
      reason: "column 'TimeGenerated' is not a date",
      detail: "the first row's TimeGenerated is 'yesterday'",
    });
  });

  it('names the missing value column, and to owners the columns there are', () => {
    expect(
      readingFromLogs(
        table([time, { name: 'count_', type: 'long' }], [[now, 3]]),
        { timespan: 'PT1H' },
        now,
      ),
    ).toEqual({
      reason: "the query's first table has no column 'value'",
      detail: "the first table's columns are TimeGenerated, count_",
    });
  });

  it('finds no data in an empty answer, naming the timespan in words', () => {
    expect(
      readingFromLogs(table([value], []), { timespan: 'PT1H' }, now),
    ).toEqual({
      reason: 'no data in the last hour',
    });
    expect(
      readingFromLogs(
        { status: LogsQueryResultStatus.Success, tables: [] },
        { timespan: 'PT15M' },
        now,
      ),
    ).toEqual({ reason: 'no data in the last 15 minutes' });
  });

  it('does not trust a partial answer, keeping Log Analytics’ words for owners', () => {
    expect(
      readingFromLogs(
        {
          status: LogsQueryResultStatus.PartialFailure,
          partialTables: [],
          partialError: {
            code: 'PartialError',
            message: "Query 'SecretTable_CL | take 1' ran out of memory",
          },
        },
        { timespan: 'PT15M' },
        now,
      ),
    ).toEqual({
      reason: 'partial result from Log Analytics',
      detail: "PartialError: Query 'SecretTable_CL | take 1' ran out of memory",
    });
  });
});

describe('SignalReader with a read deadline', () => {
  const azure = useLocalAzureEndpoint();

  /**
   * The clients, recording each Azure call's options and when the call
   * itself settled (answered, failed or cancelled).
   */
  function recording(clients: AzureClients) {
    const calls: Array<{
      kind: 'logs' | 'metrics';
      options: Record<string, unknown>;
      settledAfterMs?: number;
    }> = [];
    const started = Date.now();
    const track = async <T>(
      kind: 'logs' | 'metrics',
      options: Record<string, unknown>,
      call: () => Promise<T>,
    ) => {
      const entry: (typeof calls)[number] = { kind, options };
      calls.push(entry);
      try {
        return await call();
      } finally {
        entry.settledAfterMs = Date.now() - started;
      }
    };
    const logs = clients.logsQuery();
    const wrapped = Object.assign(Object.create(clients), {
      logsQuery: () => ({
        pipeline: logs.pipeline,
        queryResource: (...args: Parameters<typeof logs.queryResource>) =>
          track('logs', { ...args[3] }, () => logs.queryResource(...args)),
      }),
      metrics: (region: string) => {
        const metrics = clients.metrics(region);
        return {
          queryResources: (
            ...args: Parameters<typeof metrics.queryResources>
          ) =>
            track('metrics', { ...args[3] }, () =>
              metrics.queryResources(...args),
            ),
        };
      },
    }) as AzureClients;
    /** Until every call has settled, or 4 s from the start have passed. */
    const settled = async () => {
      while (
        calls.some(c => c.settledAfterMs === undefined) &&
        Date.now() - started < 4_000
      ) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    };
    return { clients: wrapped, calls, settled };
  }

  function scriptLog(query: string, baseline: number, workspace = WORKSPACE) {
    azure.endpoint.monitor.setLogSignal({
      workspace,
      query,
      script: { baseline },
    });
  }

  function scriptMetric(resourceId: string, baseline: number) {
    azure.endpoint.monitor.setMetric({
      resourceId,
      region: 'westeurope',
      metric: 'Availability',
      unit: 'Percent',
      script: { baseline },
    });
  }

  it('stops waiting for a workspace that does not answer, and keeps what the others answered', async () => {
    scriptLog(FAILED_RUNS_QUERY, 2);
    scriptLog(FAILED_RUNS_QUERY, 4, SALES_WORKSPACE);
    scriptMetric(storageAccount('stfinancedata'), 99.95);
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-sales/query$',
      kind: 'delay',
      delayMs: 8_000,
    });
    const { clients, calls, settled } = recording(azure.clients);
    const started = Date.now();

    const { readings } = await new SignalReader(clients, {
      logQueryLimit: pLimit(5),
    }).read(
      requestsOf([
        logSignal('finance', FAILED_RUNS_QUERY),
        logSignal('sales', FAILED_RUNS_QUERY, SALES_WORKSPACE),
        metricSignal('availability', [storageAccount('stfinancedata')]),
      ]),
      { readTimeoutMs: 1_000 },
    );
    const tookMs = Date.now() - started;

    expect(readings.get('finance')?.value).toBe(2);
    expect(readings.get('availability')?.value).toBe(99.95);
    expect(readings.get('sales')).toEqual({
      reason: 'no answer from Azure within 1 second',
      detail:
        "Log Analytics had not answered the query when the evaluation's read deadline of 1 second passed; the signals that had been read were stored",
    });
    // Back at the deadline, not after the 8-second delay.
    expect(tookMs).toBeGreaterThanOrEqual(1_000);
    expect(tookMs).toBeLessThan(4_000);
    // The SDK got the signal and cancelled the request itself, long
    // before the endpoint would have answered.
    await settled();
    expect(calls.filter(c => c.kind === 'logs')).toHaveLength(2);
    for (const call of calls) expect(call.settledAfterMs).toBeLessThan(4_000);
    expect(calls.every(c => c.options.abortSignal instanceof AbortSignal)).toBe(
      true,
    );
  });

  it('does not send queries still queued at the deadline', async () => {
    scriptLog(FAILED_RUNS_QUERY, 4, SALES_WORKSPACE);
    scriptLog(LATENCY_QUERY, 250);
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-sales/query$',
      kind: 'delay',
      delayMs: 8_000,
    });

    // One query at a time: the slow one holds the only slot.
    const { readings, calls } = await new SignalReader(azure.clients, {
      logQueryLimit: pLimit(1),
    }).read(
      requestsOf([
        logSignal('slow', FAILED_RUNS_QUERY, SALES_WORKSPACE),
        logSignal('queued', LATENCY_QUERY),
      ]),
      { readTimeoutMs: 500 },
    );

    expect(readings.get('slow')?.reason).toBe(
      'no answer from Azure within 0.5 seconds',
    );
    expect(readings.get('queued')).toEqual({
      reason: 'no answer from Azure within 0.5 seconds',
      detail:
        "the query was still waiting for one of the concurrent query slots when the evaluation's read deadline of 0.5 seconds passed; the signals that had been read were stored",
    });
    expect(calls.logs).toBe(1);
    expect(
      azure.endpoint.requests.snapshot().byRoute[LOGS_ROUTE] ?? 0,
    ).toBeLessThanOrEqual(1);
  });

  it('cancels a metrics batch call at the deadline', async () => {
    scriptLog(FAILED_RUNS_QUERY, 2);
    scriptMetric(storageAccount('stfinancedata'), 99.95);
    azure.endpoint.faults.add({
      path: '^/metrics/westeurope/',
      kind: 'delay',
      delayMs: 8_000,
    });
    const { clients, calls, settled } = recording(azure.clients);

    const { readings } = await new SignalReader(clients, {
      logQueryLimit: pLimit(5),
    }).read(
      requestsOf([
        logSignal('failures', FAILED_RUNS_QUERY),
        metricSignal('availability', [storageAccount('stfinancedata')]),
      ]),
      { readTimeoutMs: 1_000 },
    );
    await settled();

    expect(readings.get('failures')?.value).toBe(2);
    expect(readings.get('availability')).toEqual({
      reason: 'no answer from Azure within 1 second',
      detail:
        "Azure Monitor had not answered the metrics batch call when the evaluation's read deadline of 1 second passed; the signals that had been read were stored",
    });
    const metrics = calls.find(c => c.kind === 'metrics')!;
    // Passed through to the request although the SDK's type omits it.
    expect(metrics.options.abortSignal).toBeInstanceOf(AbortSignal);
    expect(metrics.settledAfterMs).toBeLessThan(4_000);
  });

  it('stops when its caller stops it, saying so', async () => {
    scriptLog(FAILED_RUNS_QUERY, 4, SALES_WORKSPACE);
    azure.endpoint.faults.add({
      path: 'workspaces/log-dp-sales/query$',
      kind: 'delay',
      delayMs: 8_000,
    });
    const controller = new AbortController();
    const { clients, calls } = recording(azure.clients);
    const reading = new SignalReader(clients, {
      logQueryLimit: pLimit(5),
    }).read(
      requestsOf([logSignal('sales', FAILED_RUNS_QUERY, SALES_WORKSPACE)]),
      {
        readTimeoutMs: 30_000,
        abortSignal: controller.signal,
      },
    );
    // Once the query has been sent.
    const deadline = Date.now() + 5_000;
    while (calls.length === 0 && Date.now() < deadline) {
      await new Promise(resolve => setImmediate(resolve));
    }
    controller.abort(new Error('task timed out'));

    const { readings } = await reading;
    expect(readings.get('sales')).toEqual({
      reason: 'the evaluation stopped before Azure answered',
      detail:
        'Log Analytics had not answered the query when the evaluation was stopped',
    });
  });

  it('gives Log Analytics a server timeout below the request timeout, and asks Azure Monitor for one FULL point over the window', async () => {
    scriptLog(FAILED_RUNS_QUERY, 2);
    scriptMetric(storageAccount('stfinancedata'), 99.95);
    const { clients, calls } = recording(azure.clients);

    await new SignalReader(clients, { logQueryLimit: pLimit(5) }).read(
      requestsOf([
        logSignal('failures', FAILED_RUNS_QUERY),
        metricSignal('availability', [storageAccount('stfinancedata')], {
          window: 'PT7M',
        }),
      ]),
    );
    await new SignalReader(clients, {
      logQueryLimit: pLimit(5),
      logQueryServerTimeoutSeconds: 55,
    }).read(requestsOf([logSignal('failures', FAILED_RUNS_QUERY)]));

    const logs = calls.filter(c => c.kind === 'logs');
    // The access layer's request timeout is 30 s by default.
    expect(logs.map(c => c.options.serverTimeoutInSeconds)).toEqual([25, 55]);
    const { options } = calls.find(c => c.kind === 'metrics')!;
    expect(options.interval).toBe('FULL');
    expect(options.aggregation).toBe('average');
    const start = options.startTime as Date;
    const end = options.endTime as Date;
    expect(end.getTime() - start.getTime()).toBe(7 * 60_000);
    expect(end.getTime() % 60_000).toBe(0);
  });

  it('reads the last data point that has a value: the newest one is often still empty', async () => {
    const resource = storageAccount('stfinancedata');
    const answer = [
      {
        resourceId: resource,
        metrics: [
          {
            id: `${resource}/providers/Microsoft.Insights/metrics/Availability`,
            name: 'Availability',
            type: 'Microsoft.Insights/metrics',
            unit: 'Percent',
            errorCode: 'Success',
            timeseries: [
              {
                data: [
                  {
                    timeStamp: new Date('2026-12-01T09:55:00Z'),
                    average: 99.2,
                  },
                  {
                    timeStamp: new Date('2026-12-01T09:57:00Z'),
                    average: 99.7,
                  },
                  { timeStamp: new Date('2026-12-01T09:59:00Z') },
                ],
              },
            ],
          },
        ],
      },
    ];
    const clients = Object.assign(Object.create(azure.clients), {
      metrics: () => ({ queryResources: async () => answer }),
    }) as AzureClients;

    const { readings } = await new SignalReader(clients, {
      logQueryLimit: pLimit(5),
    }).read(requestsOf([metricSignal('availability', [resource])]));

    expect(readings.get('availability')?.value).toBe(99.7);
  });
});

describe('processLogQueryLimit', () => {
  /** Runs `count` tasks through `limit` that finish when told to, counting how many run at once. */
  function load(
    limit: LogQueryLimit,
    count: number,
    gauge: { now: number; most: number },
  ) {
    const releases: Array<() => void> = [];
    const done = Promise.all(
      Array.from({ length: count }, () =>
        limit(async () => {
          gauge.now += 1;
          gauge.most = Math.max(gauge.most, gauge.now);
          await new Promise<void>(resolve => releases.push(resolve));
          gauge.now -= 1;
        }),
      ),
    );
    return { releases, done };
  }

  async function drain(
    runs: Array<{ releases: Array<() => void>; done: Promise<unknown> }>,
  ) {
    let pending = true;
    const all = Promise.all(runs.map(r => r.done)).then(() => {
      pending = false;
    });
    while (pending) {
      await new Promise(resolve => setImmediate(resolve));
      for (const run of runs) run.releases.splice(0).forEach(r => r());
    }
    await all;
  }

  it('keeps the whole process within five queries, whatever each caller configured', async () => {
    const gauge = { now: 0, most: 0 };
    const own = { now: 0, most: 0 };
    const five = load(processLogQueryLimit(5), 8, gauge);
    const four = processLogQueryLimit(4);
    const counted: LogQueryLimit = work =>
      four(async () => {
        own.now += 1;
        own.most = Math.max(own.most, own.now);
        try {
          return await work();
        } finally {
          own.now -= 1;
        }
      });
    const second = load(counted, 8, gauge);
    await new Promise(resolve => setImmediate(resolve));
    expect(gauge.now).toBe(5);
    await drain([five, second]);
    expect(gauge.most).toBe(5);
    expect(own.most).toBeLessThanOrEqual(4);
  });

  it('keeps each caller within its own setting', async () => {
    const gauge = { now: 0, most: 0 };
    const two = load(processLogQueryLimit(2), 6, gauge);
    await drain([two]);
    expect(gauge.most).toBe(2);
  });

  it.each([0, 6, 2.5])('refuses a concurrency of %p', concurrency => {
    expect(() => processLogQueryLimit(concurrency)).toThrow(
      `logQueryConcurrency must be a whole number from 1 to 5, got ${concurrency}`,
    );
  });
});
