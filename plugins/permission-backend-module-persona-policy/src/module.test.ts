import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import request from 'supertest';
import permissionModulePersonaPolicy from './index';
import permissionPlugin from '@backstage/plugin-permission-backend';

const estateRefresh = createPermission({
  name: 'dataplatform.test.estate.refresh',
  attributes: { action: 'update' },
});
const domainCostRead = createPermission({
  name: 'dataplatform.test.domain-cost.read',
  attributes: { action: 'read' },
});
const contractRead = createPermission({
  name: 'dataplatform.test.contract.read',
  attributes: { action: 'read' },
});

/** Stands in for a later plugin: declares the audience of its permissions. */
const declaringPlugin = createBackendPlugin({
  pluginId: 'declaring',
  register(reg) {
    reg.registerInit({
      deps: { audiences: permissionAudiencesServiceRef },
      async init({ audiences }) {
        audiences.register('platform-team', [estateRefresh]);
        audiences.register('domain-owners', [domainCostRead]);
        audiences.register('signed-in', [contractRead]);
      },
    });
  },
});

const memberships: Record<string, string[]> = {
  'user:default/priya.patel': ['group:default/platform-team'],
  'user:default/fatima.osei': ['group:default/finance-domain-owners'],
  'user:default/diego.alvarez': ['group:default/data-citizens'],
  'user:development/guest': [],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(memberships[userEntityRef] ?? [])],
      };
    },
  }),
});

describe('persona permission policy', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModulePersonaPolicy,
        declaringPlugin,
        userInfoFactory,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Domain',
              metadata: { name: 'finance', namespace: 'default' },
              spec: { owner: 'finance-domain-owners' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    return server;
  }

  async function decide(server: any, user: string | undefined, name: string) {
    const req = request(server).post('/api/permission/authorize');
    if (user) {
      req.set('Authorization', mockCredentials.user.header(user));
    }
    const res = await req.send({
      items: [
        { id: '1', permission: { type: 'basic', name, attributes: { action: 'read' } } },
      ],
    });
    expect(res.status).toBe(200);
    return res.body.items[0].result;
  }

  it.each([
    ['user:default/priya.patel', AuthorizeResult.ALLOW],
    ['user:default/fatima.osei', AuthorizeResult.DENY],
    ['user:default/diego.alvarez', AuthorizeResult.DENY],
    ['user:development/guest', AuthorizeResult.DENY],
  ])('platform-only permission for %s: %s', async (user, expected) => {
    const server = await startBackend();
    expect(await decide(server, user, estateRefresh.name)).toBe(expected);
  });

  it.each([
    ['user:default/priya.patel', AuthorizeResult.ALLOW],
    ['user:default/fatima.osei', AuthorizeResult.ALLOW],
    ['user:default/diego.alvarez', AuthorizeResult.DENY],
  ])('domain-owner permission for %s: %s', async (user, expected) => {
    const server = await startBackend();
    expect(await decide(server, user, domainCostRead.name)).toBe(expected);
  });

  it.each([
    ['user:default/priya.patel', AuthorizeResult.ALLOW],
    ['user:default/fatima.osei', AuthorizeResult.DENY],
    ['user:default/diego.alvarez', AuthorizeResult.DENY],
  ])('registering a catalog location (how templates get in) for %s: %s', async (user, expected) => {
    const server = await startBackend();
    expect(await decide(server, user, 'catalog.location.create')).toBe(expected);
  });

  it('lets every signed-in person use signed-in permissions and undeclared ones', async () => {
    const server = await startBackend();
    expect(await decide(server, 'user:default/diego.alvarez', contractRead.name)).toBe(AuthorizeResult.ALLOW);
    expect(await decide(server, 'user:default/diego.alvarez', 'catalog.entity.read')).toBe(AuthorizeResult.ALLOW);
  });
});
