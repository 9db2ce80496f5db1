import {
  SchedulerServiceTaskScheduleDefinition,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  InMemoryPermissionAudienceRegistry,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import request from 'supertest';
import {
  BASE,
  TestBackend,
  USERS,
  startProvisioningBackend,
} from './__testUtils__/testBackend';

type Caller = 'user' | 'service';
type Route = [method: 'get' | 'post' | 'put', path: string, allowed: Caller[]];

const ROUTES: Route[] = [
  ['post', '/domain-requests/validate', ['user', 'service']],
  ['post', '/domain-requests', ['user']],
  ['get', '/domain-requests', ['user', 'service']],
  ['get', '/domain-requests/r-1', ['user', 'service']],
  ['post', '/domain-requests/r-1/decision', ['user']],
  ['post', '/domain-requests/r-1/provision', ['user']],
  ['post', '/domain-requests/r-1/provisioning', ['user', 'service']],
  ['post', '/domain-requests/r-1/result', ['user', 'service']],
  ['get', '/domain-names/logistics/availability', ['user', 'service']],
  ['post', '/sandbox-leases/validate', ['user', 'service']],
  ['post', '/sandbox-leases', ['user']],
  ['get', '/sandbox-leases', ['user', 'service']],
  ['get', '/sandbox-leases/l-1', ['user', 'service']],
  ['post', '/sandbox-leases/l-1/activation', ['user', 'service']],
  ['post', '/sandbox-leases/l-1/extension', ['user']],
  ['post', '/sandbox-leases/reconcile', ['user']],
  ['put', '/published-entities/domain:logistics', ['service']],
  ['get', '/catalog-entities', ['service']],
];

describe('dataplatform-provisioning backend plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());

  const call = (
    backend: TestBackend,
    [method, path]: Route,
    authorization: string,
  ) =>
    request(backend.server)
      [method](`${BASE}${path}`)
      .set('authorization', authorization)
      .send({});

  describe('who may call what', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startProvisioningBackend({ endpoint, databases });
    });

    it.each(ROUTES)(
      '%s %s refuses callers without credentials',
      async (...route) => {
        const res = await call(backend, route, mockCredentials.none.header());
        expect(res.status).toBe(401);
      },
    );

    it.each(ROUTES.filter(([, , allowed]) => !allowed.includes('service')))(
      '%s %s refuses services',
      async (...route) => {
        const res = await call(
          backend,
          route,
          mockCredentials.service.header(),
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'service' credentials",
        );
      },
    );

    it.each(ROUTES.filter(([, , allowed]) => !allowed.includes('user')))(
      '%s %s refuses people',
      async (...route) => {
        const res = await call(
          backend,
          route,
          mockCredentials.user.header(USERS.priya),
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'user' credentials",
        );
      },
    );

    it.each(ROUTES.filter(([, , allowed]) => allowed.includes('service')))(
      '%s %s lets services past authentication',
      async (...route) => {
        const res = await call(
          backend,
          route,
          mockCredentials.service.header(),
        );
        expect([401, 403]).not.toContain(res.status);
      },
    );

    it.each([
      [
        '/domain-requests/r-1/provisioning',
        'mark a domain request as provisioning',
      ],
      ['/domain-requests/r-1/result', 'record the result of a domain request'],
    ])(
      'POST %s is for the provisioning task, not any signed-in person',
      async (path, what) => {
        const res = await request(backend.server)
          .post(`${BASE}${path}`)
          .set('authorization', mockCredentials.user.header(USERS.fatima))
          .send({});
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `Only the provisioning task (running for a platform engineer) can ${what}.`,
        );
      },
    );
  });

  it.each([
    [
      'post',
      '/domain-requests',
      'You need to be in a domain owner group or the platform team to request a data domain.',
    ],
    [
      'post',
      '/domain-requests/r-1/decision',
      'Only the platform team can approve or reject domain requests.',
    ],
    [
      'post',
      '/domain-requests/r-1/provision',
      'Only the platform team can start provisioning a domain.',
    ],
    [
      'post',
      '/sandbox-leases',
      'You need to be in a domain owner group or the platform team to lease a sandbox.',
    ],
    [
      'post',
      '/sandbox-leases/l-1/extension',
      "You need to be in the sandbox's owner group or the platform team to extend its lease.",
    ],
  ] as const)(
    '%s %s answers 403 when the permission policy denies',
    async (method, path, message) => {
      const backend = await startProvisioningBackend({
        endpoint,
        databases,
        permission: AuthorizeResult.DENY,
      });
      const res = await call(
        backend,
        [method, path, ['user']],
        mockCredentials.user.header(USERS.priya),
      );
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ name: 'NotAllowedError', message });
    },
  );

  it('declares who each permission is for', async () => {
    const audiences = new InMemoryPermissionAudienceRegistry();
    await startProvisioningBackend({
      endpoint,
      databases,
      services: [
        createServiceFactory({
          service: permissionAudiencesServiceRef,
          deps: {},
          factory: () => audiences,
        }),
      ],
    });
    expect(
      Object.fromEntries(audiences.list().map(a => [a.permission, a.audience])),
    ).toEqual({
      'dataplatform.domain-request.create': 'domain-owners',
      'dataplatform.domain-request.decide': 'platform-team',
      'dataplatform.sandbox-lease.create': 'domain-owners',
      'dataplatform.sandbox-lease.extend': 'domain-owners',
    });
  });

  describe('the lease task schedule', () => {
    type Task = SchedulerServiceTaskScheduleDefinition & {
      id: string;
      fn: () => Promise<void>;
    };

    async function scheduledTasks(config?: Record<string, unknown>) {
      const scheduler = mockServices.scheduler.mock();
      await startProvisioningBackend({
        endpoint,
        databases,
        config,
        services: [scheduler.factory],
      });
      return scheduler.scheduleTask.mock.calls.map(([task]) => task as Task);
    }

    async function scheduled(config?: Record<string, unknown>) {
      const tasks = await scheduledTasks(config);
      expect(tasks.map(t => t.id)).toEqual([
        'dataplatform-provisioning-sandbox-leases',
        'dataplatform-provisioning-domain-requests',
      ]);
      return tasks[0];
    }

    it('runs every 5 minutes by default, once across instances, starting 30 s after start-up', async () => {
      const task = await scheduled();
      expect(task).toMatchObject({
        id: 'dataplatform-provisioning-sandbox-leases',
        frequency: { minutes: 5 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
        scope: 'global',
      });
      // The task is the reconciler's run; with no leases it has nothing to do.
      await expect(task.fn()).resolves.toBeUndefined();
    });

    it('follows dataplatform.provisioning.leaseCheckMinutes', async () => {
      const task = await scheduled({ provisioning: { leaseCheckMinutes: 15 } });
      expect(task.frequency).toEqual({ minutes: 15 });
    });

    it('checks provisioning tasks of domain requests on the same schedule, once across instances', async () => {
      const tasks = await scheduledTasks({
        provisioning: { leaseCheckMinutes: 15 },
      });
      const task = tasks.find(
        t => t.id === 'dataplatform-provisioning-domain-requests',
      );
      expect(task).toMatchObject({
        frequency: { minutes: 15 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
        scope: 'global',
      });
      // With no domain requests it has nothing to do.
      await expect(task!.fn()).resolves.toBeUndefined();
    });
  });

  describe('refusing bad configuration at start-up, naming the key', () => {
    it.each([
      [
        { provisioning: { leaseCheckMinutes: 0 } },
        'dataplatform.provisioning.leaseCheckMinutes must be a number of minutes above 0, got 0',
      ],
      [
        { provisioning: { domainTemplateRef: 'group:default/platform-team' } },
        "dataplatform.provisioning.domainTemplateRef must be a template entity ref such as template:default/provision-data-domain, got 'group:default/platform-team'",
      ],
      [
        { permissions: { platformTeam: 'user:default/priya.patel' } },
        "dataplatform.permissions.platformTeam must be a group entity ref such as group:default/platform-team, got 'user:default/priya.patel'",
      ],
    ])('%j', async (config, message) => {
      await expect(
        startProvisioningBackend({ endpoint, databases, config }),
      ).rejects.toThrow(message);
    });
  });
});
