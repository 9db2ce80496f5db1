import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AuthService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HEALTH_MODEL_ANNOTATION,
  HealthModelParseResult,
  HealthModelValidationError,
  MAX_HEALTH_MODEL_BYTES,
  parseHealthModel,
} from '@dataplatform/plugin-health-common';
import pLimit from 'p-limit';
import { HealthEntityKind, HealthModelEntry, ModelError } from './types';

export const DATA_PRODUCT_API_VERSION = 'dataplatform.contoso.com/v1alpha1';

/** Model files read at once while loading. */
const READ_CONCURRENCY = 8;
/** Validation errors repeated in a model error's message; all are in `errors`. */
const ERRORS_IN_MESSAGE = 5;

/** A model file that could not be read, with the reason a person can act on. */
class ModelReadError extends Error {}

function refused(target: string, why: string): ModelReadError {
  return new ModelReadError(`${HEALTH_MODEL_ANNOTATION}: '${target}' ${why}`);
}

function isAbsoluteTarget(target: string) {
  return (
    path.isAbsolute(target) ||
    path.win32.isAbsolute(target) ||
    /^[a-z][a-z0-9+.-]*:/i.test(target)
  );
}

function isInside(dir: string, candidate: string) {
  const relative = path.relative(dir, candidate);
  return (
    relative !== '' &&
    !relative.startsWith(`..${path.sep}`) &&
    relative !== '..' &&
    !path.isAbsolute(relative)
  );
}

function tooLarge(target: string, bytes: number) {
  return refused(
    target,
    `is ${bytes} bytes; health model files are limited to ${MAX_HEALTH_MODEL_BYTES} bytes (256 KiB)`,
  );
}

/**
 * Reads a model file named relative to a `file:` catalog location. The file
 * must be inside the directory of the location file once links are
 * resolved: a catalog entry must not make the backend read anything else.
 */
export async function readModelFile(
  locationFile: string,
  target: string,
): Promise<{ text: string; source: string }> {
  if (isAbsoluteTarget(target)) {
    throw refused(
      target,
      "is absolute; give a path relative to the entity's catalog file, such as ./health/<entity>.health.yaml",
    );
  }
  const dir = path.dirname(locationFile);
  const candidate = path.resolve(dir, target);
  const shownDir = `${path.basename(dir)}/`;
  if (!isInside(dir, candidate)) {
    throw refused(
      target,
      `resolves outside ${shownDir}, the directory of the entity's catalog file`,
    );
  }
  // Shown to owners as where the model lives, e.g. catalog/health/x.yaml.
  const source = path
    .relative(path.dirname(dir), candidate)
    .split(path.sep)
    .join('/');
  let real: string;
  let realDir: string;
  try {
    [real, realDir] = await Promise.all([
      fs.realpath(candidate),
      fs.realpath(dir),
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refused(
      target,
      code === 'ENOENT'
        ? `cannot be read: ${source} does not exist`
        : `cannot be read: ${(error as Error).message}`,
    );
  }
  if (!isInside(realDir, real)) {
    throw refused(
      target,
      `is a link to a file outside ${shownDir}, the directory of the entity's catalog file`,
    );
  }
  const stat = await fs.stat(real);
  if (!stat.isFile()) throw refused(target, `is not a file (${source})`);
  if (stat.size > MAX_HEALTH_MODEL_BYTES) throw tooLarge(target, stat.size);
  return { text: await fs.readFile(real, 'utf8'), source };
}

/** Resolves a model file named relative to a `url:` catalog location, within its directory. */
export function resolveModelUrl(locationUrl: string, target: string): string {
  if (isAbsoluteTarget(target) || target.startsWith('//')) {
    throw refused(
      target,
      "is absolute; give a path relative to the entity's catalog file, such as ./health/<entity>.health.yaml",
    );
  }
  const base = new URL(locationUrl);
  const resolved = new URL(target, base);
  const baseDir = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
  if (
    resolved.origin !== base.origin ||
    !resolved.pathname.startsWith(baseDir)
  ) {
    throw refused(
      target,
      `resolves outside ${base.origin}${baseDir}, the directory of the entity's catalog file`,
    );
  }
  return resolved.toString();
}

/** The first validation errors, `<pointer>: <message>`, for a model error's message. */
export function describeErrors(errors: HealthModelValidationError[]): string {
  const listed = errors
    .slice(0, ERRORS_IN_MESSAGE)
    .map(e => `${e.path || '/'}: ${e.message}`)
    .join('; ');
  const more = errors.length - ERRORS_IN_MESSAGE;
  return more > 0 ? `${listed}; and ${more} more` : listed;
}

function entityRefIn(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

function kindOf(entity: Entity): HealthEntityKind | undefined {
  if (entity.kind.toLowerCase() === 'domain') return 'domain';
  if (
    entity.kind === 'DataProduct' &&
    entity.apiVersion === DATA_PRODUCT_API_VERSION
  ) {
    return 'dataproduct';
  }
  return undefined;
}

/**
 * The health models of the catalog: every Domain and DataProduct carrying
 * the health model annotation, its file read relative to the entity's
 * catalog location and validated. A file that cannot be read or is invalid
 * becomes a model error of that entity only. Parsed models are cached by
 * content, and URL reads by ETag, so an unchanged file costs little.
 */
export class ModelSource {
  private parsed = new Map<string, HealthModelParseResult>();
  private readonly urlCache = new Map<string, { etag: string; text: string }>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
    },
  ) {}

  /** Lists the catalog's domains and data products and reads their models. */
  async load(): Promise<HealthModelEntry[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'Domain' }, { kind: 'DataProduct' }],
        fields: [
          'apiVersion',
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.domain',
          'spec.owner',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return this.entriesOf(items);
  }

  /** The entries for these entities: annotated ones, and domains of annotated products. */
  async entriesOf(entities: Entity[]): Promise<HealthModelEntry[]> {
    const limit = pLimit(READ_CONCURRENCY);
    const seen = new Map<string, HealthModelParseResult>();
    const candidates = entities.flatMap(entity => {
      const kind = kindOf(entity);
      return kind ? [{ entity, kind }] : [];
    });
    const annotated = await Promise.all(
      candidates
        .filter(
          ({ entity }) =>
            entity.metadata.annotations?.[HEALTH_MODEL_ANNOTATION] !==
            undefined,
        )
        .map(({ entity, kind }) =>
          limit(() => this.entryOf(entity, kind, seen)),
        ),
    );
    // Only what this load used stays cached: removed files are forgotten.
    this.parsed = seen;

    const listed = new Set(annotated.map(e => e.entityRef));
    const wantedDomains = new Set(
      annotated.flatMap(e =>
        e.kind === 'dataproduct' && e.domainRef ? [e.domainRef] : [],
      ),
    );
    const modelLessDomains = candidates
      .filter(({ kind }) => kind === 'domain')
      .map(({ entity }) => this.baseEntry(entity, 'domain'))
      .filter(e => wantedDomains.has(e.entityRef) && !listed.has(e.entityRef));
    return [...annotated, ...modelLessDomains];
  }

  private baseEntry(entity: Entity, kind: HealthEntityKind): HealthModelEntry {
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const domainRef =
      kind === 'dataproduct'
        ? entityRefIn(spec.domain, 'domain', namespace)
        : undefined;
    const owner = entityRefIn(spec.owner, 'group', namespace);
    return {
      entityRef: stringifyEntityRef(entity),
      kind,
      title: entity.metadata.title ?? entity.metadata.name,
      ...(domainRef ? { domainRef } : {}),
      ...(owner ? { owner } : {}),
    };
  }

  private async entryOf(
    entity: Entity,
    kind: HealthEntityKind,
    seen: Map<string, HealthModelParseResult>,
  ): Promise<HealthModelEntry> {
    const entry = this.baseEntry(entity, kind);
    const target = String(
      entity.metadata.annotations?.[HEALTH_MODEL_ANNOTATION] ?? '',
    ).trim();
    let text: string;
    let source: string;
    try {
      ({ text, source } = await this.read(entity, target));
    } catch (error) {
      return { ...entry, modelError: modelErrorOf(error, target) };
    }
    const hash = createHash('sha256').update(text).digest('hex');
    const parsed =
      seen.get(hash) ?? this.parsed.get(hash) ?? parseHealthModel(text);
    seen.set(hash, parsed);
    if (!parsed.valid) {
      return {
        ...entry,
        source,
        modelError: {
          message: `${HEALTH_MODEL_ANNOTATION}: ${source} is not a valid health model: ${describeErrors(
            parsed.errors,
          )}`,
          errors: parsed.errors,
        },
      };
    }
    return { ...entry, source, model: parsed.model };
  }

  private async read(
    entity: Entity,
    target: string,
  ): Promise<{ text: string; source: string }> {
    if (target === '') {
      throw new ModelReadError(
        `${HEALTH_MODEL_ANNOTATION} is empty; give the model file relative to the entity's catalog file, such as ./health/<entity>.health.yaml`,
      );
    }
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    const colon = location?.indexOf(':') ?? -1;
    if (!location || colon < 1) {
      throw refused(
        target,
        `cannot be resolved: the entity has no ${ANNOTATION_LOCATION} to resolve it against`,
      );
    }
    const type = location.slice(0, colon);
    const where = location.slice(colon + 1);
    if (type === 'file') return readModelFile(where, target);
    if (type === 'url') {
      const url = resolveModelUrl(where, target);
      return { text: await this.readUrl(target, url), source: url };
    }
    throw refused(
      target,
      `cannot be resolved: the entity comes from a '${type}' location; models are read next to 'url' and 'file' locations only`,
    );
  }

  private async readUrl(target: string, url: string): Promise<string> {
    const cached = this.urlCache.get(url);
    let response;
    try {
      response = await this.options.urlReader.readUrl(url, {
        etag: cached?.etag,
      });
    } catch (error) {
      if (cached && (error as Error).name === 'NotModifiedError') {
        return cached.text;
      }
      throw refused(
        target,
        `cannot be read from ${url}: ${(error as Error).message}`,
      );
    }
    const buffer = await response.buffer();
    if (buffer.length > MAX_HEALTH_MODEL_BYTES) {
      throw tooLarge(target, buffer.length);
    }
    const text = buffer.toString('utf8');
    if (response.etag) this.urlCache.set(url, { etag: response.etag, text });
    else this.urlCache.delete(url);
    return text;
  }
}

function modelErrorOf(error: unknown, target: string): ModelError {
  if (error instanceof ModelReadError) {
    return { message: error.message, errors: [] };
  }
  // Anything else is a fault of this entity's read, not of the cycle.
  return {
    message: `${HEALTH_MODEL_ANNOTATION}: '${target}' cannot be read: ${
      (error as Error)?.message ?? String(error)
    }`,
    errors: [],
  };
}
