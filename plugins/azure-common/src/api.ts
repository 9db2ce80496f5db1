import { ManagementGroupRole, PlatformManagementGroups } from './estate';
import { TagProblem } from './tagging';

/**
 * The HTTP API of the dataplatform-azure backend plugin
 * (`/api/dataplatform-azure`), shared with its frontend.
 */

/** GET /connection — how the portal reaches Azure (never a secret). */
export interface AzureConnectionInfo {
  tenantId: string;
  resourceManagerEndpoint: string;
  /** `local-endpoint` when the embedded demo tenant is in use. */
  mode: 'local-endpoint' | 'azure';
  authenticationMethod: 'default-credential' | 'static-token';
  managementGroups: PlatformManagementGroups;
}

export interface EstateManagementGroup {
  id: string;
  displayName: string;
  parentId?: string;
  /** The platform role this group plays, if it is one of the configured ones. */
  role?: ManagementGroupRole | 'root';
  portalUrl: string;
}

export interface EstateSubscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  managementGroupId?: string;
  /** Derived from the management group; `outside` when not under the platform root. */
  role: ManagementGroupRole | 'outside';
  tags: Record<string, string>;
  /** Differences from the tagging strategy; empty when compliant. */
  tagProblems: TagProblem[];
  portalUrl: string;
}

/** GET /estate — the last good reading of the estate. */
export interface AzureEstate {
  tenantId: string;
  /** When this data was read from Azure (ISO 8601). */
  fetchedAt: string;
  /** True when the latest refresh failed and this is the last good reading. */
  stale: boolean;
  /** The latest refresh failure, while stale. */
  lastError?: { message: string; code?: string; at: string };
  managementGroups: EstateManagementGroup[];
  subscriptions: EstateSubscription[];
}
