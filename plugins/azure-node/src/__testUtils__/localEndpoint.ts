import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { isRestError } from '@azure/core-rest-pipeline';
import { DefaultAzureClients } from '../AzureClients';
import { AzureConnectionConfig } from '../config/readAzureConnectionConfig';

export const configFor = (
  endpoint: LocalAzureEndpoint,
  overrides: Partial<AzureConnectionConfig> = {},
): AzureConnectionConfig => ({
  tenantId: DEMO_TENANT_ID,
  resourceManagerEndpoint: endpoint.url,
  authentication: { method: 'static-token', token: endpoint.token },
  caCertificatePem: endpoint.caCertificatePem,
  managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
  ...overrides,
});

/**
 * Starts the local endpoint for a test file and gives each test a fresh demo
 * tenant and access-layer clients pointed at it.
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
    context.clients = new DefaultAzureClients(configFor(context.endpoint));
  });
  afterAll(() => context.endpoint.close());
  beforeEach(() => {
    context.endpoint.tenant.reset();
    context.endpoint.faults.clear();
    context.endpoint.requests.clear();
  });
  return context;
}

/** The Azure error an SDK call failed with: status and code, for exact assertions. */
export async function azureError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isRestError(error))
      return {
        statusCode: error.statusCode,
        code: error.code,
        message: error.message,
      };
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Demo subscriptions the tests work in. */
export const FINANCE = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
export const SALES = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';
export const HR = '60e9f4aa-84c0-4103-b35e-39abddbf9406';
export const PLATFORM_MANAGEMENT = 'cf42f937-d5b8-4963-acb4-c9cc14578aaf';
export const CANCELLED_SANDBOX = 'a94a9770-ab5d-4bd8-a101-e3f1dcef659e';
