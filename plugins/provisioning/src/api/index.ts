export { provisioningApiRef } from './ProvisioningApi';
export type {
  DomainRequestDecision,
  NameAvailability,
  ProvisioningApi,
} from './ProvisioningApi';
export { ProvisioningClient } from './ProvisioningClient';
