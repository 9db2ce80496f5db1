import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  azureClientsServiceRef,
  DefaultAzureClients,
} from '@dataplatform/plugin-azure-node';
import request from 'supertest';
import { azurePlugin } from './plugin';

describe('dataplatform-azure backend plugin', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  const azureClientsAgainstLocalEndpoint = () =>
    createServiceFactory({
      service: azureClientsServiceRef,
      deps: {},
      factory: () =>
        new DefaultAzureClients({
          tenantId: DEMO_TENANT_ID,
          resourceManagerEndpoint: endpoint.url,
          authentication: { method: 'static-token', token: endpoint.token },
          caCertificatePem: endpoint.caCertificatePem,
          managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
        }),
    });

  async function start(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW) {
    const { server } = await startTestBackend({
      features: [
        azurePlugin,
        azureClientsAgainstLocalEndpoint(),
        mockServices.permissions.factory({ result }),
        // Scheduled refreshes would race the assertions; tests refresh explicitly.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    return server;
  }

  it('answers 503 with an explanation before the first reading', async () => {
    const server = await start();
    const res = await request(server).get('/api/dataplatform-azure/estate');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'No reading of the Azure estate exists yet; the first one runs shortly after the backend starts.',
    );
  });

  it('reads the estate in three Azure calls and checks tags against the strategy', async () => {
    const server = await start();
    const refreshed = await request(server).post('/api/dataplatform-azure/estate/refresh');
    expect(refreshed.status).toBe(200);
    expect(endpoint.requests.snapshot().total).toBe(3);

    const res = await request(server).get('/api/dataplatform-azure/estate');
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.tenantId).toBe(DEMO_TENANT_ID);

    const byName = Object.fromEntries(
      res.body.subscriptions.map((s: any) => [s.displayName, s]),
    );
    expect(byName['dp-domain-finance']).toMatchObject({
      role: 'domains',
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tagProblems: [],
      portalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource/subscriptions/45d320d6-9d7e-43c0-9d51-7ced0a5451d2/overview`,
    });
    expect(byName['dp-domain-hr'].tagProblems).toEqual([
      expect.objectContaining({ key: 'costCenter', problem: 'missing' }),
    ]);
    expect(byName['dp-sandbox-genai-pilot'].role).toBe('sandboxes');
    expect(byName['dp-sandbox-churn-poc']).toMatchObject({ role: 'decommissioned', state: 'Disabled' });
    expect(byName['dp-platform-management'].role).toBe('platform');

    expect(res.body.managementGroups.map((g: any) => [g.id, g.role, g.parentId])).toEqual([
      [DEMO_MANAGEMENT_GROUPS.dataplatform, 'root', undefined],
      [DEMO_MANAGEMENT_GROUPS.platform, 'platform', DEMO_MANAGEMENT_GROUPS.dataplatform],
      [DEMO_MANAGEMENT_GROUPS.domains, 'domains', DEMO_MANAGEMENT_GROUPS.dataplatform],
      [DEMO_MANAGEMENT_GROUPS.sandboxes, 'sandboxes', DEMO_MANAGEMENT_GROUPS.dataplatform],
      [DEMO_MANAGEMENT_GROUPS.decommissioned, 'decommissioned', DEMO_MANAGEMENT_GROUPS.dataplatform],
    ]);
  });

  it('serves the last good reading, marked stale, while Azure fails', async () => {
    const server = await start();
    await request(server).post('/api/dataplatform-azure/estate/refresh').expect(200);

    endpoint.faults.add({ path: '^/subscriptions$', kind: 'error', status: 500 });
    const failed = await request(server).post('/api/dataplatform-azure/estate/refresh');
    expect(failed.status).toBe(503);
    expect(failed.body.error.message).toMatch(/^Reading the Azure estate failed: HTTP 500: InternalServerError/);

    const res = await request(server).get('/api/dataplatform-azure/estate');
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(true);
    expect(res.body.lastError.code).toBe('InternalServerError');
    expect(res.body.subscriptions).toHaveLength(9);

    endpoint.faults.clear();
    await request(server).post('/api/dataplatform-azure/estate/refresh').expect(200);
    const recovered = await request(server).get('/api/dataplatform-azure/estate');
    expect(recovered.body.stale).toBe(false);
    expect(recovered.body.lastError).toBeUndefined();
  }, 60_000);

  it('denies the estate to people the policy denies, with a message saying who may see it', async () => {
    const server = await start(AuthorizeResult.DENY);
    const res = await request(server).get('/api/dataplatform-azure/estate');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You need to be in the platform team or a domain owner group to see the Azure estate.',
    );
    const refresh = await request(server).post('/api/dataplatform-azure/estate/refresh');
    expect(refresh.status).toBe(403);
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it('describes the connection without leaking the token', async () => {
    const server = await start();
    const res = await request(server).get('/api/dataplatform-azure/connection');
    expect(res.body).toMatchObject({
      tenantId: DEMO_TENANT_ID,
      mode: 'local-endpoint',
      authenticationMethod: 'static-token',
      resourceManagerEndpoint: endpoint.url,
    });
    expect(JSON.stringify(res.body)).not.toContain(endpoint.token);
  });
});
