import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { EstateCost } from '@dataplatform/plugin-cost-common';
import { EntityHealthListResponse } from '@dataplatform/plugin-health-common';
import { overviewPermissions } from '@dataplatform/plugin-overview-common';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import {
  DomainRequest,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { EntityRetentionSummary } from '@dataplatform/plugin-retention-common';
import { readOverviewConfig } from './config';
import { createRouter } from './router';
import { CatalogSource } from './services/CatalogSource';
import { OverviewState, PROVISIONING_PLUGIN } from './services/OverviewState';
import {
  DOMAIN_REQUESTS_IN_PROGRESS,
  LEASES_IN_PROGRESS,
} from './services/rows';
import { PluginSource, itemsBody } from './services/sources';
import { platformHomeJson } from './services/views';
import { Viewers } from './services/Viewers';

export const OVERVIEW_REFRESH_TASK_ID = 'dataplatform-overview-refresh';

function estateBody(body: unknown): EstateCost {
  const estate = body as Partial<EstateCost> | null;
  if (
    typeof estate !== 'object' ||
    estate === null ||
    !Array.isArray(estate.domains) ||
    typeof estate.data !== 'object'
  ) {
    throw new Error('the body has no domains list and data age');
  }
  return estate as EstateCost;
}

/**
 * Keeps one row per domain from the catalog and the health, cost,
 * retention and provisioning plugins' stored snapshots (never Azure), and
 * serves the platform home, a domain's overview and each person's landing,
 * filtered per row by who may see it.
 */
export const overviewPlugin = createBackendPlugin({
  pluginId: 'dataplatform-overview',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        audiences: permissionAudiencesServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        discovery,
        userInfo,
        permissions,
        permissionsRegistry,
        scheduler,
        logger,
        config,
        catalog,
        audiences,
      }) {
        permissionsRegistry.addPermissions(overviewPermissions);
        audiences.register('signed-in', overviewPermissions);

        const settings = readOverviewConfig(config);
        const timeoutMs = settings.refresh.timeoutSeconds * 1000;
        const source = <T>(
          pluginId: string,
          path: string,
          check: (body: unknown) => T,
        ) =>
          new PluginSource<T>({
            pluginId,
            path,
            check,
            auth,
            discovery,
            logger,
            timeoutMs,
          });
        const state = new OverviewState({
          sources: {
            catalog: new CatalogSource({ catalog, auth, logger, timeoutMs }),
            health: source<EntityHealthListResponse>(
              'dataplatform-health',
              '/entities',
              body => itemsBody(body) as EntityHealthListResponse,
            ),
            cost: source('dataplatform-cost', '/estate', estateBody),
            retention: source(
              'dataplatform-retention',
              '/entities',
              itemsBody<EntityRetentionSummary>,
            ),
            domainRequests: source(
              PROVISIONING_PLUGIN,
              `/domain-requests?status=${DOMAIN_REQUESTS_IN_PROGRESS.join(
                ',',
              )}`,
              itemsBody<DomainRequest>,
            ),
            sandboxLeases: source(
              PROVISIONING_PLUGIN,
              `/sandbox-leases?state=${LEASES_IN_PROGRESS.join(',')}`,
              itemsBody<SandboxLease>,
            ),
          },
          ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
        });
        logger.info(
          `Overview: polling the catalog and the plugins every ${settings.refresh.intervalSeconds} s`,
        );

        await scheduler.scheduleTask({
          id: OVERVIEW_REFRESH_TASK_ID,
          // Every instance keeps its own snapshot in memory, so each polls.
          scope: 'local',
          frequency: { seconds: settings.refresh.intervalSeconds },
          // Every read stops at its own timeout; this only bounds a poll
          // stuck anywhere else.
          timeout: { seconds: settings.refresh.timeoutSeconds * 3 },
          fn: async abortSignal => {
            await state.refresh(abortSignal);
            // The platform team's shared answer is serialized and gzipped
            // here, after the poll, rather than by the first request after it.
            platformHomeJson(state.snapshot);
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            viewers: new Viewers(userInfo, settings.platformTeam),
            snapshot: () => state.snapshot,
          }),
        );
      },
    });
  },
});
