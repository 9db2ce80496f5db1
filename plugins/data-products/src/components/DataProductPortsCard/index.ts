export { DataProductPortsCard } from './DataProductPortsCard';
