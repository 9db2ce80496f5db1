import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ForwardedError, ResponseError } from '@backstage/errors';
import {
  DomainPlan,
  DomainRequest,
  DomainRequestInput,
  FieldProblem,
  PublishedEntitySet,
  SandboxLease,
  SandboxLeaseInput,
  SandboxPlan,
  ValidationResult,
} from '@dataplatform/plugin-provisioning-common';

/** The provisioning backend's plugin id, for discovery and service tokens. */
export const PROVISIONING_PLUGIN_ID = 'dataplatform-provisioning';

/** Who a call is made as. */
export interface ProvisioningRequestOptions {
  /**
   * Call on behalf of these credentials, typically a scaffolder task's
   * initiator (`await ctx.getInitiatorCredentials()`), so the backend checks
   * that person's permissions. Without them the call is made as the calling
   * plugin itself (a service call).
   */
  credentials?: BackstageCredentials;
}

/** Options of {@link ProvisioningService.putPublishedEntities}. */
export interface PublishEntitiesOptions extends ProvisioningRequestOptions {
  /** The scaffolder task publishing the set, recorded with it. */
  taskId?: string;
  /**
   * The user entity ref of the person who ran that task (`ctx.user?.ref`).
   * The backend records it and lets only that person replace the set later.
   */
  initiatedBy?: string;
}

/** How a provisioning run ended, for `POST /domain-requests/:id/result`. */
export type DomainProvisioningResult =
  | {
      status: 'provisioned';
      subscriptionId: string;
      workspaceResourceId?: string;
      domainEntityRef: string;
    }
  | { status: 'failed'; failure: string };

/** Answer of `GET /domain-names/:name/availability`. */
export interface DomainNameAvailability {
  available: boolean;
  problems: FieldProblem[];
}

/** An entity as the provisioning backend stores and serves it. */
export type ProvisionedEntity = PublishedEntitySet['entities'][number];

/**
 * The provisioning backend's HTTP API, as seen from other backend plugins.
 * Every method fails with a `ResponseError` (from `@backstage/errors`) whose
 * message is the backend's own message, so an InputError or ConflictError
 * reaches the caller's log unchanged; `error.cause.name` tells which it was.
 */
export interface ProvisioningService {
  /** `POST /domain-requests/validate`: field and stateful problems, or the plan. */
  validateDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<DomainPlan>>;
  /** `POST /domain-requests`: a new request awaiting approval (or the same open one again). */
  submitDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest>;
  /** `GET /domain-requests/:id` */
  getDomainRequest(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest>;
  /**
   * `POST /domain-requests/:id/provisioning`, the gate: marks the request
   * `provisioning` for this task, or fails with a 409 unless it was approved.
   */
  startDomainProvisioning(
    id: string,
    taskId?: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest>;
  /** `POST /domain-requests/:id/result` */
  recordDomainResult(
    id: string,
    result: DomainProvisioningResult,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest>;
  /** `GET /domain-names/:name/availability` */
  domainNameAvailability(
    name: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainNameAvailability>;
  /** `POST /sandbox-leases/validate` */
  validateSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<SandboxPlan>>;
  /** `POST /sandbox-leases`: a lease in state `provisioning`. */
  createSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease>;
  /** `GET /sandbox-leases/:id` */
  getSandboxLease(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease>;
  /** `POST /sandbox-leases/:id/activation` */
  activateSandboxLease(
    id: string,
    subscriptionId: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease>;
  /**
   * `PUT /published-entities/:key`: replaces the set under `key`; a 409 when
   * another person published it (see {@link PublishEntitiesOptions.initiatedBy}).
   */
  putPublishedEntities(
    key: string,
    entities: ProvisionedEntity[],
    options?: PublishEntitiesOptions,
  ): Promise<PublishedEntitySet>;
  /** `GET /catalog-entities`: everything the catalog should hold from provisioning. */
  listCatalogEntities(
    options?: ProvisioningRequestOptions,
  ): Promise<{ entities: ProvisionedEntity[] }>;
}

/** {@link ProvisioningService} over HTTP, authenticated with the caller's plugin tokens. */
export class ProvisioningClient implements ProvisioningService {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  validateDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<DomainPlan>> {
    return this.call('POST', '/domain-requests/validate', options, { input });
  }

  submitDomainRequest(
    input: DomainRequestInput,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    return this.call('POST', '/domain-requests', options, { input });
  }

  getDomainRequest(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    return this.call('GET', `/domain-requests/${segment(id)}`, options);
  }

  startDomainProvisioning(
    id: string,
    taskId?: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    return this.call(
      'POST',
      `/domain-requests/${segment(id)}/provisioning`,
      options,
      taskId === undefined ? {} : { taskId },
    );
  }

  recordDomainResult(
    id: string,
    result: DomainProvisioningResult,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainRequest> {
    return this.call(
      'POST',
      `/domain-requests/${segment(id)}/result`,
      options,
      result,
    );
  }

  domainNameAvailability(
    name: string,
    options?: ProvisioningRequestOptions,
  ): Promise<DomainNameAvailability> {
    return this.call(
      'GET',
      `/domain-names/${segment(name)}/availability`,
      options,
    );
  }

  validateSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<ValidationResult<SandboxPlan>> {
    return this.call('POST', '/sandbox-leases/validate', options, { input });
  }

  createSandboxLease(
    input: SandboxLeaseInput,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    return this.call('POST', '/sandbox-leases', options, { input });
  }

  getSandboxLease(
    id: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    return this.call('GET', `/sandbox-leases/${segment(id)}`, options);
  }

  activateSandboxLease(
    id: string,
    subscriptionId: string,
    options?: ProvisioningRequestOptions,
  ): Promise<SandboxLease> {
    return this.call(
      'POST',
      `/sandbox-leases/${segment(id)}/activation`,
      options,
      { subscriptionId },
    );
  }

  putPublishedEntities(
    key: string,
    entities: ProvisionedEntity[],
    options?: PublishEntitiesOptions,
  ): Promise<PublishedEntitySet> {
    return this.call('PUT', `/published-entities/${segment(key)}`, options, {
      entities,
      ...(options?.taskId === undefined ? {} : { taskId: options.taskId }),
      ...(options?.initiatedBy === undefined
        ? {}
        : { initiatedBy: options.initiatedBy }),
    });
  }

  listCatalogEntities(
    options?: ProvisioningRequestOptions,
  ): Promise<{ entities: ProvisionedEntity[] }> {
    return this.call('GET', '/catalog-entities', options);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: ProvisioningRequestOptions | undefined,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl(PROVISIONING_PLUGIN_ID);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf:
        options?.credentials ?? (await this.auth.getOwnServiceCredentials()),
      targetPluginId: PROVISIONING_PLUGIN_ID,
    });
    const url = `${baseUrl}${path}`;

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ForwardedError(
        `Cannot reach the provisioning backend (${method} ${url})`,
        error,
      );
    }

    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // fromResponse says only "Request failed with 409 Conflict"; what the
      // person must read (who decided, which field is wrong) is in the cause.
      error.message = error.cause.message;
      throw error;
    }
    return (await response.json()) as T;
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
