import { parseEntityRef } from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { FieldProblem } from '@dataplatform/plugin-provisioning-common';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { examples } from './recordDomainResult.examples';
import {
  checkpointed,
  idProblem,
  refuse,
  subscriptionIdProblem,
} from './shared';

const WORKSPACE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;

/**
 * `dataplatform:domain-request:record-result`: the provisioning template's
 * last step, which tells the request (and through it the requester) what was
 * created.
 */
export function createRecordDomainResultAction(options: {
  client: ProvisioningService;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'dataplatform:domain-request:record-result',
    description:
      'Records on a domain request that it was provisioned: the subscription, the Log Analytics workspace and the Domain entity. The requester is notified.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z => z.string().describe('Id of the domain request'),
        subscriptionId: z =>
          z.string().describe('The vended subscription (GUID)'),
        workspaceResourceId: z =>
          z
            .string()
            .optional()
            .describe("Resource id of the domain's Log Analytics workspace"),
        domainEntityRef: z =>
          z
            .string()
            .describe('Entity ref of the Domain, e.g. domain:default/finance'),
      },
      output: {
        status: z =>
          z
            .string()
            .optional()
            .describe('Status of the request afterwards (provisioned)'),
      },
    },
    async handler(ctx) {
      const { requestId, subscriptionId, domainEntityRef } = ctx.input;
      const workspaceResourceId = ctx.input.workspaceResourceId || undefined;
      const problems = [
        ...idProblem('requestId', requestId),
        ...subscriptionIdProblem('subscriptionId', subscriptionId),
        ...workspaceProblem(workspaceResourceId, subscriptionId),
        ...domainRefProblem(domainEntityRef),
      ];
      if (problems.length > 0) {
        refuse('Cannot record the provisioning result', problems);
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would record domain request ${requestId} as provisioned with subscription ${subscriptionId}, workspace ${
            workspaceResourceId ?? '(none)'
          } and ${domainEntityRef}`,
        );
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const request = await checkpointed(
        ctx,
        `record.domain-request.${requestId}`,
        () =>
          client.recordDomainResult(
            requestId,
            {
              status: 'provisioned',
              subscriptionId,
              ...(workspaceResourceId ? { workspaceResourceId } : {}),
              domainEntityRef,
            },
            { credentials },
          ),
      );
      ctx.logger.info(`Domain request ${request.id} is ${request.status}`);
      ctx.output('status', request.status);
    },
  });
}

function workspaceProblem(
  value: string | undefined,
  subscriptionId: string,
): FieldProblem[] {
  if (value === undefined) return [];
  const match = WORKSPACE_ID.exec(value);
  if (!match) {
    return [
      {
        field: 'workspaceResourceId',
        message: `"${value}" is not a Log Analytics workspace resource id; expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>`,
      },
    ];
  }
  return match[1].toLowerCase() === String(subscriptionId).toLowerCase()
    ? []
    : [
        {
          field: 'workspaceResourceId',
          message: `lies in subscription ${match[1]}, not in the domain's subscription ${subscriptionId}`,
        },
      ];
}

function domainRefProblem(value: unknown): FieldProblem[] {
  const allowed = 'a Domain entity ref such as domain:default/finance';
  if (typeof value !== 'string' || value === '') {
    return [
      { field: 'domainEntityRef', message: `is required; give ${allowed}` },
    ];
  }
  try {
    const ref = parseEntityRef(value);
    if (ref.kind.toLowerCase() === 'domain') return [];
  } catch {
    // Reported below like any other ref that is not a domain.
  }
  return [
    {
      field: 'domainEntityRef',
      message: `"${value}" is not ${allowed}`,
    },
  ];
}
