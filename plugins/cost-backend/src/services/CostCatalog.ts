import { createHash } from 'node:crypto';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AZURE_SUBSCRIPTION_ID_ANNOTATION,
  GUID_PATTERN,
} from '@dataplatform/plugin-azure-common';
import {
  PROVISIONING_ANNOTATIONS,
  SANDBOX_RESOURCE_TYPE,
} from '@dataplatform/plugin-provisioning-common';

/** How long the catalog's domains and sandboxes are reused before asking again. */
export const CATALOG_CACHE_MS = 60_000;

const EXAMPLE_SUBSCRIPTION = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';

/** What every entity with a cost view has in common. */
export interface CostEntityEntry {
  entityRef: string;
  name: string;
  title?: string;
  /** Full ref of `spec.owner` (lower case); absent when the entity names none. */
  ownerGroup?: string;
  /** Lower-case subscription id; absent when the annotation is missing or wrong. */
  subscriptionId?: string;
  /** Why there is no subscription: missing, or not a subscription id. */
  problem?: string;
}

export type CostDomainEntry = CostEntityEntry;

export interface CostSandboxEntry extends CostEntityEntry {
  /** The `budget-cap` annotation, when it is a positive number. */
  cap?: number;
  /** The `expires-on` annotation as a UTC day, when it is one. */
  expiresOn?: string;
}

/** The catalog as the cost views see it, with a version that changes with its content. */
export class CostCatalogSnapshot {
  private readonly domainsByName: Map<string, CostDomainEntry>;
  private readonly sandboxesByName: Map<string, CostSandboxEntry>;
  private readonly domainsBySub = new Map<string, CostDomainEntry>();
  private readonly sandboxesBySub = new Map<string, CostSandboxEntry>();

  constructor(
    readonly domains: CostDomainEntry[],
    readonly sandboxes: CostSandboxEntry[],
  ) {
    this.domainsByName = byName(domains);
    this.sandboxesByName = byName(sandboxes);
    // The first entity naming a subscription owns its cost; two domains on
    // one subscription would otherwise count it twice in the estate.
    for (const d of domains) {
      if (d.subscriptionId && !this.domainsBySub.has(d.subscriptionId)) {
        this.domainsBySub.set(d.subscriptionId, d);
      }
    }
    for (const s of sandboxes) {
      if (s.subscriptionId && !this.sandboxesBySub.has(s.subscriptionId)) {
        this.sandboxesBySub.set(s.subscriptionId, s);
      }
    }
    this.version = createHash('sha256')
      .update(JSON.stringify([domains, sandboxes]))
      .digest('hex')
      .slice(0, 16);
  }

  /** Same content, same version, on every backend instance. */
  readonly version: string;

  domain(name: string): CostDomainEntry | undefined {
    return this.domainsByName.get(name.toLowerCase());
  }

  sandbox(name: string): CostSandboxEntry | undefined {
    return this.sandboxesByName.get(name.toLowerCase());
  }

  domainOf(subscriptionId: string): CostDomainEntry | undefined {
    return this.domainsBySub.get(subscriptionId.toLowerCase());
  }

  sandboxOf(subscriptionId: string): CostSandboxEntry | undefined {
    return this.sandboxesBySub.get(subscriptionId.toLowerCase());
  }

  /** Every domain and sandbox subscription, once each. */
  subscriptions(): string[] {
    return [
      ...new Set(
        [...this.domains, ...this.sandboxes].flatMap(e =>
          e.subscriptionId ? [e.subscriptionId] : [],
        ),
      ),
    ];
  }
}

/** Entities by lower-case name; the `default` namespace wins a clash. */
function byName<T extends CostEntityEntry>(entries: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    const other = map.get(key);
    if (!other || (!isDefault(other) && isDefault(entry))) map.set(key, entry);
  }
  return map;
}

function isDefault(entry: CostEntityEntry) {
  return parseEntityRef(entry.entityRef).namespace === 'default';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function ownerOf(entity: Entity): string | undefined {
  const owner = text(entity.spec?.owner);
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

function entryOf(entity: Entity, kindWord: string): CostEntityEntry {
  const annotation =
    entity.metadata.annotations?.[AZURE_SUBSCRIPTION_ID_ANNOTATION];
  const value = text(annotation);
  const owner = ownerOf(entity);
  const base = {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(owner ? { ownerGroup: owner } : {}),
  };
  if (value && GUID_PATTERN.test(value)) {
    return { ...base, subscriptionId: value.toLowerCase() };
  }
  return {
    ...base,
    problem:
      value === undefined
        ? `The ${kindWord} has no ${AZURE_SUBSCRIPTION_ID_ANNOTATION} annotation; add it with the id of its Azure subscription (a GUID such as ${EXAMPLE_SUBSCRIPTION})`
        : `The ${kindWord}'s ${AZURE_SUBSCRIPTION_ID_ANNOTATION} annotation is '${value}', which is not a subscription id (a GUID such as ${EXAMPLE_SUBSCRIPTION})`,
  };
}

/**
 * Reads the Domains and the innovation sandboxes (Resources of type
 * azure-sandbox) from the catalog, with their subscriptions, owners, caps
 * and lease ends, and keeps the answer for a minute: the routes ask on
 * every request, and a domain's annotations rarely change.
 */
export class CostCatalog {
  private cached?: { at: number; snapshot: CostCatalogSnapshot };
  private loading?: Promise<CostCatalogSnapshot>;
  private readonly warned = new Set<string>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      cacheMs?: number;
      now?: () => number;
    },
  ) {}

  /** The cached catalog, or a fresh read when it is older than a minute (or `fresh`). */
  async get(options: { fresh?: boolean } = {}): Promise<CostCatalogSnapshot> {
    const now = this.options.now ?? Date.now;
    const maxAge = this.options.cacheMs ?? CATALOG_CACHE_MS;
    if (!options.fresh && this.cached && now() - this.cached.at < maxAge) {
      return this.cached.snapshot;
    }
    // Requests arriving while the catalog is being read share that read.
    this.loading ??= this.read()
      .then(snapshot => {
        this.cached = { at: now(), snapshot };
        return snapshot;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private async read(): Promise<CostCatalogSnapshot> {
    const { catalog, auth } = this.options;
    let items: Entity[];
    try {
      ({ items } = await catalog.getEntities(
        {
          filter: [
            { kind: 'Domain' },
            { kind: 'Resource', 'spec.type': SANDBOX_RESOURCE_TYPE },
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      ));
    } catch (error) {
      throw new ServiceUnavailableError(
        `The catalog could not list domains and sandboxes: ${stringifyError(
          error,
        )}`,
      );
    }
    return this.snapshotOf(items);
  }

  snapshotOf(entities: Entity[]): CostCatalogSnapshot {
    const domains = entities
      .filter(e => e.kind.toLowerCase() === 'domain')
      .map(e => entryOf(e, 'Domain'))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const sandboxes = entities
      .filter(
        e =>
          e.kind.toLowerCase() === 'resource' &&
          e.spec?.type === SANDBOX_RESOURCE_TYPE,
      )
      .map(e => this.sandboxOf(e))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return new CostCatalogSnapshot(domains, sandboxes);
  }

  private sandboxOf(entity: Entity): CostSandboxEntry {
    const entry = entryOf(entity, 'sandbox');
    const annotations = entity.metadata.annotations ?? {};
    const capText = text(annotations[PROVISIONING_ANNOTATIONS.budgetCap]);
    const cap = capText === undefined ? undefined : Number(capText);
    if (capText !== undefined && !(cap !== undefined && cap > 0)) {
      this.warnOnce(
        `Cost: ${entry.entityRef} has ${PROVISIONING_ANNOTATIONS.budgetCap} '${capText}', which is not a positive amount; its budget's amount is used as the cap instead`,
      );
    }
    const expiresText = text(annotations[PROVISIONING_ANNOTATIONS.expiresOn]);
    const expires = expiresText ? Date.parse(expiresText) : NaN;
    if (expiresText !== undefined && Number.isNaN(expires)) {
      this.warnOnce(
        `Cost: ${entry.entityRef} has ${PROVISIONING_ANNOTATIONS.expiresOn} '${expiresText}', which is not a date; its cost projection ignores the lease end`,
      );
    }
    return {
      ...entry,
      ...(cap !== undefined && cap > 0 ? { cap } : {}),
      ...(Number.isNaN(expires)
        ? {}
        : { expiresOn: new Date(expires).toISOString().slice(0, 10) }),
    };
  }

  private warnOnce(message: string) {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.options.logger.warn(message);
  }
}
