import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { provisioningClientServiceRef } from './provisioningClientServiceRef';
import { ProvisioningService } from './ProvisioningClient';

describe('provisioningClientServiceRef', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('gives each plugin a client that calls the provisioning backend as that plugin', async () => {
    const authorizations: (string | null)[] = [];
    let requestedUrl = '';
    server.use(
      http.get(
        '*/api/dataplatform-provisioning/catalog-entities',
        ({ request }) => {
          requestedUrl = request.url;
          authorizations.push(request.headers.get('authorization'));
          return HttpResponse.json({ entities: [] });
        },
      ),
    );

    let client: ProvisioningService | undefined;
    let baseUrl = '';
    await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'catalog',
          register(reg) {
            reg.registerInit({
              deps: {
                provisioning: provisioningClientServiceRef,
                discovery: coreServices.discovery,
              },
              async init({ provisioning, discovery }) {
                client = provisioning;
                baseUrl = await discovery.getBaseUrl(
                  'dataplatform-provisioning',
                );
              },
            });
          },
        }),
      ],
    });

    await expect(client!.listCatalogEntities()).resolves.toEqual({
      entities: [],
    });
    expect(requestedUrl).toBe(`${baseUrl}/catalog-entities`);
    expect(authorizations).toEqual([
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'dataplatform-provisioning',
      })}`,
    ]);
  });
});
