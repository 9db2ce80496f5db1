export { ContractValidationCard } from './ContractValidationCard';
