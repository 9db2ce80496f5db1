import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  azurePortalSubscriptionUrl,
  findTagProblems,
} from '@dataplatform/plugin-azure-common';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import { azureCall, readIfExists } from './azureCall';
import {
  InputProblems,
  isAbsent,
  managementGroupResourceId,
  subscriptionScope,
} from './inputs';
import { examples } from './vendSubscription.examples';

export const VEND_ACTION_ID = 'azure:subscription:vend';

export const ALIAS_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ALIAS_NAME_RULE =
  "1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";
const VENDING_GROUPS = ['domains', 'sandboxes'] as const;
const WORKLOADS = ['Production', 'DevTest'] as const;
const BILLING_SCOPE_PATTERN =
  /^(\/providers\/Microsoft\.Billing)?\/billingAccounts\/[^/]+(\/[^/]+\/[^/]+)*$/i;
const BILLING_SCOPE_RULE =
  'a billing scope such as /providers/Microsoft.Billing/billingAccounts/{account}/enrollmentAccounts/{enrollment}';

/**
 * What a dry run outputs as the subscription id: the nil GUID, so later
 * steps of the same dry run pass their own input checks while nobody can
 * mistake it for a real subscription.
 */
export const DRY_RUN_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

export interface VendSubscriptionOptions {
  clients: AzureClients;
  /** `dataplatform.provisioning.billingScope`, used when the input has none. */
  billingScope?: string;
}

interface VendInput {
  aliasName: string;
  displayName: string;
  managementGroup: (typeof VENDING_GROUPS)[number];
  workload: (typeof WORKLOADS)[number];
  billingScope?: string;
  tags: Record<string, string>;
}

function readInput(
  raw: Record<string, unknown>,
  configuredBillingScope?: string,
): VendInput {
  const check = new InputProblems();
  const aliasName = check.text('aliasName', raw.aliasName, {
    pattern: ALIAS_NAME_PATTERN,
    rule: ALIAS_NAME_RULE,
  });
  const displayName = check.text('displayName', raw.displayName, {
    min: 1,
    max: 64,
    rule: '1-64 characters',
  });
  const managementGroup = check.oneOf(
    'managementGroup',
    raw.managementGroup,
    VENDING_GROUPS,
  );
  const workload = check.oneOf(
    'workload',
    raw.workload,
    WORKLOADS,
    'Production',
  );
  const billingScope = isAbsent(raw.billingScope)
    ? configuredBillingScope
    : check.text('billingScope', raw.billingScope, {
        pattern: BILLING_SCOPE_PATTERN,
        rule: BILLING_SCOPE_RULE,
      });
  const tags = check.tags('tags', raw.tags);
  if (tags) {
    for (const problem of findTagProblems(tags)) {
      check.add(`tags.${problem.key}`, problem.message);
    }
  }
  check.throwIfAny(VEND_ACTION_ID);
  return {
    aliasName: aliasName!,
    displayName: displayName!,
    managementGroup: managementGroup!,
    workload: workload!,
    billingScope,
    tags: tags!,
  };
}

/**
 * `azure:subscription:vend`: creates a subscription through a subscription
 * alias (idempotent by alias name), then makes sure it sits under the
 * platform's management group and carries the requested tags, also when the
 * alias existed before.
 */
export function createVendSubscriptionAction(options: VendSubscriptionOptions) {
  const { clients } = options;
  return createTemplateAction({
    id: VEND_ACTION_ID,
    description:
      'Vends an Azure subscription through a subscription alias (idempotent by alias name), places it under the domains or sandboxes ' +
      'management group and merges the tags of the platform tagging strategy into it. Refuses an alias that already belongs to another domain.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        aliasName: z =>
          z
            .string()
            .regex(ALIAS_NAME_PATTERN)
            .describe(
              `Subscription alias, the idempotency key of vending: ${ALIAS_NAME_RULE}, e.g. dp-domain-finance`,
            ),
        displayName: z =>
          z
            .string()
            .min(1)
            .max(64)
            .describe('Display name of the subscription (1-64 characters)'),
        managementGroup: z =>
          z
            .enum(VENDING_GROUPS)
            .describe(
              'Which of the platform management groups (dataplatform.azure.managementGroups) the subscription goes under',
            ),
        workload: z =>
          z
            .enum(WORKLOADS)
            .optional()
            .describe('Subscription workload type (default Production)'),
        billingScope: z =>
          z
            .string()
            .optional()
            .describe(
              'Billing scope the subscription is charged to; defaults to dataplatform.provisioning.billingScope',
            ),
        tags: z =>
          z
            .record(z.string().max(256))
            .describe(
              'Subscription tags; must satisfy the tagging strategy (domain, owner, costCenter, dataClassification, dataResidency, environment), at most 50',
            ),
      },
      output: {
        subscriptionId: z =>
          z
            .string()
            .describe(
              `The vended subscription; ${DRY_RUN_SUBSCRIPTION_ID} in a dry run`,
            ),
        managementGroupId: z =>
          z.string().describe('The management group the subscription is under'),
        azurePortalUrl: z =>
          z.string().describe('The subscription in the Azure portal'),
        created: z =>
          z
            .boolean()
            .describe(
              'Whether this run created the alias (false when it existed already, and in a dry run)',
            ),
      },
    },
    async handler(ctx) {
      const input = readInput(ctx.input, options.billingScope);
      const { aliasName, displayName, workload, billingScope, tags } = input;
      const groupId = clients.managementGroups[input.managementGroup];
      const tenantId = clients.connection.tenantId;

      if (!billingScope) {
        // Not an input error: the local endpoint vends without one, and an
        // alias that exists is found all the same.
        ctx.logger.warn(
          'No billing scope: neither the input billingScope nor the config dataplatform.provisioning.billingScope is set; ' +
            'Azure refuses to create a new subscription without one',
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would vend subscription "${displayName}" through alias ${aliasName} (${workload}) under management group ${groupId} ` +
            `billed to ${
              billingScope ?? '(no billing scope)'
            } with tags ${JSON.stringify(tags)}; nothing was created`,
        );
        ctx.output('subscriptionId', DRY_RUN_SUBSCRIPTION_ID);
        ctx.output('managementGroupId', groupId);
        ctx.output(
          'azurePortalUrl',
          azurePortalSubscriptionUrl(tenantId, DRY_RUN_SUBSCRIPTION_ID),
        );
        ctx.output('created', false);
        return;
      }

      const vending = clients.subscriptionVending();

      // Refuses before anything changes when the alias is somebody else's.
      const assertSameDomain = async (subscriptionId: string) => {
        const subscription = await azureCall(
          `Reading subscription ${subscriptionId} of alias ${aliasName}`,
          () => clients.subscriptions().subscriptions.get(subscriptionId),
        );
        const existing = subscription.tags?.domain;
        if (existing !== tags.domain) {
          throw new ConflictError(
            `aliasName: alias ${aliasName} already belongs to subscription ${subscriptionId}, whose domain tag is ` +
              `${existing ? `"${existing}"` : 'missing'}, not "${
                tags.domain
              }"; it belongs to somebody else, choose another aliasName`,
          );
        }
      };

      const alias = await ctx.checkpoint({
        key: `vend.alias.${aliasName}`,
        fn: async () => {
          const existing = await readIfExists(
            `Reading subscription alias ${aliasName}`,
            () => vending.alias.get(aliasName),
          );
          const existingId = existing?.properties?.subscriptionId;
          if (
            existingId &&
            existing?.properties?.provisioningState === 'Succeeded'
          ) {
            await assertSameDomain(existingId);
            ctx.logger.info(
              `Alias ${aliasName} already exists with subscription ${existingId}; not creating it again`,
            );
            return { subscriptionId: existingId.toLowerCase(), created: false };
          }
          const vended = await azureCall(
            `Vending subscription "${displayName}" through alias ${aliasName}`,
            () =>
              vending.alias.beginCreateAndWait(aliasName, {
                properties: {
                  displayName,
                  workload,
                  billingScope,
                  additionalProperties: {
                    managementGroupId: managementGroupResourceId(groupId),
                    tags,
                  },
                },
              }),
          );
          const subscriptionId = vended.properties?.subscriptionId;
          if (!subscriptionId) {
            throw new Error(
              `Vending subscription "${displayName}" through alias ${aliasName}: Azure answered ` +
                `${
                  vended.properties?.provisioningState ??
                  'without a provisioning state'
                } and no subscription id`,
            );
          }
          // An alias still being vended by an earlier, interrupted run.
          if (existing) await assertSameDomain(subscriptionId);
          ctx.logger.info(
            existing
              ? `Alias ${aliasName} finished vending subscription ${subscriptionId}`
              : `Vended subscription ${subscriptionId} through alias ${aliasName}`,
          );
          return {
            subscriptionId: subscriptionId.toLowerCase(),
            created: !existing,
          };
        },
      });
      const { subscriptionId } = alias;

      // The alias only places and tags a subscription it creates; an alias
      // that existed may point anywhere, so both are made right here.
      await ctx.checkpoint({
        key: `vend.placement.${aliasName}`,
        fn: async () => {
          const groups =
            clients.managementGroupsApi().managementGroupSubscriptions;
          const placed = await readIfExists(
            `Checking whether subscription ${subscriptionId} is under management group ${groupId}`,
            () => groups.getSubscription(groupId, subscriptionId),
          );
          if (placed) {
            return { moved: false };
          }
          // A subscription the platform already placed elsewhere (another
          // role's group: a domain, a sandbox, a decommissioned one) is never
          // moved by vending; only one outside the hierarchy is adopted.
          for (const [role, otherGroup] of Object.entries(
            clients.managementGroups,
          )) {
            if (role === 'root' || otherGroup === groupId) continue;
            const elsewhere = await readIfExists(
              `Checking whether subscription ${subscriptionId} is under management group ${otherGroup}`,
              () => groups.getSubscription(otherGroup, subscriptionId),
            );
            if (elsewhere) {
              throw new ConflictError(
                `aliasName: alias ${aliasName} belongs to subscription ${subscriptionId}, which is in the ${role} management group ${otherGroup}; vending will not move it to ${groupId}`,
              );
            }
          }
          await azureCall(
            `Moving subscription ${subscriptionId} under management group ${groupId}`,
            () => groups.create(groupId, subscriptionId),
          );
          ctx.logger.info(
            `Moved subscription ${subscriptionId} under management group ${groupId}`,
          );
          return { moved: true };
        },
      });

      await ctx.checkpoint({
        key: `vend.tags.${aliasName}`,
        fn: async () => {
          const result = await azureCall(
            `Merging tags into subscription ${subscriptionId}`,
            () =>
              clients
                .resources(subscriptionId)
                .tagsOperations.updateAtScope(
                  subscriptionScope(subscriptionId),
                  {
                    operation: 'Merge',
                    properties: { tags },
                  },
                ),
          );
          ctx.logger.info(
            `Subscription ${subscriptionId} carries the tags ${Object.keys(
              tags,
            ).join(', ')}`,
          );
          return { tags: result.properties?.tags ?? tags };
        },
      });

      ctx.output('subscriptionId', subscriptionId);
      ctx.output('managementGroupId', groupId);
      ctx.output(
        'azurePortalUrl',
        azurePortalSubscriptionUrl(tenantId, subscriptionId),
      );
      ctx.output('created', alias.created);
    },
  });
}
