import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  AzureClients,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';
import {
  SandboxLease,
  SandboxLeaseState,
  SANDBOX_POLICY,
  daysLeft,
  isoDay,
  nextLeaseState,
} from '@dataplatform/plugin-provisioning-common';
import {
  GuardedSandbox,
  NotASandboxError,
  SandboxAzureOperations,
} from './SandboxAzureOperations';
import {
  LeaseNotifier,
  ReconcileSummary,
  SandboxLeaseRepository,
} from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * States the lease task looks after; the others need no Azure work. A
 * `provisioning` lease is only looked at once its grace period is over.
 */
const RECONCILED_STATES: SandboxLeaseState[] = [
  'provisioning',
  'active',
  'expiring',
  'frozen',
  'expired',
];

export interface SandboxLeaseReconcilerOptions {
  clients: AzureClients;
  repository: SandboxLeaseRepository;
  notifier: LeaseNotifier;
  logger: LoggerService;
  now?: () => Date;
  /**
   * How long after its creation a lease may stay `provisioning` before the
   * task checks Azure for its subscription; long enough for a provisioning
   * task to finish. Default 30 minutes.
   */
  provisioningGraceMinutes?: number;
}

interface RunContext {
  now: Date;
  summary: ReconcileSummary;
}

const money = (amount: number) => amount.toFixed(2);

/**
 * The lease task: brings every running sandbox lease in line with time and
 * spend. Warns owners before expiry, freezes a sandbox whose spend reached
 * its cap, and decommissions an ended one. Each lease is handled on its own,
 * so one failing lease never holds up the others, and every step is safe to
 * repeat: a run that stopped halfway is finished by the next.
 */
export class SandboxLeaseReconciler {
  private readonly operations: SandboxAzureOperations;
  private readonly repository: SandboxLeaseRepository;
  private readonly notifier: LeaseNotifier;
  private readonly logger: LoggerService;
  private readonly now: () => Date;
  private readonly decommissionedGroup: string;
  private readonly provisioningGraceMs: number;
  private running?: Promise<ReconcileSummary>;

  constructor(options: SandboxLeaseReconcilerOptions) {
    this.operations = new SandboxAzureOperations(options.clients);
    this.repository = options.repository;
    this.notifier = options.notifier;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.decommissionedGroup = options.clients.managementGroups.decommissioned;
    const grace = options.provisioningGraceMinutes ?? 30;
    if (!(grace >= 0)) {
      throw new Error(
        `provisioningGraceMinutes must be a number of minutes of 0 or more, got ${grace}`,
      );
    }
    this.provisioningGraceMs = grace * MINUTE_MS;
  }

  /**
   * Runs once over every lease. A run already in progress (the schedule and
   * the manual reconcile route can meet) is joined rather than doubled, so
   * no lease is decommissioned twice at once.
   */
  reconcileAll(): Promise<ReconcileSummary> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async run(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = {
      checked: 0,
      transitions: [],
      errors: [],
    };
    const context: RunContext = { now: this.now(), summary };
    const leases = await this.repository.listLeases({
      states: RECONCILED_STATES,
    });
    for (const lease of leases) {
      if (lease.state === 'provisioning' && !this.isStale(lease, context)) {
        // Its provisioning task may still be running.
        continue;
      }
      summary.checked += 1;
      try {
        await this.reconcileLease(lease, context);
      } catch (error) {
        const message = describeAzureError(error).message;
        summary.errors.push({ leaseId: lease.id, message });
        this.logger.error(
          `Sandbox lease ${lease.id} (${lease.input.name}): ${message}`,
        );
      }
    }
    this.logger.info(
      `Sandbox lease run: ${summary.checked} checked, ${summary.transitions.length} state changes, ${summary.errors.length} errors`,
    );
    return summary;
  }

  private isStale(lease: SandboxLease, context: RunContext): boolean {
    return (
      context.now.getTime() - Date.parse(lease.createdAt) >=
      this.provisioningGraceMs
    );
  }

  private async reconcileLease(listed: SandboxLease, context: RunContext) {
    const lease =
      listed.state === 'provisioning'
        ? await this.settleProvisioning(listed, context)
        : listed;
    if (!lease) return;
    if (!lease.subscriptionId) {
      throw new Error(
        `lease is ${lease.state} but has no subscriptionId; set it or mark the lease needs-attention`,
      );
    }

    let guarded: GuardedSandbox;
    try {
      guarded = await this.operations.assertSandbox(lease, {
        allowDecommissioned: lease.state === 'expired',
      });
    } catch (error) {
      if (error instanceof NotASandboxError) {
        await this.markNeedsAttention(lease, error, context);
        return;
      }
      throw error;
    }

    const spend = await this.readSpend(lease, context);
    const next = nextLeaseState(lease, {
      now: context.now,
      spend: spend?.amount,
    });

    if (next === 'expired') {
      await this.decommission(lease, guarded, spend, context);
    } else if (next === 'frozen' && lease.state !== 'frozen' && spend) {
      await this.freeze(lease, guarded, spend, context);
    } else if (next === 'expiring') {
      await this.warnOfExpiry(lease, guarded, spend, context);
    } else if (next !== lease.state) {
      // Back to active, e.g. an extension moved the end out of the warning window.
      await this.operations.setLeaseStateTag(guarded, next);
      await this.save(lease, next, spend, context, {
        note: `lease ends on ${isoDay(new Date(lease.expiresAt))}`,
      });
    } else if (spend) {
      await this.save(lease, lease.state, spend, context);
    }
  }

  /**
   * A lease still `provisioning` past its grace period: its provisioning
   * task failed or was cancelled before activating it, maybe after vending
   * the subscription (with the owners' Contributor role). The alias the
   * task creates tells which:
   * - vended: the lease takes the subscription and is returned, to go on
   *   through the normal rules (and the guard) in this same run;
   * - no alias: nothing exists in Azure, the lease is closed without any
   *   Azure call, freeing its name and quota slot;
   * - still vending: the lease waits for the next run.
   */
  private async settleProvisioning(
    lease: SandboxLease,
    context: RunContext,
  ): Promise<SandboxLease | undefined> {
    const aliasName = lease.plan.subscription.aliasName;
    const alias = await this.operations.readAlias(aliasName);
    if (!alias) {
      const saved = await this.save(
        lease,
        'decommissioned',
        undefined,
        context,
        { note: 'never provisioned: no subscription was vended' },
      );
      await this.notifyAfterSave(saved, context, {
        title: `Sandbox ${lease.input.name} was never provisioned`,
        description: `Provisioning the sandbox ${lease.input.name} stopped before a subscription was vended, so the lease is closed and its name is free again. Lease a new sandbox if you still need one.`,
        severity: 'normal',
      });
      return undefined;
    }
    if (alias.provisioningState !== 'Succeeded' || !alias.subscriptionId) {
      throw new Error(
        `lease is still provisioning and its subscription alias ${aliasName} is ${
          alias.provisioningState ?? 'in no provisioning state'
        }; the next run looks again`,
      );
    }
    return this.save(lease, 'active', undefined, context, {
      note: `subscription ${alias.subscriptionId} found through alias ${aliasName}; the provisioning task never activated the lease`,
      subscriptionId: alias.subscriptionId,
    });
  }

  /**
   * Month-to-date spend, or undefined when it could not be read: the error is
   * recorded and the lease then only moves by time, keeping its last spend.
   */
  private async readSpend(lease: SandboxLease, context: RunContext) {
    if (lease.state === 'expired') return undefined;
    try {
      const amount = await this.operations.readSpend(
        lease.subscriptionId!,
        lease.plan.budget.name,
      );
      return { amount, checkedAt: context.now.toISOString() };
    } catch (error) {
      const message = `spend not read from budget ${lease.plan.budget.name}: ${
        describeAzureError(error).message
      }`;
      context.summary.errors.push({ leaseId: lease.id, message });
      this.logger.warn(
        `Sandbox lease ${lease.id} (${lease.input.name}): ${message}`,
      );
      return undefined;
    }
  }

  private async warnOfExpiry(
    lease: SandboxLease,
    guarded: GuardedSandbox,
    spend: SandboxLease['lastSpend'],
    context: RunContext,
  ) {
    const entering = lease.state !== 'expiring';
    if (entering) {
      await this.operations.setLeaseStateTag(guarded, 'expiring');
    }
    // A warning counts for the expiry it was sent for: after an extension
    // the new end gets its own warning.
    const warningWindowStart =
      Date.parse(lease.expiresAt) - SANDBOX_POLICY.expiringWarningDays * DAY_MS;
    const warned =
      lease.expiryWarnedAt !== undefined &&
      Date.parse(lease.expiryWarnedAt) >= warningWindowStart;
    const endsOn = isoDay(new Date(lease.expiresAt));
    const left = daysLeft(lease.expiresAt, context.now);
    if (!warned) {
      // Sent before saving: if saving fails, the next run warns again rather
      // than never.
      await this.notifier.notifyOwner(lease, {
        title: `Sandbox ${lease.input.name} expires in ${left} ${
          left === 1 ? 'day' : 'days'
        }`,
        description: `The sandbox lease ${lease.input.name} ends on ${endsOn}; the subscription is then decommissioned. Extend the lease once by up to ${SANDBOX_POLICY.maxExtensionDays} days if you still need it, and save what you want to keep.`,
        severity: 'normal',
      });
    }
    if (!entering && warned && !spend) return;
    await this.save(lease, 'expiring', spend, context, {
      note: entering
        ? `lease ends on ${endsOn} (${left} days left); owner warned`
        : undefined,
      expiryWarnedAt: warned ? undefined : context.now.toISOString(),
    });
  }

  private async freeze(
    lease: SandboxLease,
    guarded: GuardedSandbox,
    spend: NonNullable<SandboxLease['lastSpend']>,
    context: RunContext,
  ) {
    let removed = 0;
    for (const principalId of guarded.ownerPrincipalIds) {
      removed += await this.operations.removeWriteRoles(guarded, principalId);
    }
    await this.operations.setLeaseStateTag(guarded, 'frozen');
    const cap = lease.input.budgetCap;
    const saved = await this.save(lease, 'frozen', spend, context, {
      note: `budget cap reached: ${money(
        spend.amount,
      )} of ${cap}; write roles removed (${removed} assignment${
        removed === 1 ? '' : 's'
      })`,
    });
    await this.notifyAfterSave(saved, context, {
      title: `Sandbox ${lease.input.name} is frozen: its budget cap is reached`,
      description: `Spend this month is ${money(
        spend.amount,
      )} of the ${cap} cap, so write access to the sandbox was removed; you can still read it. It stays frozen until the lease ends on ${isoDay(
        new Date(lease.expiresAt),
      )}.`,
      severity: 'high',
    });
  }

  private async decommission(
    lease: SandboxLease,
    guarded: GuardedSandbox,
    spend: SandboxLease['lastSpend'],
    context: RunContext,
  ) {
    let current = lease;
    if (lease.state !== 'expired') {
      // Saved first: if decommissioning stops halfway, the lease says
      // `expired` and the next run finishes the job.
      await this.operations.setLeaseStateTag(guarded, 'expired');
      current = await this.save(lease, 'expired', spend, context, {
        note: `lease ended on ${isoDay(
          new Date(lease.expiresAt),
        )}; decommissioning the subscription`,
      });
    }
    const result = await this.operations.decommission(guarded);
    const steps = [
      result.moved
        ? `moved to ${this.decommissionedGroup}`
        : `already in ${this.decommissionedGroup}`,
      `${result.writeRolesRemoved} write role assignment${
        result.writeRolesRemoved === 1 ? '' : 's'
      } removed`,
      result.cancelled
        ? 'subscription cancelled'
        : 'subscription was already cancelled',
    ];
    const saved = await this.save(
      current,
      'decommissioned',
      undefined,
      context,
      {
        note: `decommissioned: ${steps.join(', ')}`,
      },
    );
    await this.notifyAfterSave(saved, context, {
      title: `Sandbox ${lease.input.name} was decommissioned`,
      description: `The lease ended on ${isoDay(
        new Date(lease.expiresAt),
      )}. Its subscription ${
        lease.subscriptionId
      } was cancelled and moved to the decommissioned management group; Azure deletes it after its retention period.`,
      severity: 'normal',
    });
  }

  private async markNeedsAttention(
    lease: SandboxLease,
    error: NotASandboxError,
    context: RunContext,
  ) {
    this.logger.error(
      `Sandbox lease ${lease.id} (${lease.input.name}) needs attention, Azure left untouched: ${error.message}`,
    );
    context.summary.errors.push({ leaseId: lease.id, message: error.message });
    const saved = await this.save(
      lease,
      'needs-attention',
      undefined,
      context,
      {
        note: `the lease task stopped: ${error.message}`,
      },
    );
    await this.notifyAfterSave(saved, context, {
      title: `Sandbox ${lease.input.name} needs attention from the platform team`,
      description: `The lease task did not touch the subscription because it does not look like this lease's sandbox: ${error.reasons.join(
        '; ',
      )}. The platform team has to correct the lease or the subscription.`,
      severity: 'high',
    });
  }

  /**
   * Saves a state (and spend) onto the stored lease. Refuses when the stored
   * lease moved on since this run read it (an extension, another run), so a
   * stale decision never overwrites a newer one.
   */
  private async save(
    observed: SandboxLease,
    state: SandboxLeaseState,
    spend: SandboxLease['lastSpend'],
    context: RunContext,
    change: {
      note?: string;
      expiryWarnedAt?: string;
      subscriptionId?: string;
    } = {},
  ): Promise<SandboxLease> {
    const at = context.now.toISOString();
    const saved = await this.repository.updateLease(observed.id, stored => {
      if (
        stored.state !== observed.state ||
        stored.expiresAt !== observed.expiresAt
      ) {
        throw new ConflictError(
          `lease changed while the lease task ran (now ${stored.state}, ends ${stored.expiresAt}); the next run looks again`,
        );
      }
      return {
        ...stored,
        state,
        ...(change.subscriptionId
          ? { subscriptionId: change.subscriptionId }
          : {}),
        ...(spend ? { lastSpend: spend } : {}),
        ...(change.expiryWarnedAt
          ? { expiryWarnedAt: change.expiryWarnedAt }
          : {}),
        history: change.note
          ? [
              ...stored.history,
              { at, state, note: change.note, by: 'scheduler' },
            ]
          : stored.history,
        updatedAt: at,
      };
    });
    if (state !== observed.state) {
      context.summary.transitions.push({
        leaseId: observed.id,
        from: observed.state,
        to: state,
      });
    }
    return saved;
  }

  /**
   * The state change is saved by now; a failed notification is reported as
   * this lease's error but does not undo it.
   */
  private async notifyAfterSave(
    lease: SandboxLease,
    context: RunContext,
    message: Parameters<LeaseNotifier['notifyOwner']>[1],
  ) {
    try {
      await this.notifier.notifyOwner(lease, message);
    } catch (error) {
      const text = `state saved as ${
        lease.state
      } but the owner was not notified: ${describeAzureError(error).message}`;
      context.summary.errors.push({ leaseId: lease.id, message: text });
      this.logger.error(
        `Sandbox lease ${lease.id} (${lease.input.name}): ${text}`,
      );
    }
  }
}
