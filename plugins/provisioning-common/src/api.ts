import {
  DataClassification,
  DataResidency,
} from '@dataplatform/plugin-azure-common';
import {
  BudgetNotificationSpec,
  BuiltInRoleName,
  RecoveryTier,
} from './policy';

/**
 * The HTTP API of the provisioning backend (`/api/dataplatform-provisioning`),
 * shared by its frontend, the scaffolder actions and the catalog provider.
 */

/** What a domain owner asks for in "Request a data domain". */
export interface DomainRequestInput {
  /** Short name: becomes the Domain entity name and part of every Azure name. */
  name: string;
  title?: string;
  description: string;
  /** Entity ref of the owner group, e.g. `group:default/finance-domain-owners`. */
  ownerGroup: string;
  costCenter: string;
  dataClassification: DataClassification;
  dataResidency: DataResidency;
  primaryRegion: string;
  monthlyBudget: number;
  recoveryTier: RecoveryTier;
}

/** A subscription to vend: alias, display name, management group, tags. */
export interface SubscriptionPlan {
  aliasName: string;
  displayName: string;
  managementGroupId: string;
  tags: Record<string, string>;
}

/** A monthly Consumption budget with its notifications. */
export interface BudgetPlan {
  name: string;
  amount: number;
  timeGrain: 'Monthly';
  notifications: BudgetNotificationSpec[];
  contactEmails: string[];
}

/** A built-in role for the owner group's Entra ID group. */
export interface RoleAssignmentPlan {
  roleName: BuiltInRoleName;
  principalGroup: string;
  principalId: string;
}

/** Everything a domain request would create in Azure, shown before approval and in dry runs. */
export interface DomainPlan {
  subscription: SubscriptionPlan;
  budget: BudgetPlan;
  roleAssignments: RoleAssignmentPlan[];
  workspace: {
    resourceGroupName: string;
    name: string;
    region: string;
    retentionInDays: number;
    auditTables: string[];
    auditTotalRetentionInDays: number;
  };
  region: {
    primary: string;
    paired: string;
    pairedRegionInResidency: boolean;
  };
  recovery: { tier: RecoveryTier; rpoHours: number; rtoHours: number };
}

export const DOMAIN_REQUEST_STATUSES = [
  'pending-approval',
  'rejected',
  'approved',
  'provisioning',
  'provisioned',
  'failed',
] as const;
export type DomainRequestStatus = (typeof DOMAIN_REQUEST_STATUSES)[number];

export interface DomainRequest {
  id: string;
  input: DomainRequestInput;
  plan: DomainPlan;
  status: DomainRequestStatus;
  /** User entity ref of whoever submitted it. */
  requestedBy: string;
  requestedAt: string;
  /** The platform-team member who approved or rejected it, and when. */
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** The scaffolder task that provisions it, once approved. */
  provisioningTaskId?: string;
  subscriptionId?: string;
  workspaceResourceId?: string;
  domainEntityRef?: string;
  /** Why provisioning failed, naming the Azure error code. */
  failure?: string;
  updatedAt: string;
}

/** What "Lease an innovation sandbox" asks for. */
export interface SandboxLeaseInput {
  name: string;
  purpose: string;
  ownerGroup: string;
  costCenter: string;
  dataResidency: DataResidency;
  durationDays: number;
  budgetCap: number;
}

export const SANDBOX_LEASE_STATES = [
  'provisioning',
  'active',
  'expiring',
  'frozen',
  'expired',
  'decommissioned',
  'needs-attention',
] as const;
export type SandboxLeaseState = (typeof SANDBOX_LEASE_STATES)[number];

export interface SandboxLeaseEvent {
  at: string;
  state: SandboxLeaseState;
  /** What happened, e.g. "budget cap reached: 512.40 of 500; write roles removed". */
  note: string;
  /** User entity ref, or `scheduler` for the lease task. */
  by: string;
}

export interface SandboxPlan {
  subscription: SubscriptionPlan;
  budget: BudgetPlan;
  roleAssignments: RoleAssignmentPlan[];
  expiresOn: string;
  entityRef: string;
}

export interface SandboxLease {
  id: string;
  input: SandboxLeaseInput;
  plan: SandboxPlan;
  state: SandboxLeaseState;
  requestedBy: string;
  createdAt: string;
  /** ISO date-time the lease ends; moves once with an extension. */
  expiresAt: string;
  extensionsUsed: number;
  subscriptionId?: string;
  /** Month-to-date spend when the lease task last looked, with when. */
  lastSpend?: { amount: number; checkedAt: string };
  /** When the owner was warned of the expiry. */
  expiryWarnedAt?: string;
  history: SandboxLeaseEvent[];
  updatedAt: string;
}

/** One field that is wrong, and what is allowed. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Answer of the dry-run and validation routes. */
export interface ValidationResult<TPlan> {
  problems: FieldProblem[];
  plan?: TPlan;
}

/** Entities a template published in the embedded default, replaced as a set by key. */
export interface PublishedEntitySet {
  key: string;
  entities: Array<Record<string, unknown>>;
  publishedBy?: string;
  /**
   * The person whose scaffolder task published the set (a user entity ref);
   * only they may replace it. Sets without one may be replaced by any task.
   */
  initiatedBy?: string;
  taskId?: string;
  publishedAt: string;
}
