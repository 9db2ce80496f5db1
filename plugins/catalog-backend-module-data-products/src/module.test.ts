import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { stringify } from 'yaml';
import catalogModuleDataProducts from '.';

const managed = {
  'backstage.io/managed-by-location': 'url:https://example.com/catalog.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://example.com/catalog.yaml',
};

const contract = (id: string, extra: object = {}) =>
  stringify({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id,
    version: '1.0.0',
    status: 'active',
    ...extra,
  });

function api(name: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, annotations: managed },
    spec: {
      type: 'odcs',
      lifecycle: 'production',
      owner: 'group:sales-owners',
      definition,
    },
  };
}

function product(name: string, spec: object): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, annotations: managed },
    spec: {
      domain: 'sales',
      owner: 'group:sales-owners',
      layer: 'silver',
      classification: 'internal',
      lifecycle: 'production',
      sla: {
        freshness: 'PT1H',
        availability: 99.9,
        rpo: 'PT36H',
        rto: 'PT24H',
      },
      retentionClass: 'standard',
      residency: 'us',
      externalSharing: false,
      ...spec,
    },
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'sales', annotations: managed },
    spec: { owner: 'group:sales-owners' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sales-owners', annotations: managed },
    spec: { type: 'team', children: [] },
  },
  api('crm-opportunities', contract('crm-opportunities')),
  api('pipeline-forecast', contract('pipeline-forecast', { colour: 'red' })),
  // Bad input beside good: a 5 MB definition and deeply nested junk.
  api(
    'huge',
    contract('huge', { description: { purpose: 'x'.repeat(5 * 1024 * 1024) } }),
  ),
  api('junk', `${'['.repeat(20_000)}${']'.repeat(20_000)}`),
  product('crm-opportunities', {
    outputPorts: [{ name: 'table', contract: 'crm-opportunities' }],
  }),
  product('pipeline-forecast', {
    layer: 'gold',
    outputPorts: [{ name: 'forecast', contract: 'pipeline-forecast' }],
    inputPorts: [{ name: 'opportunities', contract: 'crm-opportunities' }],
  }),
];

const demoEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-entities',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: entities.map(entity => ({
                entity,
                locationKey: 'test-entities',
              })),
            }),
        });
      },
    });
  },
});

describe('catalog module: data products and contracts', () => {
  jest.setTimeout(60_000);

  it('stores contracts with their verdict, links producers, contracts and consumers both ways, and refuses bad definitions without holding up the rest', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataProducts,
        demoEntities,
        mockServices.rootConfig.factory({
          data: { catalog: { processingInterval: { seconds: 1 } } },
        }),
      ],
    });
    const get = async (ref: string) => {
      const [kind, rest] = ref.split(':');
      const response = await request(server)
        .get(`/api/catalog/entities/by-name/${kind}/default/${rest}`)
        .set('Authorization', mockCredentials.user.header());
      return response.status === 200 ? (response.body as Entity) : undefined;
    };
    const relationsOf = (entity?: Entity) =>
      (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

    // Processing is asynchronous; wait until the consumer has its relations.
    let consumer: Entity | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      consumer = await get('dataproduct:pipeline-forecast');
      if ((consumer?.relations ?? []).length >= 4) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }

    expect(relationsOf(consumer)).toEqual([
      'consumesApi api:default/crm-opportunities',
      'ownedBy group:default/sales-owners',
      'partOf domain:default/sales',
      'providesApi api:default/pipeline-forecast',
    ]);
    const valid = await get('api:crm-opportunities');
    expect(valid?.metadata.annotations).toMatchObject({
      'dataplatform.contoso.com/contract-validation': 'valid',
      'dataplatform.contoso.com/contract-error-count': '0',
    });
    expect(relationsOf(valid)).toEqual(
      expect.arrayContaining([
        'apiConsumedBy dataproduct:default/pipeline-forecast',
        'apiProvidedBy dataproduct:default/crm-opportunities',
      ]),
    );
    // The invalid contract is still in the catalog, marked, not hidden.
    const invalid = await get('api:pipeline-forecast');
    expect(invalid?.metadata.annotations).toMatchObject({
      'dataplatform.contoso.com/contract-validation': 'invalid',
      'dataplatform.contoso.com/contract-error-count': '1',
    });
    // The bad ones are refused with a verdict, without holding up the rest.
    for (const name of ['huge', 'junk']) {
      expect((await get(`api:${name}`))?.metadata.annotations).toMatchObject({
        'dataplatform.contoso.com/contract-validation': 'invalid',
        'dataplatform.contoso.com/contract-error-count': '1',
      });
    }
    expect(relationsOf(await get('domain:sales'))).toEqual(
      expect.arrayContaining([
        'hasPart dataproduct:default/crm-opportunities',
        'hasPart dataproduct:default/pipeline-forecast',
      ]),
    );
  });
});
