import {
  PermissionsService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import { Knex } from 'knex';
import request from 'supertest';
import { costPlugin } from '../plugin';
import { ClientOptions, clientsFor } from './azure';

export const BASE = '/api/dataplatform-cost';

export const USERS = {
  /** Platform team. */
  priya: 'user:default/priya.patel',
  /** Owner of the finance domain. */
  fatima: 'user:default/fatima.osei',
  /** Owner of the sales domain (and its genai-pilot sandbox). */
  marco: 'user:default/marco.rossi',
  /** A data citizen: owns no domain. */
  diego: 'user:default/diego.alvarez',
} as const;

/** Who is in which group, as sign-in would resolve it. */
export const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.priya]: ['group:default/platform-team'],
  [USERS.fatima]: ['group:default/finance-domain-owners'],
  [USERS.marco]: ['group:default/sales-domain-owners'],
  [USERS.diego]: ['group:default/data-citizens'],
};

const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * Decides as the portal's persona policy does, from the audience each
 * permission was registered for: `domain-owners` allows members of a group
 * that owns a Domain and the platform team, `platform-team` only the
 * platform team; anything not registered is denied. A service (another
 * backend plugin) is allowed without asking the policy, as Backstage's
 * permissions service does for service principals.
 */
export const personaPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { audiences: permissionAudiencesServiceRef },
  factory: ({ audiences }): PermissionsService => {
    const decide = (permissionName: string, credentials: unknown) => {
      const principal = (credentials as { principal?: any }).principal;
      if (principal?.type === 'service') return AuthorizeResult.ALLOW;
      const user: string | undefined =
        principal?.type === 'user' ? principal.userEntityRef : undefined;
      const groups = user ? MEMBERSHIPS[user] ?? [] : [];
      const audience = audiences.audienceOf(permissionName);
      const platform = groups.includes(PLATFORM_TEAM);
      const allowed =
        user !== undefined &&
        (audience === 'signed-in' ||
          (audience === 'domain-owners' &&
            (platform || groups.some(g => g.endsWith('-domain-owners')))) ||
          (audience === 'platform-team' && platform));
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

/** Groups of the signed-in person, as sign-in resolves them. */
export const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(MEMBERSHIPS[userEntityRef] ?? []),
        ],
      };
    },
  }),
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
  /** Errors the refresh task threw (the scheduler would log them). */
  taskErrors: unknown[];
  stop(): Promise<void>;
}

/**
 * The plugin in a test backend against the local Azure endpoint, with the
 * catalog given, the persona decisions above and a scheduler that runs the
 * refresh only when it is triggered (POST /refresh awaits it).
 */
export async function startCostBackend(options: {
  endpoint: LocalAzureEndpoint;
  /** A fresh SQLite database when absent; pass a backend's `knex` to restart on it. */
  databases?: TestDatabases;
  knex?: Knex;
  entities: Entity[];
  /** Under `dataplatform.cost`. */
  config?: Record<string, any>;
  clients?: ClientOptions;
  /** Service factories replacing the ones set up here, by service id. */
  services?: ServiceFactory[];
}): Promise<TestBackend> {
  const knex = options.knex ?? (await options.databases!.init('SQLITE_3'));
  const scheduler = mockServices.scheduler();
  const tasks: Task[] = [];
  const taskErrors: unknown[] = [];
  const recording: SchedulerService = {
    scheduleTask: async task => {
      tasks.push(task as Task);
      await scheduler.scheduleTask({
        ...task,
        fn: async (signal: AbortSignal) => {
          try {
            await task.fn(signal);
          } catch (error) {
            taskErrors.push(error);
            throw error;
          }
        },
      });
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
      factory: () => clientsFor(options.endpoint, options.clients),
    }),
    mockServices.database.factory({ knex }),
    personaPermissionsFactory,
    userInfoFactory,
    createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => recording,
    }),
    mockServices.rootConfig.factory({
      data: {
        dataplatform: {
          permissions: { platformTeam: PLATFORM_TEAM },
          cost: options.config ?? {},
        },
      },
    }),
    catalogServiceMock.factory({ entities: options.entities }),
  ];
  const replaced = new Set((options.services ?? []).map(f => f.service.id));
  const backend = await startTestBackend({
    features: [
      costPlugin,
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...(options.services ?? []),
    ],
  });
  return {
    server: backend.server,
    knex,
    tasks,
    taskErrors,
    stop: () => backend.stop(),
  };
}

export function get(backend: TestBackend, route: string, user: string) {
  return request(backend.server)
    .get(`${BASE}${route}`)
    .set('authorization', mockCredentials.user.header(user));
}

/** Asks for a refresh as the platform team; the test scheduler runs it before answering. */
export async function refresh(backend: TestBackend) {
  const res = await request(backend.server)
    .post(`${BASE}/refresh`)
    .set('authorization', mockCredentials.user.header(USERS.priya));
  expect(res.status).toBe(202);
  expect(res.body).toEqual({ state: 'started' });
  expect(backend.taskErrors).toEqual([]);
}
