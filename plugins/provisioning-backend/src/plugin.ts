import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import {
  domainRequestCreatePermission,
  domainRequestDecidePermission,
  provisioningPermissions,
  sandboxLeaseCreatePermission,
  sandboxLeaseExtendPermission,
} from '@dataplatform/plugin-provisioning-common';
import { readProvisioningConfig } from './config';
import { createRouter } from './router';
import { DomainRequestService } from './services/DomainRequestService';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import {
  DomainRequestNotifier,
  NotificationLeaseNotifier,
} from './services/notifications';
import { OwnerGroupResolver } from './services/OwnerGroupResolver';
import { ProvisioningStore } from './services/ProvisioningStore';
import { provisioningTaskStarterServiceRef } from './services/ProvisioningTaskStarter';
import { PublishedEntityService } from './services/PublishedEntityService';
import {
  GuardedExpiryTagWriter,
  SandboxLeaseService,
} from './services/SandboxLeaseService';
import { SandboxAzureOperations } from './services/sandboxLeases/SandboxAzureOperations';
import { SandboxLeaseReconciler } from './services/sandboxLeases/SandboxLeaseReconciler';

/**
 * Domain requests behind a platform-team approval gate, innovation sandbox
 * leases kept in line by a scheduled task, and the entities templates
 * publish for the catalog.
 */
export const provisioningPlugin = createBackendPlugin({
  pluginId: 'dataplatform-provisioning',
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
        notifications: notificationService,
        azure: azureClientsServiceRef,
        audiences: permissionAudiencesServiceRef,
        taskStarter: provisioningTaskStarterServiceRef,
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
        notifications,
        azure,
        audiences,
        taskStarter,
      }) {
        permissionsRegistry.addPermissions(provisioningPermissions);
        audiences.register('domain-owners', [
          domainRequestCreatePermission,
          sandboxLeaseCreatePermission,
          sandboxLeaseExtendPermission,
        ]);
        audiences.register('platform-team', [domainRequestDecidePermission]);

        const settings = readProvisioningConfig(config);
        const store = await ProvisioningStore.create(database);
        const owners = new OwnerGroupResolver(catalog, auth);
        const memberships = new Memberships(userInfo, settings.platformTeam);

        const domainRequests = new DomainRequestService({
          store,
          owners,
          catalog,
          auth,
          azure,
          taskStarter,
          notifier: new DomainRequestNotifier(
            notifications,
            settings.platformTeam,
            logger,
          ),
          templateRef: settings.domainTemplateRef,
          logger,
        });
        const sandboxLeases = new SandboxLeaseService({
          store,
          owners,
          memberships,
          azure,
          expiryTags: new GuardedExpiryTagWriter(
            new SandboxAzureOperations(azure),
          ),
          logger,
        });
        const publishedEntities = new PublishedEntityService({
          store,
          tenantId: azure.connection.tenantId,
          catalogLocationOf: async entityRef => {
            const entity = await catalog.getEntityByRef(entityRef, {
              credentials: await auth.getOwnServiceCredentials(),
            });
            if (!entity) return undefined;
            return (
              entity.metadata.annotations?.[
                'backstage.io/managed-by-location'
              ] ?? 'an unknown location'
            );
          },
        });
        const reconciler = new SandboxLeaseReconciler({
          clients: azure,
          repository: store,
          notifier: new NotificationLeaseNotifier(notifications),
          logger,
        });

        await scheduler.scheduleTask({
          id: 'dataplatform-provisioning-sandbox-leases',
          frequency: { minutes: settings.leaseCheckMinutes },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          // The reconciler logs each lease's failure itself; a run that
          // cannot even list the leases throws, and the scheduler logs that.
          fn: async () => {
            await reconciler.reconcileAll();
          },
        });

        // A task of its own, so an outage of the scaffolder never holds up
        // the lease task, nor an Azure outage this one.
        await scheduler.scheduleTask({
          id: 'dataplatform-provisioning-domain-requests',
          frequency: { minutes: settings.leaseCheckMinutes },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          // Each request's failure is logged by the check itself; a run that
          // cannot even list the requests throws, and the scheduler logs that.
          fn: async () => {
            await domainRequests.checkProvisioningTasks();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            memberships,
            domainRequests,
            sandboxLeases,
            publishedEntities,
            reconciler,
          }),
        );
      },
    });
  },
});
