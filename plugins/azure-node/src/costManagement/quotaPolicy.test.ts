import {
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { configFor, FINANCE } from '../__testUtils__/localEndpoint';
import { DefaultAzureClients } from '../AzureClients';
import { AzureConnectionConfig } from '../config/readAzureConnectionConfig';
import { describeAzureError } from '../errors';
import {
  COST_MANAGEMENT_QUOTA_POLICY_NAME,
  CostManagementThrottledError,
} from './quota';

/**
 * The quota policy in `costManagement()`'s real pipeline: Cost Management
 * queries against the local endpoint, with its throttling faults.
 */
const QUERY_ROUTE = '/providers/Microsoft.CostManagement/query$';

describe('costManagement() quota policy against the local endpoint', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({
      aliasProvisioningMs: 0,
      // Mid-month, so this month has cost to answer with.
      now: () => Date.UTC(2026, 10, 24, 15, 0, 0),
    });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  // A fresh quota per test: each AzureClients has its own.
  const clientsWith = (overrides: Partial<AzureConnectionConfig> = {}) =>
    new DefaultAzureClients(configFor(endpoint, overrides));

  /** This month's daily cost of one subscription: one page. */
  const queryFinance = (
    clients: DefaultAzureClients,
    abortSignal?: AbortSignal,
  ) =>
    clients.costManagement().query.usage(
      `/subscriptions/${FINANCE}`,
      {
        type: 'ActualCost',
        timeframe: 'MonthToDate',
        dataset: {
          granularity: 'Daily',
          aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        },
      },
      { abortSignal },
    );

  it('is one cached client whose quota policy runs per attempt, after the retry policy', () => {
    const clients = clientsWith();
    const client = clients.costManagement();
    expect(clients.costManagement()).toBe(client);

    const names = client.pipeline.getOrderedPolicies().map(p => p.name);
    expect(names.indexOf(COST_MANAGEMENT_QUOTA_POLICY_NAME)).toBeGreaterThan(
      names.indexOf('defaultRetryPolicy'),
    );
    expect(names.slice(-2)).toEqual([
      'dataplatformRequestTimeoutPolicy',
      COST_MANAGEMENT_QUOTA_POLICY_NAME,
    ]);
  });

  it.each([
    'retry-after',
    'retry-after-ms',
    'x-ms-retry-after-ms',
    'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
    'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
    'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
  ])(
    'waits as long as a 429 with %s asks, then succeeds',
    async retryHeader => {
      const clients = clientsWith();
      endpoint.faults.add({
        path: QUERY_ROUTE,
        kind: 'throttle',
        retryHeader,
        retryAfterSeconds: 1,
        times: 1,
      });
      const started = Date.now();

      const result = await queryFinance(clients);

      const finished = Date.now();
      expect(result.rows?.length).toBeGreaterThan(0);
      // Timers may fire a few ms early against Date.now().
      expect(finished - started).toBeGreaterThanOrEqual(990);
      expect(endpoint.requests.snapshot().total).toBe(2);
      const quota = clients.costManagementQuota.snapshot();
      expect(quota.calls).toBe(2);
      expect(quota.pausedUntil).toBeGreaterThanOrEqual(started + 1_000);
      expect(quota.pausedUntil).toBeLessThanOrEqual(finished);
    },
  );

  it('counts every attempt, the SDK retries included', async () => {
    const clients = clientsWith();
    endpoint.faults.add({
      path: QUERY_ROUTE,
      kind: 'throttle',
      retryAfterSeconds: 0,
      times: 2,
    });

    const result = await queryFinance(clients);

    expect(result.rows?.length).toBeGreaterThan(0);
    expect(endpoint.requests.snapshot().total).toBe(3);
    expect(clients.costManagementQuota.snapshot()).toMatchObject({
      used: [3, 3, 3],
      calls: 3,
    });
  });

  it('fails at once when Azure asks to wait longer than maxWait, and holds the next call without asking Azure', async () => {
    const clients = clientsWith({
      costManagementQuota: { maxWaitSeconds: 5 },
    });
    endpoint.faults.add({
      path: QUERY_ROUTE,
      kind: 'throttle',
      retryHeader: 'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
      retryAfterSeconds: 3600,
    });
    const started = Date.now();

    const first = await queryFinance(clients).catch(e => e);
    const second = await queryFinance(clients).catch(e => e);

    expect(Date.now() - started).toBeLessThan(3_000);
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(CostManagementThrottledError);
      expect(error).toMatchObject({
        statusCode: 429,
        code: 'TooManyRequests',
        source: 'azure',
      });
      expect(describeAzureError(error).message).toMatch(
        /^Cost Management quota for this tenant is used up; Azure asks to wait 3600 s \(until \d\d:\d\d:\d\d UTC\)$/,
      );
    }
    // No SDK retry of the first call, and the second never left the backend.
    expect(endpoint.requests.snapshot().total).toBe(1);
    expect(
      clients.costManagementQuota.snapshot().pausedUntil,
    ).toBeGreaterThanOrEqual(started + 3_600_000);
  });

  it('applies the configured windows: a call beyond them fails at once without reaching Azure', async () => {
    const clients = clientsWith({
      costManagementQuota: {
        windows: [{ limit: 1, windowSeconds: 60 }],
        maxWaitSeconds: 1,
      },
    });

    expect((await queryFinance(clients)).rows?.length).toBeGreaterThan(0);
    const error = await queryFinance(clients).catch(e => e);

    expect(error).toBeInstanceOf(CostManagementThrottledError);
    expect(error.message).toMatch(
      /^Cost Management quota for this tenant is used up; its limit of 1 call per 60 s frees the next call in 60 s \(until \d\d:\d\d:\d\d UTC\)$/,
    );
    expect(endpoint.requests.snapshot().total).toBe(1);
  });

  it("stops a call waiting for the quota when the caller's signal fires", async () => {
    const clients = clientsWith({
      costManagementQuota: { windows: [{ limit: 1, windowSeconds: 60 }] },
    });
    await queryFinance(clients);
    const started = Date.now();

    const error = await queryFinance(clients, AbortSignal.timeout(200)).catch(
      e => e,
    );

    // The caller's cancellation, not a request timeout or a throttle.
    expect(error.name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(endpoint.requests.snapshot().total).toBe(1);
    expect(clients.costManagementQuota.snapshot().calls).toBe(1);
  });
});
