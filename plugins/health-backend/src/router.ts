import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HISTORY_WINDOWS,
  HistoryWindow,
  healthReadPermission,
} from '@dataplatform/plugin-health-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { HealthQueries } from './services/HealthQueries';

function historyWindow(value: unknown): HistoryWindow {
  if (value === undefined) return '24h';
  if (
    typeof value === 'string' &&
    (HISTORY_WINDOWS as readonly string[]).includes(value)
  ) {
    return value as HistoryWindow;
  }
  const got = typeof value === 'string' ? value : JSON.stringify(value);
  throw new InputError(
    `window must be one of ${HISTORY_WINDOWS.join(', ')} (got '${got}')`,
  );
}

function entityRefOf(req: Request) {
  const { kind, namespace, name } = req.params;
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

export async function createRouter({
  httpAuth,
  permissions,
  queries,
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  queries: HealthQueries;
}): Promise<express.Router> {
  const router = Router();

  /** Signed-in people allowed to read health; nobody else. */
  function reader(
    req: Request,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  /** Also other backend plugins (the overview reads the list): they see it as the platform team does. */
  function reader(
    req: Request,
    allow: Array<'user' | 'service'>,
  ): Promise<
    BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
  >;
  async function reader(
    req: Request,
    allow: Array<'user' | 'service'> = ['user'],
  ) {
    const credentials = await httpAuth.credentials(req, { allow });
    const [decision] = await permissions.authorize(
      [{ permission: healthReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to read health (${healthReadPermission.name}).`,
      );
    }
    return credentials;
  }

  router.get('/entities', async (req, res) => {
    const credentials = await reader(req, ['user', 'service']);
    res.json(await queries.list(credentials));
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await reader(req);
    res.json(await queries.detail(entityRefOf(req), credentials));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    await reader(req);
    const window = historyWindow(req.query.window);
    res.json(await queries.history(entityRefOf(req), window));
  });

  return router;
}
