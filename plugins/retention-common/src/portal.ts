const PORTAL = 'https://portal.azure.com';

/**
 * The Azure portal page of a resource, opened in the given directory so a
 * person signed in to several tenants lands in the right one.
 */
export function azurePortalResourceUrl(
  tenantId: string,
  resourceId: string,
): string {
  const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return `${PORTAL}/#@${encodeURIComponent(tenantId)}/resource${encodeURI(id)}`;
}
