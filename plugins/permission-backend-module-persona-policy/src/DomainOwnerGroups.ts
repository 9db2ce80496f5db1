import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The groups that own a Domain in the catalog, read on demand and reused for
 * a while: permission checks are frequent, domain ownership changes rarely.
 */
export class DomainOwnerGroups {
  private cached?: { at: number; groups: Set<string> };
  private inFlight?: Promise<Set<string>>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<Set<string>> {
    if (this.cached && this.now() - this.cached.at < this.maxAgeMs) {
      return this.cached.groups;
    }
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<Set<string>> {
    try {
      const { items } = await this.catalog.getEntities(
        { filter: { kind: 'Domain' }, fields: ['spec.owner', 'metadata.namespace'] },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const groups = new Set<string>();
      for (const item of items) {
        const owner = (item.spec as { owner?: string } | undefined)?.owner;
        if (!owner) continue;
        groups.add(
          stringifyEntityRef(
            parseEntityRef(owner, {
              defaultKind: 'group',
              defaultNamespace: item.metadata.namespace ?? 'default',
            }),
          ),
        );
      }
      this.cached = { at: this.now(), groups };
      return groups;
    } catch (error) {
      // Keep deciding with the last known owners rather than locking owners out.
      this.logger.warn(`Could not read domain owners from the catalog: ${error}`);
      return this.cached?.groups ?? new Set();
    }
  }
}
