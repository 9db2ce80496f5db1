import type {
  DateAfterModification,
  ImmutabilityPolicy,
  ListContainerItem,
  ManagementPolicy,
  ManagementPolicyRule,
  StorageAccount,
} from '@azure/arm-storage';
import type {
  Table as LogAnalyticsTable,
  Workspace as LogAnalyticsWorkspace,
} from '@azure/arm-operationalinsights';
import {
  AzureClients,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';
import {
  LifecycleDays,
  ReadProblem,
  ScannedContainer,
  ScannedLifecycleRule,
  ScannedStorageAccount,
  ScannedTable,
  ScannedWorkspace,
  SubscriptionScan,
} from '@dataplatform/plugin-retention-common';
import pLimit from 'p-limit';
import { parseArmResourceId } from './armIds';
import { readAfterListFailure, readFailure } from './reasons';

/** The operations a scan makes, as counted in `SubscriptionScan.calls`. */
export const SCAN_OPERATIONS = [
  'listWorkspaces',
  'listTables',
  'listStorageAccounts',
  'getManagementPolicy',
  'listContainers',
  'getImmutabilityPolicy',
] as const;
export type ScanOperation = (typeof SCAN_OPERATIONS)[number];

/**
 * Calls one subscription's scan has in flight at most. Resource Manager
 * refills a principal's read budget per subscription at about 25 requests
 * a second; four at a time stays well inside it even with several
 * subscriptions scanned at once.
 */
export const CALLS_IN_FLIGHT_PER_SUBSCRIPTION = 4;

/**
 * Log Analytics keeps a workspace's data 30 days unless told otherwise; a
 * workspace answer without `retentionInDays` follows that default.
 */
const LOG_ANALYTICS_DEFAULT_RETENTION_DAYS = 30;

export interface ScanOptions {
  abortSignal?: AbortSignal;
}

/** A workspace or storage account whose id could not be split into its parts. */
function unparsableId(what: string, id: string | undefined): ReadProblem {
  return {
    reason: `the ${what} id '${
      id ?? ''
    }' names no resource group, so it cannot be read`,
  };
}

function lifecycleDays(
  action: DateAfterModification | undefined,
): LifecycleDays | undefined {
  if (!action) return undefined;
  // Azure allows exactly one of the three clocks per action.
  if (typeof action.daysAfterModificationGreaterThan === 'number') {
    return {
      days: action.daysAfterModificationGreaterThan,
      basis: 'modification',
    };
  }
  if (typeof action.daysAfterCreationGreaterThan === 'number') {
    return { days: action.daysAfterCreationGreaterThan, basis: 'creation' };
  }
  if (typeof action.daysAfterLastAccessTimeGreaterThan === 'number') {
    return {
      days: action.daysAfterLastAccessTimeGreaterThan,
      basis: 'last-access',
    };
  }
  return undefined;
}

/** A lifecycle rule as far as retention is concerned (base blobs only). */
export function scannedRule(rule: ManagementPolicyRule): ScannedLifecycleRule {
  const filters = rule.definition?.filters;
  const baseBlob = rule.definition?.actions?.baseBlob;
  const tierToCool = lifecycleDays(baseBlob?.tierToCool);
  const tierToCold = lifecycleDays(baseBlob?.tierToCold);
  const tierToArchive = lifecycleDays(baseBlob?.tierToArchive);
  const remove = lifecycleDays(baseBlob?.delete);
  return {
    name: rule.name,
    // Azure runs a rule whose `enabled` is left out.
    enabled: rule.enabled !== false,
    prefixMatch: filters?.prefixMatch ?? [],
    blobTypes: filters?.blobTypes ?? [],
    hasBlobIndexFilter: (filters?.blobIndexMatch?.length ?? 0) > 0,
    ...(tierToCool ? { tierToCool } : {}),
    ...(tierToCold ? { tierToCold } : {}),
    ...(tierToArchive ? { tierToArchive } : {}),
    ...(remove ? { delete: remove } : {}),
  };
}

/** Only Lifecycle rules exist today; anything else does not move or delete blobs. */
function lifecycleRules(policy: ManagementPolicy): ScannedLifecycleRule[] {
  return (policy.policy?.rules ?? [])
    .filter(rule => rule.type === undefined || rule.type === 'Lifecycle')
    .map(scannedRule);
}

/** -1 or absent: the table follows its default. */
function explicitDays(value: number | undefined): number | undefined {
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * A table's retention with its defaults resolved: interactive retention
 * follows the workspace, total retention the interactive retention. Log
 * Analytics never keeps a table's data for less than its interactive
 * period, whatever the total says.
 */
export function scannedTable(
  table: LogAnalyticsTable,
  workspaceRetentionInDays: number,
): ScannedTable {
  const ownInteractive = explicitDays(table.retentionInDays);
  const ownTotal = explicitDays(table.totalRetentionInDays);
  const retentionInDays = ownInteractive ?? workspaceRetentionInDays;
  const totalRetentionInDays = Math.max(
    ownTotal ?? retentionInDays,
    retentionInDays,
  );
  return {
    name: table.name ?? '',
    retentionInDays,
    totalRetentionInDays,
    retentionInDaysAsDefault:
      table.retentionInDaysAsDefault ?? ownInteractive === undefined,
    totalRetentionInDaysAsDefault:
      table.totalRetentionInDaysAsDefault ?? ownTotal === undefined,
    ...(table.plan ? { plan: table.plan } : {}),
  };
}

/** One subscription's scan: its call limit and its call counts. */
class ScanContext {
  readonly calls: Record<string, number> = Object.fromEntries(
    SCAN_OPERATIONS.map(operation => [operation, 0]),
  );
  private readonly limit = pLimit(CALLS_IN_FLIGHT_PER_SUBSCRIPTION);

  constructor(
    private readonly clients: AzureClients,
    private readonly subscriptionId: string,
    private readonly abortSignal: AbortSignal | undefined,
  ) {}

  /** One call of `operation`, counted when it is sent. */
  private call<T>(operation: ScanOperation, send: () => Promise<T>) {
    return this.limit(() => {
      this.calls[operation] += 1;
      return send();
    });
  }

  /**
   * Every item of a paged list, one counted call per page: a list that
   * takes a second page costs a second request.
   */
  private list<T>(
    operation: ScanOperation,
    pages: () => AsyncIterableIterator<T[]>,
  ): Promise<T[]> {
    return this.limit(async () => {
      const items: T[] = [];
      // The first page is always requested; each further page only when
      // the previous one links to it, and a failed request counts too.
      let requests = 0;
      try {
        for await (const page of pages()) {
          requests += 1;
          items.push(...page);
        }
        requests = Math.max(requests, 1);
      } catch (error) {
        requests += 1;
        throw error;
      } finally {
        this.calls[operation] += requests;
      }
      return items;
    });
  }

  private get options() {
    return { abortSignal: this.abortSignal };
  }

  async workspaces(): Promise<
    Partial<Pick<SubscriptionScan, 'workspaces' | 'workspacesProblem'>>
  > {
    const client = this.clients.logAnalytics(this.subscriptionId);
    let listed: LogAnalyticsWorkspace[];
    try {
      listed = await this.list('listWorkspaces', () =>
        client.workspaces.list(this.options).byPage(),
      );
    } catch (error) {
      return {
        workspacesProblem: readFailure(
          'listing Log Analytics workspaces',
          error,
        ),
      };
    }
    const workspaces = await Promise.all(
      listed.map(workspace => this.workspace(workspace)),
    );
    return { workspaces };
  }

  private async workspace(
    workspace: LogAnalyticsWorkspace,
  ): Promise<ScannedWorkspace> {
    const retentionInDays =
      workspace.retentionInDays ?? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS;
    const base = {
      id: workspace.id ?? '',
      name: workspace.name ?? '',
      location: workspace.location ?? '',
      retentionInDays,
    };
    const parts = parseArmResourceId(workspace.id);
    if (!parts)
      return { ...base, problem: unparsableId('workspace', workspace.id) };
    const client = this.clients.logAnalytics(this.subscriptionId);
    try {
      // One list per workspace gives every table's retention; a GET per
      // table would cost a call for each of its hundreds of tables.
      const tables = await this.list('listTables', () =>
        client.tables
          .listByWorkspace(parts.resourceGroupName, parts.name, this.options)
          .byPage(),
      );
      return {
        ...base,
        tables: tables.map(table => scannedTable(table, retentionInDays)),
      };
    } catch (error) {
      return {
        ...base,
        problem: readAfterListFailure('listing tables', error),
      };
    }
  }

  async storageAccounts(): Promise<
    Partial<
      Pick<SubscriptionScan, 'storageAccounts' | 'storageAccountsProblem'>
    >
  > {
    const client = this.clients.storage(this.subscriptionId);
    let listed: StorageAccount[];
    try {
      listed = await this.list('listStorageAccounts', () =>
        client.storageAccounts.list(this.options).byPage(),
      );
    } catch (error) {
      return {
        storageAccountsProblem: readFailure('listing storage accounts', error),
      };
    }
    const storageAccounts = await Promise.all(
      listed.map(account => this.storageAccount(account)),
    );
    return { storageAccounts };
  }

  private async storageAccount(
    account: StorageAccount,
  ): Promise<ScannedStorageAccount> {
    const base: ScannedStorageAccount = {
      id: account.id ?? '',
      name: account.name ?? '',
      location: account.location ?? '',
      skuName: account.sku?.name ?? '',
      ...(account.secondaryLocation
        ? { secondaryLocation: account.secondaryLocation }
        : {}),
      ...(account.statusOfSecondary
        ? { statusOfSecondary: account.statusOfSecondary }
        : {}),
    };
    const parts = parseArmResourceId(account.id);
    if (!parts) {
      const problem = unparsableId('storage account', account.id);
      return { ...base, lifecycleProblem: problem, containersProblem: problem };
    }
    const [lifecycle, containers] = await Promise.all([
      this.lifecycle(parts.resourceGroupName, parts.name),
      this.containers(parts.resourceGroupName, parts.name),
    ]);
    return { ...base, ...lifecycle, ...containers };
  }

  private async lifecycle(
    resourceGroupName: string,
    accountName: string,
  ): Promise<
    Partial<Pick<ScannedStorageAccount, 'lifecycleRules' | 'lifecycleProblem'>>
  > {
    const client = this.clients.storage(this.subscriptionId);
    try {
      const policy = await this.call('getManagementPolicy', () =>
        client.managementPolicies.get(
          resourceGroupName,
          accountName,
          'default',
          this.options,
        ),
      );
      return { lifecycleRules: lifecycleRules(policy) };
    } catch (error) {
      const { statusCode, code } = describeAzureError(error);
      // How Azure says the account has no lifecycle policy; a 404 of the
      // account itself is a problem, not an empty policy.
      if (statusCode === 404 && code === 'ManagementPolicyNotFound') {
        return { lifecycleRules: [] };
      }
      return {
        lifecycleProblem: readAfterListFailure(
          'reading the lifecycle management policy',
          error,
        ),
      };
    }
  }

  private async containers(
    resourceGroupName: string,
    accountName: string,
  ): Promise<
    Partial<Pick<ScannedStorageAccount, 'containers' | 'containersProblem'>>
  > {
    const client = this.clients.storage(this.subscriptionId);
    let listed: ListContainerItem[];
    try {
      listed = await this.list('listContainers', () =>
        client.blobContainers
          .list(resourceGroupName, accountName, this.options)
          .byPage(),
      );
    } catch (error) {
      return {
        containersProblem: readAfterListFailure('listing containers', error),
      };
    }
    const containers = await Promise.all(
      listed.map(container =>
        this.container(resourceGroupName, accountName, container),
      ),
    );
    return { containers };
  }

  private async container(
    resourceGroupName: string,
    accountName: string,
    container: ListContainerItem,
  ): Promise<ScannedContainer> {
    const name = container.name ?? '';
    if (!container.hasImmutabilityPolicy) {
      return { name, immutabilityPolicy: null };
    }
    const client = this.clients.storage(this.subscriptionId);
    let policy: ImmutabilityPolicy;
    try {
      policy = await this.call('getImmutabilityPolicy', () =>
        client.blobContainers.getImmutabilityPolicy(
          resourceGroupName,
          accountName,
          name,
          this.options,
        ),
      );
    } catch (error) {
      return {
        name,
        problem: readAfterListFailure('reading the immutability policy', error),
      };
    }
    return {
      name,
      immutabilityPolicy: {
        // A policy Azure does not call Locked can still be shortened or
        // removed: it is held to the weaker state.
        state: policy.state === 'Locked' ? 'Locked' : 'Unlocked',
        immutabilityPeriodSinceCreationInDays:
          policy.immutabilityPeriodSinceCreationInDays ?? 0,
        ...(policy.allowProtectedAppendWrites !== undefined
          ? { allowProtectedAppendWrites: policy.allowProtectedAppendWrites }
          : {}),
      },
    };
  }
}

/**
 * Reads what one subscription keeps: Log Analytics workspaces and their
 * tables' retention, storage accounts with their lifecycle rules, blob
 * containers and immutability policies. Every call goes through the access
 * layer; a failed call becomes a problem on the item it was for and the
 * scan goes on, so one throttled account does not hide the others.
 */
export class SubscriptionScanner {
  constructor(private readonly clients: AzureClients) {}

  async scan(
    subscriptionId: string,
    options: ScanOptions = {},
  ): Promise<SubscriptionScan> {
    const scan = new ScanContext(
      this.clients,
      subscriptionId,
      options.abortSignal,
    );
    const [workspaces, storage] = await Promise.all([
      scan.workspaces(),
      scan.storageAccounts(),
    ]);
    return {
      subscriptionId,
      scannedAt: new Date().toISOString(),
      ...workspaces,
      ...storage,
      calls: scan.calls,
    };
  }
}
