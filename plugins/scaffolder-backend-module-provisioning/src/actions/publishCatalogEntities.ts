import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  isChildPath,
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { FieldProblem } from '@dataplatform/plugin-provisioning-common';
import {
  ProvisionedEntity,
  ProvisioningService,
} from '@dataplatform/plugin-provisioning-node';
import { parseAllDocuments } from 'yaml';
import { examples } from './publishCatalogEntities.examples';
import { checkpointed, refuse } from './shared';

/** Where the settings of this action live in the app config. */
export const CATALOG_PUBLISHING_CONFIG =
  'dataplatform.provisioning.catalogPublishing';

const KEY_PATTERN = /^[a-z0-9][a-z0-9:._-]{0,199}$/;
const KEY_RULE =
  'lowercase letters, digits and ":", ".", "_", "-", starting with a letter or digit, at most 200 characters';
const MAX_ENTITY_FILE_BYTES = 2 * 1024 * 1024;
const MAX_TEXT_FILE_BYTES = 1024 * 1024;
/** Catalog placeholders the catalog resolves beside a file in a repository. */
const PLACEHOLDER = /^\$[a-z]+$/i;

type PublishingTarget =
  | { mode: 'portal' }
  | { mode: 'pull-request'; repoUrl: string; targetPath: string };

/**
 * `dataplatform:catalog:publish`: registers what a template created. In the
 * embedded default (mode `portal`) the entities go to the provisioning
 * backend's store, which the catalog reads; they are made self-contained
 * first, since the store has no files beside them for `$text` to point at.
 * In mode `pull-request` it only checks the entities and hands the target to
 * the template's `publish:github:pull-request` step.
 */
export function createPublishCatalogEntitiesAction(options: {
  client: ProvisioningService;
  config: RootConfigService;
}) {
  const { client, config } = options;
  return createTemplateAction({
    id: 'dataplatform:catalog:publish',
    description:
      'Publishes the entities of a YAML file in the task workspace to the catalog: straight into the portal (mode portal) or, in mode pull-request, ' +
      `outputs where the template's pull-request step should propose them (config ${CATALOG_PUBLISHING_CONFIG}).`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        filePath: z =>
          z
            .string()
            .describe(
              'YAML file in the task workspace with one or more entities, e.g. ./catalog-info.yaml. `$text: ./file` placeholders are read from files beside it',
            ),
        key: z =>
          z
            .string()
            .describe(
              `Name of the entity set; publishing again under the same key replaces it. Allowed: ${KEY_RULE}`,
            ),
      },
      output: {
        mode: z =>
          z
            .enum(['portal', 'pull-request'])
            .describe('How this portal publishes: portal or pull-request'),
        entityRefs: z =>
          z.array(z.string()).describe('The published (or proposed) entities'),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe('pull-request mode: the repository to propose them to'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('pull-request mode: the folder in that repository'),
        branchName: z =>
          z
            .string()
            .optional()
            .describe('pull-request mode: the branch to propose them on'),
      },
    },
    async handler(ctx) {
      const { filePath, key } = ctx.input;
      const problems: FieldProblem[] = [];
      if (typeof key !== 'string' || key === '') {
        problems.push({
          field: 'key',
          message: `is required; allowed: ${KEY_RULE}`,
        });
      } else if (!KEY_PATTERN.test(key)) {
        problems.push({
          field: 'key',
          message: `"${key}" is not allowed; allowed: ${KEY_RULE}`,
        });
      }
      if (typeof filePath !== 'string' || filePath.trim() === '') {
        problems.push({
          field: 'filePath',
          message:
            'is required; give a YAML file in the task workspace, such as ./catalog-info.yaml',
        });
      }
      if (problems.length > 0) refuse('Cannot publish', problems);

      const target = publishingTarget(config);
      const entities = await readEntities(
        ctx.workspacePath,
        filePath,
        target.mode,
      );
      const entityRefs = entities.map(entityRef);

      if (target.mode === 'pull-request') {
        const branchName = `provision/${key.replace(/:/g, '-')}`;
        ctx.logger.info(
          `Publishing is by pull request: ${entityRefs.join(', ')} go to ${
            target.repoUrl
          } (${target.targetPath}) on branch ${branchName} in the next step`,
        );
        ctx.output('mode', target.mode);
        ctx.output('entityRefs', entityRefs);
        ctx.output('repoUrl', target.repoUrl);
        ctx.output('targetPath', target.targetPath);
        ctx.output('branchName', branchName);
        return;
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${entityRefs.join(', ')} under ${key}`,
        );
        ctx.output('mode', target.mode);
        ctx.output('entityRefs', entityRefs);
        return;
      }

      // As the scaffolder itself: the store accepts entities from templates
      // only, never from a person directly. The person who ran the template
      // goes along, so the backend lets nobody else replace the set later.
      const published = await checkpointed(ctx, `publish.${key}`, () =>
        client.putPublishedEntities(key, entities, {
          taskId: ctx.task.id,
          initiatedBy: ctx.user?.ref,
        }),
      );
      ctx.logger.info(
        `Published ${entityRefs.join(', ')} under ${
          published.key
        }; the catalog picks them up within seconds`,
      );
      ctx.output('mode', target.mode);
      ctx.output('entityRefs', entityRefs);
    },
  });
}

function publishingTarget(config: RootConfigService): PublishingTarget {
  const mode = config.getOptionalString(`${CATALOG_PUBLISHING_CONFIG}.mode`);
  if (mode === undefined || mode === 'portal') return { mode: 'portal' };
  if (mode !== 'pull-request') {
    throw new Error(
      `${CATALOG_PUBLISHING_CONFIG}.mode is "${mode}"; allowed: portal, pull-request`,
    );
  }
  const repoUrl = config.getOptionalString(
    `${CATALOG_PUBLISHING_CONFIG}.repoUrl`,
  );
  const targetPath = config.getOptionalString(
    `${CATALOG_PUBLISHING_CONFIG}.targetPath`,
  );
  const missing = [
    ...(repoUrl ? [] : [`${CATALOG_PUBLISHING_CONFIG}.repoUrl`]),
    ...(targetPath ? [] : [`${CATALOG_PUBLISHING_CONFIG}.targetPath`]),
  ];
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(
        ' and ',
      )} must be set when ${CATALOG_PUBLISHING_CONFIG}.mode is pull-request`,
    );
  }
  return { mode, repoUrl: repoUrl!, targetPath: targetPath! };
}

function entityRef(entity: ProvisionedEntity): string {
  const { kind, metadata } = entity as {
    kind: string;
    metadata: { name: string; namespace?: string };
  };
  return stringifyEntityRef({
    kind,
    namespace: metadata.namespace,
    name: metadata.name,
  });
}

/** Replaces `{ $text: ./file }` with the file's content, from inside the workspace only. */
class TextInliner {
  constructor(
    private readonly workspacePath: string,
    private readonly baseDir: string,
    private readonly mode: PublishingTarget['mode'],
  ) {}

  async inline(value: unknown, where: string, path: string): Promise<unknown> {
    if (Array.isArray(value)) {
      const items = [];
      for (const [i, item] of value.entries()) {
        items.push(await this.inline(item, where, `${path}[${i}]`));
      }
      return items;
    }
    if (typeof value !== 'object' || value === null) return value;

    const keys = Object.keys(value);
    if (keys.length === 1 && PLACEHOLDER.test(keys[0])) {
      return this.placeholder(keys[0], (value as any)[keys[0]], where, path);
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      result[k] = await this.inline(v, where, path ? `${path}.${k}` : k);
    }
    return result;
  }

  private async placeholder(
    kind: string,
    ref: unknown,
    where: string,
    path: string,
  ): Promise<unknown> {
    const at = `${where}: ${path}`;
    if (kind !== '$text') {
      if (this.mode === 'pull-request') return { [kind]: ref };
      throw new InputError(
        `${at} uses ${kind}, which the portal's entity store cannot resolve; only $text is inlined, so put the content in the entity or use $text`,
      );
    }
    if (typeof ref !== 'string' || ref.trim() === '') {
      throw new InputError(
        `${at}: $text needs a path relative to the YAML file, such as ./contract.odcs.yaml`,
      );
    }
    if (isAbsolute(ref) || /^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      throw new InputError(
        `${at}: $text ${ref} must be a path relative to the YAML file inside the task workspace, not an absolute path or URL`,
      );
    }
    const target = resolve(this.baseDir, ref);
    if (!isChildPath(this.workspacePath, target)) {
      throw new InputError(
        `${at}: $text ${ref} leads outside the task workspace`,
      );
    }
    return readWorkspaceFile(
      target,
      `${at}: $text ${ref}`,
      MAX_TEXT_FILE_BYTES,
    );
  }
}

/** The entities of a workspace YAML file, checked, with `$text` inlined. */
async function readEntities(
  workspacePath: string,
  filePath: string,
  mode: PublishingTarget['mode'],
): Promise<ProvisionedEntity[]> {
  let resolved: string;
  try {
    resolved = resolveSafeChildPath(workspacePath, filePath);
  } catch {
    throw new InputError(
      `filePath ${filePath} leads outside the task workspace; give a file inside it, such as ./catalog-info.yaml`,
    );
  }
  const text = await readWorkspaceFile(
    resolved,
    `filePath ${filePath}`,
    MAX_ENTITY_FILE_BYTES,
  );

  const problems: string[] = [];
  const documents: Array<{ entity: Record<string, unknown>; n: number }> = [];
  parseAllDocuments(text).forEach((document, index) => {
    const n = index + 1;
    if (document.errors.length > 0) {
      problems.push(
        `${filePath} document ${n}: not valid YAML: ${document.errors[0].message}`,
      );
      return;
    }
    const value = document.toJS();
    // An empty document, such as after a trailing `---`, holds no entity.
    if (value === null || value === undefined) return;
    const shape = entityShapeProblem(value);
    if (shape) {
      problems.push(`${filePath} document ${n}: ${shape}`);
      return;
    }
    documents.push({ entity: value, n });
  });
  if (problems.length > 0) {
    throw new InputError(
      `${filePath} holds invalid entities: ${problems.join('; ')}`,
    );
  }
  if (documents.length === 0) {
    throw new InputError(
      `${filePath} holds no entities; give a YAML file with one or more entity documents`,
    );
  }

  const inliner = new TextInliner(workspacePath, dirname(resolved), mode);
  const entities: ProvisionedEntity[] = [];
  for (const { entity, n } of documents) {
    entities.push(
      (await inliner.inline(
        entity,
        `${filePath} document ${n}`,
        '',
      )) as ProvisionedEntity,
    );
  }
  return entities;
}

function entityShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'is not an entity; expected a mapping with apiVersion, kind and metadata.name';
  }
  const { apiVersion, kind, metadata } = value as Record<string, any>;
  const missing = [
    ...(typeof apiVersion === 'string' && apiVersion ? [] : ['apiVersion']),
    ...(typeof kind === 'string' && kind ? [] : ['kind']),
    ...(typeof metadata?.name === 'string' && metadata.name
      ? []
      : ['metadata.name']),
  ];
  return missing.length > 0
    ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`
    : undefined;
}

/**
 * Reads a workspace file the caller has checked with resolveSafeChildPath or
 * isChildPath; both follow symlinks, so a symlink in a fetched skeleton that
 * points at a file of the backend host never gets here.
 */
async function readWorkspaceFile(
  path: string,
  label: string,
  maxBytes: number,
): Promise<string> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw new InputError(
      (error as NodeJS.ErrnoException)?.code === 'ENOENT'
        ? `${label}: there is no such file in the task workspace`
        : `${label} cannot be read: ${String(error)}`,
    );
  }
  if (!stats.isFile()) throw new InputError(`${label} is not a file`);
  // Judged by its size alone, so an oversized file never fills the memory.
  if (stats.size > maxBytes) {
    throw new InputError(
      `${label} is ${stats.size} bytes; at most ${maxBytes} bytes (${
        maxBytes / 1024 / 1024
      } MiB) are accepted`,
    );
  }
  return readFile(path, 'utf8');
}
