import {
  LoggerService,
  createServiceFactory,
  createServiceRef,
  coreServices,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  AzureEstate,
  EstateManagementGroup,
  EstateSubscription,
  ManagementGroupRole,
  azurePortalManagementGroupUrl,
  azurePortalSubscriptionUrl,
  findTagProblems,
} from '@dataplatform/plugin-azure-common';
import {
  AzureClients,
  azureClientsServiceRef,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';
import { SnapshotStore } from './SnapshotStore';

type EstateReading = Omit<AzureEstate, 'stale' | 'lastError'>;

const SNAPSHOT_KEY = 'estate';
const MG_PREFIX = '/providers/microsoft.management/managementgroups/';

function groupName(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const trimmed = id.trim();
  return trimmed.toLowerCase().startsWith(MG_PREFIX)
    ? trimmed.slice(MG_PREFIX.length)
    : trimmed;
}

/**
 * Reads the platform's part of the Azure estate (the root management group,
 * everything below it, and every subscription with its tags) and keeps the
 * last good reading, so the portal still answers while Azure does not.
 */
export class EstateService {
  constructor(
    private readonly azure: AzureClients,
    private readonly store: SnapshotStore,
    private readonly logger: LoggerService,
  ) {}

  /** Reads Azure now. Three calls, whatever the size of the estate. */
  async refresh(): Promise<AzureEstate> {
    const startedAt = new Date();
    try {
      const reading = await this.read(startedAt);
      await this.store.saveSuccess(SNAPSHOT_KEY, reading, startedAt);
      return { ...reading, stale: false };
    } catch (error) {
      const described = describeAzureError(error);
      this.logger.warn(`Reading the Azure estate failed: ${described.message}`);
      await this.store.saveFailure(SNAPSHOT_KEY, described, new Date());
      throw new ServiceUnavailableError(
        `Reading the Azure estate failed: ${described.message}`,
      );
    }
  }

  /** The last good reading, marked stale when a later refresh failed. */
  async get(): Promise<AzureEstate> {
    const snapshot = await this.store.get<EstateReading>(SNAPSHOT_KEY);
    if (!snapshot?.payload) {
      throw new ServiceUnavailableError(
        snapshot?.lastError
          ? `No reading of the Azure estate exists yet; the last attempt failed: ${snapshot.lastError.message}`
          : 'No reading of the Azure estate exists yet; the first one runs shortly after the backend starts.',
      );
    }
    const failedSince =
      snapshot.lastError &&
      (!snapshot.fetchedAt || snapshot.lastError.at >= snapshot.fetchedAt);
    return {
      ...snapshot.payload,
      stale: Boolean(failedSince),
      lastError: failedSince
        ? {
            message: snapshot.lastError!.message,
            code: snapshot.lastError!.code,
            at: snapshot.lastError!.at.toISOString(),
          }
        : undefined,
    };
  }

  private async read(at: Date): Promise<EstateReading> {
    const { tenantId } = this.azure.connection;
    const configured = this.azure.managementGroups;
    const roleOfGroup = new Map<string, ManagementGroupRole | 'root'>([
      [configured.root.toLowerCase(), 'root'],
      [configured.platform.toLowerCase(), 'platform'],
      [configured.domains.toLowerCase(), 'domains'],
      [configured.sandboxes.toLowerCase(), 'sandboxes'],
      [configured.decommissioned.toLowerCase(), 'decommissioned'],
    ]);

    const mgApi = this.azure.managementGroupsApi();
    const [root, descendants, subscriptions] = await Promise.all([
      mgApi.managementGroups.get(configured.root),
      (async () => {
        const all = [];
        for await (const d of mgApi.managementGroups.listDescendants(configured.root)) {
          all.push(d);
        }
        return all;
      })(),
      (async () => {
        const all = [];
        for await (const s of this.azure.subscriptions().subscriptions.list()) {
          all.push(s);
        }
        return all;
      })(),
    ]);

    const managementGroups: EstateManagementGroup[] = [
      {
        id: root.name ?? configured.root,
        displayName: root.displayName ?? configured.root,
        role: 'root',
        portalUrl: azurePortalManagementGroupUrl(tenantId, configured.root),
      },
    ];
    const parentOfSubscription = new Map<string, string>();
    for (const d of descendants) {
      const parentId = groupName(d.parent?.id);
      if (d.type === '/subscriptions' && d.name && parentId) {
        parentOfSubscription.set(d.name.toLowerCase(), parentId);
      } else if (d.name) {
        managementGroups.push({
          id: d.name,
          displayName: d.displayName ?? d.name,
          parentId,
          role: roleOfGroup.get(d.name.toLowerCase()),
          portalUrl: azurePortalManagementGroupUrl(tenantId, d.name),
        });
      }
    }

    // A subscription's role is that of the nearest configured group above it.
    const parentOfGroup = new Map(managementGroups.map(g => [g.id.toLowerCase(), g.parentId]));
    const roleAbove = (groupId: string | undefined): ManagementGroupRole | 'outside' => {
      let current = groupId;
      while (current) {
        const role = roleOfGroup.get(current.toLowerCase());
        if (role && role !== 'root') return role;
        current = parentOfGroup.get(current.toLowerCase());
      }
      return 'outside';
    };

    const estateSubscriptions: EstateSubscription[] = subscriptions
      .filter(s => s.subscriptionId)
      .map(s => {
        const subscriptionId = s.subscriptionId!;
        const managementGroupId = parentOfSubscription.get(subscriptionId.toLowerCase());
        const tags = (s.tags ?? {}) as Record<string, string>;
        return {
          subscriptionId,
          displayName: s.displayName ?? subscriptionId,
          state: s.state ?? 'Unknown',
          managementGroupId,
          role: roleAbove(managementGroupId),
          tags,
          tagProblems: findTagProblems(tags),
          portalUrl: azurePortalSubscriptionUrl(tenantId, subscriptionId),
        };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));

    return {
      tenantId,
      fetchedAt: at.toISOString(),
      managementGroups,
      subscriptions: estateSubscriptions,
    };
  }
}

export const estateServiceRef = createServiceRef<EstateService>({
  id: 'dataplatform-azure.estate',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        azure: azureClientsServiceRef,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async factory({ azure, database, logger }) {
        return new EstateService(azure, await SnapshotStore.create(database), logger);
      },
    }),
});
