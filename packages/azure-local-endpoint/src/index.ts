/**
 * A local, stateful, HTTPS Azure Resource Manager endpoint with a demo tenant,
 * for development, demos and tests. Never part of a production deployment.
 *
 * @packageDocumentation
 */
export {
  startLocalAzureEndpoint,
  DEFAULT_LOCAL_AZURE_TOKEN,
  RequestCounter,
} from './server';
export type { LocalAzureEndpoint, LocalAzureEndpointOptions } from './server';
export { FaultInjector, faultSpecSchema } from './faults';
export type { Fault, FaultSpec } from './faults';
export { Tenant } from './tenant/Tenant';
export type { Alias, ManagementGroup, Subscription } from './tenant/Tenant';
export {
  demoTenantSeed,
  DEMO_TENANT_ID,
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
} from './tenant/demoTenant';
export type { TenantSeed } from './tenant/types';
