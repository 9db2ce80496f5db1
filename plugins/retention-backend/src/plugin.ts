import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import {
  retentionPermissions,
  retentionReadPermission,
  retentionReportPermission,
} from '@dataplatform/plugin-retention-common';
import { loadRetentionPolicy, readRetentionConfig } from './config';
import { createRouter } from './router';
import { CatalogSource } from './services/CatalogSource';
import { RetentionQueries } from './services/RetentionQueries';
import { RetentionRunner } from './services/RetentionRunner';
import { RetentionStore } from './services/RetentionStore';
import { SubscriptionScanner } from './services/SubscriptionScanner';

export const RETENTION_TASK_ID = 'dataplatform-retention-scan';

/**
 * Reads what Azure keeps (table retention, lifecycle rules, immutability
 * policies, replication) on a schedule, compares it with the retention and
 * recovery policy per domain and data product, stores the findings and
 * serves them.
 */
export const retentionPlugin = createBackendPlugin({
  pluginId: 'dataplatform-retention',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
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
        permissionsRegistry.addPermissions(retentionPermissions);
        audiences.register('signed-in', [retentionReadPermission]);
        audiences.register('platform-team', [retentionReportPermission]);

        const settings = readRetentionConfig(config);
        const policy = await loadRetentionPolicy(settings);
        const store = await RetentionStore.create(database);
        const runner = new RetentionRunner({
          catalog: new CatalogSource({ catalog, auth, logger }),
          scanner: new SubscriptionScanner(azure),
          store,
          logger,
          policy,
          tenantId: azure.connection.tenantId,
          subscriptionConcurrency: settings.subscriptionConcurrency,
        });
        logger.info(
          `Retention policy: ${
            settings.policyFile ?? 'the built-in baseline'
          } (${policy.spec.categories.length} categories, ${
            policy.spec.overrides.length
          } overrides)`,
        );

        await scheduler.scheduleTask({
          id: RETENTION_TASK_ID,
          scope: 'global',
          frequency: { seconds: settings.intervalSeconds },
          // Reads stop with the task's abort signal; a run that takes this
          // long is stuck on Azure, and the next one starts afresh.
          timeout: { minutes: 15 },
          // Lets the catalog answer first; a run that finds it empty keeps
          // the stored results anyway.
          initialDelay: { seconds: 5 },
          // Each read's failure is part of the findings (unknown, with the
          // reason); a run that cannot list the catalog or write the
          // database throws, and the scheduler logs it.
          fn: async abortSignal => {
            await runner.run({ abortSignal });
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            queries: new RetentionQueries({
              store,
              intervalSeconds: settings.intervalSeconds,
            }),
            scans: {
              async trigger() {
                try {
                  await scheduler.triggerTask(RETENTION_TASK_ID);
                } catch (error) {
                  if (isError(error) && error.name === 'ConflictError') {
                    throw new ConflictError(
                      'A retention scan is already running; its findings replace the current ones when it finishes.',
                    );
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
