export { DomainCostTab } from './DomainCostTab';
