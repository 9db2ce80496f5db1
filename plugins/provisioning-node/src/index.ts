/**
 * Client of the provisioning backend (`dataplatform-provisioning`) for other
 * backend plugins: the scaffolder actions and the catalog provider.
 *
 * @packageDocumentation
 */
export {
  ProvisioningClient,
  PROVISIONING_PLUGIN_ID,
} from './ProvisioningClient';
export type {
  DomainNameAvailability,
  DomainProvisioningResult,
  ProvisionedEntity,
  ProvisioningRequestOptions,
  ProvisioningService,
  PublishEntitiesOptions,
} from './ProvisioningClient';
export { provisioningClientServiceRef } from './provisioningClientServiceRef';
