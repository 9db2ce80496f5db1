import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ENTITY_NAME_PATTERN } from '@dataplatform/plugin-cost-common';
import {
  OverviewFilters,
  OverviewInputError,
  overviewReadPermission,
  parseOverviewFilters,
} from '@dataplatform/plugin-overview-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { OverviewSnapshot } from './services/OverviewState';
import { Viewer } from './services/Viewers';
import {
  domainOverview,
  isSharedHome,
  me,
  myDomains,
  platformHome,
  platformHomeJson,
} from './services/views';

const NAME_RULE =
  "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit";

function nameParam(req: Request): string {
  const { name } = req.params;
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw new InputError(
      `name must be the name of a Domain (${NAME_RULE}), got '${name}'`,
    );
  }
  return name;
}

/** Whether an `If-None-Match` header names the ETag (`*`, a list; weak comparison). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .some(tag => tag === '*' || tag === opaque);
}

/**
 * Sends a JSON answer with its ETag, or 304 when the client has it. The
 * answers differ per person: browsers keep them, nothing shared does.
 */
function sendTagged(
  req: Request,
  res: Response,
  answer: { etag: string; json: Buffer; gzip?: Buffer },
) {
  res.set({
    ETag: answer.etag,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
  });
  if (matches(req.get('if-none-match'), answer.etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  if (answer.gzip && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    // Already compressed, so the server's compression middleware leaves it.
    res.set('Content-Encoding', 'gzip').send(answer.gzip);
    return;
  }
  res.send(answer.json);
}

export async function createRouter({
  httpAuth,
  permissions,
  viewers,
  snapshot,
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Who is asking: their groups and whether they are in the platform team. */
  viewers: {
    of(
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ): Promise<Viewer>;
  };
  /** The current snapshot (rebuilt in the background after every poll). */
  snapshot: () => OverviewSnapshot;
}): Promise<express.Router> {
  const router = Router();

  /** Signed-in people the permission policy allows; nobody else. */
  async function reader(req: Request): Promise<Viewer> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: overviewReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to read the overview of domains (${overviewReadPermission.name})`,
      );
    }
    return viewers.of(credentials);
  }

  function filtersOf(req: Request): OverviewFilters {
    try {
      return parseOverviewFilters(req.query as Record<string, unknown>);
    } catch (error) {
      if (error instanceof OverviewInputError) {
        throw new InputError(error.message);
      }
      throw error;
    }
  }

  router.get('/domains', async (req, res) => {
    const viewer = await reader(req);
    const filters = filtersOf(req);
    const current = snapshot();
    if (isSharedHome(viewer, filters)) {
      sendTagged(req, res, platformHomeJson(current));
      return;
    }
    const { etag, body } = platformHome(current, viewer, filters);
    sendTagged(req, res, {
      etag,
      json: Buffer.from(JSON.stringify(body), 'utf8'),
    });
  });

  router.get('/domains/:name', async (req, res) => {
    const viewer = await reader(req);
    const name = nameParam(req);
    res.set('Cache-Control', 'private, no-cache');
    res.json(domainOverview(snapshot(), viewer, name));
  });

  router.get('/me', async (req, res) => {
    const viewer = await reader(req);
    res.set('Cache-Control', 'private, no-cache');
    res.json(me(snapshot(), viewer));
  });

  router.get('/me/domains', async (req, res) => {
    const viewer = await reader(req);
    res.set('Cache-Control', 'private, no-cache');
    res.json(myDomains(snapshot(), viewer));
  });

  return router;
}
