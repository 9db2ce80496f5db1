import { QueryDefinition } from '@azure/arm-costmanagement';
import { isRestError } from '@azure/core-rest-pipeline';
import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { configFor, FINANCE } from '../__testUtils__/localEndpoint';
import { AzureClients, DefaultAzureClients } from '../AzureClients';
import { describeAzureError } from '../errors';
import { queryCostAllPages } from './queryAllPages';

/**
 * Reading every page of a Cost Management query from the local endpoint's
 * query route, whose pages here hold 25 rows.
 */
const PAGE_SIZE = 25;
const TODAY = Date.UTC(2026, 10, 24, 15, 0, 0);
const DAY_MS = 86_400_000;
const SCOPE = `/providers/Microsoft.Management/managementGroups/${DEMO_PLATFORM_MANAGEMENT_GROUPS.root}`;

/** Daily cost per subscription over the last 14 days (today included). */
function dailyBySubscription(filter?: string[]): QueryDefinition {
  return {
    type: 'ActualCost',
    timeframe: 'Custom',
    timePeriod: {
      from: new Date(TODAY - (TODAY % DAY_MS) - 13 * DAY_MS),
      to: new Date(TODAY - (TODAY % DAY_MS) + DAY_MS - 1_000),
    },
    dataset: {
      granularity: 'Daily',
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      grouping: [{ type: 'Dimension', name: 'SubscriptionId' }],
      filter: filter
        ? {
            dimensions: {
              name: 'SubscriptionId',
              operator: 'In',
              values: filter,
            },
          }
        : undefined,
    },
  };
}

describe('queryCostAllPages against the local endpoint', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({
      aliasProvisioningMs: 0,
      now: () => TODAY,
      costQueryPageSize: PAGE_SIZE,
    });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  // Fresh clients per test: a quota of their own, and a pipeline tests may extend.
  const newClients = () => new DefaultAzureClients(configFor(endpoint));

  /** Runs `action` once the first page has been answered. */
  function afterFirstPage(clients: AzureClients, action: () => void) {
    let done = false;
    clients.costManagement().pipeline.addPolicy({
      name: 'testAfterFirstPage',
      async sendRequest(request, next) {
        const response = await next(request);
        if (!done) {
          done = true;
          action();
        }
        return response;
      },
    });
  }

  it('follows every nextLink and returns the rows of all pages once, in order', async () => {
    const clients = newClients();

    const result = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
    );

    expect(result.columns).toEqual([
      { name: 'Cost', type: 'Number' },
      { name: 'UsageDate', type: 'Number' },
      { name: 'SubscriptionId', type: 'String' },
      { name: 'Currency', type: 'String' },
    ]);
    expect(result.pages).toBeGreaterThan(1);
    expect(result.pages).toBe(Math.ceil(result.rows.length / PAGE_SIZE));
    expect(endpoint.requests.snapshot().total).toBe(result.pages);
    const keys = result.rows.map(([, date, sub]) => `${date} ${sub}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);

    // One subscription's rows, asked for alone, fit one page: the same rows.
    const finance = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription([FINANCE]),
    );
    expect(finance.pages).toBe(1);
    expect(finance.rows).toHaveLength(14);
    expect(result.rows.filter(([, , sub]) => sub === FINANCE)).toEqual(
      finance.rows,
    );
  });

  it('refuses a nextLink to another host, before sending the token there', async () => {
    const clients = newClients();
    // Azure's answer names the local endpoint, while the portal is configured
    // for Azure's public Resource Manager: the nextLink is foreign to it.
    const configuredForAzure = Object.create(clients, {
      connection: {
        value: {
          ...clients.connection,
          resourceManagerEndpoint: 'https://management.azure.com',
        },
      },
    }) as AzureClients;

    await expect(
      queryCostAllPages(configuredForAzure, SCOPE, dailyBySubscription()),
    ).rejects.toThrow(
      `Refusing to follow the Cost Management nextLink to ${
        new URL(endpoint.url).host
      }: it is not the configured Resource Manager endpoint https://management.azure.com, and the request would carry the tenant's token`,
    );
    expect(endpoint.requests.snapshot().total).toBe(1);
  });

  it("fails with Azure's error when a nextLink points to a page that does not exist", async () => {
    const clients = newClients();
    endpoint.faults.add({
      path: '/providers/Microsoft.CostManagement/query$',
      kind: 'dangling-next-link',
      times: 1,
    });

    const error = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
    ).catch(e => e);

    expect(isRestError(error)).toBe(true);
    expect(describeAzureError(error)).toEqual({
      statusCode: 404,
      code: 'NotFound',
      message:
        'HTTP 404: NotFound: The page this nextLink points to does not exist or has expired',
    });
  });

  it('fails with PARSE_ERROR when a page is not JSON', async () => {
    const clients = newClients();
    afterFirstPage(clients, () =>
      endpoint.faults.add({
        path: '/providers/Microsoft.CostManagement/query$',
        kind: 'malformed',
        times: 1,
      }),
    );

    const error = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
    ).catch(e => e);

    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PARSE_ERROR', statusCode: 200 });
    expect(error.message).toMatch(
      /^Page 2 of the Cost Management query at \/providers\/Microsoft.Management\/managementGroups\/mg-dataplatform is not JSON: \{"value"/,
    );
  });

  it('refuses pages whose columns differ from the first', async () => {
    const clients = newClients();
    let page = 0;
    // Rewrites the real second page, as if Azure changed its columns midway.
    clients.costManagement().pipeline.addPolicy({
      name: 'testRenameCostColumnOnPage2',
      async sendRequest(request, next) {
        const response = await next(request);
        page += 1;
        if (page === 2) {
          const body = JSON.parse(response.bodyAsText!);
          body.properties.columns[0].name = 'PreTaxCost';
          response.bodyAsText = JSON.stringify(body);
        }
        return response;
      },
    });

    await expect(
      queryCostAllPages(clients, SCOPE, dailyBySubscription()),
    ).rejects.toThrow(
      `Page 2 of the Cost Management query at ${SCOPE} has other columns than page 1 (PreTaxCost:Number, UsageDate:Number, SubscriptionId:String, Currency:String instead of Cost:Number, UsageDate:Number, SubscriptionId:String, Currency:String)`,
    );
  });

  it('refuses a result of more than maxPages pages', async () => {
    const clients = newClients();

    await expect(
      queryCostAllPages(clients, SCOPE, dailyBySubscription(), {
        maxPages: 2,
      }),
    ).rejects.toThrow(
      `The Cost Management query at ${SCOPE} has more than 2 pages; ask for a shorter period or fewer groups`,
    );
    expect(endpoint.requests.snapshot().total).toBe(2);
  });

  it('sends later pages through the quota: a throttled page waits and the result is complete', async () => {
    const clients = newClients();
    const expected = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
    );
    afterFirstPage(clients, () =>
      endpoint.faults.add({
        path: '/providers/Microsoft.CostManagement/query$',
        kind: 'throttle',
        retryHeader: 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
        retryAfterSeconds: 1,
        times: 1,
      }),
    );
    const started = Date.now();

    const result = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
    );

    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(result).toEqual(expected);
    expect(
      clients.costManagementQuota.snapshot().pausedUntil,
    ).toBeGreaterThanOrEqual(started + 1_000);
  });

  it("stops between pages when the caller's signal fires", async () => {
    const clients = newClients();
    afterFirstPage(clients, () =>
      endpoint.faults.add({
        path: '/providers/Microsoft.CostManagement/query$',
        kind: 'delay',
        delayMs: 20_000,
        times: 1,
      }),
    );
    const started = Date.now();

    const error = await queryCostAllPages(
      clients,
      SCOPE,
      dailyBySubscription(),
      { abortSignal: AbortSignal.timeout(1_000) },
    ).catch(e => e);

    expect(error.name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
