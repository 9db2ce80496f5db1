import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ArmError } from '../arm/errors';
import { canonicalRegion, pairedRegion } from '../arm/regions';
import { key, TenantContext } from './context';
import { ResourceGroups } from './resourceGroups';

export const STORAGE_SKUS = [
  'Standard_LRS',
  'Standard_ZRS',
  'Standard_GRS',
  'Standard_RAGRS',
  'Standard_GZRS',
  'Standard_RAGZRS',
] as const;
export type StorageSkuName = (typeof STORAGE_SKUS)[number];

/** SKUs that keep a copy in the paired region. */
export const GEO_REDUNDANT_STORAGE_SKUS: readonly StorageSkuName[] = [
  'Standard_GRS',
  'Standard_RAGRS',
  'Standard_GZRS',
  'Standard_RAGZRS',
];
/** Geo-redundant SKUs whose secondary can be read (it has its own endpoints). */
export const READ_ACCESS_STORAGE_SKUS: readonly StorageSkuName[] = [
  'Standard_RAGRS',
  'Standard_RAGZRS',
];

export const CONTAINER_PUBLIC_ACCESS = ['None', 'Blob', 'Container'] as const;
export type ContainerPublicAccess = (typeof CONTAINER_PUBLIC_ACCESS)[number];

/** Time-based retention of a container, in days since a blob's creation. */
export const IMMUTABILITY_PERIOD = { min: 1, max: 146_000 } as const;
/** Azure's limit of lifecycle rules per management policy. */
export const MAX_LIFECYCLE_RULES = 100;

// ---- lifecycle rules (Azure's JSON) ---------------------------------------

// Day values and the clocks they count on are checked by the tenant, which
// answers InvalidManagementPolicyRule naming the rule, as Azure does; the
// schema only holds the JSON's shape.
const dayCondition = z.object({
  daysAfterModificationGreaterThan: z.number().optional(),
  daysAfterCreationGreaterThan: z.number().optional(),
  daysAfterLastAccessTimeGreaterThan: z.number().optional(),
  daysAfterLastTierChangeGreaterThan: z.number().optional(),
});
export type LifecycleDayCondition = z.infer<typeof dayCondition>;

const tierActions = {
  tierToCool: dayCondition.optional(),
  tierToCold: dayCondition.optional(),
  tierToHot: dayCondition.optional(),
  tierToArchive: dayCondition.optional(),
  delete: dayCondition.optional(),
};

export const lifecycleRuleSchema = z.object({
  enabled: z.boolean().optional(),
  name: z.string(),
  type: z.string(),
  definition: z.object({
    filters: z
      .object({
        prefixMatch: z.array(z.string()).optional(),
        blobTypes: z.array(z.string()).optional(),
        blobIndexMatch: z
          .array(
            z.object({
              name: z.string().min(1),
              op: z.string().min(1),
              value: z.string(),
            }),
          )
          .optional(),
      })
      .optional(),
    actions: z.object({
      baseBlob: z
        .object({
          ...tierActions,
          enableAutoTierToHotFromCool: z.boolean().optional(),
        })
        .optional(),
      snapshot: z.object(tierActions).optional(),
      version: z.object(tierActions).optional(),
    }),
  }),
});
export type LifecycleRule = z.infer<typeof lifecycleRuleSchema>;

export const lifecycleRulesSchema = z
  .array(lifecycleRuleSchema)
  .min(1)
  .max(MAX_LIFECYCLE_RULES);

const RULE_NAME = /^[A-Za-z0-9-]{1,256}$/;
const BLOB_TYPES = ['blockBlob', 'appendBlob'];
const ACTION_NAMES = [
  'tierToCool',
  'tierToCold',
  'tierToHot',
  'tierToArchive',
  'delete',
] as const;
const BASE_BLOB_CLOCKS = [
  'daysAfterModificationGreaterThan',
  'daysAfterCreationGreaterThan',
  'daysAfterLastAccessTimeGreaterThan',
] as const;
// Azure counts snapshot and version actions from their creation only.
const SNAPSHOT_CLOCKS = ['daysAfterCreationGreaterThan'] as const;

/** The first problem of a rule, as Azure answers one error; undefined when it is valid. */
function ruleProblem(rule: LifecycleRule): string | undefined {
  if (!RULE_NAME.test(rule.name)) {
    return `the name must be 1-256 letters, digits or hyphens`;
  }
  if (rule.type !== 'Lifecycle') {
    return `'type' must be 'Lifecycle'; got '${rule.type}'`;
  }
  for (const blobType of rule.definition.filters?.blobTypes ?? []) {
    if (!BLOB_TYPES.includes(blobType)) {
      return `'definition.filters.blobTypes' may hold ${BLOB_TYPES.join(
        ' and ',
      )}; got '${blobType}'`;
    }
  }
  const groups = [
    ['baseBlob', rule.definition.actions.baseBlob, BASE_BLOB_CLOCKS],
    ['snapshot', rule.definition.actions.snapshot, SNAPSHOT_CLOCKS],
    ['version', rule.definition.actions.version, SNAPSHOT_CLOCKS],
  ] as const;
  let actions = 0;
  for (const [group, definition, clocks] of groups) {
    if (!definition) continue;
    for (const action of ACTION_NAMES) {
      const condition = definition[action];
      if (!condition) continue;
      actions++;
      const path = `definition.actions.${group}.${action}`;
      for (const [field, value] of Object.entries(condition)) {
        if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
          return `'${path}.${field}' must be a whole number of days, 0 or more; got ${value}`;
        }
      }
      const set = clocks.filter(c => condition[c] !== undefined);
      const foreign = Object.keys(condition).filter(
        c =>
          condition[c as keyof LifecycleDayCondition] !== undefined &&
          !(clocks as readonly string[]).includes(c) &&
          c !== 'daysAfterLastTierChangeGreaterThan',
      );
      if (foreign.length > 0) {
        return `'${path}' counts on ${foreign.join(
          ', ',
        )}, which ${group} actions do not support; use ${clocks.join(', ')}`;
      }
      if (set.length !== 1) {
        return `'${path}' must set exactly one of ${clocks.join(', ')}; ${
          set.length === 0 ? 'it sets none' : `it sets ${set.join(' and ')}`
        }`;
      }
      if (
        condition.daysAfterLastTierChangeGreaterThan !== undefined &&
        action !== 'tierToArchive'
      ) {
        return `'${path}.daysAfterLastTierChangeGreaterThan' applies to tierToArchive only`;
      }
    }
  }
  if (actions === 0) {
    return `'definition.actions' needs at least one action (tierToCool, tierToCold, tierToHot, tierToArchive or delete) for baseBlob, snapshot or version`;
  }
  return undefined;
}

/** Checks a management policy's rules as Azure does: 400 InvalidManagementPolicyRule naming the rule. */
export function checkLifecycleRules(rules: LifecycleRule[]): void {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const label = rule.name
      ? `'${rule.name}'`
      : `${index + 1} (properties.policy.rules.${index})`;
    const problem = ruleProblem(rule);
    if (problem) {
      throw new ArmError(
        400,
        'InvalidManagementPolicyRule',
        `Lifecycle rule ${label} is invalid: ${problem}.`,
      );
    }
    // Rule names are case-sensitive in Azure.
    if (seen.has(rule.name)) {
      throw new ArmError(
        400,
        'InvalidManagementPolicyRule',
        `Lifecycle rule '${rule.name}' is invalid: rule names must be unique within a policy, and '${rule.name}' is used more than once.`,
      );
    }
    seen.add(rule.name);
  });
}

// ---- state -----------------------------------------------------------------

export type ImmutabilityPolicyState = 'Locked' | 'Unlocked';

export interface ImmutabilityPolicy {
  immutabilityPeriodSinceCreationInDays: number;
  allowProtectedAppendWrites: boolean;
  state: ImmutabilityPolicyState;
  /** Quoted, as Azure sends it: `"8d59f828e64b75c"`. */
  etag: string;
}

export interface BlobContainer {
  name: string;
  publicAccess: ContainerPublicAccess;
  metadata: Record<string, string>;
  etag: string;
  lastModifiedTime: string;
  immutabilityPolicy?: ImmutabilityPolicy;
}

export interface ManagementPolicy {
  rules: LifecycleRule[];
  lastModifiedTime: string;
}

export interface StorageAccount {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  location: string;
  skuName: StorageSkuName;
  tags: Record<string, string>;
  creationTime: string;
  /** Reported for geo-redundant accounts only. */
  statusOfSecondary: 'available' | 'unavailable';
  managementPolicy?: ManagementPolicy;
  containers: Map<string, BlobContainer>;
}

export interface StorageAccountRequest {
  location: string;
  skuName: StorageSkuName;
  tags?: Record<string, string>;
}

export interface ImmutabilityPolicyRequest {
  immutabilityPeriodSinceCreationInDays: number;
  allowProtectedAppendWrites?: boolean;
}

// 3-24 lower-case letters and digits: the name becomes a DNS label.
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
// 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9](?:-?[a-z0-9])*$/;

const newEtag = () => `"${randomBytes(8).toString('hex').slice(1)}"`;

const unquote = (etag: string) =>
  etag.trim().replace(/^W\//, '').replace(/"/g, '');

/** If-Match as Azure reads it: absent or `*` matches anything. */
function checkIfMatch(ifMatch: string | undefined, etag: string, what: string) {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  if (unquote(ifMatch) !== unquote(etag)) {
    throw new ArmError(
      412,
      'PreconditionFailed',
      `The If-Match value ${ifMatch} does not match the current ETag ${etag} of ${what}: it changed since it was read. Read it again and retry.`,
    );
  }
}

function checkImmutabilityPeriod(days: number) {
  if (
    !Number.isInteger(days) ||
    days < IMMUTABILITY_PERIOD.min ||
    days > IMMUTABILITY_PERIOD.max
  ) {
    throw new ArmError(
      400,
      'InvalidRequestContent',
      `The request content was invalid: 'properties.immutabilityPeriodSinceCreationInDays': must be a whole number of days from ${IMMUTABILITY_PERIOD.min} to ${IMMUTABILITY_PERIOD.max}; got ${days}.`,
    );
  }
}

/** Microsoft.Storage accounts, their lifecycle management policies, blob containers and immutability policies. */
export class Storage {
  // Keyed by name alone: storage account names are unique across Azure.
  private readonly accounts = new Map<string, StorageAccount>();

  constructor(
    private readonly context: TenantContext,
    private readonly resourceGroups: ResourceGroups,
  ) {}

  clear(): void {
    this.accounts.clear();
  }

  listInSubscription(subscriptionId: string): StorageAccount[] {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return [...this.accounts.values()].filter(a => a.subscriptionId === id);
  }

  listInResourceGroup(
    subscriptionId: string,
    resourceGroupName: string,
  ): StorageAccount[] {
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    return [...this.accounts.values()].filter(
      a =>
        a.subscriptionId === group.subscriptionId &&
        key(a.resourceGroupName) === key(group.name),
    );
  }

  get(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
  ): StorageAccount {
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    const account = this.accounts.get(key(name));
    if (
      !account ||
      account.subscriptionId !== group.subscriptionId ||
      key(account.resourceGroupName) !== key(group.name)
    ) {
      throw new ArmError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${resourceGroupName}' was not found.`,
      );
    }
    return account;
  }

  /** PUT: creates the account, or replaces its SKU and tags (its region is fixed). */
  createOrUpdate(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
    request: StorageAccountRequest,
    options: { statusOfSecondary?: 'available' | 'unavailable' } = {},
  ): { account: StorageAccount; created: boolean } {
    this.context.writableSubscription(subscriptionId);
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    if (!ACCOUNT_NAME.test(name)) {
      throw new ArmError(
        400,
        'AccountNameInvalid',
        `'${name}' is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
      );
    }
    const location = canonicalRegion(request.location);
    if (!location) {
      throw new ArmError(
        400,
        'LocationNotAvailableForResourceType',
        `'location': the provided location '${request.location}' is not available for resource type 'Microsoft.Storage/storageAccounts'. Use an Azure region name such as 'westeurope'.`,
      );
    }
    if (
      GEO_REDUNDANT_STORAGE_SKUS.includes(request.skuName) &&
      !pairedRegion(location)
    ) {
      throw new ArmError(
        400,
        'SkuNotSupported',
        `'sku.name': ${request.skuName} keeps a copy in the paired region, and '${location}' has none; use Standard_LRS or Standard_ZRS there, or a region with a pair such as 'westeurope'.`,
      );
    }
    const existing = this.accounts.get(key(name));
    if (existing) {
      if (
        existing.subscriptionId !== group.subscriptionId ||
        key(existing.resourceGroupName) !== key(group.name)
      ) {
        throw new ArmError(
          409,
          'StorageAccountAlreadyTaken',
          `The storage account named ${name} is already taken.`,
        );
      }
      if (existing.location !== location) {
        throw new ArmError(
          409,
          'InvalidResourceLocation',
          `The resource '${name}' already exists in location '${existing.location}' in resource group '${group.name}'. A resource with the same name cannot be created in location '${location}'.`,
        );
      }
      existing.skuName = request.skuName;
      existing.tags = { ...(request.tags ?? {}) };
      if (options.statusOfSecondary) {
        existing.statusOfSecondary = options.statusOfSecondary;
      }
      return { account: existing, created: false };
    }
    const account: StorageAccount = {
      subscriptionId: group.subscriptionId,
      resourceGroupName: group.name,
      name,
      location,
      skuName: request.skuName,
      tags: { ...(request.tags ?? {}) },
      creationTime: new Date(this.context.now()).toISOString(),
      statusOfSecondary: options.statusOfSecondary ?? 'available',
      containers: new Map(),
    };
    this.accounts.set(key(name), account);
    return { account, created: true };
  }

  /** Whether it existed. */
  delete(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
  ): boolean {
    this.context.writableSubscription(subscriptionId);
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    const account = this.accounts.get(key(name));
    if (
      !account ||
      account.subscriptionId !== group.subscriptionId ||
      key(account.resourceGroupName) !== key(group.name)
    ) {
      return false;
    }
    return this.accounts.delete(key(name));
  }

  /** Drops the accounts of a deleted resource group. */
  removeResourceGroup(subscriptionId: string, resourceGroupName: string): void {
    for (const [k, a] of this.accounts) {
      if (
        a.subscriptionId === subscriptionId &&
        key(a.resourceGroupName) === key(resourceGroupName)
      ) {
        this.accounts.delete(k);
      }
    }
  }

  // ---- lifecycle management policy ---------------------------------------

  getManagementPolicy(account: StorageAccount): ManagementPolicy {
    if (!account.managementPolicy) {
      throw new ArmError(
        404,
        'ManagementPolicyNotFound',
        `No ManagementPolicy found for account ${account.name}`,
      );
    }
    return account.managementPolicy;
  }

  /** PUT: replaces the whole policy. */
  setManagementPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    rules: LifecycleRule[],
  ): { account: StorageAccount; policy: ManagementPolicy } {
    this.context.writableSubscription(subscriptionId);
    const account = this.get(subscriptionId, resourceGroupName, accountName);
    checkLifecycleRules(rules);
    const policy: ManagementPolicy = {
      // Azure answers `enabled` on every rule; an omitted one is on.
      rules: rules.map(r => ({ ...r, enabled: r.enabled ?? true })),
      lastModifiedTime: new Date(this.context.now()).toISOString(),
    };
    account.managementPolicy = policy;
    return { account, policy };
  }

  /** Whether there was a policy. */
  deleteManagementPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
  ): boolean {
    this.context.writableSubscription(subscriptionId);
    const account = this.get(subscriptionId, resourceGroupName, accountName);
    const existed = account.managementPolicy !== undefined;
    account.managementPolicy = undefined;
    return existed;
  }

  // ---- blob containers ---------------------------------------------------

  listContainers(account: StorageAccount): BlobContainer[] {
    return [...account.containers.values()];
  }

  getContainer(account: StorageAccount, name: string): BlobContainer {
    const container = account.containers.get(key(name));
    if (!container) {
      throw new ArmError(
        404,
        'ContainerNotFound',
        `The specified container '${name}' does not exist in storage account '${account.name}'.`,
      );
    }
    return container;
  }

  /** PUT: creates the container, or sets its public access and metadata. */
  createOrUpdateContainer(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    name: string,
    request: {
      publicAccess?: ContainerPublicAccess;
      metadata?: Record<string, string>;
    },
  ): { account: StorageAccount; container: BlobContainer; created: boolean } {
    this.context.writableSubscription(subscriptionId);
    const account = this.get(subscriptionId, resourceGroupName, accountName);
    if (!CONTAINER_NAME.test(name)) {
      throw new ArmError(
        400,
        'InvalidResourceName',
        `'${name}' is not a valid container name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.`,
      );
    }
    const now = new Date(this.context.now()).toISOString();
    const existing = account.containers.get(key(name));
    const container: BlobContainer = existing ?? {
      name,
      publicAccess: 'None',
      metadata: {},
      etag: newEtag(),
      lastModifiedTime: now,
    };
    container.publicAccess = request.publicAccess ?? container.publicAccess;
    container.metadata = { ...(request.metadata ?? container.metadata) };
    container.etag = newEtag();
    container.lastModifiedTime = now;
    account.containers.set(key(name), container);
    return { account, container, created: !existing };
  }

  // ---- immutability policies ---------------------------------------------

  getImmutabilityPolicy(
    account: StorageAccount,
    container: BlobContainer,
  ): ImmutabilityPolicy {
    if (!container.immutabilityPolicy) {
      throw new ArmError(
        404,
        'ContainerImmutabilityPolicyNotFound',
        `Container '${container.name}' of storage account '${account.name}' has no immutability policy.`,
      );
    }
    return container.immutabilityPolicy;
  }

  private writableContainer(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    containerName: string,
  ) {
    this.context.writableSubscription(subscriptionId);
    const account = this.get(subscriptionId, resourceGroupName, accountName);
    const container = this.getContainer(account, containerName);
    return { account, container };
  }

  /**
   * PUT: sets an unlocked (or new) policy to the request; on a locked policy
   * only a longer period is accepted, since locking means it can no longer be
   * shortened.
   */
  putImmutabilityPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    containerName: string,
    request: ImmutabilityPolicyRequest,
    ifMatch?: string,
  ): {
    account: StorageAccount;
    container: BlobContainer;
    policy: ImmutabilityPolicy;
  } {
    checkImmutabilityPeriod(request.immutabilityPeriodSinceCreationInDays);
    const { account, container } = this.writableContainer(
      subscriptionId,
      resourceGroupName,
      accountName,
      containerName,
    );
    const current = container.immutabilityPolicy;
    if (current) {
      checkIfMatch(
        ifMatch,
        current.etag,
        `the immutability policy of container '${container.name}'`,
      );
      if (current.state === 'Locked') {
        this.checkExtension(container, current, request);
      }
    }
    const policy: ImmutabilityPolicy = {
      immutabilityPeriodSinceCreationInDays:
        request.immutabilityPeriodSinceCreationInDays,
      allowProtectedAppendWrites:
        request.allowProtectedAppendWrites ??
        current?.allowProtectedAppendWrites ??
        false,
      state: current?.state ?? 'Unlocked',
      etag: newEtag(),
    };
    container.immutabilityPolicy = policy;
    return { account, container, policy };
  }

  /** POST …/extend: a longer period for a locked policy, the only change it allows. */
  extendImmutabilityPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    containerName: string,
    request: ImmutabilityPolicyRequest,
    ifMatch?: string,
  ): {
    account: StorageAccount;
    container: BlobContainer;
    policy: ImmutabilityPolicy;
  } {
    checkImmutabilityPeriod(request.immutabilityPeriodSinceCreationInDays);
    const { account, container } = this.writableContainer(
      subscriptionId,
      resourceGroupName,
      accountName,
      containerName,
    );
    const current = this.getImmutabilityPolicy(account, container);
    checkIfMatch(
      ifMatch,
      current.etag,
      `the immutability policy of container '${container.name}'`,
    );
    if (current.state !== 'Locked') {
      throw new ArmError(
        409,
        'ContainerImmutabilityPolicyNotLocked',
        `The immutability policy of container '${container.name}' is Unlocked: extend applies to locked policies only. Change an unlocked policy with a PUT, or lock it first.`,
      );
    }
    this.checkExtension(container, current, request);
    current.immutabilityPeriodSinceCreationInDays =
      request.immutabilityPeriodSinceCreationInDays;
    current.allowProtectedAppendWrites =
      request.allowProtectedAppendWrites ?? current.allowProtectedAppendWrites;
    current.etag = newEtag();
    return { account, container, policy: current };
  }

  private checkExtension(
    container: BlobContainer,
    current: ImmutabilityPolicy,
    request: ImmutabilityPolicyRequest,
  ) {
    if (
      request.immutabilityPeriodSinceCreationInDays <=
      current.immutabilityPeriodSinceCreationInDays
    ) {
      throw new ArmError(
        409,
        'ContainerImmutabilityPolicyLocked',
        `The immutability policy of container '${container.name}' is locked: its period can only be extended beyond ${current.immutabilityPeriodSinceCreationInDays} days; got ${request.immutabilityPeriodSinceCreationInDays}.`,
      );
    }
  }

  /** POST …/lock: locking cannot be undone; locking a locked policy changes nothing. */
  lockImmutabilityPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    containerName: string,
    ifMatch?: string,
  ): {
    account: StorageAccount;
    container: BlobContainer;
    policy: ImmutabilityPolicy;
  } {
    const { account, container } = this.writableContainer(
      subscriptionId,
      resourceGroupName,
      accountName,
      containerName,
    );
    const policy = this.getImmutabilityPolicy(account, container);
    checkIfMatch(
      ifMatch,
      policy.etag,
      `the immutability policy of container '${container.name}'`,
    );
    if (policy.state !== 'Locked') {
      policy.state = 'Locked';
      policy.etag = newEtag();
    }
    return { account, container, policy };
  }

  /** DELETE: removes an unlocked policy; a locked one stays until the container goes. */
  deleteImmutabilityPolicy(
    subscriptionId: string,
    resourceGroupName: string,
    accountName: string,
    containerName: string,
    ifMatch?: string,
  ): {
    account: StorageAccount;
    container: BlobContainer;
    policy: ImmutabilityPolicy;
  } {
    const { account, container } = this.writableContainer(
      subscriptionId,
      resourceGroupName,
      accountName,
      containerName,
    );
    const policy = this.getImmutabilityPolicy(account, container);
    checkIfMatch(
      ifMatch,
      policy.etag,
      `the immutability policy of container '${container.name}'`,
    );
    if (policy.state === 'Locked') {
      throw new ArmError(
        409,
        'ContainerImmutabilityPolicyLocked',
        `The immutability policy of container '${container.name}' is locked and cannot be deleted; it can only be extended.`,
      );
    }
    container.immutabilityPolicy = undefined;
    // Azure answers a deleted policy with a period of 0.
    return {
      account,
      container,
      policy: {
        ...policy,
        immutabilityPeriodSinceCreationInDays: 0,
        etag: newEtag(),
      },
    };
  }
}
