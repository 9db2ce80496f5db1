import { ConflictError, InputError } from '@backstage/errors';
import {
  AZURE_SUBSCRIPTION_ID_ANNOTATION,
  azurePortalSubscriptionUrl,
} from '@dataplatform/plugin-azure-common';
import {
  FieldProblem,
  LEASE_STATE_LABEL,
  PROVISIONING_ANNOTATIONS,
  PublishedEntitySet,
  SANDBOX_RESOURCE_TYPE,
  SandboxLease,
  formatProblems,
  isoDay,
  sandboxResourceNames,
} from '@dataplatform/plugin-provisioning-common';
import { ProvisioningStore } from './ProvisioningStore';

/** Kinds templates may publish. */
export const PUBLISHABLE_KINDS = [
  'Domain',
  'DataProduct',
  'API',
  'Resource',
  'Component',
  'System',
] as const;

export const ENTITY_SET_KEY_PATTERN = /^[a-z0-9][a-z0-9:._-]{0,199}$/;

/**
 * Resources with this name prefix are the sandboxes this plugin serves from
 * their leases; a published one would shadow or impersonate a sandbox.
 */
const SANDBOX_RESOURCE_PREFIX = sandboxResourceNames('').entityName;

type Entity = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entityProblems(entities: unknown[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  entities.forEach((entity, i) => {
    const at = `entities[${i}]`;
    if (!isObject(entity)) {
      problems.push({ field: at, message: 'must be an entity object' });
      return;
    }
    if (
      typeof entity.apiVersion !== 'string' ||
      entity.apiVersion.trim() === ''
    ) {
      problems.push({
        field: `${at}.apiVersion`,
        message: 'is required, e.g. backstage.io/v1alpha1',
      });
    }
    if (
      typeof entity.kind !== 'string' ||
      !(PUBLISHABLE_KINDS as readonly string[]).includes(entity.kind)
    ) {
      problems.push({
        field: `${at}.kind`,
        message: `${
          entity.kind === undefined
            ? 'is required'
            : `"${String(entity.kind)}" is not allowed`
        }; allowed: ${PUBLISHABLE_KINDS.join(', ')}`,
      });
    }
    const metadata = entity.metadata;
    if (
      !isObject(metadata) ||
      typeof metadata.name !== 'string' ||
      metadata.name.trim() === ''
    ) {
      problems.push({ field: `${at}.metadata.name`, message: 'is required' });
    } else if (
      entity.kind === 'Resource' &&
      metadata.name
        .toLocaleLowerCase('en-US')
        .startsWith(SANDBOX_RESOURCE_PREFIX)
    ) {
      problems.push({
        field: `${at}.metadata.name`,
        message: `"${metadata.name}" is reserved: Resources named ${SANDBOX_RESOURCE_PREFIX}* are the portal's innovation sandboxes, made from their leases; choose a name without that prefix`,
      });
    }
  });
  return problems;
}

/**
 * Entities the catalog got from this plugin's feed carry this location
 * (catalog-backend-module-provisioned-entities sets it); they may be
 * replaced by the set that published them.
 */
function isFedByThisPlugin(location: string): boolean {
  return /\/api\/dataplatform-provisioning\/catalog-entities$/.test(location);
}

/** Entity refs are compared without regard to case, as the catalog does. */
function sameRef(a: string, b: string | undefined): boolean {
  return (
    b !== undefined &&
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}

/** `kind:namespace/name`, lower case, as the catalog compares refs. */
export function entityRefOf(entity: Entity): string {
  const metadata = entity.metadata as { name: string; namespace?: string };
  return `${String(entity.kind)}:${metadata.namespace ?? 'default'}/${
    metadata.name
  }`.toLocaleLowerCase('en-US');
}

/** The catalog Resource of a leased sandbox, with its lease state as a label. */
export function sandboxResourceEntity(
  lease: SandboxLease,
  tenantId: string,
): Entity | undefined {
  const subscriptionId = lease.subscriptionId;
  if (!subscriptionId) return undefined;
  const ended = lease.state === 'expired' || lease.state === 'decommissioned';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: sandboxResourceNames(lease.input.name).entityName,
      namespace: 'default',
      title: `${lease.input.name} (innovation sandbox)`,
      description: lease.input.purpose,
      labels: { [LEASE_STATE_LABEL]: lease.state },
      annotations: {
        [AZURE_SUBSCRIPTION_ID_ANNOTATION]: subscriptionId,
        [PROVISIONING_ANNOTATIONS.sandboxLeaseId]: lease.id,
        [PROVISIONING_ANNOTATIONS.expiresOn]: isoDay(new Date(lease.expiresAt)),
        [PROVISIONING_ANNOTATIONS.budgetCap]: String(lease.input.budgetCap),
        [PROVISIONING_ANNOTATIONS.requestedBy]: lease.requestedBy,
      },
      links: [
        {
          url: azurePortalSubscriptionUrl(tenantId, subscriptionId),
          title: 'Subscription in the Azure portal',
          icon: 'cloud',
        },
      ],
    },
    spec: {
      type: SANDBOX_RESOURCE_TYPE,
      owner: lease.input.ownerGroup,
      lifecycle: ended ? 'deprecated' : 'experimental',
    },
  };
}

/**
 * Entities templates publish in the embedded default (replaced as a set by
 * key), and what the catalog reads from this plugin: those entities plus
 * one Resource per leased sandbox.
 */
export class PublishedEntityService {
  constructor(
    private readonly options: {
      store: ProvisioningStore;
      tenantId: string;
      /**
       * Where an entity already in the catalog comes from (its
       * managed-by-location), or undefined when the catalog has none.
       */
      catalogLocationOf?: (entityRef: string) => Promise<string | undefined>;
      now?: () => Date;
    },
  ) {}

  /**
   * A set may replace itself, never an entity someone else owns: another
   * set's, or one the catalog has from a file or repository.
   */
  private async collisions(
    key: string,
    entities: Entity[],
    sets: PublishedEntitySet[],
  ): Promise<string[]> {
    const others = sets.filter(set => set.key !== key);
    const claimed = new Map<string, string>();
    for (const set of others) {
      for (const entity of set.entities)
        claimed.set(entityRefOf(entity), set.key);
    }
    const problems: string[] = [];
    for (const [i, entity] of entities.entries()) {
      const ref = entityRefOf(entity);
      const owner = claimed.get(ref);
      if (owner) {
        problems.push(
          `entities[${i}]: ${ref} was already published by ${owner}; choose another name`,
        );
        continue;
      }
      const location = await this.options.catalogLocationOf?.(ref);
      if (location && !isFedByThisPlugin(location)) {
        problems.push(
          `entities[${i}]: ${ref} already exists in the catalog (from ${location}); choose another name`,
        );
      }
    }
    return problems;
  }

  /**
   * Publishes or replaces the set under `key`. A set published for a person
   * (`initiatedBy`, the user who ran the template) stays theirs: a template
   * run by anyone else, or one that names nobody, cannot replace it, since
   * keys such as `data-product:<name>` come from what people type in.
   */
  async put(
    key: string,
    entities: unknown[],
    source: { publishedBy?: string; initiatedBy?: string; taskId?: string },
  ): Promise<PublishedEntitySet> {
    if (!ENTITY_SET_KEY_PATTERN.test(key)) {
      throw new InputError(
        `key: "${key}" is not allowed; use 1-200 lowercase letters, digits, ':', '.', '_' or '-', starting with a letter or digit`,
      );
    }
    const problems = entityProblems(entities);
    if (problems.length > 0) throw new InputError(formatProblems(problems));
    // Checked against a snapshot; the store has no compare-and-set for sets,
    // so two publications racing for a new key are decided by the last write.
    const sets = await this.options.store.listEntitySets();
    const current = sets.find(set => set.key === key);
    if (
      current?.initiatedBy &&
      !sameRef(current.initiatedBy, source.initiatedBy)
    ) {
      throw new ConflictError(
        `${key} was published by ${current.initiatedBy}; only they can replace it`,
      );
    }
    const collisions = await this.collisions(key, entities as Entity[], sets);
    if (collisions.length > 0) throw new ConflictError(collisions.join('; '));
    const set: PublishedEntitySet = {
      key,
      entities: entities as Entity[],
      ...(source.publishedBy ? { publishedBy: source.publishedBy } : {}),
      ...(source.initiatedBy ? { initiatedBy: source.initiatedBy } : {}),
      ...(source.taskId ? { taskId: source.taskId } : {}),
      publishedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    await this.options.store.putEntitySet(set);
    return set;
  }

  async catalogEntities(): Promise<Entity[]> {
    const [sets, leases] = await Promise.all([
      this.options.store.listEntitySets(),
      this.options.store.listLeases(),
    ]);
    const sandboxes = leases
      .map(lease => sandboxResourceEntity(lease, this.options.tenantId))
      .filter((e): e is Entity => e !== undefined);
    return [...sets.flatMap(set => set.entities), ...sandboxes];
  }
}
