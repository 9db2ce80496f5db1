import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AzureClients,
  describeAzureError,
} from '@dataplatform/plugin-azure-node';
import {
  FieldProblem,
  PROVISIONING_TAGS,
  SANDBOX_POLICY,
  SandboxLease,
  SandboxLeaseInput,
  SandboxLeaseState,
  SandboxPlan,
  ValidationResult,
  buildSandboxPlan,
  extensionRefusal,
  formatProblems,
  isoDay,
  leaseEnd,
  nextLeaseState,
  sandboxResourceNames,
  toGroupRef,
  validateSandboxLeaseInput,
} from '@dataplatform/plugin-provisioning-common';
import { findAlias } from './azureAliases';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import { OwnerGroupResolver } from './OwnerGroupResolver';
import { ProvisioningStore } from './ProvisioningStore';
import {
  NotASandboxError,
  SandboxAzureOperations,
} from './sandboxLeases/SandboxAzureOperations';

/** Leases that count against an owner group's allowance. */
const HELD_STATES: readonly SandboxLeaseState[] = [
  'provisioning',
  'active',
  'expiring',
  'frozen',
];

/** Writes the `expiresOn` tag of a lease's subscription. */
export interface ExpiryTagWriter {
  setExpiryTag(lease: SandboxLease, expiresOn: string): Promise<void>;
}

/**
 * Writes the tag through the lease task's Azure operations, which first
 * check the subscription really is this lease's sandbox.
 */
export class GuardedExpiryTagWriter implements ExpiryTagWriter {
  constructor(private readonly operations: SandboxAzureOperations) {}

  async setExpiryTag(lease: SandboxLease, expiresOn: string) {
    const sandbox = await this.operations.assertSandbox(lease);
    await this.operations.setExpiryTag(sandbox, expiresOn);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asUser(
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> | undefined {
  return (credentials.principal as { type?: string }).type === 'user'
    ? (credentials as BackstageCredentials<BackstageUserPrincipal>)
    : undefined;
}

function normalize(input: SandboxLeaseInput): SandboxLeaseInput {
  return {
    name: input.name,
    purpose: input.purpose,
    ownerGroup: toGroupRef(input.ownerGroup),
    costCenter: input.costCenter,
    dataResidency: input.dataResidency,
    durationDays: input.durationDays,
    budgetCap: input.budgetCap,
  };
}

/**
 * Innovation sandbox leases: approved automatically within the policy,
 * activated once their subscription is vended, extended once. The lease
 * task (SandboxLeaseReconciler) moves them on from there.
 */
export class SandboxLeaseService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      store: ProvisioningStore;
      owners: OwnerGroupResolver;
      memberships: Memberships;
      azure: AzureClients;
      expiryTags: ExpiryTagWriter;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Field, policy and state problems of a would-be lease, and its plan when there are none. */
  async validate(
    input: unknown,
    credentials: BackstageCredentials,
  ): Promise<ValidationResult<SandboxPlan>> {
    const { problems, plan } = await this.check(input, credentials, this.now());
    return problems.length > 0 ? { problems } : { problems, plan };
  }

  /**
   * Leases a sandbox within the policy: no approval step. The same person
   * asking again for the same name while it is still provisioning gets the
   * lease they have.
   */
  async create(
    input: unknown,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ lease: SandboxLease; created: boolean }> {
    const requestedBy = credentials.principal.userEntityRef;
    const fieldProblems = validateSandboxLeaseInput(input);
    if (fieldProblems.length > 0)
      throw new InputError(formatProblems(fieldProblems));
    const normalized = normalize(input as SandboxLeaseInput);

    const existing = await this.findResubmission(normalized.name, requestedBy);
    if (existing) return { lease: existing, created: false };

    const id = randomUUID();
    const start = this.now();
    const { problems, plan } = await this.check(input, credentials, start, id);
    if (problems.length > 0 || !plan)
      throw new InputError(formatProblems(problems));

    const at = start.toISOString();
    const state: SandboxLeaseState = 'provisioning';
    const lease: SandboxLease = {
      id,
      input: normalized,
      plan,
      state,
      requestedBy,
      createdAt: at,
      expiresAt: leaseEnd(start, normalized.durationDays).toISOString(),
      extensionsUsed: 0,
      history: [
        {
          at,
          state,
          note: `approved automatically within policy (≤ ${SANDBOX_POLICY.maxDurationDays} days, cap ≤ ${SANDBOX_POLICY.maxBudgetCap})`,
          by: requestedBy,
        },
      ],
      updatedAt: at,
    };
    if (!(await this.options.store.insertLease(lease))) {
      const raced = await this.findResubmission(normalized.name, requestedBy);
      if (raced) return { lease: raced, created: false };
      throw new InputError(
        formatProblems([
          {
            field: 'name',
            message: `"${normalized.name}" was just leased by someone else; choose another name`,
          },
        ]),
      );
    }
    this.options.logger.info(
      `Sandbox lease ${id} "${normalized.name}" for ${normalized.ownerGroup} created by ${requestedBy}, until ${lease.expiresAt}`,
    );
    return { lease, created: true };
  }

  async list(states?: SandboxLeaseState[]): Promise<SandboxLease[]> {
    return this.options.store.listLeases({ states });
  }

  async get(id: string): Promise<SandboxLease> {
    const lease = await this.options.store.getLease(id);
    if (!lease) throw new NotFoundError(`no sandbox lease with id ${id}`);
    return lease;
  }

  /**
   * Records the vended subscription; the same subscription again changes
   * nothing. A person (the template's initiator) must be able to act for
   * the owner group; services are trusted.
   */
  async activate(
    id: string,
    subscriptionId: string,
    caller: { by: string; user?: BackstageCredentials<BackstageUserPrincipal> },
  ): Promise<SandboxLease> {
    const { by, user } = caller;
    if (user) {
      const lease = await this.get(id);
      if (
        !(await this.options.memberships.isMemberOrPlatformTeam(
          user,
          toGroupRef(lease.input.ownerGroup),
        ))
      ) {
        throw new NotAllowedError(
          `Only members of ${lease.input.ownerGroup} or the platform team can activate sandbox lease ${lease.input.name}.`,
        );
      }
    }
    return this.options.store.updateLease(id, current => {
      if (current.state !== 'provisioning') {
        if (current.subscriptionId === subscriptionId) return current;
        throw new ConflictError(
          current.subscriptionId
            ? `sandbox lease ${id} was activated with subscription ${current.subscriptionId}; it cannot be activated again with ${subscriptionId}`
            : `sandbox lease ${id} is ${current.state}; only a provisioning lease can be activated`,
        );
      }
      const now = this.now();
      // A provisioning lease stays so for nextLeaseState; ask as if it had started.
      const state = nextLeaseState({ ...current, state: 'active' }, { now });
      return {
        ...current,
        state,
        subscriptionId,
        history: [
          ...current.history,
          {
            at: now.toISOString(),
            state,
            note: `subscription ${subscriptionId} vended; the lease runs until ${isoDay(
              new Date(current.expiresAt),
            )}`,
            by,
          },
        ],
      };
    });
  }

  /**
   * Moves the lease's end by `days`, once. Azure's `expiresOn` tag changes
   * first: a lease that says it runs longer than its subscription's tag
   * would be cleaned up early by anything reading the tag.
   */
  async extend(
    id: string,
    days: number,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<SandboxLease> {
    const by = credentials.principal.userEntityRef;
    const lease = await this.get(id);
    if (
      !(await this.options.memberships.isMemberOrPlatformTeam(
        credentials,
        toGroupRef(lease.input.ownerGroup),
      ))
    ) {
      throw new NotAllowedError(
        `Only members of ${lease.input.ownerGroup} or the platform team can extend sandbox lease ${lease.input.name}.`,
      );
    }
    const refusal = extensionRefusal(lease, days);
    if (refusal) throw new ConflictError(refusal);
    if (!lease.subscriptionId) {
      throw new ConflictError(
        `sandbox lease ${id} has no subscription yet; nothing to extend`,
      );
    }

    const expiresAt = leaseEnd(new Date(lease.expiresAt), days).toISOString();
    const expiresOn = isoDay(new Date(expiresAt));
    try {
      await this.options.expiryTags.setExpiryTag(lease, expiresOn);
    } catch (error) {
      if (error instanceof NotASandboxError) {
        throw new ConflictError(`The lease was not extended: ${error.message}`);
      }
      const described = describeAzureError(error);
      throw new ServiceUnavailableError(
        `The lease was not extended: updating the expiresOn tag of subscription ${lease.subscriptionId} in Azure failed: ${described.message}`,
      );
    }

    const saved = await this.options.store.updateLease(id, current => {
      if (
        current.extensionsUsed !== lease.extensionsUsed ||
        current.expiresAt !== lease.expiresAt
      ) {
        throw new ConflictError(
          `sandbox lease ${id} changed while it was being extended (it now ends ${current.expiresAt}); reload it and try again`,
        );
      }
      const again = extensionRefusal(current, days);
      if (again) throw new ConflictError(again);
      const now = this.now();
      const { expiryWarnedAt: _warnedForOldEnd, ...rest } = current;
      const extended: SandboxLease = {
        ...rest,
        expiresAt,
        extensionsUsed: current.extensionsUsed + 1,
        plan: {
          ...current.plan,
          expiresOn,
          subscription: {
            ...current.plan.subscription,
            tags: {
              ...current.plan.subscription.tags,
              [PROVISIONING_TAGS.expiresOn]: expiresOn,
            },
          },
        },
      };
      const state = nextLeaseState(extended, { now });
      return {
        ...extended,
        state,
        history: [
          ...current.history,
          {
            at: now.toISOString(),
            state,
            note: `extended by ${days} days, to ${expiresOn}`,
            by,
          },
        ],
      };
    });
    this.options.logger.info(
      `Sandbox lease ${id} extended by ${days} days to ${expiresOn} by ${by}`,
    );
    return saved;
  }

  private async findResubmission(name: string, requestedBy: string) {
    const [lease] = await this.options.store.listLeases({
      name,
      requestedBy,
      states: ['provisioning'],
    });
    return lease;
  }

  private async check(
    input: unknown,
    credentials: BackstageCredentials,
    start: Date,
    leaseId?: string,
  ): Promise<{ problems: FieldProblem[]; plan?: SandboxPlan }> {
    const problems = validateSandboxLeaseInput(input);
    if (!isObject(input)) return { problems };
    const wrong = new Set(problems.map(p => p.field));
    const candidate = input as Partial<SandboxLeaseInput>;
    const ownerGroup = wrong.has('ownerGroup')
      ? undefined
      : toGroupRef(candidate.ownerGroup as string);

    const [nameProblems, owner, ownerProblems] = await Promise.all([
      wrong.has('name') ? [] : this.nameProblems(candidate.name as string),
      ownerGroup
        ? this.options.owners.resolve(candidate.ownerGroup as string)
        : undefined,
      ownerGroup ? this.ownerProblems(ownerGroup, credentials) : [],
    ]);
    problems.push(
      ...nameProblems,
      ...(owner?.problems ?? []),
      ...ownerProblems,
    );
    if (problems.length > 0 || !owner?.owner) return { problems };

    const plan = buildSandboxPlan(normalize(candidate as SandboxLeaseInput), {
      managementGroups: this.options.azure.managementGroups,
      owner: owner.owner,
      start,
      leaseId,
    });
    return { problems, plan };
  }

  /** Whether the caller may lease for the group, and whether the group has leases left. */
  private async ownerProblems(
    ownerGroup: string,
    credentials: BackstageCredentials,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    // Services (the scaffolder checking a form) have no memberships; the
    // person behind a user call does.
    const user = asUser(credentials);
    if (
      user &&
      !(await this.options.memberships.isMemberOrPlatformTeam(
        user,
        toGroupRef(ownerGroup),
      ))
    ) {
      problems.push({
        field: 'ownerGroup',
        message: `${user.principal.userEntityRef} is not a member of ${ownerGroup}; only its members or the platform team can lease a sandbox for it`,
      });
    }
    const held = await this.options.store.listLeases({
      ownerGroup,
      states: HELD_STATES,
    });
    if (held.length >= SANDBOX_POLICY.maxActiveLeasesPerOwner) {
      problems.push({
        field: 'ownerGroup',
        message: `${ownerGroup} already holds ${
          held.length
        } sandbox leases (${held
          .map(l => l.input.name)
          .join(', ')}); the policy allows ${
          SANDBOX_POLICY.maxActiveLeasesPerOwner
        } at once, so let one end first`,
      });
    }
    return problems;
  }

  private async nameProblems(name: string): Promise<FieldProblem[]> {
    const aliasName = sandboxResourceNames(name).aliasName;
    const [leases, alias] = await Promise.all([
      this.options.store.listLeases({ name }),
      findAlias(this.options.azure, aliasName),
    ]);
    const problems: FieldProblem[] = [];
    const holder = leases.find(l => l.state !== 'decommissioned');
    if (holder) {
      problems.push({
        field: 'name',
        message: `"${name}" is already used by sandbox lease ${holder.id} (${holder.state}); choose another name`,
      });
    }
    if (alias) {
      problems.push({
        field: 'name',
        message: `the subscription alias ${aliasName} already exists in Azure${
          alias.subscriptionId ? ` (subscription ${alias.subscriptionId})` : ''
        }; choose another name`,
      });
    }
    return problems;
  }
}
