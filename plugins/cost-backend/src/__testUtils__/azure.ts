import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';

/** Subscriptions of the local endpoint's demo tenant. */
export const SUBSCRIPTIONS = {
  finance: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
  sales: 'f4edd3dc-be05-4698-b2c9-ab09209df5f1',
  operationsIot: 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c',
  hr: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
  marketing: '1145b5e0-a60a-4237-aa82-a5754e620c60',
  platform: 'cf42f937-d5b8-4963-acb4-c9cc14578aaf',
  connectivity: 'fe3b0f4a-c886-4d05-9942-50c195c096f6',
  genaiPilot: '9237d247-7c35-491e-a970-1ca587594fbc',
} as const;

export const ROOT_SCOPE = `/providers/Microsoft.Management/managementGroups/${DEMO_PLATFORM_MANAGEMENT_GROUPS.root}`;

/** Paths (regular expressions) of the Cost Management routes, for faults. */
export const COST_PATHS = {
  query: 'Microsoft\\.CostManagement/query$',
  forecast: 'Microsoft\\.CostManagement/forecast$',
  alerts: 'Microsoft\\.CostManagement/alerts$',
  budgets: 'Microsoft\\.Consumption/budgets$',
} as const;

export interface ClientOptions {
  /** Seconds each attempt may take. */
  requestTimeoutSeconds?: number;
  /** Longest a Cost Management call may wait for the quota (or Azure's pause). */
  maxWaitSeconds?: number;
}

export function clientsFor(
  endpoint: LocalAzureEndpoint,
  options: ClientOptions = {},
) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    ...(options.requestTimeoutSeconds
      ? { requestTimeoutSeconds: options.requestTimeoutSeconds }
      : {}),
    ...(options.maxWaitSeconds !== undefined
      ? { costManagementQuota: { maxWaitSeconds: options.maxWaitSeconds } }
      : {}),
  });
}

/** Cost Management requests the endpoint counted, by route, and their total. */
export function costManagementRequests(endpoint: LocalAzureEndpoint) {
  const { byRoute } = endpoint.requests.snapshot();
  const routes = Object.fromEntries(
    Object.entries(byRoute).filter(([route]) =>
      route.includes('Microsoft.CostManagement'),
    ),
  );
  return {
    total: Object.values(routes).reduce((a, b) => a + b, 0),
    byRoute: routes,
  };
}
