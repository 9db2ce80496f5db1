export { HealthTab } from './HealthTab';
