import {
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  PROVISIONING_PLUGIN_ID,
  ProvisioningService,
} from '@dataplatform/plugin-provisioning-node';

/** The provider's name, and the location key of every entity it emits. */
export const PROVISIONED_ENTITIES = 'provisioned-entities';

export const DEFAULT_REFRESH_SECONDS = 10;

export interface ProvisionedEntityProviderOptions {
  client: Pick<ProvisioningService, 'listCatalogEntities'>;
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  scheduler: Pick<SchedulerService, 'scheduleTask'>;
  logger: LoggerService;
  /** How often to read the provisioning backend (default 10 seconds). */
  refreshSeconds?: number;
}

/**
 * Feeds the catalog what provisioning templates published in the embedded
 * default (domains, data products, contracts) and one Resource per sandbox
 * lease, as served by the provisioning backend's `GET /catalog-entities`.
 * Each refresh replaces the whole set, so an entity the backend drops leaves
 * the catalog too.
 */
/** The location type of provisioned entities' managed-by-location. */
export const PROVISIONED_LOCATION_TYPE = 'dataplatform-provisioning';

export class ProvisionedEntityProvider implements EntityProvider {
  private readonly options: ProvisionedEntityProviderOptions;
  private connection?: EntityProviderConnection;

  constructor(options: ProvisionedEntityProviderOptions) {
    this.options = options;
  }

  getProviderName(): string {
    return PROVISIONED_ENTITIES;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    // Local scope: every catalog instance holds its own connection, and the
    // backend call is cheap, so each instance reads for itself.
    await this.options.scheduler.scheduleTask({
      id: `${PROVISIONED_ENTITIES}:refresh`,
      scope: 'local',
      frequency: {
        seconds: this.options.refreshSeconds ?? DEFAULT_REFRESH_SECONDS,
      },
      timeout: { minutes: 1 },
      fn: () => this.refresh(),
    });
  }

  /**
   * Reads the entities and replaces the provider's set in the catalog. When
   * the provisioning backend cannot answer, the catalog keeps what it has:
   * an empty full mutation would delete every provisioned entity.
   */
  async refresh(): Promise<void> {
    const { client, discovery, logger } = this.options;
    if (!this.connection) {
      throw new Error(
        `${PROVISIONED_ENTITIES} was asked to refresh before the catalog connected it`,
      );
    }

    let fetched: unknown;
    let location: string;
    try {
      const baseUrl = await discovery.getBaseUrl(PROVISIONING_PLUGIN_ID);
      // Not a `url:` location: the catalog would derive a "View source" link
      // from it, and this API answers only to backend plugins.
      location = `${PROVISIONED_LOCATION_TYPE}:${baseUrl}/catalog-entities`;
      fetched = (await client.listCatalogEntities()).entities;
    } catch (error) {
      logger.warn(
        `Kept the provisioned entities in the catalog as they were: cannot list them from the provisioning backend: ${messageOf(
          error,
        )}`,
      );
      return;
    }
    if (!Array.isArray(fetched)) {
      logger.warn(
        `Kept the provisioned entities in the catalog as they were: the provisioning backend answered without an entities list`,
      );
      return;
    }

    const entities: Entity[] = [];
    fetched.forEach((candidate, index) => {
      const problem = shapeProblem(candidate);
      if (problem) {
        // One bad entity must not hold up the others; the backend checks
        // entities when they are published, so this is worth a warning.
        logger.warn(
          `Left out provisioned entity ${index} from the catalog: ${problem}`,
        );
        return;
      }
      entities.push(withLocation(candidate as Entity, location));
    });

    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVISIONED_ENTITIES,
      })),
    });
    logger.debug(`Applied ${entities.length} provisioned entities`);
  }
}

function withLocation(entity: Entity, location: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
    },
  };
}

function shapeProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) {
    return 'it is not an object';
  }
  const { apiVersion, kind, metadata } = candidate as Record<string, any>;
  const name = metadata?.name;
  const label = typeof name === 'string' ? ` (${kind}:${name})` : '';
  if (typeof apiVersion !== 'string' || !apiVersion) {
    return `apiVersion is missing${label}`;
  }
  if (typeof kind !== 'string' || !kind) return `kind is missing${label}`;
  if (typeof name !== 'string' || !name)
    return `metadata.name is missing (kind ${kind})`;
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
