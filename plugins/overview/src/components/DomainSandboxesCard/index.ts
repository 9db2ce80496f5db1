export { DomainSandboxesCard } from './DomainSandboxesCard';
