export { SandboxLeaseCard } from './SandboxLeaseCard';
