import tls from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
// The clients the portal uses, resolved from the workspace: these routes are
// only right if the unchanged SDKs read them.
import {
  LogsQueryClient,
  LogsQueryResultStatus,
} from '@azure/monitor-query-logs';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import { FINANCE, HR, SALES } from '../__testUtils__/ids';

const MINUTE = 60_000;
/** The start of a minute that is a multiple of every period used below. */
const T0 = Date.UTC(2026, 4, 1, 12, 0);

const WORKSPACE = `/subscriptions/${FINANCE}/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance`;
const QUERY = `ADFPipelineRun
| where Status == "Failed"
| summarize value = count()`;
const LA_ROUTE =
  'POST /loganalytics/v1/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/query';
const METRICS_ROUTE =
  'POST /metrics/:region/subscriptions/:subscriptionId/metrics:getBatch';

const storage = (name: string, subscriptionId = FINANCE) =>
  `/subscriptions/${subscriptionId}/resourceGroups/rg-test-data/providers/Microsoft.Storage/storageAccounts/${name}`;

describe('Azure Monitor query routes through the Azure SDK clients', () => {
  let endpoint: LocalAzureEndpoint;
  let now = T0;
  let logs: LogsQueryClient;
  let metrics: MetricsClient;

  const sdkOptions = (maxRetries = 0) => ({
    tlsOptions: {
      ca: [...tls.rootCertificates, endpoint.caCertificatePem],
    },
    // Retries are the SDK's business; tests look at single answers.
    retryOptions: { maxRetries, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
  });
  const credential = (): TokenCredential => ({
    getToken: async () => ({
      token: endpoint.token,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
  });
  const logsClient = (maxRetries = 0) =>
    new LogsQueryClient(credential(), {
      ...sdkOptions(maxRetries),
      endpoint: `${endpoint.url}/loganalytics/v1`,
    });
  const metricsClient = (region = 'westeurope') =>
    new MetricsClient(
      `${endpoint.url}/metrics/${region}`,
      credential(),
      sdkOptions(),
    );

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ now: () => now });
    logs = logsClient();
    metrics = metricsClient();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    now = T0;
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  describe('Log Analytics resource-centric queries', () => {
    const query = (
      text = QUERY,
      timespan: Parameters<LogsQueryClient['queryResource']>[2] = {
        duration: 'PT15M',
      },
    ) => logs.queryResource(WORKSPACE, text, timespan);

    it('answers the scripted value at the end of the timespan, whatever the whitespace of the query', async () => {
      endpoint.monitor.setLogSignal({
        workspace: WORKSPACE,
        query: QUERY,
        script: {
          baseline: 0,
          periodMinutes: 20,
          episodes: [{ fromMinute: 8, toMinute: 13, value: 4 }],
        },
      });
      now = T0 + 2 * MINUTE + 15_000;
      const quiet = await query(`  ${QUERY.replace(/\n/g, '\n   ')}\n`);
      expect(quiet.status).toBe(LogsQueryResultStatus.Success);
      if (quiet.status !== LogsQueryResultStatus.Success) return;
      expect(quiet.tables[0].columnDescriptors).toEqual([
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'value', type: 'real' },
      ]);
      expect(quiet.tables[0].rows).toEqual([[new Date(T0 + 2 * MINUTE), 0]]);

      now = T0 + 9 * MINUTE;
      const failing = await query();
      expect(
        failing.status === LogsQueryResultStatus.Success &&
          failing.tables[0].rows,
      ).toEqual([[new Date(T0 + 9 * MINUTE), 4]]);

      // An explicit end time picks its own minute, not the clock's.
      const earlier = await query(QUERY, {
        startTime: new Date(T0),
        endTime: new Date(T0 + 5 * MINUTE),
      });
      expect(
        earlier.status === LogsQueryResultStatus.Success &&
          earlier.tables[0].rows,
      ).toEqual([[new Date(T0 + 5 * MINUTE), 0]]);
      expect(endpoint.requests.snapshot().byRoute).toEqual({
        [LA_ROUTE]: 3,
      });
    });

    it('finds no rows for a silent signal and for a query without a script', async () => {
      endpoint.monitor.setLogSignal({
        workspace: WORKSPACE,
        query: QUERY,
        script: {
          baseline: 3,
          periodMinutes: 10,
          episodes: [{ fromMinute: 0, toMinute: 5, value: null }],
        },
      });
      now = T0 + MINUTE;
      for (const text of [QUERY, 'Heartbeat | summarize value = count()']) {
        const result = await query(text);
        expect(result.status).toBe(LogsQueryResultStatus.Success);
        expect(
          result.status === LogsQueryResultStatus.Success &&
            result.tables[0].rows,
        ).toEqual([]);
      }
      now = T0 + 6 * MINUTE;
      const back = await query();
      expect(
        back.status === LogsQueryResultStatus.Success && back.tables[0].rows,
      ).toEqual([[new Date(T0 + 6 * MINUTE), 3]]);
    });

    it('answers the demo scenario out of the box', async () => {
      const result = await logs.queryResource(
        `/subscriptions/${SALES}/resourceGroups/rg-dp-sales-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-sales`,
        `ADFPipelineRun
         | where PipelineName == "pl_crm_opportunities_incremental" and Status == "Succeeded"
         | summarize value = datetime_diff("minute", now(), max(End))`,
        { duration: 'PT6H' },
      );
      const rows =
        result.status === LogsQueryResultStatus.Success
          ? result.tables[0].rows
          : [];
      expect(rows).toHaveLength(1);
      // CRM opportunities are late on purpose: 22 to 32 minutes.
      expect(rows[0][1]).toBeGreaterThanOrEqual(22);
      expect(rows[0][1]).toBeLessThanOrEqual(32);
    });

    it('reports a partial failure with the tables when a partial fault hits', async () => {
      endpoint.monitor.setLogSignal({
        workspace: WORKSPACE,
        query: QUERY,
        script: { baseline: 2 },
      });
      endpoint.faults.add({ path: '/query$', kind: 'partial', times: 1 });
      const partial = await query();
      expect(partial.status).toBe(LogsQueryResultStatus.PartialFailure);
      if (partial.status !== LogsQueryResultStatus.PartialFailure) return;
      expect(partial.partialTables[0].rows).toEqual([[new Date(T0), 2]]);
      expect(partial.partialError).toMatchObject({
        code: 'PartialError',
        details: [{ code: 'EngineError' }],
      });
      expect((await query()).status).toBe(LogsQueryResultStatus.Success);
    });

    it('surfaces throttling as a 429 once the SDK has used its retries', async () => {
      endpoint.faults.add({
        path: '/loganalytics/',
        kind: 'throttle',
        retryAfterSeconds: 0,
      });
      await expect(query()).rejects.toMatchObject({
        statusCode: 429,
        code: 'TooManyRequests',
      });
      await expect(
        logsClient(2).queryResource(WORKSPACE, QUERY, { duration: 'PT15M' }),
      ).rejects.toMatchObject({ statusCode: 429 });
      // One attempt, then one plus two retries; answered by the fault, so
      // counted by their raw path.
      expect(endpoint.requests.snapshot().total).toBe(4);
    });

    it('fails server errors from an error fault', async () => {
      endpoint.faults.add({ path: '/query$', kind: 'error', status: 500 });
      await expect(query()).rejects.toMatchObject({ statusCode: 500 });
    });

    it('answers 404 WorkspaceNotFound for a workspace the tenant does not have', async () => {
      for (const workspace of [
        WORKSPACE.replace('log-dp-finance', 'log-dp-nope'),
        WORKSPACE.replace(FINANCE, '00000000-0000-0000-0000-000000000000'),
      ]) {
        await expect(
          logs.queryResource(workspace, QUERY, { duration: 'PT15M' }),
        ).rejects.toMatchObject({ statusCode: 404, code: 'WorkspaceNotFound' });
      }
    });

    it('validates the request as Log Analytics does', async () => {
      const path = `/loganalytics/v1${WORKSPACE}/query`;
      const missing = await call(endpoint, 'POST', path, {
        body: { timespan: 'PT15M' },
      });
      expect(missing.status).toBe(400);
      expect(missing.json.error.code).toBe('BadArgumentError');
      expect(missing.json.error.message).toContain("'query' is required");

      const empty = await call(endpoint, 'POST', path, {
        body: { query: '  ' },
      });
      expect(empty.json.error.message).toContain("'query' must not be empty");

      const timespan = await call(endpoint, 'POST', path, {
        body: { query: QUERY, timespan: 'last hour' },
      });
      expect(timespan.status).toBe(400);
      expect(timespan.json.error.message).toContain("'timespan' must be");

      const crossWorkspace = await call(endpoint, 'POST', path, {
        body: { query: QUERY, workspaces: ['other'] },
      });
      expect(crossWorkspace.status).toBe(400);
      expect(crossWorkspace.json.error.message).toContain("'workspaces'");

      const unauthenticated = await call(endpoint, 'POST', path, {
        body: { query: QUERY },
        token: null,
      });
      expect(unauthenticated.status).toBe(401);
    });
  });

  describe('metrics batch', () => {
    const accounts = [storage('sta'), storage('stb'), storage('stc')];
    const scriptAvailability = (resourceId: string, baseline: number) =>
      endpoint.monitor.setMetric({
        resourceId,
        region: 'westeurope',
        metric: 'Availability',
        unit: 'Percent',
        script: { baseline },
      });

    it('answers every resource of a batch in order, valued at the end time', async () => {
      accounts.forEach((id, i) => scriptAvailability(id, 99 + i / 10));
      const results = await metrics.queryResources(
        accounts,
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        {
          startTime: new Date(T0 - 5 * MINUTE),
          endTime: new Date(T0),
          interval: 'FULL',
          aggregation: 'average',
        },
      );
      expect(results.map(r => r.resourceId)).toEqual(accounts);
      expect(results.map(r => r.resourceRegion)).toEqual([
        'westeurope',
        'westeurope',
        'westeurope',
      ]);
      expect(results[0]).toMatchObject({
        granularity: 'PT5M',
        namespace: 'microsoft.storage/storageaccounts',
      });
      expect(
        results.map(r => {
          const metric = r.getMetricByName('Availability')!;
          expect(metric.errorCode).toBe('Success');
          expect(metric.unit).toBe('Percent');
          return metric.timeseries[0].data!.map(d => [
            d.timeStamp.toISOString(),
            d.average,
          ]);
        }),
      ).toEqual([
        [[new Date(T0 - 5 * MINUTE).toISOString(), 99]],
        [[new Date(T0 - 5 * MINUTE).toISOString(), 99.1]],
        [[new Date(T0 - 5 * MINUTE).toISOString(), 99.2]],
      ]);
      expect(endpoint.requests.snapshot().byRoute).toEqual({
        [METRICS_ROUTE]: 1,
      });
    });

    it('gives one data point per interval, each valued at its end, and none for silent minutes', async () => {
      endpoint.monitor.setMetric({
        resourceId: accounts[0],
        region: 'westeurope',
        metric: 'Transactions',
        unit: 'Count',
        script: {
          baseline: 10,
          periodMinutes: 15,
          episodes: [
            { fromMinute: 5, toMinute: 10, value: 70 },
            { fromMinute: 10, toMinute: 15, value: null },
          ],
        },
      });
      now = T0 + 14 * MINUTE;
      const [result] = await metrics.queryResources(
        [accounts[0]],
        ['Transactions'],
        'Microsoft.Storage/storageAccounts',
        {
          startTime: new Date(T0),
          endTime: new Date(T0 + 15 * MINUTE),
          interval: 'PT5M',
          aggregation: 'total,maximum',
        },
      );
      const data = result.metrics[0].timeseries[0].data!;
      // [T0, T0+5) ends at minute 5 (70), [5, 10) at 10 (silent), [10, 15) at 15 (next period: 10).
      expect(data).toEqual([
        { timeStamp: new Date(T0), total: 70, maximum: 70 },
        { timeStamp: new Date(T0 + 5 * MINUTE) },
        { timeStamp: new Date(T0 + 10 * MINUTE), total: 10, maximum: 10 },
      ]);
      expect(result.granularity).toBe('PT5M');
    });

    it('defaults the time range to the hour before the clock', async () => {
      scriptAvailability(accounts[0], 99.5);
      now = T0 + 30_000;
      const [result] = await metrics.queryResources(
        [accounts[0]],
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL' },
      );
      expect(result.timespan).toEqual({
        startTime: new Date(now - 3_600_000),
        endTime: new Date(now),
      });
      expect(result.metrics[0].timeseries[0].data).toEqual([
        { timeStamp: new Date(now - 3_600_000), average: 99.5 },
      ]);
    });

    it('fails single resources and metrics, not the batch: unknown, other region, other type, unknown metric', async () => {
      scriptAvailability(accounts[0], 99.9);
      endpoint.monitor.setMetric({
        resourceId: accounts[1],
        region: 'eastus',
        metric: 'Availability',
        script: { baseline: 99 },
      });
      const vault = `/subscriptions/${FINANCE}/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test`;
      const results = await metrics.queryResources(
        [accounts[0], accounts[1], accounts[2], vault],
        ['Availability', 'Egress'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL' },
      );
      const codes = results.map(r =>
        r.metrics.map(m => [m.name, m.errorCode, m.timeseries.length]),
      );
      expect(codes).toEqual([
        [
          ['Availability', 'Success', 1],
          ['Egress', 'BadRequest', 0],
        ],
        [
          ['Availability', 'ResourceNotFound', 0],
          ['Egress', 'ResourceNotFound', 0],
        ],
        [
          ['Availability', 'ResourceNotFound', 0],
          ['Egress', 'ResourceNotFound', 0],
        ],
        [
          ['Availability', 'BadRequest', 0],
          ['Egress', 'BadRequest', 0],
        ],
      ]);
      expect(results[3].metrics[0].errorMessage).toBe(
        "Metric namespace 'Microsoft.Storage/storageAccounts' does not apply to resource type 'Microsoft.KeyVault/vaults'.",
      );
      // The eastus resource is found at its own regional endpoint.
      const [east] = await metricsClient('eastus').queryResources(
        [accounts[1]],
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL' },
      );
      expect(east.metrics[0].errorCode).toBe('Success');
    });

    it('answers the demo scenario out of the box', async () => {
      const [lake] = await metrics.queryResources(
        [
          '/subscriptions/45d320d6-9d7e-43c0-9d51-7ced0a5451d2/resourceGroups/rg-finance-data-prod/providers/Microsoft.Storage/storageAccounts/stfinancedata',
        ],
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL', aggregation: 'average' },
      );
      const [point] = lake.metrics[0].timeseries[0].data!;
      expect(point.average).toBeGreaterThan(99.9);
      expect(point.average).toBeLessThanOrEqual(100);
    });

    it('refuses more than 50 resources and resources of another subscription with 400', async () => {
      const many = Array.from({ length: 51 }, (_, i) => storage(`st${i}`));
      await expect(
        metrics.queryResources(
          many,
          ['Availability'],
          'Microsoft.Storage/storageAccounts',
        ),
      ).rejects.toMatchObject({
        statusCode: 400,
        message: "'resourceids' must name at most 50 resources per request.",
      });
      await expect(
        metrics.queryResources(
          [storage('sta'), storage('stb', HR)],
          ['Availability'],
          'Microsoft.Storage/storageAccounts',
        ),
      ).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringContaining(
          `'resourceids[1]' is in subscription ${HR}`,
        ),
      });
      const fifty = await metrics.queryResources(
        many.slice(0, 50),
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL' },
      );
      expect(fifty).toHaveLength(50);
    });

    it('validates the query parameters, naming them', async () => {
      const base = `/metrics/westeurope/subscriptions/${FINANCE}/metrics:getBatch?api-version=2024-02-01`;
      const body = { resourceids: [storage('sta')] };
      const cases: [string, string][] = [
        ['&metricnames=Availability', "'metricnamespace' is required"],
        [
          '&metricnamespace=Microsoft.Storage/storageAccounts',
          "'metricnames' is required",
        ],
        [
          `&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=${Array.from(
            { length: 21 },
            (_, i) => `m${i}`,
          ).join(',')}`,
          "'metricnames' names 21 metrics; at most 20",
        ],
        [
          '&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=Availability&aggregation=avg',
          "'aggregation' must be one or more of average, minimum, maximum, total, count (got 'avg')",
        ],
        [
          '&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=Availability&interval=PT30S',
          "'interval' must be FULL or an ISO 8601 duration of at least PT1M",
        ],
        [
          '&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=Availability&starttime=2026-05-01T12:00:00Z&endtime=2026-05-01T11:00:00Z',
          "'endtime' must be after 'starttime'",
        ],
        [
          '&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=Availability&endtime=yesterday',
          "'endtime' must be an ISO 8601 date-time",
        ],
      ];
      for (const [query, message] of cases) {
        const res = await call(endpoint, 'POST', `${base}${query}`, { body });
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('BadRequest');
        expect(res.json.error.message).toContain(message);
      }
      const noIds = await call(
        endpoint,
        'POST',
        `${base}&metricnamespace=Microsoft.Storage/storageAccounts&metricnames=Availability`,
        { body: {} },
      );
      expect(noIds.json.error.message).toBe("'resourceids' is required.");
      const region = await call(
        endpoint,
        'POST',
        base.replace('westeurope', 'atlantis'),
        { body },
      );
      expect(region.status).toBe(404);
      const unauthenticated = await call(endpoint, 'POST', base, {
        body,
        token: null,
      });
      expect(unauthenticated.status).toBe(401);
    });

    it('fails one metric of the batch when a partial fault hits', async () => {
      accounts.forEach(id => scriptAvailability(id, 99.99));
      endpoint.faults.add({ path: 'getBatch', kind: 'partial', times: 1 });
      const results = await metrics.queryResources(
        accounts,
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        { interval: 'FULL' },
      );
      expect(results.map(r => r.metrics[0].errorCode)).toEqual([
        'InternalServerError',
        'Success',
        'Success',
      ]);
      expect(results[0].metrics[0].timeseries).toEqual([]);
    });

    it('surfaces throttling as a 429', async () => {
      endpoint.faults.add({
        path: 'getBatch$',
        kind: 'throttle',
        retryAfterSeconds: 0,
      });
      await expect(
        metrics.queryResources(
          accounts,
          ['Availability'],
          'Microsoft.Storage/storageAccounts',
        ),
      ).rejects.toMatchObject({ statusCode: 429 });
    });
  });
});
