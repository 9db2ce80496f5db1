import { PlatformManagementGroups } from '@dataplatform/plugin-azure-common';
import {
  DomainPlan,
  DomainRequestInput,
  SandboxLeaseInput,
  SandboxPlan,
} from './api';
import { PROVISIONING_TAGS } from './annotations';
import { domainResourceNames, sandboxResourceNames } from './naming';
import {
  BUDGET_NOTIFICATIONS,
  DOMAIN_OWNER_ROLES,
  RECOVERY_TIERS,
  SANDBOX_OWNER_ROLES,
  SANDBOX_POLICY,
  WORKSPACE_RETENTION_BASELINE,
} from './policy';
import { findRegion } from './regions';
import { isoDay, leaseEnd } from './leases';
import { toGroupRef } from './validation';

/** What the backend knows about the owner group from the catalog. */
export interface OwnerGroupFacts {
  ref: string;
  /** Entra ID object id (annotation graph.microsoft.com/group-id). */
  principalId: string;
  /** Where budget alerts go: the group's profile email. */
  email: string;
}

function groupName(ref: string) {
  return ref.slice(ref.indexOf('/') + 1);
}

/** What approving a valid domain request will create. */
export function buildDomainPlan(
  input: DomainRequestInput,
  context: {
    managementGroups: PlatformManagementGroups;
    owner: OwnerGroupFacts;
    requestId?: string;
  },
): DomainPlan {
  const names = domainResourceNames(input.name);
  const region = findRegion(input.primaryRegion);
  const tier = RECOVERY_TIERS[input.recoveryTier];
  const ownerRef = toGroupRef(context.owner.ref);
  return {
    subscription: {
      aliasName: names.aliasName,
      displayName: names.subscriptionDisplayName,
      managementGroupId: context.managementGroups.domains,
      tags: {
        domain: input.name,
        owner: groupName(ownerRef),
        costCenter: input.costCenter,
        dataClassification: input.dataClassification,
        dataResidency: input.dataResidency,
        environment: 'production',
        [PROVISIONING_TAGS.recoveryTier]: input.recoveryTier,
        ...(context.requestId
          ? { [PROVISIONING_TAGS.requestId]: context.requestId }
          : {}),
      },
    },
    budget: {
      name: names.budgetName,
      amount: input.monthlyBudget,
      timeGrain: 'Monthly',
      notifications: [...BUDGET_NOTIFICATIONS],
      contactEmails: [context.owner.email],
    },
    roleAssignments: DOMAIN_OWNER_ROLES.map(roleName => ({
      roleName,
      principalGroup: ownerRef,
      principalId: context.owner.principalId,
    })),
    workspace: {
      resourceGroupName: names.resourceGroupName,
      name: names.workspaceName,
      region: input.primaryRegion,
      retentionInDays: WORKSPACE_RETENTION_BASELINE.retentionInDays,
      auditTables: [...WORKSPACE_RETENTION_BASELINE.auditTables],
      auditTotalRetentionInDays:
        WORKSPACE_RETENTION_BASELINE.auditTotalRetentionInDays,
    },
    region: {
      primary: input.primaryRegion,
      paired: region?.pairedRegion ?? '',
      pairedRegionInResidency: region?.pairedRegionInResidency ?? false,
    },
    recovery: {
      tier: input.recoveryTier,
      rpoHours: tier.rpoHours,
      rtoHours: tier.rtoHours,
    },
  };
}

/** What leasing a sandbox will create; `start` is when the lease begins. */
export function buildSandboxPlan(
  input: SandboxLeaseInput,
  context: {
    managementGroups: PlatformManagementGroups;
    owner: OwnerGroupFacts;
    start: Date;
    leaseId?: string;
  },
): SandboxPlan {
  const names = sandboxResourceNames(input.name);
  const ownerRef = toGroupRef(context.owner.ref);
  const expiresOn = isoDay(leaseEnd(context.start, input.durationDays));
  return {
    subscription: {
      aliasName: names.aliasName,
      displayName: names.subscriptionDisplayName,
      managementGroupId: context.managementGroups.sandboxes,
      tags: {
        domain: groupName(ownerRef).replace(/-domain-owners$/, ''),
        owner: groupName(ownerRef),
        costCenter: input.costCenter,
        dataClassification: SANDBOX_POLICY.dataClassification,
        dataResidency: input.dataResidency,
        environment: 'sandbox',
        [PROVISIONING_TAGS.expiresOn]: expiresOn,
        ...(context.leaseId
          ? { [PROVISIONING_TAGS.leaseId]: context.leaseId }
          : {}),
      },
    },
    budget: {
      name: names.budgetName,
      amount: input.budgetCap,
      timeGrain: 'Monthly',
      notifications: [...BUDGET_NOTIFICATIONS],
      contactEmails: [context.owner.email],
    },
    roleAssignments: SANDBOX_OWNER_ROLES.map(roleName => ({
      roleName,
      principalGroup: ownerRef,
      principalId: context.owner.principalId,
    })),
    expiresOn,
    entityRef: `resource:default/${names.entityName}`,
  };
}
