import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  AzureClients,
  AzureConnectionConfig,
  DefaultAzureClients,
} from '@dataplatform/plugin-azure-node';

export function clientsFor(
  endpoint: LocalAzureEndpoint,
  overrides: Partial<AzureConnectionConfig> = {},
) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    ...overrides,
  });
}

/** The request counter's key of the metrics batch route. */
export const METRICS_ROUTE =
  'POST /metrics/:region/subscriptions/:subscriptionId/metrics:getBatch';
/** The request counter's key of the Log Analytics query route. */
export const LOGS_ROUTE =
  'POST /loganalytics/v1/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/query';

/**
 * Starts the local endpoint for a test file; each test gets the demo tenant
 * without any monitor script, fault or counted request.
 */
export function useLocalAzureEndpoint() {
  const context = {} as {
    endpoint: LocalAzureEndpoint;
    clients: DefaultAzureClients;
  };
  beforeAll(async () => {
    context.endpoint = await startLocalAzureEndpoint({
      aliasProvisioningMs: 0,
    });
    context.clients = clientsFor(context.endpoint);
  });
  afterAll(() => context.endpoint.close());
  beforeEach(() => {
    context.endpoint.tenant.reset();
    context.endpoint.monitor.clear();
    context.endpoint.faults.clear();
    context.endpoint.requests.clear();
  });
  return context;
}

/**
 * An error in the shape the Azure SDK throws for an HTTP error answer (a
 * `RestError`: name, status and Azure's code).
 */
export function azureRestError(
  statusCode: number,
  code: string,
  message: string,
): Error {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode,
    code,
  });
}

/**
 * The clients, except that Log Analytics rejects the queries `rejects`
 * picks with the error it returns. The local endpoint answers a query it
 * has no script for with no rows, so an error quoting the query, as Log
 * Analytics writes one for KQL it cannot run, is made here; every other
 * call reaches the endpoint.
 */
export function rejectingQueries(
  clients: AzureClients,
  rejects: (query: string) => Error | undefined,
): AzureClients {
  const real = clients.logsQuery();
  const logs = {
    queryResource: async (...args: Parameters<typeof real.queryResource>) => {
      const error = rejects(args[1]);
      if (error) throw error;
      return real.queryResource(...args);
    },
  } as unknown as ReturnType<AzureClients['logsQuery']>;
  return new Proxy(clients, {
    get(target, property) {
      if (property === 'logsQuery') return () => logs;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
