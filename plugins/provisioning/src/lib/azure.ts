import { azurePortalSubscriptionUrl } from '@dataplatform/plugin-azure-common';

/**
 * Deep link to any Azure resource by its id. Without a tenant the portal opens
 * it in the signed-in person's default directory, which is the platform's for
 * everyone who works on it; used where the tenant is not at hand (entity cards
 * read only annotations).
 */
export function azurePortalResourceUrl(
  resourceId: string,
  tenantId?: string,
): string {
  const path = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return tenantId
    ? `https://portal.azure.com/#@${encodeURIComponent(
        tenantId,
      )}/resource${path}/overview`
    : `https://portal.azure.com/#resource${path}/overview`;
}

/** A subscription's overview, in its tenant when known. */
export function subscriptionPortalUrl(
  subscriptionId: string,
  tenantId?: string,
): string {
  return tenantId
    ? azurePortalSubscriptionUrl(tenantId, subscriptionId)
    : azurePortalResourceUrl(
        `/subscriptions/${encodeURIComponent(subscriptionId)}`,
      );
}

/** The last segment of a resource id: its name. */
export function resourceName(resourceId: string): string {
  const parts = resourceId.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? resourceId;
}
