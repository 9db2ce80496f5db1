import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import {
  CANCELLED_SANDBOX,
  FINANCE,
  HR,
  PLATFORM_MANAGEMENT,
  SALES,
} from '../__testUtils__/ids';

const API = 'api-version=2025-07-01';
const RG = 'rg-dp-finance-monitoring';
const wsPath = (name: string, rg = RG, subscriptionId = FINANCE) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.OperationalInsights/workspaces/${name}`;
const tablePath = (table: string, ws = 'log-dp-finance') =>
  `${wsPath(ws)}/tables/${table}?${API}`;

describe('Log Analytics workspaces and tables', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => endpoint.tenant.reset());

  const putWorkspace = (name: string, body: unknown, rg = RG) =>
    call(endpoint, 'PUT', `${wsPath(name, rg)}?${API}`, { body });

  describe('workspaces', () => {
    it('creates a workspace finished, with defaults, and lists it once after a second PUT', async () => {
      const created = await putWorkspace('log-dp-finance-ingest', {
        location: 'westeurope',
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        id: `${wsPath('log-dp-finance-ingest')}`,
        name: 'log-dp-finance-ingest',
        type: 'Microsoft.OperationalInsights/workspaces',
        location: 'westeurope',
        properties: {
          provisioningState: 'Succeeded',
          sku: { name: 'PerGB2018' },
          retentionInDays: 30,
          features: { enableLogAccessUsingOnlyResourcePermissions: true },
        },
      });
      const { customerId, createdDate } = created.json.properties;
      expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(createdDate)).not.toBeNaN();

      const again = await putWorkspace('log-dp-finance-ingest', {
        location: 'westeurope',
        properties: { retentionInDays: 120 },
      });
      expect(again.status).toBe(200);
      expect(again.json.properties).toMatchObject({
        customerId,
        createdDate,
        retentionInDays: 120,
      });

      const inGroup = await call(
        endpoint,
        'GET',
        `/subscriptions/${FINANCE}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces?${API}`,
      );
      expect(inGroup.json.value.map((w: any) => w.name).sort()).toEqual([
        'log-dp-finance',
        'log-dp-finance-ingest',
      ]);
      const inSubscription = await call(
        endpoint,
        'GET',
        `/subscriptions/${FINANCE}/providers/Microsoft.OperationalInsights/workspaces?${API}`,
      );
      expect(inSubscription.json.value).toHaveLength(2);
    });

    it('gives a new workspace its standard tables on the workspace retention', async () => {
      await putWorkspace('log-new', {
        location: 'westeurope',
        properties: { retentionInDays: 60 },
      });
      const tables = await call(
        endpoint,
        'GET',
        `${wsPath('log-new')}/tables?${API}`,
      );
      expect(tables.json.value.map((t: any) => t.name)).toEqual([
        'AzureActivity',
        'AuditLogs',
        'LAQueryLogs',
        'StorageBlobLogs',
        'AzureDiagnostics',
        'AzureMetrics',
        'Heartbeat',
        'Usage',
      ]);
      for (const t of tables.json.value) {
        expect(t.properties).toMatchObject({
          retentionInDays: 60,
          totalRetentionInDays: 60,
          archiveRetentionInDays: 0,
          retentionInDaysAsDefault: true,
          totalRetentionInDaysAsDefault: true,
          plan: 'Analytics',
          provisioningState: 'Succeeded',
        });
      }
    });

    it.each(['abc', '-abcd', 'abcd-', 'ab_cd', 'a'.repeat(64)])(
      "refuses the workspace name '%s'",
      async name => {
        const res = await putWorkspace(name, { location: 'westeurope' });
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('InvalidWorkspaceName');
      },
    );

    it('needs an existing resource group', async () => {
      const res = await putWorkspace(
        'log-x',
        { location: 'westeurope' },
        'rg-missing',
      );
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('ResourceGroupNotFound');
    });

    it('refuses an unknown region, an out-of-range retention and an unknown SKU, naming the field', async () => {
      const region = await putWorkspace('log-x', { location: 'atlantis' });
      expect(region.status).toBe(400);
      expect(region.json.error.code).toBe(
        'LocationNotAvailableForResourceType',
      );
      expect(region.json.error.message).toContain("'location'");

      for (const retentionInDays of [29, 731]) {
        const res = await putWorkspace('log-x', {
          location: 'westeurope',
          properties: { retentionInDays },
        });
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('InvalidRequestContent');
        expect(res.json.error.message).toContain(
          "'properties.retentionInDays'",
        );
      }
      const sku = await putWorkspace('log-x', {
        location: 'westeurope',
        properties: { sku: { name: 'Gold' } },
      });
      expect(sku.json.error.message).toContain("'properties.sku.name'");
      expect(
        endpoint.tenant.logAnalytics
          .listInResourceGroup(FINANCE, RG)
          .map(w => w.name),
      ).toEqual(['log-dp-finance']);
    });

    it('refuses writes in a disabled subscription', async () => {
      const res = await call(
        endpoint,
        'PUT',
        `${wsPath('log-x', 'rg-x', CANCELLED_SANDBOX)}?${API}`,
        {
          body: { location: 'westeurope' },
        },
      );
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('ReadOnlyDisabledSubscription');
    });

    it('deletes a workspace (200), then has nothing to delete (204)', async () => {
      expect(
        (await call(endpoint, 'DELETE', `${wsPath('log-dp-finance')}?${API}`))
          .status,
      ).toBe(200);
      const gone = await call(
        endpoint,
        'GET',
        `${wsPath('log-dp-finance')}?${API}`,
      );
      expect(gone.status).toBe(404);
      expect(gone.json.error.code).toBe('ResourceNotFound');
      expect(
        (await call(endpoint, 'DELETE', `${wsPath('log-dp-finance')}?${API}`))
          .status,
      ).toBe(204);
    });
  });

  describe('tables', () => {
    const put = (table: string, properties: unknown) =>
      call(endpoint, 'PUT', tablePath(table), { body: { properties } });
    const patch = (table: string, properties: unknown) =>
      call(endpoint, 'PATCH', tablePath(table), { body: { properties } });

    it('keeps omitted fields on PATCH and resets them on PUT', async () => {
      const longTerm = await patch('Heartbeat', { totalRetentionInDays: 3653 });
      expect(longTerm.json.properties).toMatchObject({
        retentionInDays: 90,
        totalRetentionInDays: 3653,
        archiveRetentionInDays: 3563,
        retentionInDaysAsDefault: true,
        totalRetentionInDaysAsDefault: false,
      });

      const interactive = await patch('Heartbeat', { retentionInDays: 180 });
      expect(interactive.json.properties).toMatchObject({
        retentionInDays: 180,
        totalRetentionInDays: 3653,
        archiveRetentionInDays: 3473,
        retentionInDaysAsDefault: false,
        totalRetentionInDaysAsDefault: false,
      });

      // PUT replaces: the total it does not name goes back to the default,
      // i.e. equal to the interactive retention.
      const replaced = await put('Heartbeat', { retentionInDays: 60 });
      expect(replaced.status).toBe(200);
      expect(replaced.json.properties).toMatchObject({
        retentionInDays: 60,
        totalRetentionInDays: 60,
        archiveRetentionInDays: 0,
        retentionInDaysAsDefault: false,
        totalRetentionInDaysAsDefault: true,
      });

      const read = await call(endpoint, 'GET', tablePath('Heartbeat'));
      expect(read.json.properties.totalRetentionInDays).toBe(60);
    });

    it('takes -1 as "back to the workspace default"', async () => {
      await patch('Usage', { retentionInDays: 200, totalRetentionInDays: 400 });
      const reset = await patch('Usage', {
        retentionInDays: -1,
        totalRetentionInDays: -1,
      });
      expect(reset.json.properties).toMatchObject({
        retentionInDays: 90,
        totalRetentionInDays: 90,
        retentionInDaysAsDefault: true,
        totalRetentionInDaysAsDefault: true,
      });
    });

    it('moves tables on the default with the workspace retention, and leaves the others', async () => {
      await patch('Usage', { retentionInDays: 45 });
      await putWorkspace('log-dp-finance', {
        location: 'westeurope',
        properties: { retentionInDays: 365 },
      });
      const tables = await call(
        endpoint,
        'GET',
        `${wsPath('log-dp-finance')}/tables?${API}`,
      );
      const byName = Object.fromEntries(
        tables.json.value.map((t: any) => [t.name, t.properties]),
      );
      expect(byName.Heartbeat).toMatchObject({
        retentionInDays: 365,
        totalRetentionInDays: 365,
      });
      expect(byName.Usage).toMatchObject({
        retentionInDays: 45,
        retentionInDaysAsDefault: false,
      });
      // Seeded long-term retention stays.
      expect(byName.AuditLogs).toMatchObject({
        retentionInDays: 365,
        totalRetentionInDays: 3653,
      });
    });

    it.each([
      ['properties.retentionInDays', { retentionInDays: 3 }],
      ['properties.retentionInDays', { retentionInDays: 731 }],
      ['properties.totalRetentionInDays', { totalRetentionInDays: 3 }],
      ['properties.totalRetentionInDays', { totalRetentionInDays: 4384 }],
      [
        'properties.totalRetentionInDays',
        { retentionInDays: 120, totalRetentionInDays: 100 },
      ],
    ])('refuses %s in %j with InvalidParameter', async (field, properties) => {
      for (const method of ['PUT', 'PATCH']) {
        const res = await call(endpoint, method, tablePath('Heartbeat'), {
          body: { properties },
        });
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('InvalidParameter');
        expect(res.json.error.message).toContain(`'${field}'`);
      }
      const unchanged = await call(endpoint, 'GET', tablePath('Heartbeat'));
      expect(unchanged.json.properties.retentionInDaysAsDefault).toBe(true);
    });

    it('refuses a total below the interactive retention of the workspace default', async () => {
      // The finance workspace keeps 90 days interactively.
      const res = await patch('Heartbeat', { totalRetentionInDays: 60 });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain('(90 days)');
    });

    it('answers a non-number with InvalidRequestContent naming the field', async () => {
      const res = await patch('Heartbeat', { retentionInDays: '90' });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('InvalidRequestContent');
      expect(res.json.error.message).toContain("'properties.retentionInDays'");
    });

    it('creates custom tables only with a _CL name and columns', async () => {
      const notCustom = await put('MyTable', {
        schema: { columns: [{ name: 'x', type: 'string' }] },
      });
      expect(notCustom.status).toBe(400);
      expect(notCustom.json.error.code).toBe('InvalidParameter');
      const noColumns = await put('MyTable_CL', {});
      expect(noColumns.json.error.message).toContain(
        "'properties.schema.columns'",
      );
      const created = await put('MyTable_CL', {
        totalRetentionInDays: 730,
        schema: { columns: [{ name: 'Payload', type: 'dynamic' }] },
      });
      expect(created.status).toBe(200);
      expect(created.json.properties.schema).toMatchObject({
        tableType: 'CustomLog',
        columns: [{ name: 'Payload', type: 'dynamic' }],
      });
      const patchMissing = await patch('Other_CL', { retentionInDays: 30 });
      expect(patchMissing.status).toBe(404);
      expect(patchMissing.json.error.code).toBe('ResourceNotFound');
    });
  });

  it('seeds each domain workspace and the platform workspace with ten-year audit tables, except HR AuditLogs on its 30-day default', async () => {
    const domains = [
      ['finance', FINANCE, 'westeurope'],
      ['sales', SALES, 'eastus'],
      ['hr', HR, 'westeurope'],
      ['platform', PLATFORM_MANAGEMENT, 'westeurope'],
    ] as const;
    for (const [domain, subscriptionId, region] of domains) {
      const ws = await call(
        endpoint,
        'GET',
        `/subscriptions/${subscriptionId}/resourceGroups/rg-dp-${domain}-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-${domain}?${API}`,
      );
      expect(ws.json.location).toBe(region);
      const tables = await call(endpoint, 'GET', `${ws.json.id}/tables?${API}`);
      const totals = Object.fromEntries(
        tables.json.value.map((t: any) => [
          t.name,
          t.properties.totalRetentionInDays,
        ]),
      );
      // HR's workspace is on Azure's 30-day default, and so is its AuditLogs table.
      const workspaceDefault = domain === 'hr' ? 30 : 90;
      expect(ws.json.properties.retentionInDays).toBe(workspaceDefault);
      expect(totals).toMatchObject({
        AzureActivity: 3653,
        AuditLogs: domain === 'hr' ? workspaceDefault : 3653,
        LAQueryLogs: 3653,
        StorageBlobLogs: 3653,
        Heartbeat: workspaceDefault,
      });
      const auditLogs = tables.json.value.find(
        (t: any) => t.name === 'AuditLogs',
      );
      expect(auditLogs.properties).toMatchObject({
        retentionInDaysAsDefault: true,
        totalRetentionInDaysAsDefault: domain === 'hr',
      });
    }
  });

  it('keeps seeded customer ids stable across resets', async () => {
    const before = endpoint.tenant.logAnalytics.get(
      FINANCE,
      RG,
      'log-dp-finance',
    ).customerId;
    endpoint.tenant.reset();
    expect(
      endpoint.tenant.logAnalytics.get(FINANCE, RG, 'log-dp-finance')
        .customerId,
    ).toBe(before);
  });
});
