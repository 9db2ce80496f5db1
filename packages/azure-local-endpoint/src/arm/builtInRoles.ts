/**
 * Azure's built-in role definitions the platform assigns. Their GUIDs are the
 * same in every tenant (and match BUILT_IN_ROLES in
 * plugins/provisioning-common/src/policy.ts); permissions are abridged to the
 * actions that characterise each role.
 */
export interface BuiltInRole {
  id: string;
  roleName: string;
  description: string;
  actions: string[];
  notActions: string[];
}

export const BUILT_IN_ROLE_DEFINITIONS: readonly BuiltInRole[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    description:
      'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
  },
  {
    id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
  },
  {
    id: '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
    roleName: 'Log Analytics Contributor',
    description:
      'Log Analytics Contributor can read all monitoring data and edit monitoring settings.',
    actions: [
      '*/read',
      'Microsoft.Insights/diagnosticSettings/*',
      'Microsoft.OperationalInsights/*',
      'Microsoft.OperationsManagement/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
  {
    id: '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
    roleName: 'Monitoring Contributor',
    description: 'Can read all monitoring data and update monitoring settings.',
    actions: [
      '*/read',
      'Microsoft.AlertsManagement/alerts/*',
      'Microsoft.Insights/actiongroups/*',
      'Microsoft.Insights/diagnosticSettings/*',
      'Microsoft.Insights/metricAlerts/*',
      'Microsoft.Insights/scheduledqueryrules/*',
      'Microsoft.OperationalInsights/workspaces/write',
      'Microsoft.OperationalInsights/workspaces/search/action',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
  {
    id: '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
    roleName: 'Monitoring Reader',
    description: 'Can read all monitoring data.',
    actions: [
      '*/read',
      'Microsoft.OperationalInsights/workspaces/search/action',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
  {
    id: '72fafb9e-0641-4937-9268-a91bfd8191a3',
    roleName: 'Cost Management Reader',
    description: 'Can view cost data and configuration (e.g. budgets, exports)',
    actions: [
      'Microsoft.Consumption/*/read',
      'Microsoft.CostManagement/*/read',
      'Microsoft.Billing/billingPeriods/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
      'Microsoft.Management/managementGroups/read',
    ],
    notActions: [],
  },
  {
    id: '434105ed-43f6-45c7-a02f-909b2ba83430',
    roleName: 'Cost Management Contributor',
    description:
      'Can view costs and manage cost configuration (e.g. budgets, exports)',
    actions: [
      'Microsoft.Consumption/*',
      'Microsoft.CostManagement/*',
      'Microsoft.Billing/billingPeriods/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
      'Microsoft.Management/managementGroups/read',
    ],
    notActions: [],
  },
];

export function findBuiltInRole(id: string): BuiltInRole | undefined {
  const wanted = id.toLowerCase();
  return BUILT_IN_ROLE_DEFINITIONS.find(r => r.id === wanted);
}

export function findBuiltInRoleByName(
  roleName: string,
): BuiltInRole | undefined {
  return BUILT_IN_ROLE_DEFINITIONS.find(
    r => r.roleName.toLowerCase() === roleName.toLowerCase(),
  );
}
