import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import express, { NextFunction, Request, Response } from 'express';
import { ArmError } from './arm/errors';
import { createEndpointCertificates } from './certificates';
import { FaultInjector, faultSpecSchema } from './faults';
import { aliasRoutes } from './routes/aliases';
import { managementGroupRoutes } from './routes/managementGroups';
import { subscriptionRoutes } from './routes/subscriptions';
import { demoTenantSeed } from './tenant/demoTenant';
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
      const issue = parsed.error.issues[0];
      res.status(400).json({
        error: {
          code: 'InvalidFault',
          message: `${issue.path.join('.') || '(body)'}: ${issue.message}`,
        },
      });
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
  admin.post('/reset', (_req, res) => {
    tenant.reset();
    faults.clear();
    requests.clear();
    res.status(204).end();
  });
  return admin;
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
  app.use('/_admin', adminRouter(tenant, faults, requests));

  const arm = express.Router();
  arm.use((req, res, next) => {
    res.on('finish', () => {
      // Route templates when a route answered; the raw path when a fault or
      // the 404 handler did.
      const route = req.route?.path ?? req.path;
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
    if (!req.query['api-version']) {
      res.status(400).json({
        error: {
          code: 'MissingApiVersionParameter',
          message: "The api-version query parameter (?api-version=) is required for all requests.",
        },
      });
      return;
    }
    next();
  });
  arm.use(express.json({ limit: '1mb' }));
  arm.use(subscriptionRoutes(tenant));
  arm.use(aliasRoutes(tenant));
  arm.use(managementGroupRoutes(tenant));
  arm.use((req, res) => {
    res.status(404).json({
      error: {
        code: 'NotFound',
        message: `The local Azure endpoint has no route for ${req.method} ${req.path}.`,
      },
    });
  });
  arm.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ArmError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({
        error: { code: 'InvalidRequestContent', message: 'The request content was not valid JSON.' },
      });
      return;
    }
    res.status(500).json({
      error: { code: 'InternalServerError', message: String((err as Error)?.message ?? err) },
    });
  });
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
  options.log?.(`local Azure endpoint listening on ${url} (tenant ${tenant.tenantId})`);
  return {
    url,
    caCertificatePem: certs.caCertificatePem,
    token,
    tenant,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}
