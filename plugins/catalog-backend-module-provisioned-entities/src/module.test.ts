import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  provisioningClientServiceRef,
  ProvisioningService,
} from '@dataplatform/plugin-provisioning-node';
import { catalogModuleProvisionedEntities } from './module';

describe('catalog module provisioned-entities', () => {
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'finance' },
    spec: { owner: 'group:default/finance-domain-owners' },
  };

  async function start(config: object = {}) {
    const providers: EntityProvider[] = [];
    const scheduler = mockServices.scheduler.mock();
    const listCatalogEntities = jest.fn(async () => ({ entities: [entity] }));
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...added: any[]) =>
              providers.push(...added.flat()),
          },
        ],
      ],
      features: [
        catalogModuleProvisionedEntities,
        scheduler.factory,
        mockServices.rootConfig.factory({ data: config }),
        createServiceFactory({
          service: provisioningClientServiceRef,
          deps: {},
          factory: () =>
            ({ listCatalogEntities } as unknown as ProvisioningService),
        }),
      ],
    });
    return { providers, scheduler, listCatalogEntities };
  }

  it('registers the provider, which reads the provisioning backend on a schedule', async () => {
    const { providers, scheduler, listCatalogEntities } = await start();

    expect(providers.map(p => p.getProviderName())).toEqual([
      'provisioned-entities',
    ]);

    const mutations: EntityProviderMutation[] = [];
    await providers[0].connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({ scope: 'local', frequency: { seconds: 10 } });

    await task.fn(new AbortController().signal);

    expect(listCatalogEntities).toHaveBeenCalledWith();
    expect(mutations).toEqual([
      {
        type: 'full',
        entities: [
          {
            locationKey: 'provisioned-entities',
            entity: {
              ...entity,
              metadata: {
                name: 'finance',
                annotations: {
                  'backstage.io/managed-by-location': expect.stringMatching(
                    /^dataplatform-provisioning:http:\/\/.+\/api\/dataplatform-provisioning\/catalog-entities$/,
                  ),
                  'backstage.io/managed-by-origin-location':
                    expect.stringMatching(
                      /^dataplatform-provisioning:http:\/\/.+\/api\/dataplatform-provisioning\/catalog-entities$/,
                    ),
                },
              },
            },
          },
        ],
      },
    ]);
  });

  it('reads the refresh interval from dataplatform.provisioning.catalogRefreshSeconds', async () => {
    const { providers, scheduler } = await start({
      dataplatform: { provisioning: { catalogRefreshSeconds: 45 } },
    });
    await providers[0].connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });
    expect(scheduler.scheduleTask.mock.calls[0][0].frequency).toEqual({
      seconds: 45,
    });
  });

  it('refuses a refresh interval that is not positive, naming the key', async () => {
    await expect(
      start({ dataplatform: { provisioning: { catalogRefreshSeconds: 0 } } }),
    ).rejects.toThrow(
      'dataplatform.provisioning.catalogRefreshSeconds must be a positive number of seconds, got 0',
    );
  });
});
