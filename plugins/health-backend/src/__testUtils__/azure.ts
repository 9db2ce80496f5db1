import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
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
