import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import {
  costDomainReadPermission,
  costEstateReadPermission,
  costPermissions,
} from '@dataplatform/plugin-cost-common';
import {
  Memberships,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import { readCostConfig } from './config';
import { createRouter } from './router';
import { CostCatalog } from './services/CostCatalog';
import { CostCollector } from './services/CostCollector';
import { CostRefreshTask } from './services/CostRefreshTask';
import { CostStore } from './services/CostStore';
import { CostViews } from './services/CostViews';

export const COST_REFRESH_TASK_ID = 'dataplatform-cost-refresh';
const EARLY_REFRESH_GAP_MS = 5 * 60_000;

/**
 * Reads the cost of every domain and sandbox subscription from Azure Cost
 * Management and Consumption budgets on a schedule, within the tenant's
 * Cost Management quota, keeps the snapshots and serves them per domain,
 * per sandbox and for the estate.
 */
export const costPlugin = createBackendPlugin({
  pluginId: 'dataplatform-cost',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        azure: azureClientsServiceRef,
        audiences: permissionAudiencesServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        userInfo,
        permissions,
        permissionsRegistry,
        database,
        scheduler,
        logger,
        config,
        catalog,
        azure,
        audiences,
      }) {
        permissionsRegistry.addPermissions(costPermissions);
        audiences.register('domain-owners', [costDomainReadPermission]);
        audiences.register('platform-team', [costEstateReadPermission]);

        const settings = readCostConfig(config, {
          managementGroup: azure.managementGroups.root,
        });
        const store = await CostStore.create(database);
        const costCatalog = new CostCatalog({ catalog, auth, logger });
        // A domain that came into the catalog after the last refresh (at
        // start-up: every domain, when the catalog was still empty) has no
        // budgets read yet; one early refresh reads them instead of waiting
        // out the interval. At most one every 5 minutes, whatever happens.
        let earlyRefreshAt = 0;
        const views = new CostViews({
          store,
          catalog: costCatalog,
          tenantId: azure.connection.tenantId,
          grouping: settings.grouping,
          seriesLimit: settings.seriesLimit,
          intervalMinutes: settings.refresh.intervalMinutes,
          onUnreadSubscriptions: unread => {
            if (Date.now() - earlyRefreshAt < EARLY_REFRESH_GAP_MS) return;
            earlyRefreshAt = Date.now();
            logger.info(
              `Cost: ${unread.length} subscription(s) in the catalog not read yet; refreshing early`,
            );
            scheduler.triggerTask(COST_REFRESH_TASK_ID).catch(error => {
              // Already running: that refresh reads them.
              if (!(isError(error) && error.name === 'ConflictError')) {
                logger.warn(`Cost: early refresh could not start: ${error}`);
              }
            });
          },
        });
        const task = new CostRefreshTask({
          catalog: costCatalog,
          collector: new CostCollector({
            azure,
            scope: settings.scope,
            grouping: settings.grouping,
            budgetConcurrency: settings.budgetConcurrency,
          }),
          store,
          logger,
          onSaved: () => views.invalidate(),
        });
        logger.info(
          `Cost: scope ${settings.scope.path}, grouped by ${settings.grouping}, refreshed every ${settings.refresh.intervalMinutes} min`,
        );

        await scheduler.scheduleTask({
          id: COST_REFRESH_TASK_ID,
          scope: 'global',
          frequency: { minutes: settings.refresh.intervalMinutes },
          // Reads stop with the task's abort signal; a refresh this slow is
          // stuck on Azure, and the next one starts afresh.
          timeout: { minutes: settings.refresh.timeoutMinutes },
          initialDelay: { seconds: settings.refresh.initialDelaySeconds },
          fn: async abortSignal => {
            await task.run(abortSignal);
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            memberships: new Memberships(userInfo, settings.platformTeam),
            views,
            refresh: {
              async trigger() {
                try {
                  await scheduler.triggerTask(COST_REFRESH_TASK_ID);
                  return 'started';
                } catch (error) {
                  if (isError(error) && error.name === 'ConflictError') {
                    return 'already-running';
                  }
                  throw error;
                }
              },
            },
          }),
        );
      },
    });
  },
});
