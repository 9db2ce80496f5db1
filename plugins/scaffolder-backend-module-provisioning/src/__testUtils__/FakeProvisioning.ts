import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  buildDomainPlan,
  buildSandboxPlan,
  DomainPlan,
  DomainRequest,
  DomainRequestInput,
  DomainRequestStatus,
  FieldProblem,
  formatProblems,
  PublishedEntitySet,
  SandboxLease,
  SandboxLeaseInput,
  SandboxPlan,
  toGroupRef,
  validateDomainRequestInput,
  validateSandboxLeaseInput,
  ValidationResult,
} from '@dataplatform/plugin-provisioning-common';
import {
  DomainNameAvailability,
  DomainProvisioningResult,
  ProvisionedEntity,
  ProvisioningRequestOptions,
  ProvisioningService,
  PublishEntitiesOptions,
} from '@dataplatform/plugin-provisioning-node';

const managementGroups = {
  root: 'mg-dataplatform',
  platform: 'mg-dataplatform-platform',
  domains: 'mg-dataplatform-domains',
  sandboxes: 'mg-dataplatform-sandboxes',
  decommissioned: 'mg-dataplatform-decommissioned',
};

/** Groups the fake catalog knows, with their Entra ID object id and email. */
export const KNOWN_GROUPS: Record<
  string,
  { principalId: string; email: string }
> = {
  'group:default/finance-domain-owners': {
    principalId: '11111111-1111-1111-1111-111111111111',
    email: 'finance-owners@contoso.com',
  },
  'group:default/sales-owners': {
    principalId: '22222222-2222-2222-2222-222222222222',
    email: 'sales-owners@contoso.com',
  },
};

export interface RecordedCall {
  method: keyof ProvisioningService;
  args: unknown[];
  credentials?: BackstageCredentials;
}

const MUTATIONS: Array<keyof ProvisioningService> = [
  'submitDomainRequest',
  'startDomainProvisioning',
  'recordDomainResult',
  'createSandboxLease',
  'activateSandboxLease',
  'putPublishedEntities',
];

/** Domain request statuses that keep a name from anyone else (as the backend's). */
const NAME_HOLDING_STATUSES: readonly DomainRequestStatus[] = [
  'pending-approval',
  'approved',
  'provisioning',
  'provisioned',
];
/** Statuses in which a requester submitting the same input gets the request back. */
const OPEN_STATUSES: readonly DomainRequestStatus[] = [
  'pending-approval',
  'approved',
  'provisioning',
];

/**
 * An in-memory provisioning backend with the HTTP API's rules that the
 * actions depend on: the owner group must be known, a name is held by the
 * lease or request that has it, creating validates again and answers the
 * same requester's repeat with what they already have, the gate refuses
 * unapproved requests, results only follow provisioning, a published set
 * stays its initiator's. Errors are the ones the real backend throws, with
 * its messages.
 */
export class FakeProvisioning implements ProvisioningService {
  readonly calls: RecordedCall[] = [];
  readonly domainRequests = new Map<string, DomainRequest>();
  readonly leases = new Map<string, SandboxLease>();
  readonly published = new Map<string, PublishedEntitySet>();
  private nextId = 1;

  constructor(private readonly now = new Date('2026-11-24T10:00:00Z')) {}

  /** Calls that would have changed something in the backend. */
  mutations(): RecordedCall[] {
    return this.calls.filter(c => MUTATIONS.includes(c.method));
  }

  /** What a platform engineer's approval does to a request. */
  approve(id: string, by = 'user:default/priya.patel') {
    const request = this.mustGetRequest(id);
    request.status = 'approved';
    request.decidedBy = by;
    request.decidedAt = '2026-11-24T09:30:00.000Z';
  }

  async validateDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<DomainPlan>> {
    this.record('validateDomainRequest', [input], options);
    const problems = this.domainRequestProblems(input);
    if (problems.length > 0) return { problems };
    return { problems, plan: this.domainPlan(input) };
  }

  async submitDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    this.record('submitDomainRequest', [input], options);
    const requestedBy = userOf(options);
    const wanted = comparableDomainInput(input);
    const existing = [...this.domainRequests.values()].find(
      r =>
        r.requestedBy === requestedBy &&
        OPEN_STATUSES.includes(r.status) &&
        comparableDomainInput(r.input) === wanted,
    );
    if (existing) return structuredClone(existing);
    const problems = this.domainRequestProblems(input);
    if (problems.length > 0) throw new InputError(formatProblems(problems));
    const id = `dr-${this.nextId++}`;
    const request: DomainRequest = {
      id,
      input,
      plan: this.domainPlan(input, id),
      status: 'pending-approval',
      requestedBy,
      requestedAt: this.now.toISOString(),
      updatedAt: this.now.toISOString(),
    };
    this.domainRequests.set(id, request);
    return structuredClone(request);
  }

  async getDomainRequest(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    this.record('getDomainRequest', [id], options);
    return structuredClone(this.mustGetRequest(id));
  }

  async startDomainProvisioning(
    id: string,
    taskId?: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    this.record('startDomainProvisioning', [id, taskId], options);
    const request = this.mustGetRequest(id);
    if (!['approved', 'provisioning', 'failed'].includes(request.status)) {
      throw new ConflictError(
        `domain request ${id} is ${request.status}: the platform team must approve it before anything is vended`,
      );
    }
    request.status = 'provisioning';
    request.provisioningTaskId = taskId;
    delete request.failure;
    return structuredClone(request);
  }

  async recordDomainResult(
    id: string,
    result: DomainProvisioningResult,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    this.record('recordDomainResult', [id, result], options);
    const request = this.mustGetRequest(id);
    if (request.status !== 'provisioning') {
      throw new ConflictError(
        `domain request ${id} is ${request.status}; a result can only be recorded while it is provisioning`,
      );
    }
    if (result.status === 'provisioned') {
      request.status = 'provisioned';
      request.subscriptionId = result.subscriptionId;
      request.workspaceResourceId = result.workspaceResourceId;
      request.domainEntityRef = result.domainEntityRef;
    } else {
      request.status = 'failed';
      request.failure = result.failure;
    }
    return structuredClone(request);
  }

  async domainNameAvailability(
    name: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainNameAvailability> {
    this.record('domainNameAvailability', [name], options);
    const taken = [...this.domainRequests.values()].some(
      r => r.input.name === name,
    );
    return taken
      ? {
          available: false,
          problems: [
            { field: 'name', message: `"${name}" is already requested` },
          ],
        }
      : { available: true, problems: [] };
  }

  async validateSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<SandboxPlan>> {
    this.record('validateSandboxLease', [input], options);
    const problems = this.sandboxLeaseProblems(input);
    if (problems.length > 0) return { problems };
    return { problems, plan: this.sandboxPlan(input) };
  }

  async createSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    this.record('createSandboxLease', [input], options);
    const requestedBy = userOf(options);
    const existing = [...this.leases.values()].find(
      l =>
        l.input.name === input.name &&
        l.requestedBy === requestedBy &&
        l.state === 'provisioning',
    );
    if (existing) return structuredClone(existing);
    const problems = this.sandboxLeaseProblems(input);
    if (problems.length > 0) throw new InputError(formatProblems(problems));
    const id = `sl-${this.nextId++}`;
    const plan = this.sandboxPlan(input, id);
    const lease: SandboxLease = {
      id,
      input,
      plan,
      state: 'provisioning',
      requestedBy,
      createdAt: this.now.toISOString(),
      expiresAt: `${plan.expiresOn}T10:00:00.000Z`,
      extensionsUsed: 0,
      history: [],
      updatedAt: this.now.toISOString(),
    };
    this.leases.set(id, lease);
    return structuredClone(lease);
  }

  async getSandboxLease(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    this.record('getSandboxLease', [id], options);
    return structuredClone(this.mustGetLease(id));
  }

  async activateSandboxLease(
    id: string,
    subscriptionId: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    this.record('activateSandboxLease', [id, subscriptionId], options);
    const lease = this.mustGetLease(id);
    if (lease.state !== 'provisioning') {
      throw new ConflictError(`sandbox lease ${id} is ${lease.state}`);
    }
    lease.state = 'active';
    lease.subscriptionId = subscriptionId;
    return structuredClone(lease);
  }

  async putPublishedEntities(
    key: string,
    entities: ProvisionedEntity[],
    options?: PublishEntitiesOptions,
  ): Promise<PublishedEntitySet> {
    this.record(
      'putPublishedEntities',
      [key, entities, options?.taskId, options?.initiatedBy],
      options,
    );
    const current = this.published.get(key);
    if (current?.initiatedBy && current.initiatedBy !== options?.initiatedBy) {
      throw new ConflictError(
        `${key} was published by ${current.initiatedBy}; only they can replace it`,
      );
    }
    const set: PublishedEntitySet = {
      key,
      entities: structuredClone(entities),
      ...(options?.initiatedBy ? { initiatedBy: options.initiatedBy } : {}),
      taskId: options?.taskId,
      publishedAt: this.now.toISOString(),
    };
    this.published.set(key, set);
    return structuredClone(set);
  }

  async listCatalogEntities(
    options?: ProvisioningRequestOptions,
  ): Promise<{ entities: ProvisionedEntity[] }> {
    this.record('listCatalogEntities', [], options);
    return {
      entities: [...this.published.values()].flatMap(s => s.entities),
    };
  }

  private record(
    method: keyof ProvisioningService,
    args: unknown[],
    options?: ProvisioningRequestOptions,
  ) {
    this.calls.push({ method, args, credentials: options?.credentials });
  }

  private domainRequestProblems(input: DomainRequestInput): FieldProblem[] {
    const problems = validateDomainRequestInput(input);
    if (problems.some(p => p.field === 'name')) {
      return [...problems, ...this.groupProblems(input.ownerGroup)];
    }
    const holder = [...this.domainRequests.values()].find(
      r =>
        r.input.name === input.name && NAME_HOLDING_STATUSES.includes(r.status),
    );
    return [
      ...problems,
      ...(holder
        ? [
            {
              field: 'name',
              message: `"${input.name}" is already asked for by domain request ${holder.id} (${holder.status}, by ${holder.requestedBy}); choose another name`,
            },
          ]
        : []),
      ...this.groupProblems(input.ownerGroup),
    ];
  }

  private sandboxLeaseProblems(input: SandboxLeaseInput): FieldProblem[] {
    const problems = validateSandboxLeaseInput(input);
    if (problems.some(p => p.field === 'name')) {
      return [...problems, ...this.groupProblems(input.ownerGroup)];
    }
    const holder = [...this.leases.values()].find(
      l => l.input.name === input.name && l.state !== 'decommissioned',
    );
    return [
      ...problems,
      ...(holder
        ? [
            {
              field: 'name',
              message: `"${input.name}" is already used by sandbox lease ${holder.id} (${holder.state}); choose another name`,
            },
          ]
        : []),
      ...this.groupProblems(input.ownerGroup),
    ];
  }

  private groupProblems(ownerGroup: unknown): FieldProblem[] {
    if (typeof ownerGroup !== 'string') return [];
    return KNOWN_GROUPS[toGroupRef(ownerGroup)]
      ? []
      : [
          {
            field: 'ownerGroup',
            message: `unknown group "${ownerGroup}"; pick a group from the catalog`,
          },
        ];
  }

  private owner(ownerGroup: string) {
    const ref = toGroupRef(ownerGroup);
    return { ref, ...KNOWN_GROUPS[ref] };
  }

  private domainPlan(input: DomainRequestInput, requestId?: string) {
    return buildDomainPlan(input, {
      managementGroups,
      owner: this.owner(input.ownerGroup),
      requestId,
    });
  }

  private sandboxPlan(input: SandboxLeaseInput, leaseId?: string) {
    return buildSandboxPlan(input, {
      managementGroups,
      owner: this.owner(input.ownerGroup),
      start: this.now,
      leaseId,
    });
  }

  private mustGetRequest(id: string): DomainRequest {
    const request = this.domainRequests.get(id);
    if (!request) throw new NotFoundError(`no domain request ${id}`);
    return request;
  }

  private mustGetLease(id: string): SandboxLease {
    const lease = this.leases.get(id);
    if (!lease) throw new NotFoundError(`no sandbox lease ${id}`);
    return lease;
  }
}

/**
 * The input as the backend compares a resubmission: owner group as a full
 * ref, no empty title, fields in a fixed order.
 */
function comparableDomainInput(input: DomainRequestInput): string {
  return JSON.stringify({
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
  });
}

function userOf(options?: ProvisioningRequestOptions): string {
  const principal = options?.credentials?.principal as
    | { type: string; userEntityRef?: string }
    | undefined;
  if (principal?.type !== 'user' || !principal.userEntityRef) {
    throw new Error('the fake backend takes requests from users only');
  }
  return principal.userEntityRef;
}
