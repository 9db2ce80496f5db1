import {
  BackstageUserInfo,
  UserInfoService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import {
  HEALTH_SIGNAL_CHANNEL,
  HealthCycleSignal,
  healthPermissions,
} from '@dataplatform/plugin-health-common';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import { readHealthConfig, readHealthTimeouts } from './config';
import { createRouter } from './router';
import { HealthEvaluator } from './services/HealthEvaluator';
import { HealthQueries, STALE_AFTER_INTERVALS } from './services/HealthQueries';
import { HealthStore } from './services/HealthStore';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import { ModelSource } from './services/ModelSource';
import { SignalReader, processLogQueryLimit } from './services/SignalReader';

export const HEALTH_TASK_ID = 'dataplatform-health-evaluate';
/** Time a cycle gets beyond its read deadline before the scheduler stops it. */
const TASK_MARGIN_SECONDS = 120;

/**
 * One look-up of a caller's groups per request: a page checks each
 * entity's owner, and every check asks for the same caller's groups. The
 * credentials object is the request's own, so the answer goes with it.
 */
export function oncePerRequest(userInfo: UserInfoService): UserInfoService {
  const answers = new WeakMap<object, Promise<BackstageUserInfo>>();
  return {
    getUserInfo(credentials) {
      let answer = answers.get(credentials);
      if (!answer) {
        answer = userInfo.getUserInfo(credentials);
        answers.set(credentials, answer);
      }
      return answer;
    },
  };
}

/**
 * Evaluates every domain's and data product's health model against Azure
 * Monitor on a schedule, stores each evaluation, and serves states,
 * history and SLOs.
 */
export const healthPlugin = createBackendPlugin({
  pluginId: 'dataplatform-health',
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
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        azure: azureClientsServiceRef,
        audiences: permissionAudiencesServiceRef,
        signals: signalsServiceRef,
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
        urlReader,
        catalog,
        azure,
        audiences,
        signals,
      }) {
        permissionsRegistry.addPermissions(healthPermissions);
        audiences.register('signed-in', healthPermissions);

        const settings = readHealthConfig(config);
        const timeouts = readHealthTimeouts(config, settings.intervalSeconds);
        const store = await HealthStore.create(database);
        const maxHoldMs =
          STALE_AFTER_INTERVALS * settings.intervalSeconds * 1000;
        const evaluator = new HealthEvaluator({
          source: new ModelSource({ catalog, auth, urlReader }),
          reader: new SignalReader(azure, {
            logQueryLimit: processLogQueryLimit(settings.logQueryConcurrency),
            logQueryServerTimeoutSeconds: timeouts.logQueryServerTimeoutSeconds,
          }),
          store,
          logger,
          historyDays: settings.historyDays,
          maxHoldMs,
          readTimeoutMs: timeouts.readTimeoutSeconds * 1000,
        });

        await scheduler.scheduleTask({
          id: HEALTH_TASK_ID,
          scope: 'global',
          frequency: { seconds: settings.intervalSeconds },
          // Room for the reads (cut at the read deadline), the catalog and
          // the database; the task is stopped after that.
          timeout:
            timeouts.readTimeoutSeconds + TASK_MARGIN_SECONDS > 300
              ? { seconds: timeouts.readTimeoutSeconds + TASK_MARGIN_SECONDS }
              : { minutes: 5 },
          // Right after start-up: a cycle that finds the catalog still
          // empty keeps the stored results (see HealthEvaluator).
          initialDelay: { seconds: 0 },
          // Each entity's and signal's failure is part of its result; a
          // cycle that cannot list the catalog or write the database, or
          // that the scheduler stops, throws, and the scheduler logs it.
          fn: async abortSignal => {
            await evaluator.runCycle({ abortSignal });
            // Open pages reload on this nudge; they also poll, so a lost
            // signal only delays what they show to their next poll.
            await signals
              .publish<HealthCycleSignal>({
                recipients: { type: 'broadcast' },
                channel: HEALTH_SIGNAL_CHANNEL,
                message: { evaluatedAt: new Date().toISOString() },
              })
              .catch(error =>
                logger.warn(
                  `Could not tell open pages about the new health states: ${error}`,
                ),
              );
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            queries: new HealthQueries({
              store,
              memberships: new Memberships(
                oncePerRequest(userInfo),
                settings.platformTeam,
              ),
              tenantId: azure.connection.tenantId,
              intervalSeconds: settings.intervalSeconds,
            }),
          }),
        );
      },
    });
  },
});
