import { pairedRegion } from './regions';
import {
  BlobContainer,
  GEO_REDUNDANT_STORAGE_SKUS,
  ImmutabilityPolicy,
  ManagementPolicy,
  READ_ACCESS_STORAGE_SKUS,
  StorageAccount,
} from '../tenant/storage';

/**
 * Microsoft.Storage shapes as in Microsoft's examples (2025-08-01:
 * StorageAccountGetManagementPolicy, BlobContainersGetImmutabilityPolicy,
 * BlobContainersLockImmutabilityPolicy) and the storage account resource.
 */

export const storageAccountId = (a: StorageAccount) =>
  `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${a.name}`;

const containerId = (a: StorageAccount, c: BlobContainer) =>
  `${storageAccountId(a)}/blobServices/default/containers/${c.name}`;

function endpoints(name: string) {
  return {
    blob: `https://${name}.blob.core.windows.net/`,
    dfs: `https://${name}.dfs.core.windows.net/`,
    queue: `https://${name}.queue.core.windows.net/`,
    table: `https://${name}.table.core.windows.net/`,
    file: `https://${name}.file.core.windows.net/`,
  };
}

function secondaryEndpoints(name: string) {
  return {
    blob: `https://${name}-secondary.blob.core.windows.net/`,
    dfs: `https://${name}-secondary.dfs.core.windows.net/`,
    queue: `https://${name}-secondary.queue.core.windows.net/`,
    table: `https://${name}-secondary.table.core.windows.net/`,
  };
}

export function storageAccountResource(a: StorageAccount) {
  const geo = GEO_REDUNDANT_STORAGE_SKUS.includes(a.skuName);
  const readAccess = READ_ACCESS_STORAGE_SKUS.includes(a.skuName);
  return {
    id: storageAccountId(a),
    name: a.name,
    type: 'Microsoft.Storage/storageAccounts',
    location: a.location,
    tags: { ...a.tags },
    sku: { name: a.skuName, tier: 'Standard' },
    kind: 'StorageV2',
    properties: {
      provisioningState: 'Succeeded',
      creationTime: a.creationTime,
      primaryLocation: a.location,
      statusOfPrimary: 'available',
      ...(geo
        ? {
            secondaryLocation: pairedRegion(a.location),
            statusOfSecondary: a.statusOfSecondary,
          }
        : {}),
      primaryEndpoints: endpoints(a.name),
      ...(readAccess ? { secondaryEndpoints: secondaryEndpoints(a.name) } : {}),
      accessTier: 'Hot',
      isHnsEnabled: true,
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
    },
  };
}

export function managementPolicyResource(
  a: StorageAccount,
  policy: ManagementPolicy,
) {
  return {
    id: `${storageAccountId(a)}/managementPolicies/default`,
    // Azure's name for it, although its path segment is `default`.
    name: 'DefaultManagementPolicy',
    type: 'Microsoft.Storage/storageAccounts/managementPolicies',
    properties: {
      policy: { rules: policy.rules },
      lastModifiedTime: policy.lastModifiedTime,
    },
  };
}

const policyProperties = (p: ImmutabilityPolicy) => ({
  immutabilityPeriodSinceCreationInDays:
    p.immutabilityPeriodSinceCreationInDays,
  allowProtectedAppendWrites: p.allowProtectedAppendWrites,
  state: p.state,
});

export function immutabilityPolicyResource(
  a: StorageAccount,
  c: BlobContainer,
  policy: ImmutabilityPolicy,
) {
  return {
    id: `${containerId(a, c)}/immutabilityPolicies/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
    etag: policy.etag,
    properties: policyProperties(policy),
  };
}

/** A container as listed and read. */
export function containerResource(a: StorageAccount, c: BlobContainer) {
  const policy = c.immutabilityPolicy;
  return {
    id: containerId(a, c),
    name: c.name,
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    etag: c.etag,
    properties: {
      publicAccess: c.publicAccess,
      lastModifiedTime: c.lastModifiedTime,
      leaseStatus: 'Unlocked',
      leaseState: 'Available',
      metadata: { ...c.metadata },
      defaultEncryptionScope: '$account-encryption-key',
      denyEncryptionScopeOverride: false,
      deleted: false,
      remainingRetentionDays: 0,
      hasImmutabilityPolicy: policy !== undefined,
      hasLegalHold: false,
      // Nested as Azure's ImmutabilityPolicyProperties (what the SDK reads):
      // the policy's properties under `properties`, its ETag beside them.
      ...(policy
        ? {
            immutabilityPolicy: {
              etag: policy.etag,
              properties: policyProperties(policy),
            },
          }
        : {}),
    },
  };
}
