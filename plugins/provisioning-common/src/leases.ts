import { SandboxLease, SandboxLeaseState } from './api';
import { SANDBOX_POLICY } from './policy';

const DAY_MS = 86_400_000;

export interface LeaseObservation {
  now: Date;
  /** Month-to-date spend of the sandbox subscription, when known. */
  spend?: number;
}

/**
 * The state a lease should be in now. Terminal and manual states stay; an
 * ended lease is `expired` (the lease task then decommissions it); a lease
 * whose spend reached its cap is `frozen` until it ends.
 */
export function nextLeaseState(
  lease: Pick<SandboxLease, 'state' | 'expiresAt' | 'input'>,
  { now, spend }: LeaseObservation,
): SandboxLeaseState {
  const { state } = lease;
  if (
    state === 'provisioning' ||
    state === 'decommissioned' ||
    state === 'needs-attention'
  ) {
    return state;
  }
  const expiresAt = Date.parse(lease.expiresAt);
  if (now.getTime() >= expiresAt) return 'expired';
  if (state === 'frozen') return 'frozen';
  if (spend !== undefined && spend >= lease.input.budgetCap) return 'frozen';
  if (expiresAt - now.getTime() <= SANDBOX_POLICY.expiringWarningDays * DAY_MS)
    return 'expiring';
  return 'active';
}

/** Why a lease cannot be extended now, or undefined when it can. */
export function extensionRefusal(
  lease: Pick<SandboxLease, 'state' | 'extensionsUsed'>,
  days: number,
): string | undefined {
  if (!['active', 'expiring'].includes(lease.state)) {
    return `a ${lease.state} lease cannot be extended; only active or expiring leases can`;
  }
  if (lease.extensionsUsed >= SANDBOX_POLICY.maxExtensions) {
    return `this lease was already extended; the policy allows ${SANDBOX_POLICY.maxExtensions} extension`;
  }
  if (
    !Number.isInteger(days) ||
    days < 1 ||
    days > SANDBOX_POLICY.maxExtensionDays
  ) {
    return `days must be a whole number from 1 to ${SANDBOX_POLICY.maxExtensionDays}`;
  }
  return undefined;
}

/** The expiry date (UTC, yyyy-mm-dd) of a lease starting at `start` for `days`. */
export function leaseEnd(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `now` until `expiresAt`, never negative. */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.max(
    0,
    Math.ceil((Date.parse(expiresAt) - now.getTime()) / DAY_MS),
  );
}
