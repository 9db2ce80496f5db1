import { Router } from 'express';
import { z } from 'zod';
import { subscriptionResource, tagsResource } from '../arm/resources';
import { parseBody } from '../arm/validation';
import { Tenant } from '../tenant/Tenant';

export const tagValues = z
  .record(z.string().max(256, 'tag values are at most 256 characters'))
  .refine(
    tags => Object.keys(tags).length <= 50,
    'at most 50 tags per resource',
  )
  .refine(
    tags =>
      Object.keys(tags).every(k => k.length <= 512 && !/[<>%&\\?/]/.test(k)),
    'tag names are at most 512 characters and may not contain < > % & \\ ? /',
  );

const putTagsBody = z.object({ properties: z.object({ tags: tagValues }) });
const patchTagsBody = z.object({
  operation: z.enum(['Replace', 'Merge', 'Delete']),
  properties: z.object({ tags: tagValues }),
});

/** Subscriptions (Microsoft.Resources) and tags at subscription scope. */
export function subscriptionRoutes(tenant: Tenant): Router {
  const router = Router();

  router.get('/subscriptions', (_req, res) => {
    res.json({
      value: tenant
        .listSubscriptions()
        .map(s => subscriptionResource(tenant.tenantId, s)),
      nextLink: null,
    });
  });

  router.get('/subscriptions/:subscriptionId', (req, res) => {
    res.json(
      subscriptionResource(
        tenant.tenantId,
        tenant.getSubscription(req.params.subscriptionId),
      ),
    );
  });

  const tagsPath =
    '/subscriptions/:subscriptionId/providers/Microsoft.Resources/tags/default';

  router.get(tagsPath, (req, res) => {
    const s = tenant.getSubscription(req.params.subscriptionId);
    res.json(tagsResource(s.subscriptionId, s.tags));
  });

  router.put(tagsPath, (req, res) => {
    const { properties } = parseBody(putTagsBody, req.body);
    const id = req.params.subscriptionId;
    res.json(tagsResource(id, tenant.replaceTags(id, properties.tags)));
  });

  router.patch(tagsPath, (req, res) => {
    const { operation, properties } = parseBody(patchTagsBody, req.body);
    const id = req.params.subscriptionId;
    res.json(
      tagsResource(id, tenant.patchTags(id, operation, properties.tags)),
    );
  });

  return router;
}
