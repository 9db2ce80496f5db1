import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  DomainPlan,
  FieldProblem,
  formatProblems,
  RECOVERY_TIERS,
  SandboxPlan,
  ValidationResult,
} from '@dataplatform/plugin-provisioning-common';
import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';

/** The shape of a value a checkpoint can store. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Runs a backend mutation under a checkpoint, so a resumed task gets the
 * stored answer back instead of calling again.
 */
export async function checkpointed<T>(
  ctx: Pick<ActionContext<any, any>, 'checkpoint'>,
  key: string,
  fn: () => Promise<T>,
): Promise<T> {
  // The provisioning API answers with plain JSON, which is what a checkpoint
  // stores; the casts only bridge its interfaces to the JSON type.
  const stored = await ctx.checkpoint({
    key,
    fn: async () => (await fn()) as unknown as Json,
  });
  return stored as unknown as T;
}

/** Refuses input with every problem as `field: message`. */
export function refuse(subject: string, problems: FieldProblem[]): never {
  throw new InputError(`${subject}: ${formatProblems(problems)}`);
}

/**
 * The plan of a dry run's validation, or a refusal naming every problem the
 * backend found (or that it answered without a plan).
 */
export function planOrRefuse<TPlan>(
  subject: string,
  checked: ValidationResult<TPlan>,
): TPlan {
  if (checked.problems.length > 0) refuse(subject, checked.problems);
  if (!checked.plan) {
    refuse(subject, [
      { field: '(request)', message: 'the backend returned no plan' },
    ]);
  }
  return checked.plan;
}

/** Ids the provisioning backend hands out: letters, digits, `.`, `_`, `:`, `-`. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function idProblem(field: string, value: unknown): FieldProblem[] {
  if (typeof value !== 'string' || value === '') {
    return [{ field, message: 'is required' }];
  }
  return ID_PATTERN.test(value)
    ? []
    : [
        {
          field,
          message: `"${value}" is not an id the provisioning backend hands out; allowed: letters, digits, ".", "_", ":" and "-", at most 128 characters`,
        },
      ];
}

export function subscriptionIdProblem(
  field: string,
  value: unknown,
): FieldProblem[] {
  if (typeof value !== 'string' || value === '') {
    return [{ field, message: 'is required (the subscription GUID)' }];
  }
  return GUID_PATTERN.test(value)
    ? []
    : [
        {
          field,
          message: `"${value}" is not a subscription id; expected a GUID such as 00000000-0000-0000-0000-000000000000`,
        },
      ];
}

function notifications(plan: DomainPlan['budget']): string {
  return plan.notifications
    .map(n => `${n.threshold}% ${n.thresholdType.toLowerCase()}`)
    .join(', ');
}

function tags(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function roles(assignments: DomainPlan['roleAssignments']): string[] {
  const byGroup = new Map<string, string[]>();
  for (const a of assignments) {
    const key = `${a.principalGroup} (${a.principalId})`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), a.roleName]);
  }
  return [...byGroup].map(
    ([group, names]) => `Roles for ${group}: ${names.join(', ')}`,
  );
}

/** A domain plan as a reviewer reads it, one line per thing it creates. */
export function describeDomainPlan(plan: DomainPlan): string[] {
  const { subscription, budget, workspace, region, recovery } = plan;
  const tier = RECOVERY_TIERS[recovery.tier];
  return [
    `Subscription alias ${subscription.aliasName} ("${subscription.displayName}") in management group ${subscription.managementGroupId}`,
    `Tags: ${tags(subscription.tags)}`,
    `Budget ${budget.name}: ${
      budget.amount
    } per month; alerts at ${notifications(
      budget,
    )} to ${budget.contactEmails.join(', ')}`,
    ...roles(plan.roleAssignments),
    `Log Analytics workspace ${workspace.name} in resource group ${
      workspace.resourceGroupName
    } (${workspace.region}): ${
      workspace.retentionInDays
    } days interactive retention; ${workspace.auditTables.join(', ')} kept ${
      workspace.auditTotalRetentionInDays
    } days in total`,
    `Region ${region.primary}, paired with ${region.paired || 'no region'}${
      region.pairedRegionInResidency
        ? ''
        : ' (outside the data residency: geo-redundant replication stays off)'
    }`,
    `Recovery tier ${recovery.tier}${tier ? ` (${tier.label})` : ''}: RPO ${
      recovery.rpoHours
    } h, RTO ${recovery.rtoHours} h`,
  ];
}

/** A sandbox plan as its requester reads it. */
export function describeSandboxPlan(plan: SandboxPlan): string[] {
  const { subscription, budget } = plan;
  return [
    `Subscription alias ${subscription.aliasName} ("${subscription.displayName}") in management group ${subscription.managementGroupId}`,
    `Tags: ${tags(subscription.tags)}`,
    `Budget cap ${budget.name}: ${
      budget.amount
    } per month, frozen at the cap; alerts at ${notifications(
      budget,
    )} to ${budget.contactEmails.join(', ')}`,
    ...roles(plan.roleAssignments),
    `Lease ends ${plan.expiresOn}; catalog entity ${plan.entityRef}`,
  ];
}
