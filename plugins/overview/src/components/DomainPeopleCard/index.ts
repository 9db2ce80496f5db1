export { DomainPeopleCard } from './DomainPeopleCard';
