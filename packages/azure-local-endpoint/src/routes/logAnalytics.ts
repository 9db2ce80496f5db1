import { Router } from 'express';
import { z } from 'zod';
import { tableResource, workspaceResource } from '../arm/logAnalytics';
import { parseBody } from '../arm/validation';
import {
  TABLE_PLANS,
  WORKSPACE_RETENTION,
  WORKSPACE_SKUS,
} from '../tenant/logAnalytics';
import { Tenant } from '../tenant/Tenant';
import { tagValues } from './subscriptions';

const workspaceBody = z.object({
  location: z.string().min(1),
  tags: tagValues.nullish(),
  properties: z
    .object({
      sku: z.object({ name: z.enum(WORKSPACE_SKUS) }).nullish(),
      retentionInDays: z
        .number()
        .int()
        .min(WORKSPACE_RETENTION.min)
        .max(WORKSPACE_RETENTION.max)
        .nullish(),
      workspaceCapping: z
        .object({ dailyQuotaGb: z.number().nullish() })
        .nullish(),
    })
    .nullish(),
});

const COLUMN_TYPES = [
  'string',
  'int',
  'long',
  'real',
  'boolean',
  'dateTime',
  'guid',
  'dynamic',
] as const;

// Ranges are checked by the tenant, which answers InvalidParameter as Log Analytics does.
const tableBody = z.object({
  properties: z
    .object({
      retentionInDays: z.number().int().nullish(),
      totalRetentionInDays: z.number().int().nullish(),
      plan: z.enum(TABLE_PLANS).nullish(),
      schema: z
        .object({
          columns: z
            .array(
              z.object({
                name: z.string().min(1),
                type: z.enum(COLUMN_TYPES),
                description: z.string().optional(),
              }),
            )
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

/** Microsoft.OperationalInsights: workspaces and their tables' retention. */
export function logAnalyticsRoutes(tenant: Tenant): Router {
  const router = Router();
  const provider = 'providers/Microsoft.OperationalInsights/workspaces';
  const inGroup = `/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/${provider}`;
  const one = `${inGroup}/:workspaceName`;
  const now = () => tenant.currentTime();

  router.get(`/subscriptions/:subscriptionId/${provider}`, (req, res) => {
    res.json({
      value: tenant.logAnalytics
        .listInSubscription(req.params.subscriptionId)
        .map(w => workspaceResource(w, now())),
    });
  });

  router.get(inGroup, (req, res) => {
    res.json({
      value: tenant.logAnalytics
        .listInResourceGroup(
          req.params.subscriptionId,
          req.params.resourceGroupName,
        )
        .map(w => workspaceResource(w, now())),
    });
  });

  router.get(one, (req, res) => {
    const { subscriptionId, resourceGroupName, workspaceName } = req.params;
    res.json(
      workspaceResource(
        tenant.logAnalytics.get(
          subscriptionId,
          resourceGroupName,
          workspaceName,
        ),
        now(),
      ),
    );
  });

  // A long-running operation in Azure; answered finished (Succeeded), which
  // the SDK's poller takes as done without polling.
  router.put(one, (req, res) => {
    const { subscriptionId, resourceGroupName, workspaceName } = req.params;
    tenant.writableSubscription(subscriptionId);
    tenant.resourceGroups.get(subscriptionId, resourceGroupName);
    const body = parseBody(workspaceBody, req.body);
    const { workspace, created } = tenant.logAnalytics.createOrUpdate(
      subscriptionId,
      resourceGroupName,
      workspaceName,
      {
        location: body.location,
        tags: body.tags ?? undefined,
        sku: body.properties?.sku?.name,
        retentionInDays: body.properties?.retentionInDays ?? undefined,
        dailyQuotaGb:
          body.properties?.workspaceCapping?.dailyQuotaGb ?? undefined,
      },
    );
    res.status(created ? 201 : 200).json(workspaceResource(workspace, now()));
  });

  router.delete(one, (req, res) => {
    const { subscriptionId, resourceGroupName, workspaceName } = req.params;
    const existed = tenant.logAnalytics.delete(
      subscriptionId,
      resourceGroupName,
      workspaceName,
    );
    res.status(existed ? 200 : 204).end();
  });

  router.get(`${one}/tables`, (req, res) => {
    const { subscriptionId, resourceGroupName, workspaceName } = req.params;
    const workspace = tenant.logAnalytics.get(
      subscriptionId,
      resourceGroupName,
      workspaceName,
    );
    res.json({
      value: [...workspace.tables.values()].map(t =>
        tableResource(workspace, t),
      ),
    });
  });

  router.get(`${one}/tables/:tableName`, (req, res) => {
    const { subscriptionId, resourceGroupName, workspaceName, tableName } =
      req.params;
    const workspace = tenant.logAnalytics.get(
      subscriptionId,
      resourceGroupName,
      workspaceName,
    );
    res.json(
      tableResource(
        workspace,
        tenant.logAnalytics.getTable(workspace, tableName),
      ),
    );
  });

  for (const [method, mode] of [
    ['put', 'replace'],
    ['patch', 'merge'],
  ] as const) {
    router[method](`${one}/tables/:tableName`, (req, res) => {
      const { subscriptionId, resourceGroupName, workspaceName, tableName } =
        req.params;
      tenant.writableSubscription(subscriptionId);
      tenant.logAnalytics.get(subscriptionId, resourceGroupName, workspaceName);
      const properties = parseBody(tableBody, req.body).properties ?? {};
      const { table, workspace } = tenant.logAnalytics.writeTable(
        subscriptionId,
        resourceGroupName,
        workspaceName,
        tableName,
        {
          retentionInDays: properties.retentionInDays ?? undefined,
          totalRetentionInDays: properties.totalRetentionInDays ?? undefined,
          plan: properties.plan ?? undefined,
          columns: properties.schema?.columns ?? undefined,
        },
        mode,
      );
      res.status(200).json(tableResource(workspace, table));
    });
  }

  return router;
}
