import { Request, Router } from 'express';
import {
  descendants,
  managementGroupResource,
  managementGroupSummary,
  subscriptionUnderManagementGroup,
} from '../arm/resources';
import { Tenant } from '../tenant/Tenant';

function expandOptions(req: Request) {
  const expand = String(req.query.$expand ?? '')
    .toLowerCase()
    .split(',');
  return {
    children: expand.includes('children'),
    path: expand.includes('path'),
    ancestors: expand.includes('ancestors'),
    recurse: String(req.query.$recurse ?? '').toLowerCase() === 'true',
  };
}

/** Microsoft.Management: the management-group hierarchy and subscription placement. */
export function managementGroupRoutes(tenant: Tenant): Router {
  const router = Router();
  const base = '/providers/Microsoft.Management/managementGroups';

  router.get(base, (_req, res) => {
    res.json({
      value: tenant
        .listManagementGroups()
        .map(g => managementGroupSummary(tenant.tenantId, g)),
      nextLink: null,
    });
  });

  router.get(`${base}/:groupId`, (req, res) => {
    const group = tenant.getManagementGroup(req.params.groupId);
    res.json(managementGroupResource(tenant, group, expandOptions(req)));
  });

  router.get(`${base}/:groupId/descendants`, (req, res) => {
    res.json({ value: descendants(tenant, req.params.groupId), nextLink: null });
  });

  router.get(`${base}/:groupId/subscriptions`, (req, res) => {
    res.json({
      value: tenant
        .subscriptionsIn(req.params.groupId)
        .map(s => subscriptionUnderManagementGroup(tenant, s)),
      nextLink: null,
    });
  });

  router.get(`${base}/:groupId/subscriptions/:subscriptionId`, (req, res) => {
    const inGroup = tenant
      .subscriptionsIn(req.params.groupId)
      .find(s => s.subscriptionId === req.params.subscriptionId.toLowerCase());
    if (!inGroup) {
      res.status(404).json({
        error: {
          code: 'NotFound',
          message: `Subscription '${req.params.subscriptionId}' is not under management group '${req.params.groupId}'.`,
        },
      });
      return;
    }
    res.json(subscriptionUnderManagementGroup(tenant, inGroup));
  });

  router.put(`${base}/:groupId/subscriptions/:subscriptionId`, (req, res) => {
    const moved = tenant.moveSubscription(req.params.subscriptionId, req.params.groupId);
    res.json(subscriptionUnderManagementGroup(tenant, moved));
  });

  router.delete(`${base}/:groupId/subscriptions/:subscriptionId`, (req, res) => {
    tenant.removeSubscription(req.params.subscriptionId, req.params.groupId);
    res.status(200).end();
  });

  return router;
}
