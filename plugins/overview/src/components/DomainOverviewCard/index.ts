export { DomainOverviewCard } from './DomainOverviewCard';
