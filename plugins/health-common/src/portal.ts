import type { HealthSignal } from './types';

const PORTAL = 'https://portal.azure.com';

/**
 * Where a signal's data can be explored in the Azure portal: the logs blade
 * of a log signal's workspace, or Metrics explorer of a metric signal's
 * first resource. `tenantId` makes the portal open the right directory.
 */
export function healthModelPortalUrl(
  tenantId: string,
  signal: HealthSignal,
): string {
  const tenant = encodeURIComponent(tenantId);
  if (signal.type === 'log') {
    return `${PORTAL}/#@${tenant}/resource${encodeURI(signal.workspace)}/logs`;
  }
  return `${PORTAL}/#@${tenant}/resource${encodeURI(
    signal.resources[0],
  )}/metrics`;
}
