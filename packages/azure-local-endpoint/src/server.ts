import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import express, { NextFunction, Request, Response } from 'express';
import { ArmError } from './arm/errors';
import { createEndpointCertificates } from './certificates';
import { FaultInjector, faultSpecSchema } from './faults';
import { z } from 'zod';
import { aliasRoutes } from './routes/aliases';
import { authorizationRoutes } from './routes/authorization';
import { consumptionRoutes } from './routes/consumption';
import { costManagementRoutes } from './routes/costManagement';
import { logAnalyticsRoutes } from './routes/logAnalytics';
import { managementGroupRoutes } from './routes/managementGroups';
import { monitorAdminRoutes } from './routes/monitorAdmin';
import { logsQueryRoutes, metricsRoutes } from './routes/monitorQuery';
import { resourceGroupRoutes } from './routes/resourceGroups';
import { storageRoutes } from './routes/storage';
import { subscriptionLifecycleRoutes } from './routes/subscriptionLifecycle';
import { subscriptionRoutes } from './routes/subscriptions';
import { demoTenantSeed } from './tenant/demoTenant';
import { MonitorScenario } from './tenant/monitor';
import { Tenant } from './tenant/Tenant';
import { TenantSeed } from './tenant/types';

/** The bearer token the endpoint accepts unless told otherwise. */
export const DEFAULT_LOCAL_AZURE_TOKEN = 'local-azure-development-token';

export interface LocalAzureEndpointOptions {
  /** Interface to listen on; loopback by default, never a public address. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The only bearer token accepted on Azure routes. */
  token?: string;
  /** How long a subscription alias stays Accepted before it succeeds (ms). */
  aliasProvisioningMs?: number;
  seed?: TenantSeed;
  /** The tenant's clock (epoch ms): what monitor scripts, alias provisioning and the cost model run on. */
  now?: () => number;
  /** Rows per Cost Management query page before a nextLink; 5000 (Azure's) by default. */
  costQueryPageSize?: number;
  log?: (line: string) => void;
}

export interface LocalAzureEndpoint {
  /** Base URL, e.g. https://127.0.0.1:7443 — what the portal uses as its Resource Manager endpoint. */
  url: string;
  /** PEM of the certificate authority that signed the server certificate. */
  caCertificatePem: string;
  token: string;
  tenant: Tenant;
  faults: FaultInjector;
  requests: RequestCounter;
  /**
   * Azure Monitor's scripted answers (the tenant's, `tenant.monitor`):
   * `setLogSignal`, `setMetric`, `removeLogSignal`, `removeMetric`, `clear`,
   * `list`. `tenant.reset()` brings back the seed's scripts.
   */
  monitor: MonitorScenario;
  close(): Promise<void>;
}

/** Counts Azure calls by route so tests and benchmarks can assert how many were made. */
export class RequestCounter {
  private counts = new Map<string, number>();

  record(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot() {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort());
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return { total, byRoute };
  }

  clear() {
    this.counts.clear();
  }
}

/** Month-to-date spend the admin API sets for a subscription (USD). */
export const spendSpecSchema = z
  .object({
    amount: z.number().min(0).describe('month-to-date actual cost'),
    forecast: z
      .number()
      .min(0)
      .optional()
      .describe(
        'expected cost at month end; projected from the amount when omitted',
      ),
  })
  .strict()
  .refine(s => s.forecast === undefined || s.forecast >= s.amount, {
    path: ['forecast'],
    message: 'must be at least the amount (the month-to-date spend)',
  });

/** The admin API's error shape: a code and a message naming the first bad field. */
function invalid(res: Response, code: string, error: z.ZodError) {
  const issue = error.issues[0];
  res.status(400).json({
    error: {
      code,
      message: `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    },
  });
}

function adminRouter(
  tenant: Tenant,
  faults: FaultInjector,
  requests: RequestCounter,
) {
  const admin = express.Router();
  admin.use(express.json());
  admin.get('/health', (_req, res) => {
    res.json({ status: 'ok', tenantId: tenant.tenantId });
  });
  admin.get('/faults', (_req, res) => {
    res.json({ faults: faults.list() });
  });
  admin.post('/faults', (req, res) => {
    const parsed = faultSpecSchema.safeParse(req.body);
    if (!parsed.success) {
      invalid(res, 'InvalidFault', parsed.error);
      return;
    }
    res.status(201).json(faults.add(parsed.data));
  });
  admin.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  admin.delete('/faults/:id', (req, res) => {
    res.status(faults.remove(req.params.id) ? 204 : 404).end();
  });
  admin.get('/requests', (_req, res) => {
    res.json(requests.snapshot());
  });
  admin.delete('/requests', (_req, res) => {
    requests.clear();
    res.status(204).end();
  });
  const spendAnswer = (subscriptionId: string) => ({
    subscriptionId,
    ...tenant.spend.get(subscriptionId),
    unit: 'USD',
  });
  admin.get('/subscriptions/:subscriptionId/spend', (req, res) => {
    const { subscriptionId } = tenant.getSubscription(
      req.params.subscriptionId,
    );
    res.json(spendAnswer(subscriptionId));
  });
  admin.put('/subscriptions/:subscriptionId/spend', (req, res) => {
    const { subscriptionId } = tenant.getSubscription(
      req.params.subscriptionId,
    );
    const parsed = spendSpecSchema.safeParse(req.body);
    if (!parsed.success) {
      invalid(res, 'InvalidSpend', parsed.error);
      return;
    }
    tenant.spend.set(subscriptionId, parsed.data.amount, parsed.data.forecast);
    res.json(spendAnswer(subscriptionId));
  });
  const profileAnswer = (subscriptionId: string) => ({
    subscriptionId,
    profile: tenant.costs.getProfile(subscriptionId) ?? null,
    spend: spendAnswer(subscriptionId),
  });
  admin.get('/subscriptions/:subscriptionId/cost-profile', (req, res) => {
    const { subscriptionId } = tenant.getSubscription(
      req.params.subscriptionId,
    );
    res.json(profileAnswer(subscriptionId));
  });
  admin.put('/subscriptions/:subscriptionId/cost-profile', (req, res) => {
    const { subscriptionId } = tenant.getSubscription(
      req.params.subscriptionId,
    );
    // Answers 400 InvalidCostProfile naming the field.
    tenant.costs.setProfile(subscriptionId, req.body);
    res.json(profileAnswer(subscriptionId));
  });
  admin.delete('/subscriptions/:subscriptionId/cost-profile', (req, res) => {
    const { subscriptionId } = tenant.getSubscription(
      req.params.subscriptionId,
    );
    tenant.costs.removeProfile(subscriptionId);
    res.status(204).end();
  });
  admin.use('/monitor', monitorAdminRoutes(tenant));
  admin.post('/reset', (_req, res) => {
    tenant.reset();
    faults.clear();
    requests.clear();
    res.status(204).end();
  });
  admin.use(armErrors);
  return admin;
}

/** Errors answered in Resource Manager's shape. */
function armErrors(
  err: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  if (err instanceof ArmError) {
    res.status(err.status).json(err.toBody());
    return;
  }
  if ((err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({
      error: {
        code: 'InvalidRequestContent',
        message: 'The request content was not valid JSON.',
      },
    });
    return;
  }
  res.status(500).json({
    error: {
      code: 'InternalServerError',
      message: String((err as Error)?.message ?? err),
    },
  });
}

export function createApp(options: {
  tenant: Tenant;
  faults: FaultInjector;
  requests: RequestCounter;
  token: string;
}) {
  const { tenant, faults, requests, token } = options;
  const app = express();
  app.disable('x-powered-by');
  // Resource Manager collapses repeated slashes: SDKs that put a scope such
  // as `/subscriptions/{id}` into `/{scope}/providers/...` send `//subscriptions`.
  app.use((req, _res, next) => {
    const query = req.url.indexOf('?');
    const path = query === -1 ? req.url : req.url.slice(0, query);
    if (path.includes('//')) {
      req.url =
        path.replace(/\/{2,}/g, '/') +
        (query === -1 ? '' : req.url.slice(query));
    }
    next();
  });
  app.use('/_admin', adminRouter(tenant, faults, requests));

  const arm = express.Router();
  arm.use((req, res, next) => {
    res.on('finish', () => {
      // Route templates when a route answered; the raw path when a fault or
      // the 404 handler did. Escaped literals (`metrics\:getBatch`) count as
      // written.
      const route = req.route
        ? String(req.route.path).replace(/\\(.)/g, '$1')
        : req.path;
      requests.record(`${req.method} ${route}`);
    });
    res.setHeader('x-ms-request-id', randomUUID());
    next();
  });
  arm.use((req, res, next) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.status(401).json({
        error: {
          code: 'AuthenticationFailed',
          message: req.headers.authorization
            ? 'The access token is invalid.'
            : "Authentication failed. The 'Authorization' header is missing.",
        },
      });
      return;
    }
    next();
  });
  arm.use(faults.middleware());
  arm.use((req, res, next) => {
    // The Log Analytics query API carries its version in the path (/v1).
    if (!req.query['api-version'] && !req.path.startsWith('/loganalytics/')) {
      res.status(400).json({
        error: {
          code: 'MissingApiVersionParameter',
          message:
            'The api-version query parameter (?api-version=) is required for all requests.',
        },
      });
      return;
    }
    next();
  });
  arm.use(express.json({ limit: '1mb' }));
  // Every route below the fault injector, so each can be made to fail.
  arm.use(subscriptionRoutes(tenant));
  arm.use(subscriptionLifecycleRoutes(tenant));
  arm.use(resourceGroupRoutes(tenant));
  arm.use(logAnalyticsRoutes(tenant));
  arm.use(storageRoutes(tenant));
  arm.use(consumptionRoutes(tenant));
  arm.use(costManagementRoutes(tenant));
  arm.use(authorizationRoutes(tenant));
  arm.use(aliasRoutes(tenant));
  arm.use(managementGroupRoutes(tenant));
  arm.use(logsQueryRoutes(tenant));
  arm.use(metricsRoutes(tenant));
  arm.use((req, res) => {
    res.status(404).json({
      error: {
        code: 'NotFound',
        message: `The local Azure endpoint has no route for ${req.method} ${req.path}.`,
      },
    });
  });
  arm.use(armErrors);
  app.use(arm);
  return app;
}

/** Starts the local Azure-compatible endpoint over HTTPS with a freshly generated CA. */
export async function startLocalAzureEndpoint(
  options: LocalAzureEndpointOptions = {},
): Promise<LocalAzureEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? DEFAULT_LOCAL_AZURE_TOKEN;
  const tenant = new Tenant(options.seed ?? demoTenantSeed(), {
    aliasProvisioningMs: options.aliasProvisioningMs ?? 3000,
    now: options.now,
    costQueryPageSize: options.costQueryPageSize,
  });
  const faults = new FaultInjector();
  const requests = new RequestCounter();
  const certs = createEndpointCertificates(['localhost', '127.0.0.1', '::1']);
  const app = createApp({ tenant, faults, requests, token });
  const server = https.createServer(
    { cert: certs.serverCertificatePem, key: certs.serverKeyPem },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.log?.(
    `local Azure endpoint listening on ${url} (tenant ${tenant.tenantId})`,
  );
  return {
    url,
    caCertificatePem: certs.caCertificatePem,
    token,
    tenant,
    faults,
    requests,
    monitor: tenant.monitor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}
