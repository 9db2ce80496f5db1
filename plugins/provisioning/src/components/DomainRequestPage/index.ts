export { DomainRequestPage } from './DomainRequestPage';
