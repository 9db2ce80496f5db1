import type {
  ScannedContainer,
  ScannedLifecycleRule,
  ScannedStorageAccount,
  ScannedTable,
  ScannedWorkspace,
  SubscriptionScan,
} from '../types';

export const SUB = '0a1b2c3d-0000-4000-8000-000000000001';
export const TENANT = '11111111-2222-4333-8444-555555555555';
/** 69 days before the curated-layers category of the example policy comes into force (2027-02-01). */
export const NOW = new Date('2026-11-24T05:00:00Z');

export const workspaceId = (name: string, rg = 'rg-hr-data-prod') =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.OperationalInsights/workspaces/${name}`;

export const accountId = (name: string, rg = 'rg-hr-data-prod') =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;

export const containerId = (accountName: string, containerName: string) =>
  `${accountId(accountName)}/blobServices/default/containers/${containerName}`;

/** A table with its own retention; pass `default` to follow a workspace retention of that many days. */
export function table(
  name: string,
  retention: { interactive: number; total: number } | { default: number },
): ScannedTable {
  if ('default' in retention) {
    return {
      name,
      retentionInDays: retention.default,
      totalRetentionInDays: retention.default,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: true,
      plan: 'Analytics',
    };
  }
  return {
    name,
    retentionInDays: retention.interactive,
    totalRetentionInDays: retention.total,
    retentionInDaysAsDefault: false,
    totalRetentionInDaysAsDefault: false,
    plan: 'Analytics',
  };
}

export function workspace(
  name: string,
  tables: ScannedTable[] | undefined,
  extra: Partial<ScannedWorkspace> = {},
): ScannedWorkspace {
  return {
    id: workspaceId(name),
    name,
    location: 'westeurope',
    retentionInDays: 30,
    ...(tables ? { tables } : {}),
    ...extra,
  };
}

export function rule(
  name: string,
  props: Partial<ScannedLifecycleRule> = {},
): ScannedLifecycleRule {
  return {
    name,
    enabled: true,
    prefixMatch: [],
    blobTypes: ['blockBlob'],
    hasBlobIndexFilter: false,
    ...props,
  };
}

export const modified = (days: number) => ({
  days,
  basis: 'modification' as const,
});

export function container(
  name: string,
  immutability?: { days: number; state: 'Locked' | 'Unlocked' } | null,
): ScannedContainer {
  return {
    name,
    immutabilityPolicy:
      immutability === undefined || immutability === null
        ? null
        : {
            state: immutability.state,
            immutabilityPeriodSinceCreationInDays: immutability.days,
          },
  };
}

export function account(
  name: string,
  props: Partial<ScannedStorageAccount> = {},
): ScannedStorageAccount {
  return {
    id: accountId(name),
    name,
    location: 'westeurope',
    skuName: 'Standard_GZRS',
    secondaryLocation: 'northeurope',
    statusOfSecondary: 'available',
    lifecycleRules: [],
    containers: [],
    ...props,
  };
}

export function scan(props: Partial<SubscriptionScan> = {}): SubscriptionScan {
  return {
    subscriptionId: SUB,
    scannedAt: '2026-11-24T04:59:00.000Z',
    workspaces: [],
    storageAccounts: [],
    calls: {},
    ...props,
  };
}
