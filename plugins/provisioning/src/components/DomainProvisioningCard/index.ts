export { DomainProvisioningCard } from './DomainProvisioningCard';
