import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import request from 'supertest';
import {
  BASE,
  TestBackend,
  USERS,
  genomics,
  leaseActiveSandbox,
  startProvisioningBackend,
} from './__testUtils__/testBackend';

const asService = () => mockCredentials.service.header();

const domain = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name,
    annotations: { 'dataplatform.contoso.com/domain-request-id': 'r-1' },
  },
  spec: { owner: 'group:default/finance-domain-owners' },
});

const dataProduct = (name: string) => ({
  apiVersion: 'dataplatform.contoso.com/v1alpha1',
  kind: 'DataProduct',
  metadata: { name },
  spec: { owner: 'group:default/finance-domain-owners', domain: 'logistics' },
});

describe('entities for the catalog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;
  let backend: TestBackend;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());
  beforeEach(async () => {
    endpoint.tenant.reset();
    backend = await startProvisioningBackend({ endpoint, databases });
  });

  const put = (key: string, body: object, authorization = asService()) =>
    request(backend.server)
      .put(`${BASE}/published-entities/${key}`)
      .set('authorization', authorization)
      .send(body);

  const catalogEntities = async () => {
    const res = await request(backend.server)
      .get(`${BASE}/catalog-entities`)
      .set('authorization', asService());
    expect(res.status).toBe(200);
    return res.body.entities as any[];
  };

  it('publishes a set under its key and replaces it as a whole', async () => {
    const first = await put('domain:logistics', {
      entities: [domain('logistics'), dataProduct('shipments')],
      taskId: 'task-7',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      key: 'domain:logistics',
      publishedBy: 'external:test-service',
      taskId: 'task-7',
    });
    expect(first.body.entities).toHaveLength(2);
    expect(Number.isNaN(Date.parse(first.body.publishedAt))).toBe(false);

    await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
    }).expect(200);
    // Sets in key order, entities in the order they were published.
    expect((await catalogEntities()).map(e => e.metadata.name)).toEqual([
      'carriers',
      'logistics',
      'shipments',
    ]);

    // Re-publishing replaces the set: the dropped data product is gone.
    await put('domain:logistics', { entities: [domain('logistics')] }).expect(
      200,
    );
    expect((await catalogEntities()).map(e => e.metadata.name)).toEqual([
      'carriers',
      'logistics',
    ]);
  });

  it('refuses entities the catalog could not take, naming each', async () => {
    const res = await put('domain:logistics', {
      entities: [
        domain('logistics'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'eve' },
        },
        { kind: 'Domain', metadata: {} },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'entities[1].kind: "User" is not allowed; allowed: Domain, DataProduct, API, Resource, Component, System; ' +
        'entities[2].apiVersion: is required, e.g. backstage.io/v1alpha1; ' +
        'entities[2].metadata.name: is required',
    );
    expect(await catalogEntities()).toEqual([]);
  });

  it('never replaces an entity another set or the catalog owns', async () => {
    await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
    }).expect(200);

    const taken = await put('data-product:carriers-2', {
      entities: [dataProduct('Carriers')],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      'entities[0]: dataproduct:default/carriers was already published by data-product:carriers; choose another name',
    );

    // The demo catalog's finance domain comes from a file location.
    const existing = await put('domain:finance', {
      entities: [domain('finance')],
    });
    expect(existing.status).toBe(409);
    expect(existing.body.error.message).toMatch(
      /^entities\[0\]: domain:default\/finance already exists in the catalog \(from .+\); choose another name$/,
    );
    expect((await catalogEntities()).map(e => e.metadata.name)).toEqual([
      'carriers',
    ]);
  });

  it('lets only the person who first published a set replace it', async () => {
    const first = await put('data-product:shipments', {
      entities: [dataProduct('shipments')],
      initiatedBy: USERS.fatima,
      taskId: 'task-1',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      publishedBy: 'external:test-service',
      initiatedBy: USERS.fatima,
    });

    const takeover = await put('data-product:shipments', {
      entities: [{ ...dataProduct('shipments'), spec: { owner: 'eve' } }],
      initiatedBy: USERS.priya,
    });
    expect(takeover.status).toBe(409);
    expect(takeover.body.error.message).toBe(
      `data-product:shipments was published by ${USERS.fatima}; only they can replace it`,
    );
    // Publishing without naming anyone cannot take it over either.
    const anonymous = await put('data-product:shipments', {
      entities: [dataProduct('shipments')],
    });
    expect(anonymous.status).toBe(409);
    expect((await catalogEntities())[0].spec.owner).toBe(
      'group:default/finance-domain-owners',
    );

    // Refs compare without regard to case, as in the catalog.
    const again = await put('data-product:shipments', {
      entities: [dataProduct('shipments'), dataProduct('shipments-eu')],
      initiatedBy: USERS.fatima.toUpperCase(),
    });
    expect(again.status).toBe(200);
    expect((await catalogEntities()).map(e => e.metadata.name)).toEqual([
      'shipments',
      'shipments-eu',
    ]);
  });

  it('lets anyone replace a set published without an initiator, who then holds it', async () => {
    await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
    }).expect(200);

    const claimed = await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
      initiatedBy: USERS.priya,
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.initiatedBy).toBe(USERS.priya);

    const other = await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
      initiatedBy: USERS.fatima,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe(
      `data-product:carriers was published by ${USERS.priya}; only they can replace it`,
    );
  });

  it('refuses an initiator that is not a user entity ref', async () => {
    const res = await put('data-product:carriers', {
      entities: [dataProduct('carriers')],
      initiatedBy: 'group:default/finance-domain-owners',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'initiatedBy: must be a User entity ref, e.g. user:default/jane.doe',
    );
    expect(await catalogEntities()).toEqual([]);
  });

  it('reserves sandbox- Resource names for the leased sandboxes', async () => {
    const resource = (name: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name },
      spec: { type: 'azure-sandbox', owner: 'group:default/sales-owners' },
    });
    const res = await put('resource:fake-sandbox', {
      entities: [resource('shipments-db'), resource('Sandbox-genomics-poc')],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'entities[1].metadata.name: "Sandbox-genomics-poc" is reserved: Resources named sandbox-* are ' +
        "the portal's innovation sandboxes, made from their leases; choose a name without that prefix",
    );
    expect(await catalogEntities()).toEqual([]);

    // Only Resources are reserved: other kinds are not served from leases.
    await put('component:sandbox-tools', {
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'sandbox-tools' },
          spec: { type: 'service', owner: 'group:default/sales-owners' },
        },
      ],
    }).expect(200);
  });

  it('refuses a key outside the allowed form', async () => {
    const res = await put('Domain%20Logistics', { entities: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^key: "Domain Logistics" is not allowed; use 1-200 lowercase letters/,
    );
  });

  it('serves each leased sandbox as a Resource carrying its lease state', async () => {
    const pending = await request(backend.server)
      .post(`${BASE}/sandbox-leases`)
      .set('authorization', mockCredentials.user.header(USERS.fatima))
      .send({ input: { ...genomics, name: 'not-vended-yet' } });
    expect(pending.status).toBe(201);
    const active = await leaseActiveSandbox(backend, endpoint);

    const entities = await catalogEntities();
    // A lease without a subscription has nothing to show yet.
    expect(entities).toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'sandbox-genomics-poc',
          namespace: 'default',
          title: 'genomics-poc (innovation sandbox)',
          description: genomics.purpose,
          labels: { 'dataplatform.contoso.com/lease-state': 'active' },
          annotations: {
            'dataplatform.contoso.com/azure-subscription-id':
              active.subscriptionId,
            'dataplatform.contoso.com/sandbox-lease-id': active.id,
            'dataplatform.contoso.com/expires-on': active.expiresAt.slice(
              0,
              10,
            ),
            'dataplatform.contoso.com/budget-cap': '500',
            'dataplatform.contoso.com/requested-by': USERS.fatima,
          },
          links: [
            {
              url: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource/subscriptions/${active.subscriptionId}/overview`,
              title: 'Subscription in the Azure portal',
              icon: 'cloud',
            },
          ],
        },
        spec: {
          type: 'azure-sandbox',
          owner: 'group:default/finance-domain-owners',
          lifecycle: 'experimental',
        },
      },
    ]);
  });

  it('marks an ended sandbox deprecated', async () => {
    const active = await leaseActiveSandbox(backend, endpoint);
    await backend
      .knex('provisioning_sandbox_leases')
      .where({ id: active.id })
      .update({
        state: 'decommissioned',
        lease: JSON.stringify({ ...active, state: 'decommissioned' }),
      });
    const [resource] = await catalogEntities();
    expect(
      resource.metadata.labels['dataplatform.contoso.com/lease-state'],
    ).toBe('decommissioned');
    expect(resource.spec.lifecycle).toBe('deprecated');
  });

  it('is for services only', async () => {
    const user = mockCredentials.user.header(USERS.priya);
    expect((await put('domain:logistics', { entities: [] }, user)).status).toBe(
      403,
    );
    const read = await request(backend.server)
      .get(`${BASE}/catalog-entities`)
      .set('authorization', user);
    expect(read.status).toBe(403);
  });
});
