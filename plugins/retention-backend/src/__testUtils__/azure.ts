import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';

/** Subscriptions of the local endpoint's demo tenant, by domain. */
export const SUBSCRIPTIONS = {
  finance: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
  sales: 'f4edd3dc-be05-4698-b2c9-ab09209df5f1',
  operationsIot: 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c',
  hr: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
  marketing: '1145b5e0-a60a-4237-aa82-a5754e620c60',
  platform: 'cf42f937-d5b8-4963-acb4-c9cc14578aaf',
} as const;

export const storageAccountId = (
  subscriptionId: string,
  resourceGroupName: string,
  name: string,
) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${name}`;

/** The request counter's keys of the routes a scan uses. */
export const ROUTES = {
  listWorkspaces:
    'GET /subscriptions/:subscriptionId/providers/Microsoft.OperationalInsights/workspaces',
  listTables:
    'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/tables',
  getTable:
    'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/tables/:tableName',
  listStorageAccounts:
    'GET /subscriptions/:subscriptionId/providers/Microsoft.Storage/storageAccounts',
  getManagementPolicy:
    'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.Storage/storageAccounts/:accountName/managementPolicies/default',
  listContainers:
    'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.Storage/storageAccounts/:accountName/blobServices/default/containers',
  getImmutabilityPolicy:
    'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.Storage/storageAccounts/:accountName/blobServices/default/containers/:containerName/immutabilityPolicies/default',
} as const;

export function clientsFor(endpoint: LocalAzureEndpoint) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
  });
}

/**
 * Starts the local endpoint for a test file; each test gets the demo tenant
 * without any fault or counted request.
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
    context.endpoint.faults.clear();
    context.endpoint.requests.clear();
  });
  return context;
}
