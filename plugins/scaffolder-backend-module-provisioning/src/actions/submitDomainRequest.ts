import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DomainRequestInput,
  RECOVERY_TIER_NAMES,
  validateDomainRequestInput,
} from '@dataplatform/plugin-provisioning-common';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { examples } from './submitDomainRequest.examples';
import {
  checkpointed,
  describeDomainPlan,
  planOrRefuse,
  refuse,
} from './shared';

/**
 * `dataplatform:domain-request:submit`: checks a domain request and files it
 * for the platform team's approval, as the person running the template.
 * Nothing is created in Azure; approval starts the provisioning template.
 */
export function createSubmitDomainRequestAction(options: {
  client: ProvisioningService;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'dataplatform:domain-request:submit',
    description:
      'Checks a data domain request (naming, owner group, cost center, residency and region, budget, recovery tier) and submits it for approval by the platform team. ' +
      'A dry run shows what approval would create in Azure.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Short name of the domain (kebab case); becomes the Domain entity and part of every Azure name',
            ),
        title: z => z.string().optional().describe('Display title'),
        description: z =>
          z.string().describe('What the domain is about (10-1000 characters)'),
        ownerGroup: z =>
          z
            .string()
            .describe(
              'Catalog group that owns the domain, e.g. group:default/finance-domain-owners',
            ),
        costCenter: z => z.string().describe('Cost center, e.g. CC-1010'),
        dataClassification: z =>
          z
            .string()
            .describe(
              'Most sensitive data the domain holds (tagging strategy)',
            ),
        dataResidency: z =>
          z.string().describe('Where the data may live (tagging strategy)'),
        primaryRegion: z =>
          z
            .string()
            .describe(
              'Azure region within the residency, e.g. westeurope; its pair is used for recovery',
            ),
        monthlyBudget: z =>
          z.number().describe('Monthly budget in the billing currency'),
        recoveryTier: z =>
          z
            .string()
            .describe(`Recovery tier: ${RECOVERY_TIER_NAMES.join(', ')}`),
      },
      output: {
        requestId: z =>
          z.string().optional().describe('Id of the submitted request'),
        status: z =>
          z
            .string()
            .optional()
            .describe('Status of the request, pending-approval when new'),
        requestUrl: z =>
          z.string().optional().describe("Portal path of the request's page"),
        plan: z =>
          z
            .record(z.any())
            .describe('What approval will create in Azure (DomainPlan)'),
      },
    },
    async handler(ctx) {
      const input = domainRequestInput(ctx.input);
      const problems = validateDomainRequestInput(input);
      if (problems.length > 0) {
        refuse('The domain request is invalid', problems);
      }

      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const plan = planOrRefuse(
          `The domain request ${input.name} cannot be submitted`,
          await client.validateDomainRequest(input, { credentials }),
        );

        ctx.logger.info(
          `Dry run: domain request ${input.name} is valid; approving it would create:`,
        );
        for (const line of describeDomainPlan(plan)) {
          ctx.logger.info(`  ${line}`);
        }
        ctx.output('plan', plan);
        return;
      }

      // No separate validation call: on a resumed task the request may exist
      // already, and validation would report its name as taken by it. The
      // backend validates on submit (400 naming the fields) and hands the
      // same requester their open request for the same input back.
      const request = await checkpointed(
        ctx,
        `submit.domain-request.${input.name}`,
        () => client.submitDomainRequest(input, { credentials }),
      );
      ctx.logger.info(
        `Domain request ${request.id} for ${input.name} is ${request.status}; the platform team has been asked to approve it`,
      );
      ctx.output('requestId', request.id);
      ctx.output('status', request.status);
      ctx.output('requestUrl', `/provisioning/domain-requests/${request.id}`);
      ctx.output('plan', request.plan);
    },
  });
}

/**
 * Only the request's own fields go to the backend; an empty title (an unset
 * optional form field) means no title.
 */
// Checked by validateDomainRequestInput right after.
function domainRequestInput(
  values: Record<string, unknown>,
): DomainRequestInput {
  const {
    name,
    title,
    description,
    ownerGroup,
    costCenter,
    dataClassification,
    dataResidency,
    primaryRegion,
    monthlyBudget,
    recoveryTier,
  } = values;
  return {
    name,
    ...(title === undefined || title === null || title === '' ? {} : { title }),
    description,
    ownerGroup,
    costCenter,
    dataClassification,
    dataResidency,
    primaryRegion,
    monthlyBudget,
    recoveryTier,
  } as DomainRequestInput;
}
