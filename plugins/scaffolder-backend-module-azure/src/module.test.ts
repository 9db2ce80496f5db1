import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  azureClientsServiceRef,
  AzureClients,
} from '@dataplatform/plugin-azure-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { scaffolderModuleAzure } from './module';

describe('scaffolder module azure', () => {
  it('registers the four Azure actions, each supporting dry runs', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const clients = {
      connection: { tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1' },
      managementGroups: { domains: 'mg-domains', sandboxes: 'mg-sandboxes' },
    } as unknown as AzureClients;

    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModuleAzure,
        createServiceFactory({
          service: azureClientsServiceRef,
          deps: {},
          factory: () => clients,
        }),
        mockServices.rootConfig.factory({
          data: {
            dataplatform: {
              provisioning: {
                billingScope:
                  '/providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551',
              },
            },
          },
        }),
      ],
    });

    expect(actions.map(a => a.id)).toEqual([
      'azure:subscription:vend',
      'azure:budget:create',
      'azure:rbac:assign-domain-roles',
      'azure:monitor:create-workspace',
    ]);
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
    }
    expect(actions[0].schema?.input).toMatchObject({
      type: 'object',
      properties: {
        aliasName: { type: 'string' },
        managementGroup: { enum: ['domains', 'sandboxes'] },
      },
      required: expect.arrayContaining([
        'aliasName',
        'displayName',
        'managementGroup',
        'tags',
      ]),
    });

    // The configured billing scope reaches the vend action.
    const logger = mockServices.logger.mock();
    await actions[0].handler({
      ...createMockActionContext({
        input: {
          aliasName: 'dp-domain-logistics',
          displayName: 'dp-domain-logistics',
          managementGroup: 'domains',
          tags: {
            domain: 'logistics',
            owner: 'logistics-domain-owners',
            costCenter: 'CC-1060',
            dataClassification: 'internal',
            dataResidency: 'eu',
            environment: 'production',
          },
        },
        logger,
      }),
      isDryRun: true,
    } as any);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'under management group mg-domains billed to /providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551 with tags',
      ),
    );
  });
});
