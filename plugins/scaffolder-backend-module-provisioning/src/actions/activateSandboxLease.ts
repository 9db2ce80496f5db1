import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { examples } from './activateSandboxLease.examples';
import {
  checkpointed,
  idProblem,
  refuse,
  subscriptionIdProblem,
} from './shared';

/**
 * `dataplatform:sandbox-lease:activate`: starts a lease once its subscription
 * is vended; from then on the lease task watches its spend and its end.
 */
export function createActivateSandboxLeaseAction(options: {
  client: ProvisioningService;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'dataplatform:sandbox-lease:activate',
    description:
      'Starts a sandbox lease with its vended subscription, so the lease task watches its budget cap and its end.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        leaseId: z => z.string().describe('Id of the lease'),
        subscriptionId: z =>
          z.string().describe('The vended sandbox subscription (GUID)'),
      },
      output: {
        state: z =>
          z
            .string()
            .optional()
            .describe('State of the lease afterwards, normally active'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe("The sandbox's Resource entity in the catalog"),
      },
    },
    async handler(ctx) {
      const { leaseId, subscriptionId } = ctx.input;
      const problems = [
        ...idProblem('leaseId', leaseId),
        ...subscriptionIdProblem('subscriptionId', subscriptionId),
      ];
      if (problems.length > 0) refuse('Cannot activate the lease', problems);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would start lease ${leaseId} with subscription ${subscriptionId}`,
        );
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const lease = await checkpointed(
        ctx,
        `activate.sandbox-lease.${leaseId}`,
        () =>
          client.activateSandboxLease(leaseId, subscriptionId, { credentials }),
      );
      ctx.logger.info(
        `Sandbox lease ${lease.id} is ${lease.state} until ${lease.expiresAt}`,
      );
      ctx.output('state', lease.state);
      ctx.output('entityRef', lease.plan.entityRef);
    },
  });
}
