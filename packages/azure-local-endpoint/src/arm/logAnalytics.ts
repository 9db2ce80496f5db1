import { effectiveRetention, Table, Workspace } from '../tenant/logAnalytics';

/**
 * Microsoft.OperationalInsights shapes as in Microsoft's examples
 * (WorkspacesGet 2025-02-01, TablesUpsert and TablesList 2022-10-01). The
 * examples' string booleans ("False") are not repeated: answers use booleans.
 */

export const workspaceResourceId = (w: Workspace) =>
  `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${w.name}`;

/** When a capped workspace's daily quota starts again: the next UTC midnight. */
function nextQuotaReset(now: number) {
  const d = new Date(now);
  return new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1),
  ).toISOString();
}

export function workspaceResource(w: Workspace, now: number) {
  return {
    id: workspaceResourceId(w),
    name: w.name,
    type: 'Microsoft.OperationalInsights/workspaces',
    location: w.location,
    tags: { ...w.tags },
    properties: {
      provisioningState: 'Succeeded',
      customerId: w.customerId,
      sku: { name: w.sku, lastSkuUpdate: w.createdDate },
      retentionInDays: w.retentionInDays,
      features: {
        legacy: 0,
        searchVersion: 1,
        enableLogAccessUsingOnlyResourcePermissions: true,
      },
      workspaceCapping: {
        dailyQuotaGb: w.dailyQuotaGb,
        quotaNextResetTime: nextQuotaReset(now),
        dataIngestionStatus: 'RespectQuota',
      },
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      createdDate: w.createdDate,
      modifiedDate: w.modifiedDate,
    },
  };
}

// The columns every Log Analytics table carries.
const STANDARD_COLUMNS = [
  { isHidden: true, name: 'TenantId', type: 'guid', isDefaultDisplay: false },
  {
    isHidden: false,
    name: 'SourceSystem',
    type: 'string',
    isDefaultDisplay: false,
  },
  {
    isHidden: false,
    name: 'TimeGenerated',
    type: 'dateTime',
    isDefaultDisplay: false,
  },
  { isHidden: false, name: 'Type', type: 'string', isDefaultDisplay: false },
];

export function tableResource(w: Workspace, t: Table) {
  return {
    id: `${workspaceResourceId(w)}/tables/${t.name}`,
    name: t.name,
    type: 'Microsoft.OperationalInsights/workspaces/tables',
    properties: {
      ...effectiveRetention(w, t),
      plan: t.plan,
      lastPlanModifiedDate: t.lastPlanModifiedDate,
      provisioningState: 'Succeeded',
      schema: {
        name: t.name,
        tableType: t.tableType,
        tableSubType:
          t.tableType === 'CustomLog' ? 'DataCollectionRuleBased' : 'Any',
        columns: t.columns.map(c => ({
          isHidden: false,
          isDefaultDisplay: false,
          ...c,
        })),
        standardColumns: STANDARD_COLUMNS,
        solutions: ['LogManagement'],
      },
    },
  };
}
