export { DomainRequestsTab, DomainRequestsList } from './DomainRequestsTab';
