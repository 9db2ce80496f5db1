/**
 * The dataplatform-provisioning backend plugin: domain requests behind a
 * platform-team approval gate, innovation sandbox leases, and the entities
 * templates publish for the catalog.
 *
 * @packageDocumentation
 */
export { provisioningPlugin as default } from './plugin';
export { provisioningTaskStarterServiceRef } from './services/ProvisioningTaskStarter';
export type {
  ProvisioningTaskStarter,
  ProvisioningTaskStatus,
  StartTaskOptions,
} from './services/ProvisioningTaskStarter';
