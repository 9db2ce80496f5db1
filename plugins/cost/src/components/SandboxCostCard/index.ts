export { SandboxCostCard } from './SandboxCostCard';
