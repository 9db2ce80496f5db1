/**
 * Provisioning for the data-platform portal: domain requests and their
 * approval, sandbox leases, provisioning cards on domain and sandbox pages,
 * and the DomainName and SandboxName template fields.
 *
 * @packageDocumentation
 */
export { provisioningPlugin as default } from './plugin';
export { provisioningApiRef, ProvisioningClient } from './api';
export type {
  DomainRequestDecision,
  NameAvailability,
  ProvisioningApi,
} from './api';
