import { randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  DomainPlan,
  DomainRequest,
  DomainRequestInput,
  DomainRequestStatus,
  FieldProblem,
  ValidationResult,
  buildDomainPlan,
  domainResourceNames,
  formatProblems,
  toGroupRef,
  validateDomainRequestInput,
} from '@dataplatform/plugin-provisioning-common';
import { findAlias } from './azureAliases';
import { DomainRequestNotifier } from './notifications';
import { OwnerGroupResolver } from './OwnerGroupResolver';
import { NAME_HOLDING_STATUSES, ProvisioningStore } from './ProvisioningStore';
import { ProvisioningTaskStarter } from './ProvisioningTaskStarter';

/** Requests still on their way: one requester re-submitting one of these gets it back. */
const OPEN_STATUSES: readonly DomainRequestStatus[] = [
  'pending-approval',
  'approved',
  'provisioning',
];

/** Statuses from which provisioning may (re)start. */
const PROVISIONABLE_STATUSES: readonly DomainRequestStatus[] = [
  'approved',
  'provisioning',
  'failed',
];

/** Task statuses after which a task will never report a result. */
const DEAD_TASK_STATUSES = ['failed', 'cancelled'];

/** What one check of the running provisioning tasks saw and did. */
export interface ProvisioningTaskCheckSummary {
  /** Requests whose task was looked at. */
  checked: number;
  /** Requests recorded as failed because their task died. */
  failed: Array<{ requestId: string; taskId: string; failure: string }>;
  /** Requests whose task could not be read, with the cause. */
  errors: Array<{ requestId: string; message: string }>;
}

export type DomainRequestDecision =
  | { decision: 'approve'; comment?: string }
  | { decision: 'reject'; comment: string };

export type DomainRequestResult =
  | {
      status: 'provisioned';
      subscriptionId: string;
      workspaceResourceId?: string;
      domainEntityRef: string;
    }
  | { status: 'failed'; failure: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The input as stored: only the known fields, in a fixed order, with the
 * owner group as a full entity ref, so "the same input" can be compared.
 */
function normalize(input: DomainRequestInput): DomainRequestInput {
  return {
    name: input.name,
    ...(input.title ? { title: input.title } : {}),
    description: input.description,
    ownerGroup: toGroupRef(input.ownerGroup),
    costCenter: input.costCenter,
    dataClassification: input.dataClassification,
    dataResidency: input.dataResidency,
    primaryRegion: input.primaryRegion,
    monthlyBudget: input.monthlyBudget,
    recoveryTier: input.recoveryTier,
  };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() hides the network cause (ECONNREFUSED...) one level down.
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error
    ? `${error.message}: ${cause.message}`
    : error.message;
}

function alreadyDecided(request: DomainRequest): string {
  if (!request.decidedBy) {
    return `domain request ${request.id} is ${request.status}; only a pending-approval request can be decided`;
  }
  const verb = request.status === 'rejected' ? 'rejected' : 'approved';
  return `domain request ${request.id} was already ${verb} by ${request.decidedBy} at ${request.decidedAt}; it is ${request.status} now`;
}

function gateRefusal(request: DomainRequest): string {
  switch (request.status) {
    case 'pending-approval':
      return `domain request ${request.id} is pending-approval: the platform team must approve it before anything is vended`;
    case 'rejected':
      return `domain request ${request.id} is rejected: ${request.decidedBy} rejected it at ${request.decidedAt}, so nothing is vended for it`;
    default:
      return `domain request ${request.id} is ${request.status}: it was provisioned already (subscription ${request.subscriptionId}); nothing more is vended for it`;
  }
}

function sameResult(
  request: DomainRequest,
  result: DomainRequestResult,
): boolean {
  if (result.status === 'failed') {
    return request.status === 'failed' && request.failure === result.failure;
  }
  return (
    request.status === 'provisioned' &&
    request.subscriptionId === result.subscriptionId &&
    request.domainEntityRef === result.domainEntityRef &&
    request.workspaceResourceId === result.workspaceResourceId
  );
}

/**
 * Domain requests from submission to result: field and state checks,
 * idempotent submission, the platform team's decision (never by the
 * requester), starting the provisioning task on the approver's behalf, and
 * the gate that task passes before it vends anything.
 */
export class DomainRequestService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      store: ProvisioningStore;
      owners: OwnerGroupResolver;
      catalog: CatalogService;
      auth: AuthService;
      azure: AzureClients;
      taskStarter: ProvisioningTaskStarter;
      notifier: DomainRequestNotifier;
      templateRef: string;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Field and state problems of a would-be request, and its plan when there are none. */
  async validate(input: unknown): Promise<ValidationResult<DomainPlan>> {
    const { problems, plan } = await this.check(input);
    return problems.length > 0 ? { problems } : { problems, plan };
  }

  /**
   * Saves a new request for the platform team to decide. The same
   * requester submitting the same input again gets the open request back.
   */
  async submit(
    input: unknown,
    requestedBy: string,
  ): Promise<{ request: DomainRequest; created: boolean }> {
    const fieldProblems = validateDomainRequestInput(input);
    if (fieldProblems.length > 0)
      throw new InputError(formatProblems(fieldProblems));
    const normalized = normalize(input as DomainRequestInput);

    const existing = await this.findResubmission(normalized, requestedBy);
    if (existing) return { request: existing, created: false };

    const id = randomUUID();
    const { problems, plan } = await this.check(input, id);
    if (problems.length > 0 || !plan)
      throw new InputError(formatProblems(problems));

    const at = this.now().toISOString();
    const request: DomainRequest = {
      id,
      input: normalized,
      plan,
      status: 'pending-approval',
      requestedBy,
      requestedAt: at,
      updatedAt: at,
    };
    if (!(await this.options.store.insertDomainRequest(request))) {
      // Someone took the name between the check and the insert; maybe this
      // very requester, submitting twice at once.
      const raced = await this.findResubmission(normalized, requestedBy);
      if (raced) return { request: raced, created: false };
      throw new InputError(
        formatProblems([
          {
            field: 'name',
            message: `"${normalized.name}" was just requested by someone else; choose another name`,
          },
        ]),
      );
    }
    this.options.logger.info(
      `Domain request ${id} for "${normalized.name}" submitted by ${requestedBy}`,
    );
    await this.options.notifier.submitted(request);
    return { request, created: true };
  }

  async list(statuses?: DomainRequestStatus[]): Promise<DomainRequest[]> {
    return this.options.store.listDomainRequests({ statuses });
  }

  async get(id: string): Promise<DomainRequest> {
    const request = await this.options.store.getDomainRequest(id);
    if (!request) throw new NotFoundError(`no domain request with id ${id}`);
    return request;
  }

  /** Whether a domain name is free: format, catalog, requests and Azure. */
  async availability(
    name: string,
  ): Promise<{ available: boolean; problems: FieldProblem[] }> {
    const ruleProblems = validateDomainRequestInput({ name }).filter(
      p => p.field === 'name',
    );
    const problems =
      ruleProblems.length > 0 ? ruleProblems : await this.nameProblems(name);
    return { available: problems.length === 0, problems };
  }

  /**
   * The platform team's decision. Only a pending request can be decided,
   * never by the person who asked for it. Approving starts provisioning on
   * the approver's behalf.
   */
  async decide(
    id: string,
    decision: DomainRequestDecision,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<DomainRequest> {
    const decider = credentials.principal.userEntityRef;
    if (decision.decision === 'reject') {
      const length = decision.comment?.trim().length ?? 0;
      if (length < 3 || length > 500) {
        throw new InputError(
          `comment: a rejection needs a comment for the requester (3-500 characters), got ${length}`,
        );
      }
    }
    const decided = await this.options.store.updateDomainRequest(
      id,
      current => {
        if (current.status !== 'pending-approval') {
          throw new ConflictError(alreadyDecided(current));
        }
        if (current.requestedBy === decider) {
          throw new ConflictError(
            `${decider} submitted domain request ${id}; another platform engineer must approve or reject it`,
          );
        }
        return {
          ...current,
          status: decision.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: decider,
          decidedAt: this.now().toISOString(),
          ...(decision.comment?.trim()
            ? { decisionComment: decision.comment.trim() }
            : {}),
        };
      },
    );
    this.options.logger.info(
      `Domain request ${id} ${decided.status} by ${decider}`,
    );

    let result = decided;
    if (decided.status === 'approved') {
      try {
        result = await this.startProvisioning(decided, credentials);
      } catch (error) {
        // The decision stands; the failure is kept on the request, where the
        // platform team sees it and can start provisioning again.
        const failure = `starting the provisioning task failed: ${errorText(
          error,
        )}`;
        this.options.logger.error(`Domain request ${id}: ${failure}`);
        result = await this.options.store.updateDomainRequest(id, current => ({
          ...current,
          failure,
        }));
      }
    }
    await this.options.notifier.decided(result);
    return result;
  }

  /** (Re)starts the provisioning task of an approved or failed request. */
  async provision(
    id: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<DomainRequest> {
    const request = await this.get(id);
    if (!PROVISIONABLE_STATUSES.includes(request.status)) {
      throw new ConflictError(
        `domain request ${id} is ${request.status}; provisioning can only (re)start for an approved, provisioning or failed request`,
      );
    }
    try {
      return await this.startProvisioning(request, credentials);
    } catch (error) {
      throw new ServiceUnavailableError(
        `Starting the provisioning task of domain request ${id} failed: ${errorText(
          error,
        )}`,
      );
    }
  }

  /**
   * The gate the provisioning template passes first: refuses anything the
   * platform team has not approved.
   */
  async markProvisioning(id: string, taskId?: string): Promise<DomainRequest> {
    return this.options.store.updateDomainRequest(id, current => {
      if (!PROVISIONABLE_STATUSES.includes(current.status)) {
        throw new ConflictError(gateRefusal(current));
      }
      const unchanged =
        current.status === 'provisioning' &&
        !current.failure &&
        (!taskId || taskId === current.provisioningTaskId);
      if (unchanged) return current;
      const { failure: _cleared, ...rest } = current;
      return {
        ...rest,
        status: 'provisioning',
        provisioningTaskId: taskId ?? current.provisioningTaskId,
      };
    });
  }

  /** What provisioning ended with; the same result twice is accepted once. */
  async recordResult(
    id: string,
    result: DomainRequestResult,
  ): Promise<DomainRequest> {
    let changed = false;
    const request = await this.options.store.updateDomainRequest(
      id,
      current => {
        if (sameResult(current, result)) return current;
        if (current.status !== 'provisioning') {
          throw new ConflictError(
            `domain request ${id} is ${current.status}; a result can only be recorded while it is provisioning`,
          );
        }
        changed = true;
        if (result.status === 'failed') {
          return { ...current, status: 'failed', failure: result.failure };
        }
        const { failure: _cleared, ...rest } = current;
        return {
          ...rest,
          status: 'provisioned',
          subscriptionId: result.subscriptionId,
          domainEntityRef: result.domainEntityRef,
          ...(result.workspaceResourceId
            ? { workspaceResourceId: result.workspaceResourceId }
            : {}),
        };
      },
    );
    if (changed) {
      this.options.logger.info(`Domain request ${id} ${request.status}`);
      await this.options.notifier.finished(request);
    }
    return request;
  }

  /**
   * Closes requests whose provisioning task died. The template reports
   * results only when it gets to its last step, so a task that failed or was
   * cancelled on the way would leave the request provisioning for good.
   * Completed tasks are left alone: their result comes through
   * `recordResult`. Each request is checked on its own, so one unreadable
   * task does not hold up the rest.
   */
  async checkProvisioningTasks(): Promise<ProvisioningTaskCheckSummary> {
    const summary: ProvisioningTaskCheckSummary = {
      checked: 0,
      failed: [],
      errors: [],
    };
    const requests = await this.options.store.listDomainRequests({
      statuses: ['approved', 'provisioning'],
    });
    for (const request of requests) {
      const taskId = request.provisioningTaskId;
      if (!taskId) continue;
      summary.checked += 1;
      try {
        const failure = await this.failTaskIfDead(request.id, taskId);
        if (failure)
          summary.failed.push({ requestId: request.id, taskId, failure });
      } catch (error) {
        const message = `checking provisioning task ${taskId} failed: ${errorText(
          error,
        )}`;
        summary.errors.push({ requestId: request.id, message });
        this.options.logger.error(`Domain request ${request.id}: ${message}`);
      }
    }
    this.options.logger.info(
      `Provisioning task check: ${summary.checked} checked, ${summary.failed.length} failed, ${summary.errors.length} errors`,
    );
    return summary;
  }

  /** Records the request as failed when its task died; returns the failure. */
  private async failTaskIfDead(
    id: string,
    taskId: string,
  ): Promise<string | undefined> {
    const task = await this.options.taskStarter.getTaskStatus(taskId);
    if (!DEAD_TASK_STATUSES.includes(task.status)) return undefined;
    const failure = `provisioning task ${taskId} ${task.status}${
      task.error ? `: ${task.error}` : ' without an error message'
    }.`;
    let changed = false;
    const request = await this.options.store.updateDomainRequest(
      id,
      current => {
        // A retry may have started a new task, or the task may have reported
        // a result, since the list was read: only the dead task's own
        // request is closed.
        if (
          current.provisioningTaskId !== taskId ||
          !['approved', 'provisioning'].includes(current.status)
        ) {
          return current;
        }
        changed = true;
        return { ...current, status: 'failed', failure };
      },
    );
    if (!changed) return undefined;
    this.options.logger.warn(`Domain request ${id} failed: ${failure}`);
    await this.options.notifier.finished(request);
    return failure;
  }

  private async startProvisioning(
    request: DomainRequest,
    onBehalfOf: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<DomainRequest> {
    const { taskId } = await this.options.taskStarter.startTask({
      templateRef: this.options.templateRef,
      values: { requestId: request.id },
      onBehalfOf,
    });
    this.options.logger.info(
      `Domain request ${request.id}: provisioning task ${taskId} started on behalf of ${onBehalfOf.principal.userEntityRef}`,
    );
    // Only the task id: the task may already have passed the gate and moved
    // the request on while the scaffolder answered.
    return this.options.store.updateDomainRequest(request.id, current => ({
      ...current,
      provisioningTaskId: taskId,
    }));
  }

  private async findResubmission(
    input: DomainRequestInput,
    requestedBy: string,
  ) {
    const candidates = await this.options.store.listDomainRequests({
      name: input.name,
      requestedBy,
      statuses: OPEN_STATUSES,
    });
    const wanted = JSON.stringify(input);
    return candidates.find(r => JSON.stringify(normalize(r.input)) === wanted);
  }

  private async check(
    input: unknown,
    requestId?: string,
  ): Promise<{ problems: FieldProblem[]; plan?: DomainPlan }> {
    const problems = validateDomainRequestInput(input);
    if (!isObject(input)) return { problems };
    const wrong = new Set(problems.map(p => p.field));
    const candidate = input as Partial<DomainRequestInput>;

    const [nameProblems, owner] = await Promise.all([
      wrong.has('name') ? [] : this.nameProblems(candidate.name as string),
      wrong.has('ownerGroup')
        ? undefined
        : this.options.owners.resolve(candidate.ownerGroup as string),
    ]);
    problems.push(...nameProblems, ...(owner?.problems ?? []));
    if (problems.length > 0 || !owner?.owner) return { problems };

    const plan = buildDomainPlan(normalize(candidate as DomainRequestInput), {
      managementGroups: this.options.azure.managementGroups,
      owner: owner.owner,
      requestId,
    });
    return { problems, plan };
  }

  private async nameProblems(name: string): Promise<FieldProblem[]> {
    const domainRef = `domain:default/${name}`;
    const aliasName = domainResourceNames(name).aliasName;
    const [domain, holders, alias] = await Promise.all([
      this.options.auth
        .getOwnServiceCredentials()
        .then(credentials =>
          this.options.catalog.getEntityByRef(domainRef, { credentials }),
        ),
      this.options.store.listDomainRequests({
        name,
        statuses: NAME_HOLDING_STATUSES,
      }),
      findAlias(this.options.azure, aliasName),
    ]);
    const problems: FieldProblem[] = [];
    if (domain) {
      problems.push({
        field: 'name',
        message: `"${name}" is already a domain in the catalog (${domainRef}); choose another name`,
      });
    }
    const holder = holders[0];
    if (holder) {
      problems.push({
        field: 'name',
        message: `"${name}" is already asked for by domain request ${holder.id} (${holder.status}, by ${holder.requestedBy}); choose another name`,
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
