import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  createHttpHeaders,
  createPipelineRequest,
  PipelineRequest,
} from '@azure/core-rest-pipeline';
import { DefaultAzureClients, sdkClientOptions } from './AzureClients';
import { AzureConnectionConfig } from './config/readAzureConnectionConfig';
import { AzureRequestTimeoutError, describeAzureError } from './errors';

/**
 * The access layer against the local endpoint, through the real SDK clients
 * over HTTPS: what passes here is what the plugins get.
 */
const HR_SUBSCRIPTION = '60e9f4aa-84c0-4103-b35e-39abddbf9406';

describe('DefaultAzureClients against the local Azure endpoint', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;

  const configFor = (
    e: LocalAzureEndpoint,
    overrides: Partial<AzureConnectionConfig> = {},
  ): AzureConnectionConfig => ({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: e.url,
    authentication: { method: 'static-token', token: e.token },
    caCertificatePem: e.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    ...overrides,
  });

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 300 });
    clients = new DefaultAzureClients(configFor(endpoint));
  });

  afterAll(() => endpoint.close());

  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  it('describes the connection as the local endpoint', () => {
    expect(clients.connection).toMatchObject({
      tenantId: DEMO_TENANT_ID,
      mode: 'local-endpoint',
      authenticationMethod: 'static-token',
    });
  });

  it('queries a workspace and a regional metric through the query clients', async () => {
    const workspace = `/subscriptions/${HR_SUBSCRIPTION}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr`;
    const query = 'Heartbeat | summarize value = count()';
    endpoint.monitor.setLogSignal({
      workspace,
      query,
      script: { baseline: 7 },
    });
    const storage = `/subscriptions/${HR_SUBSCRIPTION}/resourceGroups/rg-hr/providers/Microsoft.Storage/storageAccounts/sthr`;
    endpoint.monitor.setMetric({
      resourceId: storage,
      region: 'westeurope',
      metric: 'Availability',
      script: { baseline: 99.5 },
    });

    const logs = await clients
      .logsQuery()
      .queryResource(workspace, query, { duration: 'PT15M' });
    expect(logs.status).toBe('Success');
    const table = (logs as { tables: { rows: unknown[][] }[] }).tables[0];
    expect(table.rows[0][1]).toBe(7);

    const [metrics] = await clients
      .metrics('westeurope')
      .queryResources(
        [storage],
        ['Availability'],
        'Microsoft.Storage/storageAccounts',
        {
          startTime: new Date(Date.now() - 300_000),
          endTime: new Date(),
          interval: 'PT5M',
          aggregation: 'average',
        },
      );
    const points = metrics.metrics[0].timeseries?.[0]?.data ?? [];
    expect(points.at(-1)?.average).toBe(99.5);
    expect(endpoint.requests.snapshot().byRoute).toMatchObject({
      'POST /metrics/:region/subscriptions/:subscriptionId/metrics:getBatch': 1,
    });
    expect(() => clients.metrics('West Europe')).toThrow(
      "Azure region must be lower-case letters and digits such as westeurope, got 'West Europe'",
    );
  });

  it('stops a log query when its abort signal fires, which the SDK alone does not', async () => {
    const workspace = `/subscriptions/${HR_SUBSCRIPTION}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr`;
    endpoint.faults.add({
      path: '/loganalytics/',
      kind: 'delay',
      delayMs: 20_000,
    });
    const started = Date.now();
    const query = clients.logsQuery().queryResource(
      workspace,
      'Heartbeat | summarize value = count()',
      {
        duration: 'PT15M',
      },
      { abortSignal: AbortSignal.timeout(300) },
    );
    await expect(query).rejects.toMatchObject({ name: 'AbortError' });
    // Neither the 20 s delay nor the access layer's retries ran their course.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lists the demo subscriptions with their tags', async () => {
    const subscriptions = [];
    for await (const s of clients.subscriptions().subscriptions.list()) {
      subscriptions.push(s);
    }
    const finance = subscriptions.find(
      s => s.displayName === 'dp-domain-finance',
    );
    expect(finance).toMatchObject({
      subscriptionId: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
      state: 'Enabled',
      tags: expect.objectContaining({ domain: 'finance', dataResidency: 'eu' }),
    });
    expect(subscriptions).toHaveLength(9);
  });

  it('reads the management-group hierarchy with children, recursively', async () => {
    const group = await clients
      .managementGroupsApi()
      .managementGroups.get(DEMO_MANAGEMENT_GROUPS.dataplatform, {
        expand: 'children',
        recurse: true,
      });
    const childNames = group.children?.map(c => c.name);
    expect(childNames).toEqual([
      DEMO_MANAGEMENT_GROUPS.platform,
      DEMO_MANAGEMENT_GROUPS.domains,
      DEMO_MANAGEMENT_GROUPS.sandboxes,
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    ]);
    const domains = group.children?.find(
      c => c.name === DEMO_MANAGEMENT_GROUPS.domains,
    );
    expect(domains?.children?.map(c => c.displayName)).toEqual([
      'dp-domain-finance',
      'dp-domain-sales',
      'dp-domain-operations-iot',
      'dp-domain-hr',
      'dp-domain-marketing',
    ]);
  });

  it('vends a subscription through an alias, idempotently by alias name', async () => {
    const vending = clients.subscriptionVending();
    const body = {
      properties: {
        displayName: 'dp-domain-logistics',
        workload: 'Production' as const,
        billingScope: '/billingAccounts/demo/enrollmentAccounts/1',
        additionalProperties: {
          managementGroupId: `/providers/Microsoft.Management/managementGroups/${DEMO_MANAGEMENT_GROUPS.domains}`,
          tags: { domain: 'logistics', environment: 'production' },
        },
      },
    };
    const first = await vending.alias.beginCreateAndWait(
      'dp-domain-logistics',
      body,
      {
        updateIntervalInMs: 50,
      },
    );
    expect(first.properties?.provisioningState).toBe('Succeeded');
    const subscriptionId = first.properties!.subscriptionId!;

    const again = await vending.alias.beginCreateAndWait(
      'dp-domain-logistics',
      body,
      {
        updateIntervalInMs: 50,
      },
    );
    expect(again.properties?.subscriptionId).toBe(subscriptionId);

    const created = await clients
      .subscriptions()
      .subscriptions.get(subscriptionId);
    expect(created.tags).toEqual({
      domain: 'logistics',
      environment: 'production',
    });
    const inDomains = [];
    for await (const s of clients
      .managementGroupsApi()
      .managementGroupSubscriptions.listSubscriptionsUnderManagementGroup(
        DEMO_MANAGEMENT_GROUPS.domains,
      )) {
      inDomains.push(s.name);
    }
    expect(inDomains).toContain(subscriptionId);
    expect(endpoint.tenant.listSubscriptions()).toHaveLength(10);
  });

  it('moves a subscription between management groups', async () => {
    const sandbox = '9237d247-7c35-491e-a970-1ca587594fbc';
    await clients
      .managementGroupsApi()
      .managementGroupSubscriptions.create(
        DEMO_MANAGEMENT_GROUPS.decommissioned,
        sandbox,
      );
    expect(endpoint.tenant.getSubscription(sandbox).managementGroupId).toBe(
      DEMO_MANAGEMENT_GROUPS.decommissioned,
    );
  });

  it('merges and reads subscription tags at subscription scope', async () => {
    const hr = '60e9f4aa-84c0-4103-b35e-39abddbf9406';
    const tags = clients.resources(hr).tagsOperations;
    await tags.updateAtScope(`subscriptions/${hr}`, {
      operation: 'Merge',
      properties: { tags: { costCenter: 'CC-1040' } },
    });
    const read = await tags.getAtScope(`subscriptions/${hr}`);
    expect(read.properties?.tags).toMatchObject({
      costCenter: 'CC-1040',
      domain: 'hr',
    });
  });

  it('retries a throttled call after the Retry-After the endpoint sent', async () => {
    await endpoint.faults.add({
      path: '^/subscriptions$',
      kind: 'throttle',
      retryAfterSeconds: 0.2,
      retryHeader: 'retry-after-ms',
      times: 2,
    });
    const all = [];
    for await (const s of clients.subscriptions().subscriptions.list())
      all.push(s);
    expect(all).toHaveLength(9);
    expect(endpoint.requests.snapshot().byRoute['GET /subscriptions']).toBe(3);
  });

  it('surfaces a persistent server error with its Azure error code', async () => {
    endpoint.faults.add({
      path: '/managementGroups',
      kind: 'error',
      status: 500,
    });
    const failing = new DefaultAzureClients(configFor(endpoint));
    const error = await failing
      .managementGroupsApi()
      .managementGroups.get(
        DEMO_MANAGEMENT_GROUPS.dataplatform,
        undefined as any,
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(describeAzureError(error)).toMatchObject({
      statusCode: 500,
      code: 'InternalServerError',
    });
  }, 60_000);

  it('rejects a malformed body instead of returning half a result', async () => {
    endpoint.faults.add({
      path: '^/subscriptions$',
      kind: 'malformed',
      times: 1,
    });
    const list = async () => {
      for await (const _ of clients.subscriptions().subscriptions.list()) {
        // drain
      }
    };
    await expect(list()).rejects.toThrow();
  });

  it('is refused by the endpoint with a wrong token', async () => {
    const wrong = new DefaultAzureClients(
      configFor(endpoint, {
        authentication: { method: 'static-token', token: 'nope' },
      }),
    );
    const error = await wrong
      .subscriptions()
      .subscriptions.get('45d320d6-9d7e-43c0-9d51-7ced0a5451d2')
      .catch(e => e);
    expect(describeAzureError(error)).toMatchObject({
      statusCode: 401,
      code: 'AuthenticationFailed',
    });
  });

  describe('request timeout', () => {
    /** The timeout the client pipeline gives a request, as sent. */
    async function timeoutSent(
      config: AzureConnectionConfig,
      request: PipelineRequest = createPipelineRequest({
        url: `${config.resourceManagerEndpoint}/subscriptions`,
      }),
    ) {
      const [{ policy }] = sdkClientOptions(config).additionalPolicies;
      let sent: number | undefined;
      await policy.sendRequest(request, async r => {
        sent = r.timeout;
        return { status: 200, headers: createHttpHeaders(), request: r };
      });
      return sent;
    }

    it('gives each request 30 seconds by default, or what is configured', async () => {
      expect(await timeoutSent(configFor(endpoint))).toBe(30_000);
      expect(
        await timeoutSent(configFor(endpoint, { requestTimeoutSeconds: 2.5 })),
      ).toBe(2_500);
    });

    it('keeps a timeout the caller set on the request', async () => {
      const request = createPipelineRequest({
        url: `${endpoint.url}/subscriptions`,
        timeout: 5_000,
      });
      expect(await timeoutSent(configFor(endpoint), request)).toBe(5_000);
    });

    // Below the configurable minimum of 1 s, so these tests stay short.
    const impatient = () =>
      new DefaultAzureClients(
        configFor(endpoint, { requestTimeoutSeconds: 0.5 }),
      );
    const listSubscriptions = async (
      c: DefaultAzureClients,
      options: { abortSignal?: AbortSignal } = {},
    ) => {
      const all = [];
      for await (const s of c.subscriptions().subscriptions.list(options))
        all.push(s);
      return all;
    };
    const hitsOf = (id: string) =>
      endpoint.faults.list().find(f => f.id === id)!.hits;

    it('abandons an attempt Azure does not answer in time and retries it', async () => {
      const slow = endpoint.faults.add({
        path: '^/subscriptions$',
        kind: 'delay',
        delayMs: 2_000,
        times: 1,
      });
      // Matched only once the slow fault is used up: counts the attempts
      // after it. Without the timeout the slow answer would simply arrive.
      const after = endpoint.faults.add({
        path: '^/subscriptions$',
        kind: 'delay',
        delayMs: 0,
      });

      expect(await listSubscriptions(impatient())).toHaveLength(9);
      expect(hitsOf(slow.id)).toBe(1);
      expect(hitsOf(after.id)).toBe(1);
    });

    it('fails with the timeout when every attempt is too slow', async () => {
      const slow = endpoint.faults.add({
        path: '^/subscriptions$',
        kind: 'delay',
        delayMs: 2_000,
      });

      const error = await listSubscriptions(impatient()).catch(e => e);

      expect(error).toBeInstanceOf(AzureRequestTimeoutError);
      expect(describeAzureError(error)).toEqual({
        code: 'ETIMEDOUT',
        message:
          'Azure did not answer within 0.5 s (request timeout; tried 4 times)',
      });
      // The SDK's default: the first attempt and three retries.
      expect(hitsOf(slow.id)).toBe(4);
    }, 30_000);

    it("leaves the caller's own cancellation an AbortError, not retried", async () => {
      const slow = endpoint.faults.add({
        path: '^/subscriptions$',
        kind: 'delay',
        delayMs: 2_000,
      });
      const clientsWithTimeout = new DefaultAzureClients(
        configFor(endpoint, { requestTimeoutSeconds: 1 }),
      );

      const error = await listSubscriptions(clientsWithTimeout, {
        abortSignal: AbortSignal.timeout(200),
      }).catch(e => e);

      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('AbortError');
      expect(error).not.toBeInstanceOf(AzureRequestTimeoutError);
      expect(hitsOf(slow.id)).toBe(1);
    });
  });

  describe('clients for provisioning', () => {
    const finance = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
    // One call per client, each to a route only that client's SDK uses.
    const calls = {
      consumption: async (c: DefaultAzureClients) => {
        const budgets = [];
        for await (const b of c
          .consumption(finance)
          .budgets.list(`subscriptions/${finance}`))
          budgets.push(b.name);
        return budgets;
      },
      authorization: async (c: DefaultAzureClients) => {
        const roles = [];
        for await (const r of c
          .authorization(finance)
          .roleAssignments.listForScope(`/subscriptions/${finance}`, {
            filter: 'atScope()',
          })) {
          roles.push(r.principalId);
        }
        return roles;
      },
      logAnalytics: async (c: DefaultAzureClients) => {
        const workspaces = [];
        for await (const w of c.logAnalytics(finance).workspaces.list())
          workspaces.push(w.name);
        return workspaces;
      },
    };

    it('reach the local endpoint with its CA and token', async () => {
      expect(await calls.consumption(clients)).toEqual([
        'budget-dp-domain-finance',
      ]);
      expect(await calls.authorization(clients)).toEqual([
        '7c16a2a7-0584-44b7-a6c7-a3453b94dcb9',
        '7c16a2a7-0584-44b7-a6c7-a3453b94dcb9',
        '7c16a2a7-0584-44b7-a6c7-a3453b94dcb9',
      ]);
      expect(await calls.logAnalytics(clients)).toEqual(['log-dp-finance']);
      expect(endpoint.requests.snapshot().byRoute).toEqual({
        'GET /subscriptions/:subscriptionId/providers/Microsoft.Consumption/budgets': 1,
        'GET /subscriptions/:subscriptionId/providers/Microsoft.Authorization/roleAssignments': 1,
        'GET /subscriptions/:subscriptionId/providers/Microsoft.OperationalInsights/workspaces': 1,
      });
    });

    it('are built once per subscription', () => {
      expect(clients.consumption(finance)).toBe(clients.consumption(finance));
      expect(clients.authorization(finance)).toBe(
        clients.authorization(finance),
      );
      expect(clients.logAnalytics(finance)).toBe(clients.logAnalytics(finance));
      expect(clients.logAnalytics(finance)).not.toBe(
        clients.logAnalytics('f4edd3dc-be05-4698-b2c9-ab09209df5f1'),
      );
    });

    it.each(Object.keys(calls) as (keyof typeof calls)[])(
      '%s sends the configured token and is refused with another',
      async name => {
        const wrong = new DefaultAzureClients(
          configFor(endpoint, {
            authentication: { method: 'static-token', token: 'nope' },
          }),
        );
        const error = await calls[name](wrong).catch(e => e);
        expect(describeAzureError(error)).toMatchObject({
          statusCode: 401,
          code: 'AuthenticationFailed',
        });
      },
    );

    it.each(Object.keys(calls) as (keyof typeof calls)[])(
      '%s trusts the endpoint only through its CA',
      async name => {
        const untrusting = new DefaultAzureClients(
          configFor(endpoint, { caCertificatePem: undefined }),
        );
        const error = await calls[name](untrusting).catch(e => e);
        expect(String(error?.message ?? error)).toMatch(/certificate/i);
      },
    );
  });

  it('trusts the endpoint only when handed its CA', async () => {
    const untrusting = new DefaultAzureClients(
      configFor(endpoint, { caCertificatePem: undefined }),
    );
    const error = await untrusting
      .subscriptions()
      .subscriptions.get('45d320d6-9d7e-43c0-9d51-7ced0a5451d2')
      .catch(e => e);
    expect(String(error?.message ?? error)).toMatch(/certificate/i);
  });
});
