import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  AZURE_REGIONS,
  WORKSPACE_RETENTION_BASELINE,
} from '@dataplatform/plugin-provisioning-common';
import { azureCall } from './azureCall';
import { GUID_PATTERN, InputProblems, isAbsent } from './inputs';
import { examples } from './createWorkspace.examples';

export const WORKSPACE_ACTION_ID = 'azure:monitor:create-workspace';

const RESOURCE_GROUP_PATTERN = /^[A-Za-z0-9._()-]{0,89}[A-Za-z0-9_()-]$/;
const RESOURCE_GROUP_RULE =
  "1-90 letters, digits, '.', '_', '-', '(' or ')', not ending with '.'";
const WORKSPACE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;
const WORKSPACE_NAME_RULE =
  '4-63 letters, digits or hyphens, starting and ending with a letter or digit';
const TABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const REGION_NAMES = AZURE_REGIONS.map(r => r.name);
const RETENTION = { min: 30, max: 730 };
const MAX_AUDIT_TABLES = 50;
/**
 * Total retention Log Analytics accepts: any number of days up to two years,
 * beyond that only whole years (3 to 12).
 */
const LONG_TERM_TOTALS = [
  1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383,
];
const TOTAL_RETENTION = { min: 4, max: 4383 };

interface WorkspaceInput {
  subscriptionId: string;
  resourceGroupName: string;
  workspaceName: string;
  region: string;
  retentionInDays: number;
  auditTables: string[];
  auditTotalRetentionInDays: number;
  tags: Record<string, string>;
}

function readInput(raw: Record<string, unknown>): WorkspaceInput {
  const check = new InputProblems();
  const subscriptionId = check.guid('subscriptionId', raw.subscriptionId);
  const resourceGroupName = check.text(
    'resourceGroupName',
    raw.resourceGroupName,
    {
      pattern: RESOURCE_GROUP_PATTERN,
      rule: RESOURCE_GROUP_RULE,
    },
  );
  const workspaceName = check.text('workspaceName', raw.workspaceName, {
    pattern: WORKSPACE_NAME_PATTERN,
    rule: WORKSPACE_NAME_RULE,
  });
  const region = check.oneOf('region', raw.region, REGION_NAMES);
  const retentionInDays = check.number('retentionInDays', raw.retentionInDays, {
    ...RETENTION,
    integer: true,
    fallback: WORKSPACE_RETENTION_BASELINE.retentionInDays,
  });
  const auditTables = isAbsent(raw.auditTables)
    ? [...WORKSPACE_RETENTION_BASELINE.auditTables]
    : check.list(
        'auditTables',
        raw.auditTables,
        { min: 0, max: MAX_AUDIT_TABLES },
        (field, v) =>
          check.text(field, v, {
            pattern: TABLE_NAME_PATTERN,
            rule: 'a Log Analytics table name such as AzureActivity (letters, digits, underscores)',
          }),
      );
  const total = check.number(
    'auditTotalRetentionInDays',
    raw.auditTotalRetentionInDays,
    {
      ...TOTAL_RETENTION,
      integer: true,
      fallback: WORKSPACE_RETENTION_BASELINE.auditTotalRetentionInDays,
    },
  );
  if (total !== undefined && total > 730 && !LONG_TERM_TOTALS.includes(total)) {
    check.add(
      'auditTotalRetentionInDays',
      `${total} days is not a total Log Analytics accepts; allowed: 4 to 730 days, or whole years: ${LONG_TERM_TOTALS.join(
        ', ',
      )}`,
    );
  } else if (
    total !== undefined &&
    retentionInDays !== undefined &&
    total < retentionInDays
  ) {
    check.add(
      'auditTotalRetentionInDays',
      `${total} days is shorter than the interactive retention of ${retentionInDays} days; it must be at least that`,
    );
  }
  const tags = check.tags('tags', raw.tags);
  check.throwIfAny(WORKSPACE_ACTION_ID);
  return {
    subscriptionId: subscriptionId!,
    resourceGroupName: resourceGroupName!,
    workspaceName: workspaceName!,
    region: region!,
    retentionInDays: retentionInDays!,
    auditTables: auditTables!,
    auditTotalRetentionInDays: total!,
    tags: tags!,
  };
}

export function workspacePortalUrl(
  tenantId: string,
  workspaceResourceId: string,
): string {
  return `https://portal.azure.com/#@${encodeURIComponent(
    tenantId,
  )}/resource${workspaceResourceId}/overview`;
}

/**
 * `azure:monitor:create-workspace`: the monitoring baseline of a domain, a
 * resource group with a Log Analytics workspace whose audit tables are kept
 * for the long term. Every call is a PUT or PATCH by name, so a re-run
 * converges on the same resources.
 */
export function createWorkspaceAction(options: { clients: AzureClients }) {
  const { clients } = options;
  return createTemplateAction({
    id: WORKSPACE_ACTION_ID,
    description:
      'Creates (or updates, by name) a resource group and a Log Analytics workspace (PerGB2018) in it, and sets the total ' +
      `retention of the audit tables (default ${WORKSPACE_RETENTION_BASELINE.auditTables.join(
        ', ',
      )}: ` +
      `${WORKSPACE_RETENTION_BASELINE.auditTotalRetentionInDays} days).`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        subscriptionId: z =>
          z
            .string()
            .regex(GUID_PATTERN)
            .describe('The subscription to create the workspace in (a GUID)'),
        resourceGroupName: z =>
          z
            .string()
            .regex(RESOURCE_GROUP_PATTERN)
            .describe(
              `Resource group, created if missing: ${RESOURCE_GROUP_RULE}`,
            ),
        workspaceName: z =>
          z
            .string()
            .regex(WORKSPACE_NAME_PATTERN)
            .describe(`Workspace name: ${WORKSPACE_NAME_RULE}`),
        region: z =>
          z
            .enum(REGION_NAMES as [string, ...string[]])
            .describe(
              'Azure region of the resource group and workspace (one the platform offers)',
            ),
        retentionInDays: z =>
          z
            .number()
            .int()
            .min(RETENTION.min)
            .max(RETENTION.max)
            .optional()
            .describe(
              `Interactive retention (30-730 days, default ${WORKSPACE_RETENTION_BASELINE.retentionInDays})`,
            ),
        auditTables: z =>
          z
            .array(z.string().regex(TABLE_NAME_PATTERN))
            .max(MAX_AUDIT_TABLES)
            .optional()
            .describe(
              `Tables kept for the long term (default ${WORKSPACE_RETENTION_BASELINE.auditTables.join(
                ', ',
              )})`,
            ),
        auditTotalRetentionInDays: z =>
          z
            .number()
            .int()
            .min(TOTAL_RETENTION.min)
            .max(TOTAL_RETENTION.max)
            .optional()
            .describe(
              `Total retention of the audit tables (4-730 days or whole years up to 4383, at least retentionInDays; default ${WORKSPACE_RETENTION_BASELINE.auditTotalRetentionInDays})`,
            ),
        tags: z =>
          z
            .record(z.string().max(256))
            .optional()
            .describe('Tags of the resource group and workspace (at most 50)'),
      },
      output: {
        workspaceResourceId: z =>
          z.string().describe('Resource id of the workspace'),
        customerId: z =>
          z
            .string()
            .optional()
            .describe(
              'The workspace id agents and queries use (not known in a dry run)',
            ),
        workspaceName: z => z.string(),
        resourceGroupName: z => z.string(),
        azurePortalUrl: z =>
          z.string().describe('The workspace in the Azure portal'),
        auditTables: z =>
          z
            .array(
              z.object({
                name: z.string(),
                retentionInDays: z.number(),
                totalRetentionInDays: z.number(),
              }),
            )
            .describe(
              'Each audit table with its interactive and total retention',
            ),
      },
    },
    async handler(ctx) {
      const input = readInput(ctx.input);
      const {
        subscriptionId,
        resourceGroupName,
        workspaceName,
        region,
        retentionInDays,
        tags,
      } = input;
      const plannedId =
        `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}` +
        `/providers/Microsoft.OperationalInsights/workspaces/${workspaceName}`;
      const where = `in resource group ${resourceGroupName} of subscription ${subscriptionId}`;

      const output = (
        workspaceResourceId: string,
        auditTables: Array<{
          name: string;
          retentionInDays: number;
          totalRetentionInDays: number;
        }>,
      ) => {
        ctx.output('workspaceResourceId', workspaceResourceId);
        ctx.output('workspaceName', workspaceName);
        ctx.output('resourceGroupName', resourceGroupName);
        ctx.output(
          'azurePortalUrl',
          workspacePortalUrl(clients.connection.tenantId, workspaceResourceId),
        );
        ctx.output('auditTables', auditTables);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create resource group ${resourceGroupName} and Log Analytics workspace ${workspaceName} (${region}, ` +
            `${retentionInDays} days) in subscription ${subscriptionId}, keeping ${
              input.auditTables.join(', ') || 'no tables'
            } ` +
            `for ${input.auditTotalRetentionInDays} days; nothing was created`,
        );
        output(
          plannedId,
          input.auditTables.map(name => ({
            name,
            retentionInDays,
            totalRetentionInDays: input.auditTotalRetentionInDays,
          })),
        );
        return;
      }

      await ctx.checkpoint({
        key: `monitor.rg.${subscriptionId}.${resourceGroupName}`,
        fn: async () => {
          const group = await azureCall(
            `Creating resource group ${resourceGroupName} in ${region} on subscription ${subscriptionId}`,
            () =>
              clients
                .resources(subscriptionId)
                .resourceGroups.createOrUpdate(resourceGroupName, {
                  location: region,
                  tags,
                }),
          );
          ctx.logger.info(
            `Resource group ${resourceGroupName} is in place in ${region} on subscription ${subscriptionId}`,
          );
          return { resourceGroupId: group.id ?? null };
        },
      });

      const logAnalytics = clients.logAnalytics(subscriptionId);
      const workspace = await ctx.checkpoint({
        key: `monitor.workspace.${subscriptionId}.${workspaceName}`,
        fn: async () => {
          const created = await azureCall(
            `Creating Log Analytics workspace ${workspaceName} ${where}`,
            () =>
              logAnalytics.workspaces.createOrUpdate(
                resourceGroupName,
                workspaceName,
                {
                  location: region,
                  tags,
                  sku: { name: 'PerGB2018' },
                  retentionInDays,
                },
              ),
          );
          ctx.logger.info(
            `Log Analytics workspace ${workspaceName} is in place ${where} (retention ${
              created.retentionInDays ?? retentionInDays
            } days)`,
          );
          return {
            workspaceResourceId: created.id ?? plannedId,
            customerId: created.customerId ?? null,
          };
        },
      });

      const auditTables = [];
      for (const table of input.auditTables) {
        const retention = await ctx.checkpoint({
          key: `monitor.table.${subscriptionId}.${workspaceName}.${table}`,
          fn: async () => {
            // PATCH: the table keeps its plan, schema and interactive retention.
            const updated = await azureCall(
              `Setting the total retention of table ${table} in workspace ${workspaceName} ${where} to ${input.auditTotalRetentionInDays} days`,
              () =>
                logAnalytics.tables.update(
                  resourceGroupName,
                  workspaceName,
                  table,
                  {
                    totalRetentionInDays: input.auditTotalRetentionInDays,
                  },
                ),
            );
            return {
              name: table,
              retentionInDays: updated.retentionInDays ?? retentionInDays,
              totalRetentionInDays:
                updated.totalRetentionInDays ?? input.auditTotalRetentionInDays,
            };
          },
        });
        auditTables.push(retention);
      }
      if (auditTables.length > 0) {
        ctx.logger.info(
          `Audit tables ${auditTables.map(t => t.name).join(', ')} are kept ${
            input.auditTotalRetentionInDays
          } days in total`,
        );
      }

      output(workspace.workspaceResourceId, auditTables);
      if (workspace.customerId) {
        ctx.output('customerId', workspace.customerId);
      }
    },
  });
}
