import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  DOMAIN_REQUEST_STATUSES,
  DomainRequestStatus,
  SANDBOX_LEASE_STATES,
  SandboxLeaseState,
  domainRequestCreatePermission,
  domainRequestDecidePermission,
  sandboxLeaseCreatePermission,
  sandboxLeaseExtendPermission,
} from '@dataplatform/plugin-provisioning-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DomainRequestService } from './services/DomainRequestService';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import { PublishedEntityService } from './services/PublishedEntityService';
import { SandboxLeaseService } from './services/SandboxLeaseService';
import { ReconcileSummary } from './services/sandboxLeases/types';
import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';

/** Runs the sandbox lease task now. */
export interface LeaseReconciliation {
  reconcileAll(): Promise<ReconcileSummary>;
}

const inputBody = z.object({
  input: z.custom<unknown>(value => value !== undefined, {
    message: 'is required: the request to check',
  }),
});

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(500).optional(),
});

const provisioningBody = z.object({
  taskId: z.string().min(1).max(200).optional(),
});

const resultBody = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('provisioned'),
    subscriptionId: z
      .string()
      .regex(GUID_PATTERN, 'must be a subscription id (a GUID)'),
    workspaceResourceId: z.string().min(1).max(1000).optional(),
    domainEntityRef: z
      .string()
      .regex(
        /^domain:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
        'must be a Domain entity ref, e.g. domain:default/finance',
      ),
  }),
  z.object({
    status: z.literal('failed'),
    failure: z.string().trim().min(1).max(4000),
  }),
]);

const activationBody = z.object({
  subscriptionId: z
    .string()
    .regex(GUID_PATTERN, 'must be a subscription id (a GUID)'),
});

const extensionBody = z.object({ days: z.number() });

const entitiesBody = z.object({
  entities: z.array(z.unknown()),
  taskId: z.string().min(1).max(200).optional(),
  initiatedBy: z
    .string()
    .max(300)
    .regex(
      /^user:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
      'must be a User entity ref, e.g. user:default/jane.doe',
    )
    .optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; '),
    );
  }
  return result.data;
}

function listQuery<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      `${field}: give one comma-separated list; allowed: ${allowed.join(', ')}`,
    );
  }
  const wanted = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter(
    s => !(allowed as readonly string[]).includes(s),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `${field}: ${unknown
        .map(s => `"${s}"`)
        .join(', ')} not allowed; allowed: ${allowed.join(', ')}`,
    );
  }
  return wanted as T[];
}

/** Who did it, for histories: a person's entity ref or a service's subject. */
function actor(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type: string }).type === 'user';
}

export async function createRouter({
  httpAuth,
  permissions,
  memberships,
  domainRequests,
  sandboxLeases,
  publishedEntities,
  reconciler,
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  memberships: Memberships;
  domainRequests: DomainRequestService;
  sandboxLeases: SandboxLeaseService;
  publishedEntities: PublishedEntityService;
  reconciler: LeaseReconciliation;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '5mb' }));

  async function authorizedUser(
    req: Request,
    permission: BasicPermission,
    denied: string,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(denied);
    return credentials;
  }

  /**
   * Services (the scaffolder) may call; a person only when in the platform
   * team, since provisioning runs on the approver's behalf.
   */
  async function serviceOrPlatformTeam(req: Request, denied: string) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['service', 'user'],
    });
    if (
      isUser(credentials) &&
      !(await memberships.isPlatformTeam(credentials))
    ) {
      throw new NotAllowedError(denied);
    }
    return credentials;
  }

  // ---- domain requests ------------------------------------------------------

  router.post('/domain-requests/validate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { input } = parse(inputBody, req.body);
    res.json(await domainRequests.validate(input));
  });

  router.post('/domain-requests', async (req, res) => {
    const credentials = await authorizedUser(
      req,
      domainRequestCreatePermission,
      'You need to be in a domain owner group or the platform team to request a data domain.',
    );
    const { input } = parse(inputBody, req.body);
    const { request, created } = await domainRequests.submit(
      input,
      credentials.principal.userEntityRef,
    );
    res.status(created ? 201 : 200).json(request);
  });

  router.get('/domain-requests', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const statuses = listQuery<DomainRequestStatus>(
      req.query.status,
      'status',
      DOMAIN_REQUEST_STATUSES,
    );
    res.json({ items: await domainRequests.list(statuses) });
  });

  router.get('/domain-requests/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await domainRequests.get(req.params.id));
  });

  router.post('/domain-requests/:id/decision', async (req, res) => {
    const credentials = await authorizedUser(
      req,
      domainRequestDecidePermission,
      'Only the platform team can approve or reject domain requests.',
    );
    const body = parse(decisionBody, req.body);
    const decision =
      body.decision === 'approve'
        ? { decision: 'approve' as const, comment: body.comment }
        : { decision: 'reject' as const, comment: body.comment ?? '' };
    res.json(await domainRequests.decide(req.params.id, decision, credentials));
  });

  router.post('/domain-requests/:id/provision', async (req, res) => {
    const credentials = await authorizedUser(
      req,
      domainRequestDecidePermission,
      'Only the platform team can start provisioning a domain.',
    );
    res.json(await domainRequests.provision(req.params.id, credentials));
  });

  router.post('/domain-requests/:id/provisioning', async (req, res) => {
    await serviceOrPlatformTeam(
      req,
      'Only the provisioning task (running for a platform engineer) can mark a domain request as provisioning.',
    );
    const { taskId } = parse(provisioningBody, req.body);
    res.json(await domainRequests.markProvisioning(req.params.id, taskId));
  });

  router.post('/domain-requests/:id/result', async (req, res) => {
    await serviceOrPlatformTeam(
      req,
      'Only the provisioning task (running for a platform engineer) can record the result of a domain request.',
    );
    const result = parse(resultBody, req.body);
    res.json(await domainRequests.recordResult(req.params.id, result));
  });

  router.get('/domain-names/:name/availability', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await domainRequests.availability(req.params.name));
  });

  // ---- sandbox leases -------------------------------------------------------

  router.post('/sandbox-leases/validate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { input } = parse(inputBody, req.body);
    res.json(await sandboxLeases.validate(input, credentials));
  });

  router.post('/sandbox-leases/reconcile', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    if (!(await memberships.isPlatformTeam(credentials))) {
      throw new NotAllowedError(
        `Only the platform team (${memberships.platformTeam}) can run the sandbox lease task by hand.`,
      );
    }
    res.json(await reconciler.reconcileAll());
  });

  router.post('/sandbox-leases', async (req, res) => {
    const credentials = await authorizedUser(
      req,
      sandboxLeaseCreatePermission,
      'You need to be in a domain owner group or the platform team to lease a sandbox.',
    );
    const { input } = parse(inputBody, req.body);
    const { lease, created } = await sandboxLeases.create(input, credentials);
    res.status(created ? 201 : 200).json(lease);
  });

  router.get('/sandbox-leases', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const states = listQuery<SandboxLeaseState>(
      req.query.state,
      'state',
      SANDBOX_LEASE_STATES,
    );
    res.json({ items: await sandboxLeases.list(states) });
  });

  router.get('/sandbox-leases/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await sandboxLeases.get(req.params.id));
  });

  router.post('/sandbox-leases/:id/activation', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['service', 'user'],
    });
    const { subscriptionId } = parse(activationBody, req.body);
    res.json(
      await sandboxLeases.activate(req.params.id, subscriptionId, {
        by: actor(credentials),
        user: isUser(credentials) ? credentials : undefined,
      }),
    );
  });

  router.post('/sandbox-leases/:id/extension', async (req, res) => {
    const credentials = await authorizedUser(
      req,
      sandboxLeaseExtendPermission,
      "You need to be in the sandbox's owner group or the platform team to extend its lease.",
    );
    const { days } = parse(extensionBody, req.body);
    res.json(await sandboxLeases.extend(req.params.id, days, credentials));
  });

  // ---- entities for the catalog ---------------------------------------------

  router.put('/published-entities/:key', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    // Only services call here, so the scaffolder vouches for who ran the
    // template; that person is who may replace the set later.
    const { entities, taskId, initiatedBy } = parse(entitiesBody, req.body);
    res.json(
      await publishedEntities.put(req.params.key, entities, {
        publishedBy: actor(credentials),
        initiatedBy,
        taskId,
      }),
    );
  });

  router.get('/catalog-entities', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ entities: await publishedEntities.catalogEntities() });
  });

  return router;
}
