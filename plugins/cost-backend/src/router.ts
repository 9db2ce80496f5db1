import {
  BackstageCredentials,
  BackstageServicePrincipal,
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
  CostInputError,
  CostRefreshResponse,
  ENTITY_NAME_PATTERN,
  costDomainReadPermission,
  costEstateReadPermission,
  parseAlertFilters,
} from '@dataplatform/plugin-cost-common';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { CostEntityEntry } from './services/CostCatalog';
import { CostViews } from './services/CostViews';

const NAME_RULE =
  "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit";

function nameParam(req: Request, what: string): string {
  const { name } = req.params;
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw new InputError(
      `name must be the name of ${what} (${NAME_RULE}), got '${name}'`,
    );
  }
  return name;
}

/** Whether an `If-None-Match` header names the ETag (`*`, a list, weak or strong). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .some(tag => tag === '*' || tag === etag);
}

export async function createRouter({
  httpAuth,
  permissions,
  memberships,
  views,
  refresh,
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  memberships: Memberships;
  views: CostViews;
  /** Starts a refresh now (the scheduled task), without waiting for it. */
  refresh: { trigger(): Promise<CostRefreshResponse['state']> };
}): Promise<express.Router> {
  const router = Router();

  /** Signed-in people; nobody else. */
  function signedIn(req: Request) {
    return httpAuth.credentials(req, { allow: ['user'] });
  }

  /** Those the permission policy allows; nobody else. */
  async function authorize(
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
    permission: BasicPermission,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        permission === costEstateReadPermission
          ? `Only the platform team may see the cost of the estate (${permission.name})`
          : `You are not allowed to see the cost of domains and sandboxes (${permission.name})`,
      );
    }
  }

  /** A domain's or sandbox's cost is for its owner group and the platform team. */
  async function requireOwnerOrPlatformTeam(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    entry: CostEntityEntry,
  ) {
    if (
      await memberships.isMemberOrPlatformTeam(credentials, entry.ownerGroup)
    ) {
      return;
    }
    throw new NotAllowedError(
      entry.ownerGroup
        ? `The cost of ${entry.entityRef} is visible to ${entry.ownerGroup} and the platform team only`
        : `The cost of ${entry.entityRef} is visible to the platform team only (it names no owner group)`,
    );
  }

  router.get('/domains/:name', async (req, res) => {
    const credentials = await signedIn(req);
    const name = nameParam(req, 'a Domain');
    await authorize(credentials, costDomainReadPermission);
    const entry = await views.findDomain(name);
    await requireOwnerOrPlatformTeam(credentials, entry);
    res.json(await views.domainCost(entry));
  });

  router.get('/sandboxes/:name', async (req, res) => {
    const credentials = await signedIn(req);
    const name = nameParam(req, 'an innovation sandbox');
    await authorize(credentials, costDomainReadPermission);
    const entry = await views.findSandbox(name);
    await requireOwnerOrPlatformTeam(credentials, entry);
    res.json(await views.sandboxCost(entry));
  });

  router.get('/estate', async (req, res) => {
    // Other backend plugins (the overview) read the estate as the platform
    // team does; the permissions service allows a service unless its
    // access restrictions say otherwise.
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, costEstateReadPermission);
    const { etag, json, gzip } = await views.estate();
    // Always revalidated, and kept by the browser only: the answer is per person.
    res.set({
      ETag: etag,
      'Cache-Control': 'private, no-cache',
      Vary: 'Accept-Encoding',
    });
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json');
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      // Already compressed, so the server's compression middleware leaves it.
      res.set('Content-Encoding', 'gzip').send(gzip);
      return;
    }
    res.send(json);
  });

  router.get('/alerts', async (req, res) => {
    await authorize(await signedIn(req), costEstateReadPermission);
    let filters;
    try {
      filters = parseAlertFilters(req.query as Record<string, unknown>);
    } catch (error) {
      if (error instanceof CostInputError) throw new InputError(error.message);
      throw error;
    }
    res.json(await views.alerts(filters));
  });

  router.post('/refresh', async (req, res) => {
    await authorize(await signedIn(req), costEstateReadPermission);
    const state = await refresh.trigger();
    const body: CostRefreshResponse = { state };
    res.status(202).json(body);
  });

  return router;
}
