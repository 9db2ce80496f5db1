import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import demoPersonasModule from './index';

const personas = [
  {
    userEntityRef: 'user:default/priya.patel',
    displayName: 'Priya Patel',
    persona: 'platform-engineer',
    description: 'Platform engineer',
  },
  {
    userEntityRef: 'user:default/diego.alvarez',
    displayName: 'Diego Alvarez',
    persona: 'data-citizen',
    description: 'Analyst',
  },
];

const user = (name: string, group: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

async function start(extraConfig: object = {}) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      demoPersonasModule,
      catalogServiceMock.factory({
        entities: [user('priya.patel', 'platform-team'), user('diego.alvarez', 'data-citizens')],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { 'demo-personas': {} } },
          dataplatform: { demoPersonas: personas },
          ...extraConfig,
        },
      }),
    ],
  });
  return server;
}

describe('demo-personas sign-in provider', () => {
  it('signs in as the chosen catalog user, with their groups', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/auth/demo-personas/refresh')
      .set('x-demo-persona', 'user:default/priya.patel');
    expect(res.status).toBe(200);
    expect(res.body.profile.displayName).toBe('Priya Patel');
    expect(res.body.backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/priya.patel',
      ownershipEntityRefs: expect.arrayContaining(['group:default/platform-team']),
    });
    expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
  });

  it('refuses someone who is not a configured demo person, listing who is', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/auth/demo-personas/refresh')
      .set('x-demo-persona', 'user:default/mallory');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain(
      "'user:default/mallory' is not a demo person; allowed: user:default/priya.patel, user:default/diego.alvarez",
    );
  });

  it('refuses a request without the header', async () => {
    const server = await start();
    const res = await request(server).get('/api/auth/demo-personas/refresh');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('Missing x-demo-persona header');
  });

  it('refuses to start with a persona of an unknown kind, naming the entry', async () => {
    await expect(
      start({
        dataplatform: {
          demoPersonas: [{ ...personas[0], persona: 'admin' }],
        },
      }),
    ).rejects.toThrow(
      "dataplatform.demoPersonas[0].persona must be one of platform-engineer, domain-owner, data-citizen; got 'admin'",
    );
  });
});
