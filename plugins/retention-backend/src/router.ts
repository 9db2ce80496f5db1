import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  VERDICTS,
  Verdict,
  findingsToCsv,
  retentionReadPermission,
  retentionReportPermission,
} from '@dataplatform/plugin-retention-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { RetentionQueries } from './services/RetentionQueries';

export const FINDINGS_FORMATS = ['json', 'csv'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `violation,at-risk` → the verdicts; absent → all. */
export function parseVerdicts(value: unknown): Verdict[] | undefined {
  if (value === undefined) return undefined;
  const allowed = `a comma-separated list of ${VERDICTS.join(', ')}`;
  if (typeof value !== 'string') {
    throw new InputError(
      `verdict must be ${allowed}, given once (got ${shown(value)})`,
    );
  }
  const parts = value.split(',').map(part => part.trim());
  const wrong = parts.filter(
    part => !(VERDICTS as readonly string[]).includes(part),
  );
  if (wrong.length > 0) {
    throw new InputError(
      `verdict must be ${allowed} (got '${value}'; not allowed: ${wrong
        .map(w => `'${w}'`)
        .join(', ')})`,
    );
  }
  return [...new Set(parts)] as Verdict[];
}

export function parseFormat(value: unknown): FindingsFormat {
  if (value === undefined) return 'json';
  if (
    typeof value === 'string' &&
    (FINDINGS_FORMATS as readonly string[]).includes(value)
  ) {
    return value as FindingsFormat;
  }
  throw new InputError(
    `format must be one of ${FINDINGS_FORMATS.join(', ')} (got '${shown(
      value,
    )}')`,
  );
}

/** `hr` or `domain:default/hr` → the domain's entity ref. */
export function parseDomain(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const allowed =
    'a domain name such as hr, or a domain entity ref such as domain:default/hr';
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`domain must be ${allowed} (got '${shown(value)}')`);
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'domain',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLowerCase() !== 'domain') throw new Error('not a domain');
    return stringifyEntityRef(ref).toLowerCase();
  } catch {
    throw new InputError(`domain must be ${allowed} (got '${value}')`);
  }
}

function entityRefOf(req: Request) {
  const { kind, namespace, name } = req.params;
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/** `2026-12-01`: the day of the export, in UTC. */
function day(now: Date) {
  return now.toISOString().slice(0, 10);
}

export async function createRouter({
  httpAuth,
  permissions,
  queries,
  scans,
  now = () => new Date(),
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  queries: RetentionQueries;
  /** Starts a scan now (the scheduled task), without waiting for it. */
  scans: { trigger(): Promise<void> };
  now?: () => Date;
}): Promise<express.Router> {
  const router = Router();

  /** Signed-in people the permission policy allows; nobody else (unless `allow` says so). */
  async function authorize(
    req: Request,
    permission: BasicPermission,
    allow: Array<'user' | 'service'> = ['user'],
  ) {
    const credentials = await httpAuth.credentials(req, { allow });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        permission === retentionReportPermission
          ? `Only the platform team may see retention across the estate (${permission.name}).`
          : `You are not allowed to read retention (${permission.name}).`,
      );
    }
  }

  router.get('/entities', async (req, res) => {
    // Other backend plugins (the overview) read the list too; it is the
    // same for everyone, and a service is allowed unless its access
    // restrictions say otherwise.
    await authorize(req, retentionReadPermission, ['user', 'service']);
    res.json(await queries.list());
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    await authorize(req, retentionReadPermission);
    res.json(await queries.detail(entityRefOf(req)));
  });

  router.get('/findings', async (req, res) => {
    await authorize(req, retentionReportPermission);
    const verdicts = parseVerdicts(req.query.verdict);
    const format = parseFormat(req.query.format);
    const domainRef = parseDomain(req.query.domain);
    const answer = await queries.findings({
      ...(verdicts ? { verdicts } : {}),
      ...(domainRef ? { domainRef } : {}),
    });
    if (format === 'json') {
      res.json(answer);
      return;
    }
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="retention-findings-${day(
          now(),
        )}.csv"`,
      })
      .send(findingsToCsv(answer.findings));
  });

  router.post('/scan', async (req, res) => {
    await authorize(req, retentionReportPermission);
    await scans.trigger();
    res.status(202).json({ triggered: true });
  });

  return router;
}
