import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ProvisioningClient, ProvisioningService } from './ProvisioningClient';

/**
 * The provisioning backend's client, plugin-scoped: each plugin calls as
 * itself (its own service token) unless a call passes a user's credentials.
 */
export const provisioningClientServiceRef =
  createServiceRef<ProvisioningService>({
    id: 'dataplatform.provisioning.client',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { discovery: coreServices.discovery, auth: coreServices.auth },
        factory: ({ discovery, auth }) =>
          new ProvisioningClient({ discovery, auth }),
      }),
  });
