import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { azurePlugin } from './plugin';
import { DEMO_PLATFORM_MANAGEMENT_GROUPS } from '@dataplatform/azure-local-endpoint';

const managementGroups = DEMO_PLATFORM_MANAGEMENT_GROUPS;

/** The backend refuses to start on a malformed Azure config, naming the key. */
describe('starting with a malformed Azure configuration', () => {
  const startWith = (azure: object) =>
    startTestBackend({
      features: [
        azurePlugin,
        mockServices.rootConfig.factory({ data: { dataplatform: { azure } } }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });

  it('refuses a missing tenant', async () => {
    await expect(startWith({ managementGroups })).rejects.toThrow(
      'Invalid Azure configuration: dataplatform.azure.tenantId is missing; set it to your Microsoft Entra tenant id (a GUID)',
    );
  });

  it('refuses a bad endpoint URL', async () => {
    await expect(
      startWith({
        tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1',
        resourceManagerEndpoint: 'management.azure.com',
        managementGroups,
      }),
    ).rejects.toThrow(
      "Invalid Azure configuration: dataplatform.azure.resourceManagerEndpoint must be an absolute https:// URL, got 'management.azure.com'",
    );
  });

  it('starts with a complete configuration for a real tenant', async () => {
    const { server } = await startWith({
      tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1',
      managementGroups,
    });
    expect(server.listening).toBe(true);
  });
});
