import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AzureClients,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';
import {
  BUILT_IN_ROLES,
  BuiltInRoleName,
  DOMAIN_OWNER_ROLES,
  toGroupRef,
} from '@dataplatform/plugin-provisioning-common';
import { AzureCallError, azureCall, readIfExists } from './azureCall';
import {
  GUID_PATTERN,
  InputProblems,
  isAbsent,
  subscriptionScope,
} from './inputs';
import { uuidV5 } from './uuidV5';
import { examples } from './assignDomainRoles.examples';

export const RBAC_ACTION_ID = 'azure:rbac:assign-domain-roles';

/**
 * Namespace of the platform's role assignment names. Changing it renames
 * every assignment the actions would make, so earlier ones would no longer
 * be recognised by name (Azure then answers RoleAssignmentExists).
 */
export const ROLE_ASSIGNMENT_NAMESPACE = 'f586630b-925a-4e79-a99f-074a829ca955';

const ROLE_NAMES = Object.keys(BUILT_IN_ROLES) as BuiltInRoleName[];
const PRINCIPAL_TYPES = ['Group', 'User', 'ServicePrincipal'] as const;
// An entity ref of any kind, so that another kind is named as such below;
// otherwise the provisioning forms' owner group rule.
const ENTITY_REF =
  /^(?:[a-z]+:)?(?:[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

interface RbacInput {
  subscriptionId: string;
  principalId: string;
  principalGroup: string;
  roles: BuiltInRoleName[];
  principalType: (typeof PRINCIPAL_TYPES)[number];
}

function readInput(raw: Record<string, unknown>): RbacInput {
  const check = new InputProblems();
  const subscriptionId = check.guid('subscriptionId', raw.subscriptionId);
  const principalId = check.guid('principalId', raw.principalId);
  const principalGroup = check.text('principalGroup', raw.principalGroup, {
    pattern: ENTITY_REF,
    rule: 'a catalog group, e.g. group:default/finance-domain-owners',
  });
  if (principalGroup?.includes(':') && !/^group:/i.test(principalGroup)) {
    check.add(
      'principalGroup',
      `"${principalGroup}" is not a group; give a catalog group`,
    );
  }
  const roles = isAbsent(raw.roles)
    ? [...DOMAIN_OWNER_ROLES]
    : check.list(
        'roles',
        raw.roles,
        { min: 1, max: ROLE_NAMES.length },
        (field, v) => check.oneOf(field, v, ROLE_NAMES),
      );
  const principalType = check.oneOf(
    'principalType',
    raw.principalType,
    PRINCIPAL_TYPES,
    'Group',
  );
  check.throwIfAny(RBAC_ACTION_ID);
  return {
    subscriptionId: subscriptionId!,
    principalId: principalId!,
    principalGroup: toGroupRef(principalGroup!),
    roles: roles!,
    principalType: principalType!,
  };
}

/** The ids one role assignment has, derived from scope, role and principal alone. */
export function plannedAssignment(
  subscriptionId: string,
  roleName: BuiltInRoleName,
  principalId: string,
) {
  const scope = `/subscriptions/${subscriptionId}`;
  const roleGuid = BUILT_IN_ROLES[roleName];
  const name = uuidV5(
    `${scope}|${roleGuid}|${principalId}`.toLowerCase(),
    ROLE_ASSIGNMENT_NAMESPACE,
  );
  return {
    name,
    roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
    assignmentId: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  };
}

/**
 * `azure:rbac:assign-domain-roles`: gives an Entra group built-in roles on a
 * subscription. Each assignment has a name derived from scope, role and
 * principal, so a re-run finds what an earlier run made.
 */
export function createAssignDomainRolesAction(options: {
  clients: AzureClients;
}) {
  const { clients } = options;
  return createTemplateAction({
    id: RBAC_ACTION_ID,
    description:
      'Assigns built-in Azure roles on a subscription to an Entra ID group (by default the domain owner roles: ' +
      `${DOMAIN_OWNER_ROLES.join(
        ', ',
      )}). Idempotent: an assignment that exists already is kept and reported.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        subscriptionId: z =>
          z
            .string()
            .regex(GUID_PATTERN)
            .describe('The subscription the roles apply to (a GUID)'),
        principalId: z =>
          z
            .string()
            .regex(GUID_PATTERN)
            .describe(
              'Object id of the Entra ID group (annotation graph.microsoft.com/group-id on the catalog Group)',
            ),
        principalGroup: z =>
          z
            .string()
            .describe(
              'The catalog group the principal is, e.g. group:default/finance-domain-owners (for messages)',
            ),
        roles: z =>
          z
            .array(
              z.enum(ROLE_NAMES as [BuiltInRoleName, ...BuiltInRoleName[]]),
            )
            .min(1)
            .optional()
            .describe(
              `Built-in role names; default ${DOMAIN_OWNER_ROLES.join(', ')}`,
            ),
        principalType: z =>
          z
            .enum(PRINCIPAL_TYPES)
            .optional()
            .describe('What the principal is (default Group)'),
      },
      output: {
        assignments: z =>
          z
            .array(
              z.object({
                roleName: z.string(),
                roleDefinitionId: z.string(),
                assignmentId: z.string(),
                created: z.boolean(),
              }),
            )
            .describe(
              'One entry per role: the assignment, and whether this run created it',
            ),
      },
    },
    async handler(ctx) {
      const {
        subscriptionId,
        principalId,
        principalGroup,
        roles,
        principalType,
      } = readInput(ctx.input);
      const who = `${principalGroup} (${principalType.toLowerCase()} ${principalId})`;

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would assign ${roles.join(
            ', ',
          )} on subscription ${subscriptionId} to ${who}; nothing was assigned`,
        );
        ctx.output(
          'assignments',
          roles.map(roleName => {
            const { roleDefinitionId, assignmentId } = plannedAssignment(
              subscriptionId,
              roleName,
              principalId,
            );
            return { roleName, roleDefinitionId, assignmentId, created: false };
          }),
        );
        return;
      }

      const assignments = clients.authorization(subscriptionId).roleAssignments;
      const scope = subscriptionScope(subscriptionId);
      const results = [];
      for (const roleName of roles) {
        const planned = plannedAssignment(
          subscriptionId,
          roleName,
          principalId,
        );
        const doing = `Assigning role ${roleName} on subscription ${subscriptionId} to ${who}`;
        const result = await ctx.checkpoint({
          key: `rbac.${subscriptionId}.${principalId}.${roleName}`,
          fn: async () => {
            const existing = await readIfExists(
              `Reading role assignment ${planned.name} on subscription ${subscriptionId}`,
              () => assignments.get(scope, planned.name),
            );
            if (existing) {
              ctx.logger.info(
                `${principalGroup} already has ${roleName} on subscription ${subscriptionId} (assignment ${planned.name})`,
              );
              return {
                assignmentId: existing.id ?? planned.assignmentId,
                created: false,
              };
            }
            try {
              const made = await assignments.create(scope, planned.name, {
                roleDefinitionId: planned.roleDefinitionId,
                principalId,
                principalType,
              });
              ctx.logger.info(
                `Assigned ${roleName} on subscription ${subscriptionId} to ${who}`,
              );
              return {
                assignmentId: made.id ?? planned.assignmentId,
                created: true,
              };
            } catch (error) {
              // The same role for the same principal exists under another
              // name (made by hand or by another tool): the step's goal is
              // met. Any other failure fails the step.
              if (describeAzureError(error).code !== 'RoleAssignmentExists') {
                throw new AzureCallError(doing, error);
              }
              const other = await findAssignment(
                subscriptionId,
                principalId,
                BUILT_IN_ROLES[roleName],
              );
              if (!other) {
                throw new AzureCallError(
                  `${doing}: Azure answered RoleAssignmentExists, but no assignment of ${roleName} to ${principalId} is listed on the subscription`,
                  error,
                );
              }
              ctx.logger.info(
                `${principalGroup} already has ${roleName} on subscription ${subscriptionId} through assignment ${other} ` +
                  `(Azure answered RoleAssignmentExists); keeping it`,
              );
              return { assignmentId: other, created: false };
            }
          },
        });
        results.push({
          roleName,
          roleDefinitionId: planned.roleDefinitionId,
          ...result,
        });
      }
      ctx.output('assignments', results);
    },
  });

  /** The id of the assignment that gives `principalId` the role, found by listing. */
  async function findAssignment(
    subscriptionId: string,
    principalId: string,
    roleGuid: string,
  ) {
    return azureCall(
      `Listing role assignments of ${principalId} on subscription ${subscriptionId}`,
      async () => {
        const list = clients
          .authorization(subscriptionId)
          .roleAssignments.listForScope(subscriptionScope(subscriptionId), {
            filter: `principalId eq '${principalId}'`,
          });
        for await (const assignment of list) {
          // Compared by the role's GUID: the definition id's prefix names
          // whichever scope Azure read the definition from.
          if (
            assignment.roleDefinitionId
              ?.toLowerCase()
              .endsWith(`/roledefinitions/${roleGuid}`)
          ) {
            return assignment.id;
          }
        }
        return undefined;
      },
    );
  }
}
