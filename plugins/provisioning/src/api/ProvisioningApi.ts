import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DomainRequest,
  DomainRequestStatus,
  FieldProblem,
  SandboxLease,
  SandboxLeaseState,
} from '@dataplatform/plugin-provisioning-common';

/** Whether a short name is free, with what is wrong (field `name`) when not. */
export interface NameAvailability {
  available: boolean;
  problems: FieldProblem[];
}

export type DomainRequestDecision = 'approve' | 'reject';

/**
 * Domain requests and sandbox leases through the `dataplatform-provisioning`
 * backend plugin.
 *
 * Failures are thrown as `ResponseError` from `@backstage/errors`; the
 * backend's own message (for example the four-eyes rule of a 409) is
 * `error.cause.message`, and `error.statusCode` tells the cases apart.
 */
export interface ProvisioningApi {
  /** Requests newest first, optionally only those in the given states. */
  listDomainRequests(options?: {
    status?: DomainRequestStatus[];
  }): Promise<DomainRequest[]>;
  getDomainRequest(id: string): Promise<DomainRequest>;
  /** Approves or rejects a pending request; rejecting needs a comment of 3-500 characters. */
  decide(
    id: string,
    decision: DomainRequestDecision,
    comment?: string,
  ): Promise<DomainRequest>;
  /** Starts the provisioning task again for an approved, provisioning or failed request. */
  retryProvisioning(id: string): Promise<DomainRequest>;
  /** Leases newest first, optionally only those in the given states. */
  listSandboxLeases(options?: {
    state?: SandboxLeaseState[];
  }): Promise<SandboxLease[]>;
  getSandboxLease(id: string): Promise<SandboxLease>;
  /** Moves the end of a lease by `days` (its one extension). */
  extendLease(id: string, days: number): Promise<SandboxLease>;
  /** Whether a domain short name is free: format, catalog, open requests and Azure. */
  domainNameAvailability(name: string): Promise<NameAvailability>;
  /**
   * Whether a sandbox short name is free: format, leases not yet
   * decommissioned and Azure. The backend has no route for the name alone,
   * so this asks the lease validation with just the name and keeps the
   * problems of the `name` field.
   */
  sandboxNameAvailability(name: string): Promise<NameAvailability>;
  /** The Azure tenant the platform runs in, for links into the Azure portal. */
  getAzureTenantId(): Promise<string>;
}

export const provisioningApiRef = createApiRef<ProvisioningApi>().with({
  id: 'plugin.dataplatform-provisioning.client',
  pluginId: 'dataplatform-provisioning',
});
