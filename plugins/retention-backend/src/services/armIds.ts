import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';

/** The parts of an ARM resource id the management SDKs take as arguments. */
export interface ArmResourceIdParts {
  subscriptionId: string;
  resourceGroupName: string;
  /** The last segment: the resource's own name. */
  name: string;
}

// /subscriptions/<id>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>[/<type>/<name>…]
const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/[^/]+\/[^/]+(?:\/[^/]+\/[^/]+)*$/i;

/**
 * Subscription, resource group and name of a resource id as Azure lists it;
 * undefined for anything that is not a resource inside a resource group.
 * Segment names are matched case-insensitively, as ARM does.
 */
export function parseArmResourceId(
  id: string | undefined,
): ArmResourceIdParts | undefined {
  if (!id) return undefined;
  const match = RESOURCE_ID.exec(id);
  if (!match) return undefined;
  const segments = id.split('/');
  return {
    subscriptionId: match[1],
    resourceGroupName: match[2],
    name: segments[segments.length - 1],
  };
}

/** Whether a value is a subscription id (a GUID). */
export function isSubscriptionId(value: string): boolean {
  return GUID_PATTERN.test(value);
}
