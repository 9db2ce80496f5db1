/**
 * Scaffolder module with the Azure actions that vend and equip a data
 * domain's or sandbox's subscription: `azure:subscription:vend`,
 * `azure:budget:create`, `azure:rbac:assign-domain-roles` and
 * `azure:monitor:create-workspace`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAzure as default } from './module';
export { createVendSubscriptionAction } from './actions/vendSubscription';
export type { VendSubscriptionOptions } from './actions/vendSubscription';
export { createBudgetAction } from './actions/createBudget';
export type { CreateBudgetOptions } from './actions/createBudget';
export { createAssignDomainRolesAction } from './actions/assignDomainRoles';
export { createWorkspaceAction } from './actions/createWorkspace';
