import { Router } from 'express';
import { Tenant } from '../tenant/Tenant';

/**
 * Microsoft.Subscription cancel and enable (2021-10-01). A cancelled
 * subscription is Disabled: readable, but every write in it is refused until
 * it is enabled again. Both are idempotent.
 */
export function subscriptionLifecycleRoutes(tenant: Tenant): Router {
  const router = Router();
  const base =
    '/subscriptions/:subscriptionId/providers/Microsoft.Subscription';

  router.post(`${base}/cancel`, (req, res) => {
    const { subscriptionId } = tenant.cancelSubscription(
      req.params.subscriptionId,
    );
    res.json({ subscriptionId });
  });

  router.post(`${base}/enable`, (req, res) => {
    const { subscriptionId } = tenant.enableSubscription(
      req.params.subscriptionId,
    );
    res.json({ subscriptionId });
  });

  return router;
}
