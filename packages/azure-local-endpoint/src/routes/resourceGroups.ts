import { Router } from 'express';
import { z } from 'zod';
import { resourceGroupResource } from '../arm/resources';
import { parseBody } from '../arm/validation';
import { Tenant } from '../tenant/Tenant';
import { tagValues } from './subscriptions';

const resourceGroupBody = z.object({
  location: z.string().min(1),
  tags: tagValues.nullish(),
  managedBy: z.string().nullish(),
});

/**
 * Microsoft.Resources/resourceGroups. Paths match case-insensitively: the SDK
 * writes `resourcegroups`, Azure's ids `resourceGroups`.
 */
export function resourceGroupRoutes(tenant: Tenant): Router {
  const router = Router();
  const base = '/subscriptions/:subscriptionId/resourcegroups';
  const one = `${base}/:resourceGroupName`;

  router.get(base, (req, res) => {
    res.json({
      value: tenant.resourceGroups
        .list(req.params.subscriptionId)
        .map(resourceGroupResource),
      nextLink: null,
    });
  });

  // checkExistence: 204 or 404, no body.
  router.head(one, (req, res) => {
    const found = tenant.resourceGroups.find(
      req.params.subscriptionId,
      req.params.resourceGroupName,
    );
    res.status(found ? 204 : 404).end();
  });

  router.get(one, (req, res) => {
    res.json(
      resourceGroupResource(
        tenant.resourceGroups.get(
          req.params.subscriptionId,
          req.params.resourceGroupName,
        ),
      ),
    );
  });

  router.put(one, (req, res) => {
    tenant.writableSubscription(req.params.subscriptionId);
    const body = parseBody(resourceGroupBody, req.body);
    const { group, created } = tenant.resourceGroups.createOrUpdate(
      req.params.subscriptionId,
      req.params.resourceGroupName,
      { location: body.location, tags: body.tags ?? undefined },
    );
    res.status(created ? 201 : 200).json(resourceGroupResource(group));
  });

  // Azure deletes asynchronously (202, then polling); here it is done at once,
  // which the SDK's poller accepts as finished.
  router.delete(one, (req, res) => {
    tenant.deleteResourceGroup(
      req.params.subscriptionId,
      req.params.resourceGroupName,
    );
    res.status(200).end();
  });

  return router;
}
