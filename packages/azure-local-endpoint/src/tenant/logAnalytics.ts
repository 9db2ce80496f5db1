import { randomUUID } from 'node:crypto';
import { ArmError } from '../arm/errors';
import { canonicalRegion } from '../arm/regions';
import { key, TenantContext } from './context';
import { stableGuid } from './ids';
import { ResourceGroups } from './resourceGroups';

export const WORKSPACE_SKUS = [
  'Free',
  'Standard',
  'Premium',
  'PerNode',
  'PerGB2018',
  'Standalone',
  'CapacityReservation',
  'LACluster',
] as const;
export type WorkspaceSku = (typeof WORKSPACE_SKUS)[number];

export const TABLE_PLANS = ['Analytics', 'Basic', 'Auxiliary'] as const;
export type TablePlan = (typeof TABLE_PLANS)[number];

/** Tables every new workspace starts with (the Microsoft tables the platform reads). */
export const DEFAULT_WORKSPACE_TABLES = [
  'AzureActivity',
  'AuditLogs',
  'LAQueryLogs',
  'StorageBlobLogs',
  'AzureDiagnostics',
  'AzureMetrics',
  'Heartbeat',
  'Usage',
] as const;

export const WORKSPACE_RETENTION = { min: 30, max: 730, default: 30 } as const;
export const TABLE_RETENTION = { min: 4, max: 730 } as const;
export const TABLE_TOTAL_RETENTION = { min: 4, max: 4383 } as const;

export interface Table {
  name: string;
  /** null: follows the workspace's retention. */
  retentionInDays: number | null;
  /** null: equals the table's interactive retention. */
  totalRetentionInDays: number | null;
  plan: TablePlan;
  tableType: 'Microsoft' | 'CustomLog';
  columns: { name: string; type: string; description?: string }[];
  lastPlanModifiedDate: string;
}

export interface Workspace {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  customerId: string;
  sku: WorkspaceSku;
  retentionInDays: number;
  dailyQuotaGb: number;
  createdDate: string;
  modifiedDate: string;
  tables: Map<string, Table>;
}

/** What a table answers with: defaults resolved against its workspace. */
export interface EffectiveTableRetention {
  retentionInDays: number;
  totalRetentionInDays: number;
  archiveRetentionInDays: number;
  retentionInDaysAsDefault: boolean;
  totalRetentionInDaysAsDefault: boolean;
}

export function effectiveRetention(
  workspace: Workspace,
  table: Table,
): EffectiveTableRetention {
  const interactive = table.retentionInDays ?? workspace.retentionInDays;
  // An explicit total below a later-raised workspace default is carried up
  // to it: Log Analytics never keeps data for less than the interactive period.
  const total = Math.max(
    table.totalRetentionInDays ?? interactive,
    interactive,
  );
  return {
    retentionInDays: interactive,
    totalRetentionInDays: total,
    archiveRetentionInDays: total - interactive,
    retentionInDaysAsDefault: table.retentionInDays === null,
    totalRetentionInDaysAsDefault: table.totalRetentionInDays === null,
  };
}

// 4-63 letters, digits and hyphens, starting and ending with a letter or digit.
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;

export interface WorkspaceRequest {
  location: string;
  tags?: Record<string, string>;
  sku?: WorkspaceSku;
  retentionInDays?: number;
  dailyQuotaGb?: number;
}

/**
 * A table write: `undefined` leaves a field as it is (PATCH) or resets it
 * (PUT); -1 always resets it to the default.
 */
export interface TableRequest {
  retentionInDays?: number;
  totalRetentionInDays?: number;
  plan?: TablePlan;
  columns?: { name: string; type: string; description?: string }[];
}

function invalidParameter(field: string, message: string): ArmError {
  return new ArmError(400, 'InvalidParameter', `'${field}': ${message}`);
}

function checkRange(
  field: string,
  value: number | undefined,
  range: { min: number; max: number },
) {
  if (value === undefined || value === -1) return;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalidParameter(
      field,
      `must be a whole number of days from ${range.min} to ${range.max}, or -1 for the default; got ${value}.`,
    );
  }
}

/** Microsoft.OperationalInsights workspaces and their tables. */
export class LogAnalytics {
  private readonly workspaces = new Map<string, Workspace>();

  constructor(
    private readonly context: TenantContext,
    private readonly resourceGroups: ResourceGroups,
  ) {}

  clear(): void {
    this.workspaces.clear();
  }

  listInSubscription(subscriptionId: string): Workspace[] {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return [...this.workspaces.values()].filter(w => w.subscriptionId === id);
  }

  listInResourceGroup(
    subscriptionId: string,
    resourceGroupName: string,
  ): Workspace[] {
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    return [...this.workspaces.values()].filter(
      w =>
        w.subscriptionId === group.subscriptionId &&
        key(w.resourceGroupName) === key(group.name),
    );
  }

  get(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
  ): Workspace {
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    const workspace = this.workspaces.get(
      key(group.subscriptionId, group.name, name),
    );
    if (!workspace) {
      throw new ArmError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.OperationalInsights/workspaces/${name}' under resource group '${resourceGroupName}' was not found.`,
      );
    }
    return workspace;
  }

  /**
   * PUT: creates the workspace with its default tables, or replaces its
   * settings. Tables still on the default retention follow a new workspace
   * retention; tables with their own keep it.
   */
  createOrUpdate(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
    request: WorkspaceRequest,
    options: { customerId?: string } = {},
  ): { workspace: Workspace; created: boolean } {
    this.context.writableSubscription(subscriptionId);
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    if (!WORKSPACE_NAME.test(name)) {
      throw new ArmError(
        400,
        'InvalidWorkspaceName',
        `Workspace name '${name}' is invalid: use 4-63 letters, digits and hyphens, starting and ending with a letter or digit.`,
      );
    }
    const location = canonicalRegion(request.location);
    if (!location) {
      throw new ArmError(
        400,
        'LocationNotAvailableForResourceType',
        `'location': the provided location '${request.location}' is not available for resource type 'Microsoft.OperationalInsights/workspaces'. Use an Azure region name such as 'westeurope'.`,
      );
    }
    const retention = request.retentionInDays ?? WORKSPACE_RETENTION.default;
    const now = new Date(this.context.now()).toISOString();
    const existing = this.workspaces.get(
      key(group.subscriptionId, group.name, name),
    );
    if (existing) {
      if (existing.location !== location) {
        throw new ArmError(
          409,
          'InvalidResourceLocation',
          `The resource '${name}' already exists in location '${existing.location}' in resource group '${group.name}'. A resource with the same name cannot be created in location '${location}'.`,
        );
      }
      existing.tags = { ...(request.tags ?? {}) };
      existing.sku = request.sku ?? 'PerGB2018';
      existing.retentionInDays = retention;
      existing.dailyQuotaGb = request.dailyQuotaGb ?? -1;
      existing.modifiedDate = now;
      return { workspace: existing, created: false };
    }
    const workspace: Workspace = {
      subscriptionId: group.subscriptionId,
      resourceGroupName: group.name,
      name,
      location,
      tags: { ...(request.tags ?? {}) },
      customerId: options.customerId ?? randomUUID(),
      sku: request.sku ?? 'PerGB2018',
      retentionInDays: retention,
      dailyQuotaGb: request.dailyQuotaGb ?? -1,
      createdDate: now,
      modifiedDate: now,
      tables: new Map(
        DEFAULT_WORKSPACE_TABLES.map(table => [
          key(table),
          {
            name: table,
            retentionInDays: null,
            totalRetentionInDays: null,
            plan: 'Analytics',
            tableType: 'Microsoft',
            columns: [],
            lastPlanModifiedDate: now,
          },
        ]),
      ),
    };
    this.workspaces.set(key(group.subscriptionId, group.name, name), workspace);
    return { workspace, created: true };
  }

  /** Whether it existed. */
  delete(
    subscriptionId: string,
    resourceGroupName: string,
    name: string,
  ): boolean {
    this.context.writableSubscription(subscriptionId);
    const group = this.resourceGroups.get(subscriptionId, resourceGroupName);
    return this.workspaces.delete(key(group.subscriptionId, group.name, name));
  }

  /** Drops the workspaces of a deleted resource group. */
  removeResourceGroup(subscriptionId: string, resourceGroupName: string): void {
    for (const [k, w] of this.workspaces) {
      if (
        w.subscriptionId === subscriptionId &&
        key(w.resourceGroupName) === key(resourceGroupName)
      ) {
        this.workspaces.delete(k);
      }
    }
  }

  // ---- tables ------------------------------------------------------------

  getTable(workspace: Workspace, tableName: string): Table {
    const table = workspace.tables.get(key(tableName));
    if (!table) {
      throw new ArmError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.OperationalInsights/workspaces/${workspace.name}/tables/${tableName}' under resource group '${workspace.resourceGroupName}' was not found.`,
      );
    }
    return table;
  }

  /**
   * PUT (`mode: 'replace'`) resets every omitted field to its default; PATCH
   * (`mode: 'merge'`) keeps them. A PUT of an unknown name creates a custom
   * table, which Log Analytics only allows for `_CL` names with columns.
   */
  writeTable(
    subscriptionId: string,
    resourceGroupName: string,
    workspaceName: string,
    tableName: string,
    request: TableRequest,
    mode: 'replace' | 'merge',
  ): { table: Table; workspace: Workspace; created: boolean } {
    this.context.writableSubscription(subscriptionId);
    const workspace = this.get(
      subscriptionId,
      resourceGroupName,
      workspaceName,
    );
    checkRange(
      'properties.retentionInDays',
      request.retentionInDays,
      TABLE_RETENTION,
    );
    checkRange(
      'properties.totalRetentionInDays',
      request.totalRetentionInDays,
      TABLE_TOTAL_RETENTION,
    );

    let table = workspace.tables.get(key(tableName));
    const created = !table;
    if (!table) {
      if (mode === 'merge') this.getTable(workspace, tableName);
      if (!tableName.endsWith('_CL')) {
        throw invalidParameter(
          'tableName',
          `'${tableName}' is not a table of workspace '${workspace.name}'; a new custom table's name must end with '_CL'.`,
        );
      }
      if (!request.columns?.length) {
        throw invalidParameter(
          'properties.schema.columns',
          `a custom table needs at least one column.`,
        );
      }
    }

    const next: Table = table
      ? { ...table }
      : {
          name: tableName,
          retentionInDays: null,
          totalRetentionInDays: null,
          plan: 'Analytics',
          tableType: 'CustomLog',
          columns: [],
          lastPlanModifiedDate: new Date(this.context.now()).toISOString(),
        };
    const resolve = (value: number | undefined, current: number | null) => {
      if (value === undefined) return mode === 'replace' ? null : current;
      return value === -1 ? null : value;
    };
    next.retentionInDays = resolve(
      request.retentionInDays,
      next.retentionInDays,
    );
    next.totalRetentionInDays = resolve(
      request.totalRetentionInDays,
      next.totalRetentionInDays,
    );
    const plan = request.plan ?? (mode === 'replace' ? 'Analytics' : next.plan);
    if (plan !== next.plan) {
      next.plan = plan;
      next.lastPlanModifiedDate = new Date(this.context.now()).toISOString();
    }
    if (request.columns) next.columns = request.columns.map(c => ({ ...c }));

    const interactive = next.retentionInDays ?? workspace.retentionInDays;
    if (
      next.totalRetentionInDays !== null &&
      next.totalRetentionInDays < interactive
    ) {
      throw invalidParameter(
        'properties.totalRetentionInDays',
        `total retention (${next.totalRetentionInDays} days) must be at least the interactive retention 'properties.retentionInDays' (${interactive} days).`,
      );
    }
    table = next;
    workspace.tables.set(key(tableName), table);
    return { table, workspace, created };
  }
}

/** Seeded workspaces keep their customer id across restarts. */
export const seededCustomerId = (
  subscriptionId: string,
  resourceGroupName: string,
  name: string,
) => stableGuid('workspace', subscriptionId, resourceGroupName, name);
