import { Router } from 'express';
import { z } from 'zod';
import { aliasResource } from '../arm/resources';
import { parseBody } from '../arm/validation';
import { Tenant } from '../tenant/Tenant';

const ALIAS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const aliasBody = z.object({
  properties: z.object({
    displayName: z.string().min(1).max(64),
    workload: z.enum(['Production', 'DevTest']).default('Production'),
    billingScope: z.string().min(1).nullish(),
    subscriptionId: z.null().optional(),
    resellerId: z.string().nullish(),
    additionalProperties: z
      .object({
        managementGroupId: z.string().nullish(),
        subscriptionTenantId: z.string().nullish(),
        subscriptionOwnerId: z.string().nullish(),
        tags: z.record(z.string().max(256)).nullish(),
      })
      .nullish(),
  }),
});

/** Microsoft.Subscription/aliases: subscription vending, idempotent by alias name. */
export function aliasRoutes(tenant: Tenant): Router {
  const router = Router();
  const base = '/providers/Microsoft.Subscription/aliases';

  router.get(base, (_req, res) => {
    res.json({ value: tenant.listAliases().map(aliasResource), nextLink: null });
  });

  router.get(`${base}/:aliasName`, (req, res) => {
    res.json(aliasResource(tenant.getAlias(req.params.aliasName)));
  });

  router.put(`${base}/:aliasName`, (req, res) => {
    const name = req.params.aliasName;
    if (!ALIAS_NAME.test(name)) {
      res.status(400).json({
        error: {
          code: 'InvalidAliasName',
          message: `Alias name '${name}' is invalid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
        },
      });
      return;
    }
    const { properties } = parseBody(aliasBody, req.body);
    const extra = properties.additionalProperties ?? {};
    const { alias, created } = tenant.createAlias(name, {
      displayName: properties.displayName,
      workload: properties.workload,
      billingScope: properties.billingScope ?? undefined,
      managementGroupId: extra.managementGroupId ?? undefined,
      subscriptionOwnerId: extra.subscriptionOwnerId ?? undefined,
      tags: extra.tags ?? undefined,
    });
    // Vending is long-running: the body's provisioningState is what the SDK's
    // poller reads, re-reading this URL until it is terminal.
    res.setHeader('Retry-After', '1');
    res.status(created ? 201 : 200).json(aliasResource(alias));
  });

  router.delete(`${base}/:aliasName`, (req, res) => {
    res.status(tenant.deleteAlias(req.params.aliasName) ? 200 : 204).end();
  });

  return router;
}
