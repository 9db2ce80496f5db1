import { InputError } from '@backstage/errors';
import {
  DEMO_TENANT_ID,
  effectiveRetention,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import {
  actionContext,
  callsTo,
  CheckpointStore,
  failureOf,
  newSubscription,
  resetAzure,
  startAzure,
} from '../__testUtils__/actionTesting';
import { createWorkspaceAction } from './createWorkspace';

const RG = 'rg-dp-logistics-monitoring';
const WS = 'log-dp-logistics';
const BASELINE_TABLES = [
  'AzureActivity',
  'AuditLogs',
  'LAQueryLogs',
  'StorageBlobLogs',
];

// Route templates, or the raw path when an injected fault answered.
const RG_PUT = /^PUT .*resourcegroups\/[^/]+$/i;
const WORKSPACE_PUT = /^PUT .*workspaces\/[^/]+$/;
const TABLE_PATCH = /^PATCH .*tables\/[^/]+$/;

describe('azure:monitor:create-workspace', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;
  let action: ReturnType<typeof createWorkspaceAction>;
  let subscriptionId: string;

  beforeAll(async () => {
    ({ endpoint, clients } = await startAzure());
    action = createWorkspaceAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    resetAzure(endpoint);
    subscriptionId = newSubscription(endpoint);
    endpoint.requests.clear();
  });

  const input = () => ({
    subscriptionId,
    resourceGroupName: RG,
    workspaceName: WS,
    region: 'westeurope',
    tags: { domain: 'logistics', costCenter: 'CC-1060' },
  });
  const workspaceId = () =>
    `/subscriptions/${subscriptionId}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/${WS}`;
  const retentionOf = (table: string) => {
    const workspace = endpoint.tenant.logAnalytics.get(subscriptionId, RG, WS);
    return effectiveRetention(
      workspace,
      endpoint.tenant.logAnalytics.getTable(workspace, table),
    );
  };

  it('creates the resource group and workspace with the retention baseline', async () => {
    const step = actionContext(action, input());

    await step.run();

    const workspace = endpoint.tenant.logAnalytics.get(subscriptionId, RG, WS);
    expect(step.outputs()).toEqual({
      workspaceResourceId: workspaceId(),
      customerId: workspace.customerId,
      workspaceName: WS,
      resourceGroupName: RG,
      azurePortalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource${workspaceId()}/overview`,
      auditTables: BASELINE_TABLES.map(name => ({
        name,
        retentionInDays: 90,
        totalRetentionInDays: 3653,
      })),
    });
    expect(
      endpoint.tenant.resourceGroups.get(subscriptionId, RG),
    ).toMatchObject({
      location: 'westeurope',
      tags: { domain: 'logistics', costCenter: 'CC-1060' },
    });
    expect(workspace).toMatchObject({
      location: 'westeurope',
      sku: 'PerGB2018',
      retentionInDays: 90,
      tags: { domain: 'logistics', costCenter: 'CC-1060' },
    });
    for (const table of BASELINE_TABLES) {
      expect(retentionOf(table)).toMatchObject({
        retentionInDays: 90,
        totalRetentionInDays: 3653,
      });
    }
    // Tables outside the audit set keep the workspace default.
    expect(retentionOf('Heartbeat')).toMatchObject({
      totalRetentionInDays: 90,
      totalRetentionInDaysAsDefault: true,
    });
    expect(step.store.ran).toEqual([
      `monitor.rg.${subscriptionId}.${RG}`,
      `monitor.workspace.${subscriptionId}.${WS}`,
      ...BASELINE_TABLES.map(t => `monitor.table.${subscriptionId}.${WS}.${t}`),
    ]);
  });

  it('takes its own retention and audit tables', async () => {
    const step = actionContext(action, {
      ...input(),
      retentionInDays: 365,
      auditTables: ['AzureActivity'],
      auditTotalRetentionInDays: 2556,
    });
    await step.run();
    expect(step.outputs().auditTables).toEqual([
      {
        name: 'AzureActivity',
        retentionInDays: 365,
        totalRetentionInDays: 2556,
      },
    ]);
    expect(retentionOf('AzureActivity')).toMatchObject({
      retentionInDays: 365,
      totalRetentionInDays: 2556,
    });
    expect(retentionOf('AuditLogs')).toMatchObject({
      retentionInDays: 365,
      totalRetentionInDays: 365,
    });
    expect(callsTo(endpoint, TABLE_PATCH)).toBe(1);
  });

  it('patches the audit tables, keeping what else was set on them', async () => {
    await actionContext(action, input()).run();
    // Someone raised the interactive retention of one table by hand.
    endpoint.tenant.logAnalytics.writeTable(
      subscriptionId,
      RG,
      WS,
      'AzureActivity',
      { retentionInDays: 180 },
      'merge',
    );

    const again = actionContext(action, input(), {
      store: new CheckpointStore(),
    });
    await again.run();

    expect(retentionOf('AzureActivity')).toMatchObject({
      retentionInDays: 180,
      totalRetentionInDays: 3653,
    });
    expect(again.outputs().auditTables[0]).toEqual({
      name: 'AzureActivity',
      retentionInDays: 180,
      totalRetentionInDays: 3653,
    });
  });

  it.each([
    [
      'subscriptionId',
      { subscriptionId: '' },
      /subscriptionId: is required; allowed: a GUID/,
    ],
    [
      'resourceGroupName',
      { resourceGroupName: 'rg-dp.' },
      /resourceGroupName: "rg-dp\." is not allowed; allowed: 1-90 letters/,
    ],
    [
      'resourceGroupName',
      { resourceGroupName: 'rg/dp' },
      /resourceGroupName: "rg\/dp" is not allowed/,
    ],
    [
      'workspaceName',
      { workspaceName: 'log' },
      /workspaceName: "log" is not allowed; allowed: 4-63 letters, digits or hyphens/,
    ],
    [
      'workspaceName',
      { workspaceName: 'log-dp-' },
      /workspaceName: "log-dp-" is not allowed/,
    ],
    [
      'region',
      { region: 'uksouth' },
      /region: "uksouth" is not allowed; allowed: westeurope, northeurope/,
    ],
    [
      'retentionInDays',
      { retentionInDays: 29 },
      /retentionInDays: 29 is not allowed; allowed: a whole number at least 30 and at most 730/,
    ],
    [
      'retentionInDays',
      { retentionInDays: 90.5 },
      /retentionInDays: 90\.5 is not allowed/,
    ],
    [
      'auditTables[0]',
      { auditTables: ['Azure Activity'] },
      /auditTables\[0\]: "Azure Activity" is not allowed; allowed: a Log Analytics table name/,
    ],
    [
      'auditTables[1]',
      { auditTables: ['AuditLogs', 'auditlogs'] },
      /auditTables\[1\]: "auditlogs" is given twice/,
    ],
    [
      'auditTotalRetentionInDays',
      { auditTotalRetentionInDays: 3000 },
      /auditTotalRetentionInDays: 3000 days is not a total Log Analytics accepts; allowed: 4 to 730 days, or whole years: 1095, 1460/,
    ],
    [
      'auditTotalRetentionInDays',
      { auditTotalRetentionInDays: 60 },
      /auditTotalRetentionInDays: 60 days is shorter than the interactive retention of 90 days/,
    ],
    [
      'auditTotalRetentionInDays',
      { auditTotalRetentionInDays: 5000 },
      /auditTotalRetentionInDays: 5000 is not allowed; allowed: a whole number at least 4 and at most 4383/,
    ],
    [
      'tags.note',
      { tags: { note: 'n'.repeat(300) } },
      /tags\.note: is 300 characters; Azure allows at most 256/,
    ],
  ])(
    'refuses a bad %s before any Azure call',
    async (_field, change, message) => {
      const step = actionContext(action, { ...input(), ...change });
      const failure = await failureOf(step.run);
      expect(failure).toBeInstanceOf(InputError);
      expect(failure.message).toMatch(
        /^Invalid input for azure:monitor:create-workspace: /,
      );
      expect(failure.message).toMatch(message);
      expect(endpoint.requests.snapshot().total).toBe(0);
    },
  );

  it('in a dry run, says what it would create and calls nothing', async () => {
    const step = actionContext(action, input(), { isDryRun: true });
    await step.run();
    expect(endpoint.requests.snapshot().total).toBe(0);
    expect(step.outputs()).toEqual({
      workspaceResourceId: workspaceId(),
      workspaceName: WS,
      resourceGroupName: RG,
      azurePortalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource${workspaceId()}/overview`,
      auditTables: BASELINE_TABLES.map(name => ({
        name,
        retentionInDays: 90,
        totalRetentionInDays: 3653,
      })),
    });
    expect(step.logged()).toContainEqual(
      `Dry run: would create resource group ${RG} and Log Analytics workspace ${WS} (westeurope, 90 days) in subscription ${subscriptionId}, ` +
        `keeping AzureActivity, AuditLogs, LAQueryLogs, StorageBlobLogs for 3653 days; nothing was created`,
    );
  });

  it('re-run from scratch leaves one resource group and one workspace', async () => {
    const first = actionContext(action, input());
    await first.run();
    const second = actionContext(action, input(), {
      store: new CheckpointStore(),
    });
    await second.run();

    expect(second.outputs().customerId).toBe(first.outputs().customerId);
    expect(
      endpoint.tenant.resourceGroups.list(subscriptionId).map(g => g.name),
    ).toEqual([RG]);
    const listed: string[] = [];
    for await (const w of clients
      .logAnalytics(subscriptionId)
      .workspaces.list())
      listed.push(w.name!);
    expect(listed).toEqual([WS]);
  });

  it('resumed after the resource group was made, does not make it again', async () => {
    endpoint.tenant.resourceGroups.createOrUpdate(subscriptionId, RG, {
      location: 'westeurope',
    });
    const store = new CheckpointStore({
      [`monitor.rg.${subscriptionId}.${RG}`]: {
        resourceGroupId: `/subscriptions/${subscriptionId}/resourceGroups/${RG}`,
      },
    });

    const step = actionContext(action, input(), { store });
    await step.run();

    expect(store.skipped).toEqual([`monitor.rg.${subscriptionId}.${RG}`]);
    expect(callsTo(endpoint, RG_PUT)).toBe(0);
    expect(callsTo(endpoint, WORKSPACE_PUT)).toBe(1);
    expect(callsTo(endpoint, TABLE_PATCH)).toBe(4);
  });

  it('resumed after the workspace was made, only sets the table retention', async () => {
    await actionContext(action, { ...input(), auditTables: [] }).run();
    const { customerId } = endpoint.tenant.logAnalytics.get(
      subscriptionId,
      RG,
      WS,
    );
    endpoint.requests.clear();
    const store = new CheckpointStore({
      [`monitor.rg.${subscriptionId}.${RG}`]: { resourceGroupId: null },
      [`monitor.workspace.${subscriptionId}.${WS}`]: {
        workspaceResourceId: workspaceId(),
        customerId,
      },
    });

    const step = actionContext(action, input(), { store });
    await step.run();

    expect(callsTo(endpoint, /^PUT /)).toBe(0);
    expect(callsTo(endpoint, TABLE_PATCH)).toBe(4);
    expect(step.outputs().customerId).toBe(customerId);
  });

  it('fails with the Azure error code when the resource group lives elsewhere', async () => {
    endpoint.tenant.resourceGroups.createOrUpdate(subscriptionId, RG, {
      location: 'northeurope',
    });
    const step = actionContext(action, input());
    const failure = await failureOf(step.run);
    expect(failure.message).toMatch(
      new RegExp(
        `^Creating resource group ${RG} in westeurope on subscription ${subscriptionId}: HTTP 409: InvalidResourceGroupLocation: `,
      ),
    );
    expect(callsTo(endpoint, WORKSPACE_PUT)).toBe(0);
  });

  describe('when Azure misbehaves', () => {
    it('retries a 503 on the workspace and ends with one workspace', async () => {
      endpoint.faults.add({
        method: 'PUT',
        path: 'workspaces/[^/]+$',
        kind: 'error',
        status: 503,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, WORKSPACE_PUT)).toBe(2);
      expect(
        endpoint.tenant.logAnalytics
          .listInSubscription(subscriptionId)
          .map(w => w.name),
      ).toEqual([WS]);
    });

    it('waits out a 429 with Retry-After 0 on a table and still sets its retention', async () => {
      endpoint.faults.add({
        method: 'PATCH',
        path: 'tables/AuditLogs',
        kind: 'throttle',
        retryAfterSeconds: 0,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, TABLE_PATCH)).toBe(5);
      expect(retentionOf('AuditLogs')).toMatchObject({
        totalRetentionInDays: 3653,
      });
      expect(
        endpoint.tenant.logAnalytics.listInSubscription(subscriptionId),
      ).toHaveLength(1);
    });

    it('fails the step naming the code when the errors persist, creating nothing twice', async () => {
      endpoint.faults.add({
        method: 'PUT',
        path: 'workspaces/[^/]+$',
        kind: 'error',
        status: 500,
      });
      const step = actionContext(action, input());

      const failure = await failureOf(step.run);

      expect(failure.message).toMatch(
        new RegExp(
          `^Creating Log Analytics workspace ${WS} in resource group ${RG} of subscription ${subscriptionId}: HTTP 500: InternalServerError: `,
        ),
      );
      expect(step.store.ran).toEqual([`monitor.rg.${subscriptionId}.${RG}`]);
      expect(
        endpoint.tenant.logAnalytics.listInSubscription(subscriptionId),
      ).toEqual([]);
      expect(step.outputs()).toEqual({});

      // Resumed once Azure answers again: the group is not created again.
      endpoint.faults.clear();
      endpoint.requests.clear();
      await actionContext(action, input(), { store: step.store }).run();
      expect(callsTo(endpoint, RG_PUT)).toBe(0);
      expect(
        endpoint.tenant.logAnalytics
          .listInSubscription(subscriptionId)
          .map(w => w.name),
      ).toEqual([WS]);
    }, 60_000);
  });
});
