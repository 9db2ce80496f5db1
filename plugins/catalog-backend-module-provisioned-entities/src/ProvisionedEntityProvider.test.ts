import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { ProvisioningService } from '@dataplatform/plugin-provisioning-node';
import { ProvisionedEntityProvider } from './ProvisionedEntityProvider';

const location =
  'dataplatform-provisioning:http://localhost:0/api/dataplatform-provisioning/catalog-entities';

const domain = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name: 'finance',
    annotations: {
      'dataplatform.contoso.com/domain-request-id': 'dr-1',
    },
  },
  spec: { owner: 'group:default/finance-domain-owners' },
};

const sandbox = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sandbox-churn-ideas', labels: { x: 'y' } },
  spec: { type: 'azure-sandbox', owner: 'group:default/sales-owners' },
};

function recordingConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {
      throw new Error('the provider should not ask for refreshes');
    },
  };
  return { connection, mutations };
}

describe('ProvisionedEntityProvider', () => {
  function setup(
    listCatalogEntities: ProvisioningService['listCatalogEntities'],
  ) {
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();
    const client = { listCatalogEntities: jest.fn(listCatalogEntities) };
    const provider = new ProvisionedEntityProvider({
      client,
      discovery: mockServices.discovery(),
      scheduler,
      logger,
    });
    return { provider, client, logger, scheduler, ...recordingConnection() };
  }

  it('is named provisioned-entities', () => {
    const { provider } = setup(async () => ({ entities: [] }));
    expect(provider.getProviderName()).toBe('provisioned-entities');
  });

  it('schedules a local refresh every 10 seconds once connected', async () => {
    const { provider, scheduler, connection, mutations } = setup(async () => ({
      entities: [domain],
    }));

    await provider.connect(connection);

    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'provisioned-entities:refresh',
      scope: 'local',
      frequency: { seconds: 10 },
    });
    // The scheduled function is the refresh itself.
    await task.fn(new AbortController().signal);
    expect(mutations).toHaveLength(1);
  });

  it('applies every fetched entity as a full mutation, managed by the provisioning backend', async () => {
    const { provider, client, connection, mutations } = setup(async () => ({
      entities: [domain, sandbox],
    }));
    await provider.connect(connection);

    await provider.refresh();

    // A service call: the catalog reads as itself, not as any user.
    expect(client.listCatalogEntities).toHaveBeenCalledWith();
    expect(mutations).toEqual([
      {
        type: 'full',
        entities: [
          {
            locationKey: 'provisioned-entities',
            entity: {
              ...domain,
              metadata: {
                name: 'finance',
                annotations: {
                  'dataplatform.contoso.com/domain-request-id': 'dr-1',
                  'backstage.io/managed-by-location': location,
                  'backstage.io/managed-by-origin-location': location,
                },
              },
            },
          },
          {
            locationKey: 'provisioned-entities',
            entity: {
              ...sandbox,
              metadata: {
                name: 'sandbox-churn-ideas',
                labels: { x: 'y' },
                annotations: {
                  'backstage.io/managed-by-location': location,
                  'backstage.io/managed-by-origin-location': location,
                },
              },
            },
          },
        ],
      },
    ]);
    // The backend's objects are left as they were.
    expect(sandbox.metadata).not.toHaveProperty('annotations');
  });

  it('applies an empty set when the backend has nothing, so removed entities leave the catalog', async () => {
    const { provider, connection, mutations } = setup(async () => ({
      entities: [],
    }));
    await provider.connect(connection);

    await provider.refresh();

    expect(mutations).toEqual([{ type: 'full', entities: [] }]);
  });

  it('keeps the catalog as it is and warns when the backend is down', async () => {
    const { provider, connection, mutations, logger } = setup(async () => {
      throw new Error(
        'Cannot reach the provisioning backend (GET http://localhost:0/api/dataplatform-provisioning/catalog-entities); caused by TypeError: fetch failed',
      );
    });
    await provider.connect(connection);

    await provider.refresh();

    expect(mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Kept the provisioned entities in the catalog as they were: cannot list them from the provisioning backend: Cannot reach the provisioning backend (GET http://localhost:0/api/dataplatform-provisioning/catalog-entities); caused by TypeError: fetch failed',
    );
  });

  it('keeps the catalog as it is when the answer has no entities list', async () => {
    const { provider, connection, mutations, logger } = setup(
      async () => ({} as { entities: [] }),
    );
    await provider.connect(connection);

    await provider.refresh();

    expect(mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('answered without an entities list'),
    );
  });

  it('leaves out a malformed entity, naming it, and applies the rest', async () => {
    const { provider, connection, mutations, logger } = setup(async () => ({
      entities: [
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain', metadata: {} },
        domain,
        { kind: 'System', metadata: { name: 'x' } },
      ],
    }));
    await provider.connect(connection);

    await provider.refresh();

    expect(
      mutations[0].type === 'full' &&
        mutations[0].entities.map(e => e.entity.metadata.name),
    ).toEqual(['finance']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Left out provisioned entity 0 from the catalog: metadata.name is missing (kind Domain)',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Left out provisioned entity 2 from the catalog: apiVersion is missing (System:x)',
    );
  });

  it('refuses to refresh before it is connected', async () => {
    const { provider, client } = setup(async () => ({ entities: [] }));
    await expect(provider.refresh()).rejects.toThrow(
      'before the catalog connected it',
    );
    expect(client.listCatalogEntities).not.toHaveBeenCalled();
  });
});
