import {
  AzureClients,
  describeAzureError,
  unlessNotFound,
} from '@dataplatform/plugin-azure-node';
import {
  BUILT_IN_ROLES,
  PROVISIONING_TAGS,
  SandboxLease,
  SandboxLeaseState,
} from '@dataplatform/plugin-provisioning-common';
import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';
import { AliasState, readAlias } from '../azureAliases';

/**
 * The Azure side of sandbox leases. Everything that changes Azure takes a
 * {@link GuardedSandbox}, which only {@link SandboxAzureOperations.assertSandbox}
 * hands out after checking that the subscription really is this lease's
 * sandbox: a lease pointing at a domain subscription (a typo, a bad import)
 * must never get a domain's roles removed or the domain cancelled.
 */

/** The subscription is not the lease's sandbox; nothing was changed. */
export class NotASandboxError extends Error {
  constructor(
    readonly leaseId: string,
    readonly subscriptionId: string | undefined,
    readonly reasons: string[],
  ) {
    super(
      `lease ${leaseId}: ${reasons.join(
        '; ',
      )}; refusing to touch subscription ${subscriptionId ?? '(none)'}`,
    );
    this.name = 'NotASandboxError';
  }
}

declare const guardedBrand: unique symbol;

/**
 * Proof that the guard passed for one lease and subscription. Only
 * `assertSandbox` creates these (checked at run time too), and the mutations
 * take the subscription from it, so a guarded lease cannot be used to change
 * another subscription.
 */
export interface GuardedSandbox {
  readonly [guardedBrand]: true;
  readonly leaseId: string;
  readonly subscriptionId: string;
  /** Where the guard found the subscription. */
  readonly placement: 'sandboxes' | 'decommissioned';
  /** The subscription's state when the guard read it (Enabled, Disabled, ...). */
  readonly subscriptionState: string;
  /** Principals of the lease's owner role assignments. */
  readonly ownerPrincipalIds: readonly string[];
}

const issuedGuards = new WeakSet<object>();

function requireGuard(sandbox: GuardedSandbox): GuardedSandbox {
  if (!issuedGuards.has(sandbox)) {
    throw new Error(
      'refusing to change Azure: this sandbox was not checked by assertSandbox',
    );
  }
  return sandbox;
}

export interface AssertSandboxOptions {
  /**
   * Also accept a subscription already under the decommissioned management
   * group: a decommission that stopped after moving it is finished later.
   */
  allowDecommissioned?: boolean;
}

export interface DecommissionResult {
  moved: boolean;
  writeRolesRemoved: number;
  cancelled: boolean;
}

/** Owner and Contributor: the roles that let the owner group change things. */
const WRITE_ROLE_IDS = new Set<string>([
  BUILT_IN_ROLES.Owner,
  BUILT_IN_ROLES.Contributor,
]);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CANCELLED_STATES = new Set(['disabled', 'deleted']);
const MG_PREFIX = '/providers/microsoft.management/managementgroups/';

function groupNameFromId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const lower = id.toLowerCase();
  return lower.startsWith(MG_PREFIX) ? id.slice(MG_PREFIX.length) : id;
}

/** Scope strings as the SDKs put them into `/{scope}/providers/...` paths. */
const subscriptionScope = (subscriptionId: string) =>
  `subscriptions/${subscriptionId}`;

export class SandboxAzureOperations {
  constructor(private readonly clients: AzureClients) {}

  /**
   * The subscription alias a lease's provisioning task created, or undefined
   * when there is none (Azure answers 404). Reading only: nothing here needs
   * the guard.
   */
  async readAlias(aliasName: string): Promise<AliasState | undefined> {
    return readAlias(this.clients, aliasName);
  }

  /** Month-to-date spend tracked by the sandbox's budget. */
  async readSpend(subscriptionId: string, budgetName: string): Promise<number> {
    const budget = await this.clients
      .consumption(subscriptionId)
      .budgets.get(subscriptionScope(subscriptionId), budgetName);
    const amount = budget.currentSpend?.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throw new Error(
        `budget ${budgetName} of subscription ${subscriptionId} reports no currentSpend.amount`,
      );
    }
    return amount;
  }

  /**
   * The guard. Passes only when the lease's subscription sits under the
   * sandboxes management group (or, with `allowDecommissioned`, under the
   * decommissioned one) and is tagged `environment=sandbox` and
   * `leaseId=<lease id>`. Throws NotASandboxError naming every check that
   * failed; Azure read failures are thrown as they are, since they say
   * nothing about the subscription.
   */
  async assertSandbox(
    lease: SandboxLease,
    options: AssertSandboxOptions = {},
  ): Promise<GuardedSandbox> {
    const subscriptionId = lease.subscriptionId?.trim().toLowerCase();
    if (!subscriptionId || !GUID_PATTERN.test(subscriptionId)) {
      throw new NotASandboxError(lease.id, lease.subscriptionId, [
        `subscriptionId must be a subscription GUID, got ${JSON.stringify(
          lease.subscriptionId ?? null,
        )}`,
      ]);
    }

    const subscription = await unlessNotFound(() =>
      this.clients.subscriptions().subscriptions.get(subscriptionId),
    );
    if (!subscription) {
      throw new NotASandboxError(lease.id, subscriptionId, [
        `subscription ${subscriptionId} does not exist in the tenant`,
      ]);
    }

    const reasons: string[] = [];
    const placement = await this.readPlacement(subscriptionId, options);
    if (placement.kind === 'elsewhere') {
      const { sandboxes } = this.clients.managementGroups;
      reasons.push(
        `subscription ${subscriptionId} is in ${placement.description}, not the sandboxes management group ${sandboxes}`,
      );
    }
    const tags = subscription.tags ?? {};
    if (tags.environment !== 'sandbox') {
      reasons.push(
        `tag environment is ${JSON.stringify(
          tags.environment ?? null,
        )}, not "sandbox"`,
      );
    }
    const leaseTag = tags[PROVISIONING_TAGS.leaseId];
    if (leaseTag !== lease.id) {
      reasons.push(
        `tag ${PROVISIONING_TAGS.leaseId} is ${JSON.stringify(
          leaseTag ?? null,
        )}, not this lease's id "${lease.id}"`,
      );
    }
    if (reasons.length > 0 || placement.kind === 'elsewhere') {
      throw new NotASandboxError(lease.id, subscriptionId, reasons);
    }

    const guard = {
      leaseId: lease.id,
      subscriptionId,
      placement: placement.kind,
      subscriptionState: subscription.state ?? 'Unknown',
      ownerPrincipalIds: [
        ...new Set(lease.plan.roleAssignments.map(a => a.principalId)),
      ],
    } as unknown as GuardedSandbox;
    issuedGuards.add(guard);
    return Object.freeze(guard);
  }

  /** Sets the `expiresOn` tag (yyyy-mm-dd), keeping every other tag. */
  async setExpiryTag(
    sandbox: GuardedSandbox,
    expiresOn: string,
  ): Promise<void> {
    if (!ISO_DAY.test(expiresOn) || Number.isNaN(Date.parse(expiresOn))) {
      throw new Error(
        `expiresOn must be a date as yyyy-mm-dd, got "${expiresOn}"`,
      );
    }
    await this.mergeTags(requireGuard(sandbox), {
      [PROVISIONING_TAGS.expiresOn]: expiresOn,
    });
  }

  /** Sets the `leaseState` tag, so the state is visible in Azure too. */
  async setLeaseStateTag(
    sandbox: GuardedSandbox,
    state: SandboxLeaseState,
  ): Promise<void> {
    await this.mergeTags(requireGuard(sandbox), {
      [PROVISIONING_TAGS.leaseState]: state,
    });
  }

  /**
   * Deletes the principal's Owner and Contributor assignments on the
   * subscription and below it (what freezing means); reader roles stay so
   * the owners can still look. Assignments inherited from above the
   * subscription belong to the platform and are not touched. Returns how
   * many were deleted.
   */
  async removeWriteRoles(
    sandbox: GuardedSandbox,
    principalId: string,
  ): Promise<number> {
    const { subscriptionId } = requireGuard(sandbox);
    if (!GUID_PATTERN.test(principalId)) {
      throw new Error(
        `principalId must be an Entra object id (GUID), got "${principalId}"`,
      );
    }
    const client = this.clients.authorization(subscriptionId);
    const ownScope = `/subscriptions/${subscriptionId}`;
    const toDelete: Array<{ scope: string; name: string }> = [];
    for await (const assignment of client.roleAssignments.listForScope(
      subscriptionScope(subscriptionId),
      { filter: `principalId eq '${principalId}'` },
    )) {
      const roleId = assignment.roleDefinitionId
        ?.split('/')
        .pop()
        ?.toLowerCase();
      const scope = (assignment.scope ?? '').toLowerCase();
      const inSandbox =
        scope === ownScope.toLowerCase() ||
        scope.startsWith(`${ownScope.toLowerCase()}/`);
      if (
        assignment.principalId?.toLowerCase() === principalId.toLowerCase() &&
        roleId &&
        WRITE_ROLE_IDS.has(roleId) &&
        inSandbox &&
        assignment.name
      ) {
        toDelete.push({ scope: assignment.scope!, name: assignment.name });
      }
    }
    let removed = 0;
    for (const { scope, name } of toDelete) {
      // Undefined when it is gone since we listed it: someone (or an
      // earlier run) removed it.
      const deleted = await unlessNotFound(async () => {
        await client.roleAssignments.delete(scope.replace(/^\//, ''), name);
        return true;
      });
      if (deleted) removed += 1;
    }
    return removed;
  }

  /**
   * Moves the subscription under the decommissioned management group,
   * removes the owners' write roles, tags it `leaseState=decommissioned` and
   * cancels it, in that order since a cancelled subscription can no longer
   * be changed. Each step is skipped when already done, so a run that
   * stopped halfway is finished by the next one.
   */
  async decommission(sandbox: GuardedSandbox): Promise<DecommissionResult> {
    const guard = requireGuard(sandbox);
    const { subscriptionId } = guard;
    const alreadyCancelled = CANCELLED_STATES.has(
      guard.subscriptionState.toLowerCase(),
    );

    let moved = false;
    if (guard.placement !== 'decommissioned') {
      await this.clients
        .managementGroupsApi()
        .managementGroupSubscriptions.create(
          this.clients.managementGroups.decommissioned,
          subscriptionId,
        );
      moved = true;
    }

    let writeRolesRemoved = 0;
    let cancelled = false;
    // A cancelled subscription is read-only: its roles and tags stay as the
    // run that cancelled it left them (that run removed the roles first).
    if (!alreadyCancelled) {
      for (const principalId of guard.ownerPrincipalIds) {
        writeRolesRemoved += await this.removeWriteRoles(guard, principalId);
      }
      await this.mergeTags(guard, {
        [PROVISIONING_TAGS.leaseState]: 'decommissioned',
      });
      await this.clients
        .subscriptionVending()
        .subscription.cancel(subscriptionId);
      cancelled = true;
    }
    return { moved, writeRolesRemoved, cancelled };
  }

  private async mergeTags(
    sandbox: GuardedSandbox,
    tags: Record<string, string>,
  ): Promise<void> {
    const { subscriptionId } = sandbox;
    await this.clients
      .resources(subscriptionId)
      .tagsOperations.updateAtScope(subscriptionScope(subscriptionId), {
        operation: 'Merge',
        properties: { tags },
      });
  }

  private async readPlacement(
    subscriptionId: string,
    options: AssertSandboxOptions,
  ): Promise<
    | { kind: 'sandboxes' | 'decommissioned' }
    | { kind: 'elsewhere'; description: string }
  > {
    const { sandboxes, decommissioned } = this.clients.managementGroups;
    const candidates: Array<['sandboxes' | 'decommissioned', string]> = [
      ['sandboxes', sandboxes],
    ];
    if (options.allowDecommissioned) {
      candidates.push(['decommissioned', decommissioned]);
    }
    const api = this.clients.managementGroupsApi().managementGroupSubscriptions;
    for (const [kind, groupId] of candidates) {
      const child = await unlessNotFound(() =>
        api.getSubscription(groupId, subscriptionId),
      );
      // Only a direct child counts; a parent other than the group asked for
      // would mean the answer is not what it seems.
      const parent = child && groupNameFromId(child.parent?.id);
      if (
        child &&
        (!parent || parent.toLowerCase() === groupId.toLowerCase())
      ) {
        return { kind };
      }
    }
    return {
      kind: 'elsewhere',
      description: await this.describeParent(subscriptionId),
    };
  }

  /** Where the subscription actually is, for the refusal message. */
  private async describeParent(subscriptionId: string): Promise<string> {
    const { root } = this.clients.managementGroups;
    try {
      for await (const d of this.clients
        .managementGroupsApi()
        .managementGroups.listDescendants(root)) {
        if (d.name?.toLowerCase() === subscriptionId) {
          return (
            groupNameFromId(d.parent?.id) ?? `an unnamed group below ${root}`
          );
        }
      }
      return `a management group outside ${root}`;
    } catch (error) {
      // The refusal stands either way; the message says why the place is unknown.
      return `a management group that could not be read (${
        describeAzureError(error).message
      })`;
    }
  }
}
