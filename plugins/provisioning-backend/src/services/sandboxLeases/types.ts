import {
  SandboxLease,
  SandboxLeaseState,
} from '@dataplatform/plugin-provisioning-common';

/** Where sandbox leases are kept; the reconciler reads and updates them here. */
export interface SandboxLeaseRepository {
  listLeases(filter?: {
    states?: SandboxLeaseState[];
  }): Promise<SandboxLease[]>;
  /**
   * Replaces the lease with what `update` returns, given the stored lease.
   * `update` may throw to abort, leaving the stored lease unchanged.
   * Rejects with a NotFoundError when there is no lease with that id.
   */
  updateLease(
    id: string,
    update: (lease: SandboxLease) => SandboxLease,
  ): Promise<SandboxLease>;
}

export interface LeaseNotification {
  title: string;
  description: string;
  severity: 'normal' | 'high' | 'critical';
}

/** Tells a lease's owner group what happened to their sandbox. */
export interface LeaseNotifier {
  notifyOwner(lease: SandboxLease, message: LeaseNotification): Promise<void>;
}

/** What one reconciler run saw and did. */
export interface ReconcileSummary {
  /** Leases the run looked at. */
  checked: number;
  /** Every state change it saved, in order. */
  transitions: Array<{ leaseId: string; from: string; to: string }>;
  /** Leases it could not finish, each with the cause (Azure error code included). */
  errors: Array<{ leaseId: string; message: string }>;
}
