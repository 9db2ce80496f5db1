import { NotFoundError } from '@backstage/errors';
import { SandboxLease } from '@dataplatform/plugin-provisioning-common';
import {
  LeaseNotification,
  LeaseNotifier,
  SandboxLeaseRepository,
} from './types';

/**
 * Test doubles for the lease reconciler: an in-memory repository and a
 * notifier that keeps what it was asked to send. Not for production use.
 */

const copy = (lease: SandboxLease): SandboxLease => structuredClone(lease);

export class InMemorySandboxLeaseRepository implements SandboxLeaseRepository {
  private readonly leases = new Map<string, SandboxLease>();

  constructor(leases: SandboxLease[] = []) {
    for (const lease of leases) this.put(lease);
  }

  put(lease: SandboxLease): void {
    this.leases.set(lease.id, copy(lease));
  }

  get(id: string): SandboxLease {
    const lease = this.leases.get(id);
    if (!lease) throw new NotFoundError(`no sandbox lease with id ${id}`);
    return copy(lease);
  }

  async listLeases(filter?: { states?: SandboxLease['state'][] }) {
    return [...this.leases.values()]
      .filter(l => !filter?.states || filter.states.includes(l.state))
      .map(copy);
  }

  async updateLease(id: string, update: (lease: SandboxLease) => SandboxLease) {
    // Copies in and out, as a database would, so callers cannot change stored
    // leases by holding on to an object.
    const updated = copy(update(this.get(id)));
    if (updated.id !== id) {
      throw new Error(
        `an update may not change a lease's id (${id} → ${updated.id})`,
      );
    }
    this.leases.set(id, updated);
    return copy(updated);
  }
}

export class RecordingLeaseNotifier implements LeaseNotifier {
  readonly sent: Array<{ leaseId: string } & LeaseNotification> = [];
  private failuresLeft = 0;

  /** Makes the next `times` notifications fail, as a notifications outage would. */
  failNext(times = 1) {
    this.failuresLeft = times;
  }

  async notifyOwner(lease: SandboxLease, message: LeaseNotification) {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('notifications service unavailable');
    }
    this.sent.push({ leaseId: lease.id, ...message });
  }

  forLease(leaseId: string) {
    return this.sent.filter(n => n.leaseId === leaseId);
  }
}
