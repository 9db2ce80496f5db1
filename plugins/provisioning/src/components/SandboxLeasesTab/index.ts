export { SandboxLeasesTab } from './SandboxLeasesTab';
export { sandboxEntityRef } from './SandboxLeasesTable';
