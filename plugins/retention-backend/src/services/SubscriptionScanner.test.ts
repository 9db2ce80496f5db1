import {
  ROUTES,
  SUBSCRIPTIONS,
  storageAccountId,
  useLocalAzureEndpoint,
} from '../__testUtils__/azure';
import {
  SubscriptionScanner,
  scannedRule,
  scannedTable,
} from './SubscriptionScanner';

const HR_WORKSPACE = `/subscriptions/${SUBSCRIPTIONS.hr}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr`;

describe('SubscriptionScanner against the local Azure endpoint', () => {
  const azure = useLocalAzureEndpoint();
  const scanner = () => new SubscriptionScanner(azure.clients);

  it('reads the hr subscription: its workspace default, accounts, lifecycle and immutability', async () => {
    const scan = await scanner().scan(SUBSCRIPTIONS.hr);

    expect(scan.subscriptionId).toBe(SUBSCRIPTIONS.hr);
    expect(Date.parse(scan.scannedAt)).not.toBeNaN();
    expect(scan.workspacesProblem).toBeUndefined();
    expect(scan.workspaces).toHaveLength(1);
    const [workspace] = scan.workspaces!;
    expect(workspace).toMatchObject({
      id: HR_WORKSPACE,
      name: 'log-dp-hr',
      location: 'westeurope',
      retentionInDays: 30,
    });
    // The table at the default follows the workspace: 30 days, flagged so.
    expect(workspace.tables!.find(t => t.name === 'AuditLogs')).toEqual({
      name: 'AuditLogs',
      retentionInDays: 30,
      totalRetentionInDays: 30,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: true,
      plan: 'Analytics',
    });
    // Its neighbour has its own total and the workspace's interactive period.
    expect(workspace.tables!.find(t => t.name === 'AzureActivity')).toEqual({
      name: 'AzureActivity',
      retentionInDays: 30,
      totalRetentionInDays: 3653,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: false,
      plan: 'Analytics',
    });

    expect(scan.storageAccountsProblem).toBeUndefined();
    const accounts = Object.fromEntries(
      scan.storageAccounts!.map(a => [a.name, a]),
    );
    expect(Object.keys(accounts).sort()).toEqual(['sthraudit', 'sthrdata']);
    expect(accounts.sthrdata).toEqual({
      id: storageAccountId(SUBSCRIPTIONS.hr, 'rg-hr-data-prod', 'sthrdata'),
      name: 'sthrdata',
      location: 'westeurope',
      skuName: 'Standard_GRS',
      secondaryLocation: 'northeurope',
      statusOfSecondary: 'available',
      // No management policy at all: Azure's 404 ManagementPolicyNotFound.
      lifecycleRules: [],
      containers: [
        { name: 'silver', immutabilityPolicy: null },
        { name: 'gold', immutabilityPolicy: null },
      ],
    });
    expect(accounts.sthraudit.containers).toEqual([
      {
        name: 'audit',
        immutabilityPolicy: {
          state: 'Locked',
          immutabilityPeriodSinceCreationInDays: 3650,
          allowProtectedAppendWrites: false,
        },
      },
    ]);
  });

  it('makes one call per list and per account or container, never a GET per table', async () => {
    const scan = await scanner().scan(SUBSCRIPTIONS.hr);
    expect(scan.calls).toEqual({
      listWorkspaces: 1,
      listTables: 1,
      listStorageAccounts: 1,
      getManagementPolicy: 2,
      listContainers: 2,
      // Only the container that lists an immutability policy is read.
      getImmutabilityPolicy: 1,
    });
    const { byRoute, total } = azure.endpoint.requests.snapshot();
    expect(byRoute).toEqual({
      [ROUTES.listWorkspaces]: 1,
      [ROUTES.listTables]: 1,
      [ROUTES.listStorageAccounts]: 1,
      [ROUTES.getManagementPolicy]: 2,
      [ROUTES.listContainers]: 2,
      [ROUTES.getImmutabilityPolicy]: 1,
    });
    expect(byRoute[ROUTES.getTable]).toBeUndefined();
    expect(total).toBe(8);
  });

  it("reads sales' bronze-cleanup rule with its archive and delete ages", async () => {
    const scan = await scanner().scan(SUBSCRIPTIONS.sales);
    const data = scan.storageAccounts!.find(a => a.name === 'stsalesdata')!;
    expect(data).toMatchObject({
      skuName: 'Standard_GRS',
      location: 'eastus',
      secondaryLocation: 'westus',
    });
    expect(data.lifecycleRules).toEqual([
      {
        name: 'bronze-cleanup',
        enabled: true,
        prefixMatch: ['bronze/'],
        blobTypes: ['blockBlob'],
        hasBlobIndexFilter: false,
        tierToArchive: { days: 90, basis: 'modification' },
        delete: { days: 2555, basis: 'modification' },
      },
    ]);
    expect(data.containers!.map(c => c.name)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
  });

  it("reads operations-iot's audit policy as Unlocked", async () => {
    const scan = await scanner().scan(SUBSCRIPTIONS.operationsIot);
    const audit = scan.storageAccounts!.find(a => a.name === 'stopsiotaudit')!;
    expect(audit.skuName).toBe('Standard_RAGZRS');
    expect(audit.containers).toEqual([
      {
        name: 'audit',
        immutabilityPolicy: {
          state: 'Unlocked',
          immutabilityPeriodSinceCreationInDays: 3650,
          allowProtectedAppendWrites: false,
        },
      },
    ]);
  });

  it("makes only one account's lifecycle unknown when its policy answers 500, and goes on", async () => {
    azure.endpoint.faults.add({
      path: '/storageAccounts/stsalesdata/managementPolicies/default$',
      kind: 'error',
      status: 500,
    });
    const scan = await scanner().scan(SUBSCRIPTIONS.sales);
    const accounts = Object.fromEntries(
      scan.storageAccounts!.map(a => [a.name, a]),
    );
    expect(accounts.stsalesdata.lifecycleRules).toBeUndefined();
    expect(accounts.stsalesdata.lifecycleProblem).toEqual({
      reason:
        'reading the lifecycle management policy failed: HTTP 500 InternalServerError',
    });
    // The same account's containers and the other accounts are read as usual.
    expect(accounts.stsalesdata.containers).toHaveLength(3);
    expect(accounts.stsalesaudit.lifecycleRules).toEqual([]);
    expect(
      accounts.stsalesaudit.containers![0].immutabilityPolicy,
    ).toMatchObject({ state: 'Locked' });
    expect(accounts.stsalesdr.lifecycleProblem).toBeUndefined();
    expect(scan.workspaces![0].tables!.length).toBeGreaterThan(0);
    // One call counted per operation; the SDK's retries are its own.
    expect(scan.calls.getManagementPolicy).toBe(3);
  });

  it('says a container went away between list and get when its policy answers 404', async () => {
    // The list says the container has a policy; by the time of the GET the
    // container is gone. Injected: Azure answers such a GET with 404.
    azure.endpoint.faults.add({
      path: '/storageAccounts/sthraudit/blobServices/default/containers/audit/immutabilityPolicies/default$',
      kind: 'error',
      status: 404,
    });
    const scan = await scanner().scan(SUBSCRIPTIONS.hr);
    const audit = scan.storageAccounts!.find(a => a.name === 'sthraudit')!;
    expect(audit.containers).toEqual([
      {
        name: 'audit',
        problem: { reason: 'deleted between list and get (HTTP 404)' },
      },
    ]);
    expect(audit.lifecycleRules).toEqual([]);
    expect(scan.calls.getImmutabilityPolicy).toBe(1);
  });

  it('keeps reading storage when Azure throttles the workspace list', async () => {
    azure.endpoint.faults.add({
      path: '/providers/Microsoft.OperationalInsights/workspaces$',
      kind: 'throttle',
      retryAfterSeconds: 0,
    });
    const scan = await scanner().scan(SUBSCRIPTIONS.marketing);
    expect(scan.workspaces).toBeUndefined();
    expect(scan.workspacesProblem).toEqual({
      reason: 'throttled by Azure (HTTP 429)',
    });
    expect(scan.calls.listTables).toBe(0);
    expect(scan.storageAccounts!.map(a => [a.name, a.skuName])).toEqual([
      ['stmarketingdata', 'Standard_LRS'],
      ['stmarketingaudit', 'Standard_LRS'],
    ]);
    const data = scan.storageAccounts![0];
    expect(data.secondaryLocation).toBeUndefined();
    expect(data.lifecycleRules!.map(r => [r.name, r.delete?.days])).toEqual([
      ['bronze-archive', undefined],
      ['silver-trim', 365],
    ]);
  });

  it('reports a subscription whose storage accounts cannot be listed, and still reads its workspaces', async () => {
    azure.endpoint.faults.add({
      path: `/subscriptions/${SUBSCRIPTIONS.finance}/providers/Microsoft.Storage/storageAccounts$`,
      kind: 'error',
      status: 501,
    });
    const scan = await scanner().scan(SUBSCRIPTIONS.finance);
    expect(scan.storageAccounts).toBeUndefined();
    expect(scan.storageAccountsProblem).toEqual({
      reason: 'listing storage accounts failed: HTTP 501 InternalServerError',
    });
    expect(scan.workspaces!.map(w => w.name)).toEqual(['log-dp-finance']);
    expect(scan.calls).toMatchObject({
      listStorageAccounts: 1,
      getManagementPolicy: 0,
      listContainers: 0,
    });
  });
});

describe('scannedTable', () => {
  it('resolves -1 and absent values against the workspace and the interactive period', () => {
    expect(
      scannedTable(
        { name: 'T', retentionInDays: -1, totalRetentionInDays: -1 },
        90,
      ),
    ).toEqual({
      name: 'T',
      retentionInDays: 90,
      totalRetentionInDays: 90,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: true,
    });
    expect(scannedTable({ name: 'T', retentionInDays: 60 }, 90)).toMatchObject({
      retentionInDays: 60,
      totalRetentionInDays: 60,
      retentionInDaysAsDefault: false,
      totalRetentionInDaysAsDefault: true,
    });
  });

  it("never reports a total below the interactive period, and trusts Azure's default flags", () => {
    expect(
      scannedTable(
        {
          name: 'T',
          retentionInDays: 90,
          totalRetentionInDays: 30,
          retentionInDaysAsDefault: true,
          totalRetentionInDaysAsDefault: false,
          plan: 'Basic',
        },
        90,
      ),
    ).toEqual({
      name: 'T',
      retentionInDays: 90,
      totalRetentionInDays: 90,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: false,
      plan: 'Basic',
    });
  });
});

describe('scannedRule', () => {
  it('reads each clock, blob index filters and a disabled rule', () => {
    expect(
      scannedRule({
        name: 'cold-by-access',
        enabled: false,
        type: 'Lifecycle',
        definition: {
          filters: {
            blobTypes: ['blockBlob', 'appendBlob'],
            prefixMatch: ['bronze/raw'],
            blobIndexMatch: [{ name: 'project', op: '==', value: 'x' }],
          },
          actions: {
            baseBlob: {
              tierToCold: { daysAfterLastAccessTimeGreaterThan: 30 },
              tierToArchive: { daysAfterCreationGreaterThan: 120 },
              delete: { daysAfterModificationGreaterThan: 3650 },
            },
            snapshot: { delete: { daysAfterCreationGreaterThan: 1 } },
          },
        },
      }),
    ).toEqual({
      name: 'cold-by-access',
      enabled: false,
      prefixMatch: ['bronze/raw'],
      blobTypes: ['blockBlob', 'appendBlob'],
      hasBlobIndexFilter: true,
      tierToCold: { days: 30, basis: 'last-access' },
      tierToArchive: { days: 120, basis: 'creation' },
      delete: { days: 3650, basis: 'modification' },
    });
  });

  it('treats a rule without filters as covering every container, enabled by default', () => {
    expect(
      scannedRule({
        name: 'everything',
        type: 'Lifecycle',
        definition: {
          actions: {
            baseBlob: { delete: { daysAfterModificationGreaterThan: 30 } },
          },
        },
      }),
    ).toEqual({
      name: 'everything',
      enabled: true,
      prefixMatch: [],
      blobTypes: [],
      hasBlobIndexFilter: false,
      delete: { days: 30, basis: 'modification' },
    });
  });
});
