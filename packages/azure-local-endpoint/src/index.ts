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
export { spendSpecSchema } from './server';
export { FaultInjector, faultSpecSchema } from './faults';
export type { Fault, FaultSpec } from './faults';
export { Tenant, DEFAULT_COST_QUERY_PAGE_SIZE } from './tenant/Tenant';
export { CostModel, costProfileSchema } from './tenant/costs';
export type { CostProfile, CostProfileInput } from './tenant/costs';
export { CostAlerts } from './tenant/costAlerts';
export type { CostAlert } from './tenant/costAlerts';
export type { Alias, ManagementGroup, Subscription } from './tenant/Tenant';
export type { ResourceGroup } from './tenant/resourceGroups';
export {
  DEFAULT_WORKSPACE_TABLES,
  effectiveRetention,
} from './tenant/logAnalytics';
export type { Table, Workspace } from './tenant/logAnalytics';
export { STORAGE_SKUS } from './tenant/storage';
export type {
  BlobContainer,
  ImmutabilityPolicy,
  LifecycleRule,
  ManagementPolicy,
  StorageAccount,
  StorageSkuName,
} from './tenant/storage';
export type { Budget, BudgetNotification, Spend } from './tenant/consumption';
export type { Principal, RoleAssignment } from './tenant/authorization';
export { BUILT_IN_ROLE_DEFINITIONS } from './arm/builtInRoles';
export type { BuiltInRole } from './arm/builtInRoles';
export { AZURE_REGION_NAMES, STORAGE_REGION_PAIRS } from './arm/regions';
export {
  demoTenantSeed,
  DEMO_TENANT_ID,
  DEMO_BILLING_ACCOUNT_ID,
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_GROUPS,
} from './tenant/demoTenant';
export type { DemoGroupName } from './tenant/demoTenant';
export {
  demoHealthScenario,
  DEMO_HEALTH_QUERIES,
  DEMO_HEALTH_RESOURCES,
} from './tenant/demoHealthScenario';
export {
  MonitorScenario,
  scenarioScriptSchema,
  logSignalScenarioSchema,
  metricScenarioSchema,
  normalizeQuery,
  valueAt,
  METRIC_UNITS,
} from './tenant/monitor';
export type {
  ScenarioScript,
  LogSignalScenario,
  MetricScenario,
  MonitorScenarioSeed,
} from './tenant/monitor';
export type {
  TenantSeed,
  TenantEstateSeed,
  PrincipalSeed,
  ResourceGroupSeed,
  WorkspaceSeed,
  StorageAccountSeed,
  BlobContainerSeed,
  BudgetSeed,
  RoleAssignmentSeed,
  SpendSeed,
} from './tenant/types';
