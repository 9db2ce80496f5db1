import { randomUUID } from 'node:crypto';
import { ArmError } from '../arm/errors';
import { findBuiltInRoleByName } from '../arm/builtInRoles';
import {
  Directory,
  RoleAssignments,
  subscriptionRoleDefinitionId,
} from './authorization';
import { Budgets, SpendModel } from './consumption';
import { TenantContext } from './context';
import { CostAlerts } from './costAlerts';
import { CostQueryPages } from './costQuery';
import { CostModel } from './costs';
import { stableGuid } from './ids';
import { LogAnalytics, seededCustomerId } from './logAnalytics';
import { MonitorScenario } from './monitor';
import { ResourceGroups } from './resourceGroups';
import { lifecycleRulesSchema, Storage } from './storage';
import {
  StorageAccountSeed,
  SubscriptionState,
  TenantEstateSeed,
  TenantSeed,
} from './types';

export interface ManagementGroup {
  id: string;
  displayName: string;
  parentId?: string;
  updatedTime: string;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: SubscriptionState;
  managementGroupId: string;
  tags: Record<string, string>;
  createdTime: string;
}

export type AliasProvisioningState = 'Accepted' | 'Succeeded' | 'Failed';

export interface Alias {
  name: string;
  subscriptionId: string;
  displayName: string;
  workload: 'Production' | 'DevTest';
  billingScope?: string;
  subscriptionOwnerId?: string;
  managementGroupId?: string;
  tags: Record<string, string>;
  provisioningState: AliasProvisioningState;
  createdTime: string;
  /** Epoch ms at which the vending finishes. */
  readyAt: number;
}

export interface AliasRequest {
  displayName: string;
  workload: 'Production' | 'DevTest';
  billingScope?: string;
  subscriptionOwnerId?: string;
  managementGroupId?: string;
  tags?: Record<string, string>;
}

export interface TenantOptions {
  /** How long a subscription alias stays `Accepted` before it succeeds. */
  aliasProvisioningMs: number;
  now?: () => number;
  /** Rows per Cost Management query page before a nextLink (default 5000, as Azure). */
  costQueryPageSize?: number;
}

/** Azure answers at most this many rows per Cost Management query page. */
export const DEFAULT_COST_QUERY_PAGE_SIZE = 5000;

/** A billing account id of the Microsoft Customer Agreement shape, derived from the tenant. */
export function defaultBillingAccountId(tenantId: string): string {
  return `${stableGuid('billing-account', tenantId)}:${stableGuid(
    'billing-profile',
    tenantId,
  )}_2019-05-31`;
}

const MG_PREFIX = '/providers/Microsoft.Management/managementGroups/';

/** Accepts either a management group name or its full resource id. */
export function managementGroupName(idOrName: string): string {
  const trimmed = idOrName.trim();
  return trimmed.startsWith(MG_PREFIX)
    ? trimmed.slice(MG_PREFIX.length)
    : trimmed;
}

/**
 * The stateful demo tenant: what an Azure tenant would hold for the routes
 * the portal calls. Everything is in memory; `reset` returns to the seed.
 */
export class Tenant {
  readonly tenantId: string;
  private readonly groups = new Map<string, ManagementGroup>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly aliases = new Map<string, Alias>();
  private readonly now: () => number;
  /** While the seed is applied, disabled subscriptions may still receive resources. */
  private seeding = false;

  /** Entra ID principals role assignments may name. */
  readonly directory = new Directory();
  readonly resourceGroups: ResourceGroups;
  /** Log Analytics workspaces and their tables. */
  readonly logAnalytics: LogAnalytics;
  /** Storage accounts, lifecycle policies, blob containers and immutability policies. */
  readonly storage: Storage;
  readonly budgets: Budgets;
  /** Daily cost per subscription from its profile, relative to the tenant clock. */
  readonly costs: CostModel;
  /** Month-to-date spend per subscription, reported by budgets (a view of `costs`). */
  readonly spend: SpendModel;
  /** Budget alerts as Cost Management reports them, with the statuses callers set. */
  readonly costAlerts: CostAlerts;
  /** Query result pages waiting behind a nextLink. */
  readonly costQueryPages = new CostQueryPages();
  /** The tenant's one billing account (Cost Management's billing-account scope covers every subscription). */
  readonly billingAccountId: string;
  readonly costQueryPageSize: number;
  readonly roleAssignments: RoleAssignments;
  /** Azure Monitor's scripted log query and metric answers. */
  readonly monitor: MonitorScenario;

  constructor(
    private readonly seed: TenantSeed,
    private readonly options: TenantOptions,
  ) {
    this.tenantId = seed.tenantId;
    this.now = options.now ?? Date.now;
    this.billingAccountId =
      seed.billingAccountId ?? defaultBillingAccountId(seed.tenantId);
    this.costQueryPageSize =
      options.costQueryPageSize ?? DEFAULT_COST_QUERY_PAGE_SIZE;
    if (
      !Number.isInteger(this.costQueryPageSize) ||
      this.costQueryPageSize < 1
    ) {
      throw new Error(
        `costQueryPageSize must be a whole number of rows, 1 or more; got ${options.costQueryPageSize}`,
      );
    }
    const context: TenantContext = {
      tenantId: this.tenantId,
      now: () => this.now(),
      getSubscription: id => this.getSubscription(id),
      writableSubscription: id => this.writableSubscription(id),
    };
    this.resourceGroups = new ResourceGroups(context);
    this.logAnalytics = new LogAnalytics(context, this.resourceGroups);
    this.storage = new Storage(context, this.resourceGroups);
    this.budgets = new Budgets(context);
    this.costs = new CostModel(context);
    this.spend = new SpendModel(context, this.costs);
    this.costAlerts = new CostAlerts(context, this.budgets, this.costs);
    this.roleAssignments = new RoleAssignments(
      context,
      this.resourceGroups,
      this.directory,
    );
    this.monitor = new MonitorScenario(context, this.logAnalytics);
    this.reset();
  }

  reset(): void {
    this.groups.clear();
    this.subscriptions.clear();
    this.aliases.clear();
    this.directory.clear();
    this.resourceGroups.clear();
    this.logAnalytics.clear();
    this.storage.clear();
    this.budgets.clear();
    this.costs.clear();
    this.costAlerts.clear();
    this.costQueryPages.clear();
    this.roleAssignments.clear();
    this.monitor.clear();
    const created = new Date(this.now() - 400 * 86_400_000).toISOString();
    for (const g of this.seed.managementGroups) {
      this.groups.set(g.id, { ...g, updatedTime: created });
    }
    for (const s of this.seed.subscriptions) {
      this.subscriptions.set(s.subscriptionId, {
        subscriptionId: s.subscriptionId,
        displayName: s.displayName,
        state: s.state ?? 'Enabled',
        managementGroupId: s.managementGroupId,
        tags: { ...s.tags },
        createdTime: created,
      });
      if (s.aliasName) {
        this.aliases.set(s.aliasName, {
          name: s.aliasName,
          subscriptionId: s.subscriptionId,
          displayName: s.displayName,
          workload: 'Production',
          managementGroupId: s.managementGroupId,
          tags: { ...s.tags },
          provisioningState: 'Succeeded',
          createdTime: created,
          readyAt: 0,
        });
      }
    }
    this.seeding = true;
    try {
      this.applyEstateSeed(this.seed, created);
    } finally {
      this.seeding = false;
    }
  }

  /** Resources, principals and spend of the seed, created through the same rules as requests. */
  private applyEstateSeed(seed: TenantEstateSeed, created: string): void {
    for (const principal of seed.principals ?? []) {
      this.directory.add(principal);
    }
    for (const g of seed.resourceGroups ?? []) {
      const { group } = this.resourceGroups.createOrUpdate(
        g.subscriptionId,
        g.name,
        g,
      );
      group.createdTime = created;
    }
    for (const w of seed.workspaces ?? []) {
      const { workspace } = this.logAnalytics.createOrUpdate(
        w.subscriptionId,
        w.resourceGroupName,
        w.name,
        {
          location: w.location,
          tags: w.tags,
          retentionInDays: w.retentionInDays,
        },
        {
          customerId: seededCustomerId(
            w.subscriptionId,
            w.resourceGroupName,
            w.name,
          ),
        },
      );
      workspace.createdDate = created;
      for (const t of w.tables ?? []) {
        this.logAnalytics.writeTable(
          w.subscriptionId,
          w.resourceGroupName,
          w.name,
          t.name,
          {
            retentionInDays: t.retentionInDays,
            totalRetentionInDays: t.totalRetentionInDays,
          },
          'merge',
        );
      }
    }
    for (const a of seed.storageAccounts ?? []) {
      this.seedStorageAccount(a, created);
    }
    const monthStart = new Date(created);
    const startDate = new Date(
      Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), 1),
    ).toISOString();
    for (const b of seed.budgets ?? []) {
      const start = b.startDate ?? startDate;
      const end = new Date(start);
      end.setUTCFullYear(end.getUTCFullYear() + 10);
      this.budgets.createOrUpdate(b.subscriptionId, b.name, {
        category: 'Cost',
        amount: b.amount,
        timeGrain: b.timeGrain,
        timePeriod: { startDate: start, endDate: end.toISOString() },
        notifications: Object.fromEntries(
          Object.entries(b.notifications).map(([name, n]) => [
            name,
            {
              ...n,
              contactEmails: n.contactEmails ?? [],
              contactGroups: n.contactGroups ?? [],
              contactRoles: n.contactRoles ?? [],
            },
          ]),
        ),
      });
    }
    for (const a of seed.roleAssignments ?? []) {
      const role = findBuiltInRoleByName(a.roleDefinitionName);
      if (!role)
        throw new Error(`seed names unknown role '${a.roleDefinitionName}'`);
      const [, , subscriptionId, , resourceGroupName] = a.scope.split('/');
      this.roleAssignments.create(
        { subscriptionId, resourceGroupName },
        // Named from what it grants, so a restarted endpoint answers with the same ids.
        stableGuid('role-assignment', a.scope, role.id, a.principalId),
        {
          roleDefinitionId: subscriptionRoleDefinitionId(
            subscriptionId,
            role.id,
          ),
          principalId: a.principalId,
        },
      );
    }
    for (const [subscriptionId, profile] of Object.entries(
      seed.costProfiles ?? {},
    )) {
      this.costs.setProfile(subscriptionId, profile);
    }
    // After the profiles: a seeded spend scales the profile's month.
    for (const [subscriptionId, s] of Object.entries(seed.spend ?? {})) {
      this.spend.set(subscriptionId, s.amount, s.forecast);
    }
    for (const signal of seed.monitor?.logSignals ?? []) {
      this.monitor.setLogSignal(signal);
    }
    for (const metric of seed.monitor?.metrics ?? []) {
      this.monitor.setMetric(metric);
    }
  }

  private seedStorageAccount(a: StorageAccountSeed, created: string): void {
    const { subscriptionId, resourceGroupName, name } = a;
    if (!this.resourceGroups.find(subscriptionId, resourceGroupName)) {
      const { group } = this.resourceGroups.createOrUpdate(
        subscriptionId,
        resourceGroupName,
        { location: a.location, tags: a.tags },
      );
      group.createdTime = created;
    }
    const { account } = this.storage.createOrUpdate(
      subscriptionId,
      resourceGroupName,
      name,
      { location: a.location, skuName: a.skuName, tags: a.tags },
      { statusOfSecondary: a.statusOfSecondary },
    );
    account.creationTime = created;
    if (a.lifecycleRules) {
      const rules = lifecycleRulesSchema.safeParse(a.lifecycleRules);
      if (!rules.success) {
        const issue = rules.error.issues[0];
        throw new Error(
          `seed storage account '${name}': lifecycleRules.${issue.path.join(
            '.',
          )}: ${issue.message}`,
        );
      }
      const { policy } = this.storage.setManagementPolicy(
        subscriptionId,
        resourceGroupName,
        name,
        rules.data,
      );
      policy.lastModifiedTime = created;
    }
    for (const c of a.containers ?? []) {
      const { container } = this.storage.createOrUpdateContainer(
        subscriptionId,
        resourceGroupName,
        name,
        c.name,
        {},
      );
      container.lastModifiedTime = created;
      if (!c.immutability) continue;
      this.storage.putImmutabilityPolicy(
        subscriptionId,
        resourceGroupName,
        name,
        c.name,
        {
          immutabilityPeriodSinceCreationInDays: c.immutability.days,
          allowProtectedAppendWrites: c.immutability.allowProtectedAppendWrites,
        },
      );
      if (c.immutability.state === 'Locked') {
        this.storage.lockImmutabilityPolicy(
          subscriptionId,
          resourceGroupName,
          name,
          c.name,
        );
      }
    }
  }

  // ---- management groups -------------------------------------------------

  listManagementGroups(): ManagementGroup[] {
    return [...this.groups.values()];
  }

  getManagementGroup(id: string): ManagementGroup {
    const group = this.groups.get(managementGroupName(id));
    if (!group) {
      throw new ArmError(
        404,
        'NotFound',
        `Management group '${id}' was not found.`,
      );
    }
    return group;
  }

  childGroups(id: string): ManagementGroup[] {
    return this.listManagementGroups().filter(g => g.parentId === id);
  }

  /** The chain of parents from the group's parent up to the tenant root. */
  ancestors(id: string): ManagementGroup[] {
    const chain: ManagementGroup[] = [];
    let current = this.getManagementGroup(id).parentId;
    while (current) {
      const parent = this.getManagementGroup(current);
      chain.push(parent);
      current = parent.parentId;
    }
    return chain;
  }

  /** Subscriptions in the group and in every group below it. */
  subscriptionsBelow(groupId: string): Subscription[] {
    const root = this.getManagementGroup(groupId).id;
    const groups = new Set([root]);
    for (let added = true; added; ) {
      added = false;
      for (const g of this.groups.values()) {
        if (g.parentId && groups.has(g.parentId) && !groups.has(g.id)) {
          groups.add(g.id);
          added = true;
        }
      }
    }
    return this.listSubscriptions().filter(s =>
      groups.has(s.managementGroupId),
    );
  }

  subscriptionsIn(groupId: string): Subscription[] {
    const id = this.getManagementGroup(groupId).id;
    return this.listSubscriptions().filter(s => s.managementGroupId === id);
  }

  moveSubscription(subscriptionId: string, groupId: string): Subscription {
    const group = this.getManagementGroup(groupId);
    const subscription = this.getSubscription(subscriptionId);
    subscription.managementGroupId = group.id;
    return subscription;
  }

  /** Removing a subscription from a group puts it back under the tenant root. */
  removeSubscription(subscriptionId: string, groupId: string): void {
    const group = this.getManagementGroup(groupId);
    const subscription = this.getSubscription(subscriptionId);
    if (subscription.managementGroupId !== group.id) {
      throw new ArmError(
        404,
        'NotFound',
        `Subscription '${subscriptionId}' is not a child of management group '${group.id}'.`,
      );
    }
    subscription.managementGroupId = this.tenantId;
  }

  // ---- subscriptions -----------------------------------------------------

  listSubscriptions(): Subscription[] {
    this.settleAliases();
    return [...this.subscriptions.values()];
  }

  getSubscription(subscriptionId: string): Subscription {
    this.settleAliases();
    const subscription = this.subscriptions.get(subscriptionId.toLowerCase());
    if (!subscription) {
      throw new ArmError(
        404,
        'SubscriptionNotFound',
        `The subscription '${subscriptionId}' could not be found.`,
      );
    }
    return subscription;
  }

  /** The tenant's clock (epoch ms); tests may set it through TenantOptions.now. */
  currentTime(): number {
    return this.now();
  }

  /** Writes within a disabled subscription are refused, as Azure makes it read-only. */
  writableSubscription(subscriptionId: string): Subscription {
    const subscription = this.getSubscription(subscriptionId);
    if (
      !this.seeding &&
      (subscription.state === 'Disabled' || subscription.state === 'Deleted')
    ) {
      throw new ArmError(
        409,
        'ReadOnlyDisabledSubscription',
        `The subscription '${subscription.subscriptionId}' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.`,
      );
    }
    return subscription;
  }

  /** Microsoft.Subscription cancel: the subscription turns Disabled (read-only). */
  cancelSubscription(subscriptionId: string): Subscription {
    const subscription = this.getSubscription(subscriptionId);
    subscription.state = 'Disabled';
    return subscription;
  }

  enableSubscription(subscriptionId: string): Subscription {
    const subscription = this.getSubscription(subscriptionId);
    subscription.state = 'Enabled';
    return subscription;
  }

  /** Deleting a resource group deletes what it holds. */
  deleteResourceGroup(subscriptionId: string, name: string) {
    const group = this.resourceGroups.delete(subscriptionId, name);
    this.logAnalytics.removeResourceGroup(group.subscriptionId, group.name);
    this.storage.removeResourceGroup(group.subscriptionId, group.name);
    this.roleAssignments.removeScope(
      `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}`,
    );
    return group;
  }

  replaceTags(subscriptionId: string, tags: Record<string, string>) {
    const subscription = this.getSubscription(subscriptionId);
    subscription.tags = { ...tags };
    return subscription.tags;
  }

  patchTags(
    subscriptionId: string,
    operation: 'Replace' | 'Merge' | 'Delete',
    tags: Record<string, string>,
  ) {
    const subscription = this.getSubscription(subscriptionId);
    if (operation === 'Replace') {
      subscription.tags = { ...tags };
    } else if (operation === 'Merge') {
      subscription.tags = { ...subscription.tags, ...tags };
    } else {
      // Delete removes a key only when the given value matches the stored one.
      for (const [key, value] of Object.entries(tags)) {
        if (subscription.tags[key] === value) delete subscription.tags[key];
      }
    }
    return subscription.tags;
  }

  // ---- subscription aliases (vending) ------------------------------------

  /**
   * Creating an alias is idempotent by name: a second PUT with the same name
   * answers with the subscription of the first, whatever its body says.
   */
  createAlias(
    name: string,
    request: AliasRequest,
  ): { alias: Alias; created: boolean } {
    const existing = this.aliases.get(name);
    if (existing) {
      this.settleAliases();
      return { alias: existing, created: false };
    }
    if (request.managementGroupId) {
      this.getManagementGroup(request.managementGroupId);
    }
    const now = this.now();
    const alias: Alias = {
      name,
      subscriptionId: randomUUID(),
      displayName: request.displayName,
      workload: request.workload,
      billingScope: request.billingScope,
      subscriptionOwnerId: request.subscriptionOwnerId,
      managementGroupId: request.managementGroupId
        ? managementGroupName(request.managementGroupId)
        : undefined,
      tags: { ...(request.tags ?? {}) },
      provisioningState: 'Accepted',
      createdTime: new Date(now).toISOString(),
      readyAt: now + this.options.aliasProvisioningMs,
    };
    this.aliases.set(name, alias);
    this.settleAliases();
    return { alias, created: true };
  }

  getAlias(name: string): Alias {
    this.settleAliases();
    const alias = this.aliases.get(name);
    if (!alias) {
      throw new ArmError(
        404,
        'NotFound',
        `Subscription alias '${name}' was not found.`,
      );
    }
    return alias;
  }

  listAliases(): Alias[] {
    this.settleAliases();
    return [...this.aliases.values()];
  }

  /** Deleting an alias keeps the subscription, as Azure does. */
  deleteAlias(name: string): boolean {
    return this.aliases.delete(name);
  }

  /** Vending finishes by time: accepted aliases whose time has come get their subscription. */
  private settleAliases(): void {
    const now = this.now();
    for (const alias of this.aliases.values()) {
      if (alias.provisioningState !== 'Accepted' || alias.readyAt > now)
        continue;
      alias.provisioningState = 'Succeeded';
      this.subscriptions.set(alias.subscriptionId, {
        subscriptionId: alias.subscriptionId,
        displayName: alias.displayName,
        state: 'Enabled',
        managementGroupId: alias.managementGroupId ?? this.tenantId,
        tags: { ...alias.tags },
        createdTime: new Date(alias.readyAt).toISOString(),
      });
    }
  }
}
