import type { CostProfileInput } from './costs';
import type { MonitorScenarioSeed } from './monitor';

export type SubscriptionState =
  | 'Enabled'
  | 'Warned'
  | 'PastDue'
  | 'Disabled'
  | 'Deleted';

export interface ManagementGroupSeed {
  id: string;
  displayName: string;
  parentId?: string;
}

export interface SubscriptionSeed {
  subscriptionId: string;
  displayName: string;
  managementGroupId: string;
  tags: Record<string, string>;
  state?: SubscriptionState;
  /** The alias it was vended through, if any. */
  aliasName?: string;
}

export interface TenantSeed extends TenantEstateSeed {
  tenantId: string;
  /** Cost Management's billing-account scope; derived from the tenant id when omitted. */
  billingAccountId?: string;
  managementGroups: ManagementGroupSeed[];
  subscriptions: SubscriptionSeed[];
}

/** An Entra ID principal the directory knows; role assignments may only name these. */
export interface PrincipalSeed {
  objectId: string;
  displayName: string;
  type: PrincipalType;
  mail?: string;
}

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal';

export interface ResourceGroupSeed {
  subscriptionId: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
}

export interface TableRetentionSeed {
  name: string;
  /** Interactive retention; the workspace default when omitted. */
  retentionInDays?: number;
  /** Total (interactive + long-term) retention; the interactive one when omitted. */
  totalRetentionInDays?: number;
}

export interface WorkspaceSeed {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  location: string;
  retentionInDays: number;
  tags?: Record<string, string>;
  /** Tables whose retention differs from the workspace default. */
  tables?: TableRetentionSeed[];
}

/** A blob container of a seeded storage account, with its time-based immutability policy if any. */
export interface BlobContainerSeed {
  name: string;
  immutability?: {
    days: number;
    state: 'Locked' | 'Unlocked';
    allowProtectedAppendWrites?: boolean;
  };
}

export interface StorageAccountSeed {
  subscriptionId: string;
  /** Created (in the account's region, with its tags) when the seed does not list it. */
  resourceGroupName: string;
  name: string;
  location: string;
  skuName:
    | 'Standard_LRS'
    | 'Standard_ZRS'
    | 'Standard_GRS'
    | 'Standard_RAGRS'
    | 'Standard_GZRS'
    | 'Standard_RAGZRS';
  tags?: Record<string, string>;
  /** Geo-redundant accounts only; `available` when omitted. */
  statusOfSecondary?: 'available' | 'unavailable';
  /** Lifecycle rules as Azure's JSON (`policy.rules`). Absent: no management policy. */
  lifecycleRules?: unknown[];
  containers?: BlobContainerSeed[];
}

export interface BudgetNotificationSeed {
  enabled: boolean;
  operator: 'EqualTo' | 'GreaterThan' | 'GreaterThanOrEqualTo';
  threshold: number;
  thresholdType: 'Actual' | 'Forecasted';
  contactEmails?: string[];
  contactGroups?: string[];
  contactRoles?: string[];
}

export interface BudgetSeed {
  subscriptionId: string;
  name: string;
  amount: number;
  timeGrain: 'Monthly' | 'Quarterly' | 'Annually';
  /** The first day of the month the tenant's clock is in when omitted. */
  startDate?: string;
  notifications: Record<string, BudgetNotificationSeed>;
}

export interface RoleAssignmentSeed {
  /** `/subscriptions/{id}` or `/subscriptions/{id}/resourceGroups/{name}`. */
  scope: string;
  roleDefinitionName: string;
  principalId: string;
}

/** Month-to-date spend of one subscription, in USD: scales its cost profile's month. */
export interface SpendSeed {
  amount: number;
  /** Forecast to the end of the month; projected from the amount when omitted. */
  forecast?: number;
}

/** What the estate holds beyond subscriptions; every list may be left out. */
export interface TenantEstateSeed {
  principals?: PrincipalSeed[];
  resourceGroups?: ResourceGroupSeed[];
  workspaces?: WorkspaceSeed[];
  storageAccounts?: StorageAccountSeed[];
  budgets?: BudgetSeed[];
  roleAssignments?: RoleAssignmentSeed[];
  /** How each subscription spends (daily cost relative to the clock); subscriptions not listed cost nothing. */
  costProfiles?: Record<string, CostProfileInput>;
  /** By subscription id: this month's spend, scaling the profile's month (applied after `costProfiles`). */
  spend?: Record<string, SpendSeed>;
  /** Azure Monitor's scripted answers; log signals need their workspace in `workspaces`. */
  monitor?: MonitorScenarioSeed;
}
