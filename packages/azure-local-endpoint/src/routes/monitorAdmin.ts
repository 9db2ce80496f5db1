import { Router } from 'express';
import { Tenant } from '../tenant/Tenant';

/**
 * The admin API of the monitor scenario (mounted at /_admin/monitor): scripts
 * are validated by the scenario itself, which answers 400 InvalidScenario
 * naming the field, and 404 for a log signal whose workspace does not exist.
 */
export function monitorAdminRoutes(tenant: Tenant): Router {
  const router = Router();

  router.put('/log-signals', (req, res) => {
    const { entry, created } = tenant.monitor.setLogSignal(req.body);
    res.status(created ? 201 : 200).json(entry);
  });

  router.put('/metrics', (req, res) => {
    const { entry, created } = tenant.monitor.setMetric(req.body);
    res.status(created ? 201 : 200).json(entry);
  });

  router.get('/scenario', (_req, res) => {
    res.json(tenant.monitor.list());
  });

  router.delete('/scenario', (_req, res) => {
    tenant.monitor.clear();
    res.status(204).end();
  });

  return router;
}
