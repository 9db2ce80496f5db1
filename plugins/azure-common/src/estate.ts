/**
 * The roles management groups play in the platform's hierarchy. The actual
 * group ids are configuration (`dataplatform.azure.managementGroups`).
 */
export const MANAGEMENT_GROUP_ROLES = [
  'platform',
  'domains',
  'sandboxes',
  'decommissioned',
] as const;
export type ManagementGroupRole = (typeof MANAGEMENT_GROUP_ROLES)[number];

/** The configured management groups: the platform's root and one per role. */
export type PlatformManagementGroups = { root: string } & Record<
  ManagementGroupRole,
  string
>;

/** Annotation linking a catalog entity (a Domain, a sandbox) to its subscription. */
export const AZURE_SUBSCRIPTION_ID_ANNOTATION =
  'dataplatform.contoso.com/azure-subscription-id';

/** Deep link to a subscription's overview in the Azure portal. */
export function azurePortalSubscriptionUrl(
  tenantId: string,
  subscriptionId: string,
): string {
  return `https://portal.azure.com/#@${encodeURIComponent(
    tenantId,
  )}/resource/subscriptions/${encodeURIComponent(subscriptionId)}/overview`;
}

/** Deep link to a management group in the Azure portal. */
export function azurePortalManagementGroupUrl(
  tenantId: string,
  managementGroupId: string,
): string {
  return `https://portal.azure.com/#@${encodeURIComponent(
    tenantId,
  )}/resource/providers/Microsoft.Management/managementGroups/${encodeURIComponent(
    managementGroupId,
  )}/overview`;
}

/** Azure and Entra ids (tenants, subscriptions, principals, role definitions) are GUIDs. */
export const GUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
