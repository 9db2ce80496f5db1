export { DomainCostCard } from './DomainCostCard';
