import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  ServiceFactory,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { OVERVIEW_REFRESH_TASK_ID, overviewPlugin } from '../plugin';
import {
  MEMBERSHIPS,
  catalogEntities,
  costBody,
  domainRequests,
  healthBody,
  retentionBody,
  sandboxLeases,
} from './fixtures';

export const BASE = '/api/dataplatform-overview';

/**
 * How a fake upstream route answers: its body, an error status (with a
 * Backstage error body), or nothing until the caller gives up.
 */
export type Behaviour =
  | { kind: 'ok'; body: unknown; etag?: string }
  | { kind: 'fail'; status: number; message?: string }
  | { kind: 'hang' };

/** One route of a fake plugin, switchable between polls, recording what it was sent. */
export class FakeRoute {
  behaviour: Behaviour;
  /** The headers of each request, in order. */
  readonly requests: Array<{
    authorization?: string;
    ifNoneMatch?: string;
    query: string;
    principal: string;
  }> = [];

  constructor(body: unknown, etag?: string) {
    this.behaviour = { kind: 'ok', body, ...(etag ? { etag } : {}) };
  }

  ok(body: unknown, etag?: string) {
    this.behaviour = { kind: 'ok', body, ...(etag ? { etag } : {}) };
  }

  fail(status: number, message?: string) {
    this.behaviour = { kind: 'fail', status, message };
  }

  hang() {
    this.behaviour = { kind: 'hang' };
  }
}

export interface Upstreams {
  health: FakeRoute;
  cost: FakeRoute;
  retention: FakeRoute;
  domainRequests: FakeRoute;
  sandboxLeases: FakeRoute;
}

export function defaultUpstreams(): Upstreams {
  return {
    health: new FakeRoute(healthBody()),
    cost: new FakeRoute(costBody(), '"1-cost"'),
    retention: new FakeRoute(retentionBody()),
    domainRequests: new FakeRoute({ items: domainRequests() }),
    sandboxLeases: new FakeRoute({ items: sandboxLeases() }),
  };
}

/**
 * A stand-in for another backend plugin, under its real plugin id: only
 * services may call it (as the overview does), and each route answers as
 * its {@link FakeRoute} says.
 */
function fakePlugin(pluginId: string, routes: Record<string, FakeRoute>) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          for (const [path, route] of Object.entries(routes)) {
            router.get(path, async (req, res) => {
              const credentials = await httpAuth.credentials(req, {
                allow: ['service'],
              });
              route.requests.push({
                authorization: req.get('authorization'),
                ifNoneMatch: req.get('if-none-match'),
                query: new URL(req.originalUrl, 'http://x').search,
                principal: credentials.principal.subject,
              });
              const behaviour = route.behaviour;
              if (behaviour.kind === 'hang') {
                // Answers only once the caller has given up.
                await new Promise(resolve => req.on('close', resolve));
                return;
              }
              if (behaviour.kind === 'fail') {
                res.status(behaviour.status).json({
                  error: {
                    name: 'ServiceUnavailableError',
                    message: behaviour.message ?? 'upstream trouble',
                  },
                });
                return;
              }
              if (behaviour.etag) {
                res.set('ETag', behaviour.etag);
                if (req.get('if-none-match') === behaviour.etag) {
                  res.status(304).end();
                  return;
                }
              }
              res.json(behaviour.body);
            });
          }
          httpRouter.use(router as express.Router);
        },
      });
    },
  });
}

/** Groups of the signed-in person, as sign-in resolves them; counts the look-ups. */
export function userInfoFactory(asked: string[] = []) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        asked.push(userEntityRef);
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
}

type Task = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (abortSignal: AbortSignal) => Promise<void>;
};

export interface TestBackend {
  server: import('http').Server;
  upstreams: Upstreams;
  /** The catalog the plugin reads (spy on it to make it fail). */
  catalog: ReturnType<typeof catalogServiceMock>;
  /** Polls every source once more, as the scheduler would, and waits for it. */
  poll(): Promise<void>;
  /** The tasks the plugin scheduled, as it defined them. */
  tasks: Task[];
  stop(): Promise<void>;
}

/**
 * The overview in a test backend beside fake health, cost, retention and
 * provisioning plugins under their real ids, reached over HTTP through
 * discovery with the overview's service token. The scheduler runs the
 * first poll at start-up, as the real one does, and then only on `poll()`.
 */
export async function startOverviewBackend(
  options: {
    now?: Date;
    entities?: Entity[];
    upstreams?: Upstreams;
    /** Under `dataplatform.overview`. */
    config?: Record<string, unknown>;
    /** Under `dataplatform`, beside `overview`. */
    rootConfig?: Record<string, unknown>;
    /** The catalog to read, instead of one holding `entities`. */
    catalog?: ReturnType<typeof catalogServiceMock>;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Service factories replacing the ones set up here, by service id. */
    services?: ServiceFactory[];
  } = {},
): Promise<TestBackend> {
  const now = options.now ?? new Date();
  const upstreams = options.upstreams ?? defaultUpstreams();
  const catalog =
    options.catalog ??
    catalogServiceMock({ entities: options.entities ?? catalogEntities(now) });
  const scheduler = mockServices.scheduler();
  const tasks: Task[] = [];
  const defaults: ServiceFactory[] = [
    createServiceFactory({
      service: coreServices.scheduler,
      deps: { lifecycle: coreServices.lifecycle },
      factory: ({ lifecycle }): SchedulerService => {
        // As the real scheduler does: a task without an initial delay
        // runs at start-up; afterwards only when `poll()` triggers it.
        lifecycle.addStartupHook(async () => {
          for (const task of tasks.filter(t => !t.initialDelay)) {
            await scheduler.triggerTask(task.id);
          }
        });
        return {
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
      },
    }),
    mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    userInfoFactory(),
    mockServices.rootConfig.factory({
      data: {
        dataplatform: {
          permissions: { platformTeam: 'group:default/platform-team' },
          azure: { tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1' },
          overview: { refresh: { timeoutSeconds: 1 }, ...options.config },
          ...options.rootConfig,
        },
      },
    }),
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
  ];
  const replaced = new Set((options.services ?? []).map(f => f.service.id));
  const backend = await startTestBackend({
    features: [
      overviewPlugin,
      fakePlugin('dataplatform-health', { '/entities': upstreams.health }),
      fakePlugin('dataplatform-cost', { '/estate': upstreams.cost }),
      fakePlugin('dataplatform-retention', {
        '/entities': upstreams.retention,
      }),
      fakePlugin('dataplatform-provisioning', {
        '/domain-requests': upstreams.domainRequests,
        '/sandbox-leases': upstreams.sandboxLeases,
      }),
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...(options.services ?? []),
    ],
  });
  return {
    server: backend.server,
    upstreams,
    catalog,
    poll: () => scheduler.triggerTask(OVERVIEW_REFRESH_TASK_ID),
    tasks,
    stop: () => backend.stop(),
  };
}

export function get(backend: TestBackend, route: string, user: string) {
  return request(backend.server)
    .get(`${BASE}${route}`)
    .set('authorization', mockCredentials.user.header(user));
}
