/**
 * Scaffolder actions of the provisioning workflow: domain requests, sandbox
 * leases and publishing what templates create to the catalog.
 *
 * @packageDocumentation
 */
export { scaffolderModuleProvisioning as default } from './module';
export { createSubmitDomainRequestAction } from './actions/submitDomainRequest';
export { createStartDomainProvisioningAction } from './actions/startDomainProvisioning';
export { createRecordDomainResultAction } from './actions/recordDomainResult';
export { createCreateSandboxLeaseAction } from './actions/createSandboxLease';
export { createActivateSandboxLeaseAction } from './actions/activateSandboxLease';
export {
  createPublishCatalogEntitiesAction,
  CATALOG_PUBLISHING_CONFIG,
} from './actions/publishCatalogEntities';
