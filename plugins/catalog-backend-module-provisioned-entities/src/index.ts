/**
 * Catalog module that brings what provisioning published in the embedded
 * default (and the sandbox leases) into the catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleProvisionedEntities as default } from './module';
export {
  ProvisionedEntityProvider,
  PROVISIONED_ENTITIES,
} from './ProvisionedEntityProvider';
export type { ProvisionedEntityProviderOptions } from './ProvisionedEntityProvider';
