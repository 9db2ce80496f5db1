import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  SANDBOX_POLICY,
  SandboxLeaseInput,
  validateSandboxLeaseInput,
} from '@dataplatform/plugin-provisioning-common';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { examples } from './createSandboxLease.examples';
import {
  checkpointed,
  describeSandboxPlan,
  planOrRefuse,
  refuse,
} from './shared';

/**
 * `dataplatform:sandbox-lease:create`: opens a sandbox lease, approved
 * automatically when it stays within the policy, as the person running the
 * template. The later steps vend what the lease's plan describes.
 */
/** The lease id a dry run outputs. */
export const DRY_RUN_LEASE_ID = '00000000-0000-0000-0000-000000000000';

export function createCreateSandboxLeaseAction(options: {
  client: ProvisioningService;
}) {
  const { client } = options;
  const { minDurationDays, maxDurationDays, minBudgetCap, maxBudgetCap } =
    SANDBOX_POLICY;
  return createTemplateAction({
    id: 'dataplatform:sandbox-lease:create',
    description:
      `Checks an innovation sandbox lease against the policy (${minDurationDays}-${maxDurationDays} days, budget cap ${minBudgetCap}-${maxBudgetCap}, ` +
      `at most ${SANDBOX_POLICY.maxActiveLeasesPerOwner} active leases per owner group) and opens it. A dry run shows the plan.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe('Short name; the subscription becomes dp-sandbox-<name>'),
        purpose: z =>
          z.string().describe('What the sandbox is for (10-500 characters)'),
        ownerGroup: z =>
          z
            .string()
            .describe(
              'Catalog group that owns the sandbox; you must belong to it',
            ),
        costCenter: z => z.string().describe('Cost center, e.g. CC-1020'),
        dataResidency: z =>
          z.string().describe('Where the data may live (tagging strategy)'),
        durationDays: z =>
          z
            .number()
            .describe(
              `Lease length in days (${minDurationDays}-${maxDurationDays})`,
            ),
        budgetCap: z =>
          z
            .number()
            .describe(
              `Spend at which the sandbox is frozen (${minBudgetCap}-${maxBudgetCap})`,
            ),
      },
      output: {
        leaseId: z => z.string().optional().describe('Id of the lease'),
        expiresOn: z =>
          z.string().describe('Day the lease ends (yyyy-mm-dd, UTC)'),
        plan: z =>
          z
            .record(z.any())
            .describe(
              'What to create in Azure (SandboxPlan); its subscription tags carry the lease id',
            ),
      },
    },
    async handler(ctx) {
      const input = sandboxLeaseInput(ctx.input);
      const problems = validateSandboxLeaseInput(input);
      if (problems.length > 0) {
        refuse('The sandbox lease is outside the policy or invalid', problems);
      }

      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const plan = planOrRefuse(
          `The sandbox lease ${input.name} cannot be created`,
          await client.validateSandboxLease(input, { credentials }),
        );

        ctx.logger.info(
          `Dry run: sandbox lease ${input.name} is within the policy; it would create:`,
        );
        for (const line of describeSandboxPlan(plan)) {
          ctx.logger.info(`  ${line}`);
        }
        // A placeholder id lets the later steps of a template dry run check
        // their inputs; nothing is ever stored under it.
        ctx.output('leaseId', DRY_RUN_LEASE_ID);
        ctx.output('expiresOn', plan.expiresOn);
        ctx.output('plan', plan);
        return;
      }

      // No separate validation call: on a resumed task the lease may exist
      // already, and validation would report its name as taken by it. The
      // backend validates on create (400 naming the fields) and hands the
      // same requester their lease for the same name back.
      const lease = await checkpointed(
        ctx,
        `create.sandbox-lease.${input.name}`,
        () => client.createSandboxLease(input, { credentials }),
      );
      ctx.logger.info(
        `Sandbox lease ${lease.id} for ${input.name} is ${lease.state} until ${lease.plan.expiresOn}`,
      );
      ctx.output('leaseId', lease.id);
      ctx.output('expiresOn', lease.plan.expiresOn);
      ctx.output('plan', lease.plan);
    },
  });
}

function sandboxLeaseInput(values: Record<string, unknown>): SandboxLeaseInput {
  const {
    name,
    purpose,
    ownerGroup,
    costCenter,
    dataResidency,
    durationDays,
    budgetCap,
  } = values;
  // Checked by validateSandboxLeaseInput right after.
  return {
    name,
    purpose,
    ownerGroup,
    costCenter,
    dataResidency,
    durationDays,
    budgetCap,
  } as SandboxLeaseInput;
}
