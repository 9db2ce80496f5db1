import {
  ServiceFactory,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  DefaultAzureClients,
  azureClientsServiceRef,
} from '@dataplatform/plugin-azure-node';
import { Knex } from 'knex';
import request from 'supertest';
import { provisioningPlugin } from '../plugin';
import {
  ProvisioningTaskStarter,
  ProvisioningTaskStatus,
  StartTaskOptions,
  provisioningTaskStarterServiceRef,
} from '../services/ProvisioningTaskStarter';

export const USERS = {
  fatima: 'user:default/fatima.osei',
  marco: 'user:default/marco.rossi',
  priya: 'user:default/priya.patel',
  sam: 'user:default/sam.lee',
  diego: 'user:default/diego.alvarez',
} as const;

/** Who is in which group, as sign-in would resolve it. */
export const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.fatima]: ['group:default/finance-domain-owners'],
  [USERS.marco]: ['group:default/sales-domain-owners'],
  [USERS.priya]: ['group:default/platform-team'],
  [USERS.sam]: ['group:default/platform-team'],
  [USERS.diego]: ['group:default/data-citizens'],
};

function group(
  name: string,
  options: { groupId?: string; email?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: options.groupId
        ? { 'graph.microsoft.com/group-id': options.groupId }
        : {},
    },
    spec: {
      type: 'team',
      profile: options.email ? { email: options.email } : {},
      children: [],
    },
  };
}

export const GROUP_IDS = {
  finance: '7c16a2a7-0584-44b7-a6c7-a3453b94dcb9',
  sales: 'e981f7a9-5bf5-43af-925f-72f1aa7eeaa5',
  platform: '8b504bad-8a0b-49a8-939d-1550aa463234',
};

export const CATALOG_ENTITIES: Entity[] = [
  group('finance-domain-owners', {
    groupId: GROUP_IDS.finance,
    email: 'finance-data@contoso.example',
  }),
  group('sales-domain-owners', {
    groupId: GROUP_IDS.sales,
    email: 'sales-data@contoso.example',
  }),
  group('platform-team', {
    groupId: GROUP_IDS.platform,
    email: 'platform-team@contoso.example',
  }),
  group('data-citizens', {
    groupId: '0a1b2c3d-0000-4000-8000-000000000001',
    email: 'citizens@contoso.example',
  }),
  group('unlinked-team', { email: 'unlinked@contoso.example' }),
  group('silent-team', { groupId: '0a1b2c3d-0000-4000-8000-000000000002' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'finance', namespace: 'default' },
    spec: { owner: 'group:default/finance-domain-owners' },
  },
];

/**
 * A scaffolder stand-in: records each task it is asked to start; a started
 * task is `processing` until a test sets another status in `statuses`.
 */
export class RecordingTaskStarter implements ProvisioningTaskStarter {
  readonly started: StartTaskOptions[] = [];
  readonly statuses = new Map<string, ProvisioningTaskStatus>();
  failWith?: Error;

  async startTask(options: StartTaskOptions) {
    if (this.failWith) throw this.failWith;
    this.started.push(options);
    return { taskId: `task-${this.started.length}` };
  }

  async getTaskStatus(taskId: string): Promise<ProvisioningTaskStatus> {
    const status = this.statuses.get(taskId);
    if (status) return status;
    if (!this.started.some((_, i) => `task-${i + 1}` === taskId)) {
      throw new Error(`the scaffolder has no task ${taskId}`);
    }
    return { status: 'processing' };
  }
}

export interface TestBackend {
  server: import('http').Server;
  knex: Knex;
  notifications: NotificationSendOptions[];
  tasks: RecordingTaskStarter;
}

/**
 * The plugin in a test backend against the local Azure endpoint, with a
 * catalog of groups, a recording scaffolder and recorded notifications.
 */
export async function startProvisioningBackend(options: {
  endpoint: LocalAzureEndpoint;
  databases: TestDatabases;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  config?: Record<string, unknown>;
  /** Service factories replacing the ones set up here, by service id. */
  services?: ServiceFactory[];
}): Promise<TestBackend> {
  const knex = await options.databases.init('SQLITE_3');
  const notifications: NotificationSendOptions[] = [];
  const tasks = new RecordingTaskStarter();
  const { endpoint } = options;

  const defaults: ServiceFactory[] = [
    createServiceFactory({
      service: azureClientsServiceRef,
      deps: {},
      factory: () =>
        new DefaultAzureClients({
          tenantId: DEMO_TENANT_ID,
          resourceManagerEndpoint: endpoint.url,
          authentication: { method: 'static-token', token: endpoint.token },
          caCertificatePem: endpoint.caCertificatePem,
          managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
        }),
    }),
    mockServices.database.factory({ knex }),
    mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    // The lease task would race the assertions; tests run it by hand.
    mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    mockServices.rootConfig.factory({
      data: {
        dataplatform: {
          permissions: { platformTeam: 'group:default/platform-team' },
          ...options.config,
        },
      },
    }),
    catalogServiceMock.factory({ entities: CATALOG_ENTITIES }),
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => ({
        async getUserInfo(credentials) {
          const userEntityRef = (
            credentials.principal as { userEntityRef: string }
          ).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(MEMBERSHIPS[userEntityRef] ?? []),
            ],
          };
        },
      }),
    }),
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        async send(notification: NotificationSendOptions) {
          notifications.push(notification);
        },
      }),
    }),
    createServiceFactory({
      service: provisioningTaskStarterServiceRef,
      deps: {},
      factory: () => tasks,
    }),
  ];
  const replaced = new Set((options.services ?? []).map(f => f.service.id));
  const { server } = await startTestBackend({
    features: [
      provisioningPlugin,
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...(options.services ?? []),
    ],
  });
  return { server, knex, notifications, tasks };
}

export const BASE = '/api/dataplatform-provisioning';

export const genomics = {
  name: 'genomics-poc',
  purpose: 'Try a managed genomics pipeline on public reference data.',
  ownerGroup: 'group:default/finance-domain-owners',
  costCenter: 'CC-1010',
  dataResidency: 'eu',
  durationDays: 30,
  budgetCap: 500,
};

/**
 * Leases a sandbox through the API and vends its subscription in the local
 * tenant the way the sandbox template would (alias, group, tags from the
 * plan), then activates the lease. Returns the active lease.
 */
export async function leaseActiveSandbox(
  backend: TestBackend,
  endpoint: LocalAzureEndpoint,
  input: Record<string, unknown> = genomics,
  user: string = USERS.fatima,
) {
  const created = await request(backend.server)
    .post(`${BASE}/sandbox-leases`)
    .set('authorization', mockCredentials.user.header(user))
    .send({ input });
  if (created.status !== 201) {
    throw new Error(
      `leasing failed: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const { subscription } = created.body.plan;
  const { alias } = endpoint.tenant.createAlias(subscription.aliasName, {
    displayName: subscription.displayName,
    workload: 'DevTest',
    managementGroupId: subscription.managementGroupId,
    tags: subscription.tags,
  });
  const activated = await request(backend.server)
    .post(`${BASE}/sandbox-leases/${created.body.id}/activation`)
    .set('authorization', mockCredentials.service.header())
    .send({ subscriptionId: alias.subscriptionId });
  if (activated.status !== 200) {
    throw new Error(
      `activation failed: ${activated.status} ${JSON.stringify(
        activated.body,
      )}`,
    );
  }
  return activated.body;
}
