import {
  PermissionsService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  ServiceFactory,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import { Knex } from 'knex';
import { retentionPlugin } from '../plugin';
import { clientsFor } from './azure';

export const BASE = '/api/dataplatform-retention';

export const USERS = {
  priya: 'user:default/priya.patel',
  diego: 'user:default/diego.alvarez',
} as const;

/** Who is in which group, as sign-in would resolve it. */
export const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.priya]: ['group:default/platform-team'],
  [USERS.diego]: ['group:default/data-citizens'],
};

/**
 * Decides as the portal's persona policy does, from the audience each
 * permission was registered for: `signed-in` allows every person,
 * `platform-team` only members of the platform team; anything not
 * registered is denied.
 */
export const personaPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { audiences: permissionAudiencesServiceRef },
  factory: ({ audiences }): PermissionsService => {
    const decide = (permissionName: string, credentials: unknown) => {
      const principal = (credentials as { principal?: any }).principal;
      // Backstage's permissions service allows a service principal without
      // asking the policy (unless its access restrictions say otherwise).
      if (principal?.type === 'service') return AuthorizeResult.ALLOW;
      const user: string | undefined =
        principal?.type === 'user' ? principal.userEntityRef : undefined;
      const audience = audiences.audienceOf(permissionName);
      const allowed =
        user !== undefined &&
        (audience === 'signed-in' ||
          (audience === 'platform-team' &&
            (MEMBERSHIPS[user] ?? []).includes('group:default/platform-team')));
      return allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    };
    return {
      async authorize(requests, { credentials }) {
        return requests.map(({ permission }) => ({
          result: decide(permission.name, credentials),
        }));
      },
      async authorizeConditional(requests, { credentials }) {
        return requests.map(({ permission }) => ({
          result: decide(permission.name, credentials),
        }));
      },
    };
  },
});

type Task = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (abortSignal: AbortSignal) => Promise<void>;
};

export interface TestBackend {
  server: import('http').Server;
  knex: Knex;
  /** The tasks the plugin scheduled, as it defined them. */
  tasks: Task[];
}

/**
 * The plugin in a test backend against the local Azure endpoint, with the
 * catalog given, the persona decisions above and a scheduler that runs a
 * task only when it is triggered.
 */
export async function startRetentionBackend(options: {
  endpoint: LocalAzureEndpoint;
  databases: TestDatabases;
  entities: Entity[];
  /** Under `dataplatform.retention`. */
  config?: Record<string, number | string>;
  /** Service factories replacing the ones set up here, by service id. */
  services?: ServiceFactory[];
}): Promise<TestBackend> {
  const knex = await options.databases.init('SQLITE_3');
  // Runs a task only when it is triggered, and awaits it there.
  const scheduler = mockServices.scheduler();
  const tasks: Task[] = [];
  const recording: SchedulerService = {
    scheduleTask: async task => {
      tasks.push(task as Task);
      await scheduler.scheduleTask(task);
    },
    triggerTask: id => scheduler.triggerTask(id),
    cancelTask: id => scheduler.cancelTask(id),
    getScheduledTasks: () => scheduler.getScheduledTasks(),
    createScheduledTaskRunner: schedule =>
      scheduler.createScheduledTaskRunner(schedule),
  };
  const defaults: ServiceFactory[] = [
    createServiceFactory({
      service: azureClientsServiceRef,
      deps: {},
      factory: () => clientsFor(options.endpoint),
    }),
    mockServices.database.factory({ knex }),
    personaPermissionsFactory,
    createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => recording,
    }),
    mockServices.rootConfig.factory({
      data: { dataplatform: { retention: options.config ?? {} } },
    }),
    catalogServiceMock.factory({ entities: options.entities }),
  ];
  const replaced = new Set((options.services ?? []).map(f => f.service.id));
  const { server } = await startTestBackend({
    features: [
      retentionPlugin,
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...(options.services ?? []),
    ],
  });
  return { server, knex, tasks };
}
