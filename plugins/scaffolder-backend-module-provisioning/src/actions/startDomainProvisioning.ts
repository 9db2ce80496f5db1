import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DomainRequest } from '@dataplatform/plugin-provisioning-common';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { examples } from './startDomainProvisioning.examples';
import { checkpointed, describeDomainPlan, idProblem, refuse } from './shared';

/**
 * `dataplatform:domain-request:start-provisioning`: the gate of the
 * provisioning template. The backend refuses (409) a request the platform
 * team has not approved, which fails the step before anything is vended;
 * otherwise it marks the request `provisioning` for this task, and the
 * outputs carry the approved request and its plan to the later steps.
 */
export function createStartDomainProvisioningAction(options: {
  client: ProvisioningService;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'dataplatform:domain-request:start-provisioning',
    description:
      'Checks that a domain request was approved by the platform team and marks it provisioning for this task; fails the step otherwise. ' +
      'Outputs the approved request and its plan for the steps that vend it.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z => z.string().describe('Id of the domain request'),
      },
      output: {
        requestId: z => z.string().describe('Id of the domain request'),
        name: z => z.string().describe('Short name of the domain'),
        title: z =>
          z.string().optional().describe('Display title, when one was given'),
        description: z => z.string(),
        ownerGroup: z => z.string().describe('Entity ref of the owner group'),
        dataClassification: z => z.string(),
        dataResidency: z => z.string(),
        costCenter: z => z.string(),
        primaryRegion: z => z.string(),
        monthlyBudget: z => z.number(),
        recoveryTier: z => z.string(),
        requestedBy: z =>
          z.string().describe('User entity ref of the requester'),
        approvedBy: z =>
          z
            .string()
            .optional()
            .describe('User entity ref of the platform engineer who approved'),
        approvedAt: z =>
          z.string().optional().describe('When it was approved (ISO 8601)'),
        plan: z =>
          z.record(z.any()).describe('What to create in Azure (DomainPlan)'),
      },
    },
    async handler(ctx) {
      const { requestId } = ctx.input;
      const problems = idProblem('requestId', requestId);
      if (problems.length > 0) refuse('Cannot start provisioning', problems);

      const credentials = await ctx.getInitiatorCredentials();
      let request: DomainRequest;
      if (ctx.isDryRun) {
        // Read only: a dry run must not mark the request provisioning.
        request = await client.getDomainRequest(requestId, { credentials });
        ctx.logger.info(
          `Dry run: domain request ${request.id} (${request.input.name}) is ${request.status}; provisioning it would create:`,
        );
        for (const line of describeDomainPlan(request.plan)) {
          ctx.logger.info(`  ${line}`);
        }
      } else {
        request = await checkpointed(
          ctx,
          `provision.domain-request.${requestId}`,
          () =>
            client.startDomainProvisioning(requestId, ctx.task.id, {
              credentials,
            }),
        );
        ctx.logger.info(
          `Domain request ${request.id} (${request.input.name}), approved by ${request.decidedBy} at ${request.decidedAt}, is now ${request.status}`,
        );
      }

      const { input } = request;
      ctx.output('requestId', request.id);
      ctx.output('name', input.name);
      if (input.title) ctx.output('title', input.title);
      ctx.output('description', input.description);
      ctx.output('ownerGroup', input.ownerGroup);
      ctx.output('dataClassification', input.dataClassification);
      ctx.output('dataResidency', input.dataResidency);
      ctx.output('costCenter', input.costCenter);
      ctx.output('primaryRegion', input.primaryRegion);
      ctx.output('monthlyBudget', input.monthlyBudget);
      ctx.output('recoveryTier', input.recoveryTier);
      ctx.output('requestedBy', request.requestedBy);
      if (request.decidedBy) ctx.output('approvedBy', request.decidedBy);
      if (request.decidedAt) ctx.output('approvedAt', request.decidedAt);
      ctx.output('plan', request.plan);
    },
  });
}
