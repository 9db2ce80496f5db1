import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import {
  CANCELLED_SANDBOX,
  FINANCE,
  UNKNOWN_SUBSCRIPTION,
} from '../__testUtils__/ids';

const API = 'api-version=2025-04-01';
const rgPath = (subscriptionId: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourcegroups/${encodeURIComponent(
    name,
  )}?${API}`;

describe('resource groups', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => endpoint.tenant.reset());

  it('creates with 201, updates with 200, and keeps one group', async () => {
    const created = await call(
      endpoint,
      'PUT',
      rgPath(FINANCE, 'rg-dp-finance-ingest'),
      {
        body: { location: 'West Europe', tags: { domain: 'finance' } },
      },
    );
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: `/subscriptions/${FINANCE}/resourceGroups/rg-dp-finance-ingest`,
      name: 'rg-dp-finance-ingest',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      tags: { domain: 'finance' },
      properties: { provisioningState: 'Succeeded' },
    });

    const updated = await call(
      endpoint,
      'PUT',
      rgPath(FINANCE, 'RG-DP-FINANCE-INGEST'),
      {
        body: {
          location: 'westeurope',
          tags: { domain: 'finance', tier: 'bronze' },
        },
      },
    );
    expect(updated.status).toBe(200);
    // The name keeps the casing it was created with.
    expect(updated.json.name).toBe('rg-dp-finance-ingest');
    expect(updated.json.tags).toEqual({ domain: 'finance', tier: 'bronze' });

    const list = await call(
      endpoint,
      'GET',
      `/subscriptions/${FINANCE}/resourceGroups?${API}`,
    );
    // The seeded monitoring and data lake groups, and the new one once.
    expect(list.json.value.map((g: any) => g.name).sort()).toEqual([
      'rg-dp-finance-ingest',
      'rg-dp-finance-monitoring',
      'rg-finance-data-prod',
    ]);
  });

  it('answers HEAD with 204 or 404 and matches the path case-insensitively', async () => {
    expect(
      (
        await call(
          endpoint,
          'HEAD',
          rgPath(FINANCE, 'rg-dp-finance-monitoring'),
        )
      ).status,
    ).toBe(204);
    expect(
      (await call(endpoint, 'HEAD', rgPath(FINANCE, 'rg-nope'))).status,
    ).toBe(404);
    const get = await call(
      endpoint,
      'GET',
      `/subscriptions/${FINANCE}/resourceGroups/rg-dp-finance-monitoring?${API}`,
    );
    expect(get.json.location).toBe('westeurope');
    const missing = await call(endpoint, 'GET', rgPath(FINANCE, 'rg-nope'));
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('ResourceGroupNotFound');
  });

  it.each([
    ['ends with a period', 'rg-data.'],
    ['is longer than 90 characters', 'r'.repeat(91)],
    ['contains a space', 'rg data'],
    ['contains an asterisk', 'rg*data'],
  ])('refuses a name that %s', async (_why, name) => {
    const res = await call(endpoint, 'PUT', rgPath(FINANCE, name), {
      body: { location: 'westeurope' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidResourceGroup');
  });

  it('accepts every character Azure allows', async () => {
    const res = await call(
      endpoint,
      'PUT',
      rgPath(FINANCE, 'rg_(finance)-1.x'),
      {
        body: { location: 'westeurope' },
      },
    );
    expect(res.status).toBe(201);
  });

  it('names a missing location and refuses an unknown region', async () => {
    const missing = await call(endpoint, 'PUT', rgPath(FINANCE, 'rg-x'), {
      body: { tags: {} },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('InvalidRequestContent');
    expect(missing.json.error.message).toContain("'location'");

    const unknown = await call(endpoint, 'PUT', rgPath(FINANCE, 'rg-x'), {
      body: { location: 'moonbase1' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe(
      'LocationNotAvailableForResourceGroup',
    );
    expect(
      endpoint.tenant.resourceGroups.find(FINANCE, 'rg-x'),
    ).toBeUndefined();
  });

  it('refuses to move an existing group to another region', async () => {
    const res = await call(
      endpoint,
      'PUT',
      rgPath(FINANCE, 'rg-dp-finance-monitoring'),
      {
        body: { location: 'eastus' },
      },
    );
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('InvalidResourceGroupLocation');
  });

  it('answers an unknown subscription with SubscriptionNotFound', async () => {
    const res = await call(
      endpoint,
      'PUT',
      rgPath(UNKNOWN_SUBSCRIPTION, 'rg-x'),
      {
        body: { location: 'westeurope' },
      },
    );
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('SubscriptionNotFound');
  });

  it('refuses writes in a disabled subscription but still reads it', async () => {
    const res = await call(endpoint, 'PUT', rgPath(CANCELLED_SANDBOX, 'rg-x'), {
      body: { location: 'westeurope' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('ReadOnlyDisabledSubscription');
    const list = await call(
      endpoint,
      'GET',
      `/subscriptions/${CANCELLED_SANDBOX}/resourcegroups?${API}`,
    );
    expect(list.status).toBe(200);
    expect(list.json.value).toEqual([]);
  });

  it('deletes a group with the workspaces and role assignments in it', async () => {
    const rg = 'rg-dp-finance-monitoring';
    const assigned = await call(
      endpoint,
      'PUT',
      `/subscriptions/${FINANCE}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleAssignments/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00?api-version=2022-04-01`,
      {
        body: {
          properties: {
            roleDefinitionId:
              '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
            principalId: '5f0d7c3e-2b8a-4e61-9c4d-3a7e1b9f6d20',
          },
        },
      },
    );
    expect(assigned.status).toBe(201);
    const deleted = await call(endpoint, 'DELETE', rgPath(FINANCE, rg));
    expect(deleted.status).toBe(200);
    expect(endpoint.tenant.logAnalytics.listInSubscription(FINANCE)).toEqual(
      [],
    );
    const rgScoped = endpoint.tenant.roleAssignments
      .list({ subscriptionId: FINANCE }, { atScope: false })
      .filter(a => a.scope.includes('/resourceGroups/'));
    expect(rgScoped).toEqual([]);
    const again = await call(endpoint, 'DELETE', rgPath(FINANCE, rg));
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('ResourceGroupNotFound');
  });
});
