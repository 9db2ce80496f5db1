import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  DomainRequest,
  DomainRequestStatus,
  SandboxLease,
  SandboxLeaseState,
  SandboxPlan,
  ValidationResult,
} from '@dataplatform/plugin-provisioning-common';
import {
  DomainRequestDecision,
  NameAvailability,
  ProvisioningApi,
} from './ProvisioningApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-provisioning`). */
const BACKEND_PLUGIN_ID = 'dataplatform-provisioning';

/** The Azure backend plugin, which knows the tenant. */
const AZURE_BACKEND_PLUGIN_ID = 'dataplatform-azure';

function query(name: string, values: readonly string[] | undefined): string {
  return values && values.length > 0
    ? `?${name}=${values.map(encodeURIComponent).join(',')}`
    : '';
}

/** Calls the `dataplatform-provisioning` backend plugin over HTTP. */
export class ProvisioningClient implements ProvisioningApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDomainRequests(
    options: { status?: DomainRequestStatus[] } = {},
  ): Promise<DomainRequest[]> {
    const { items } = await this.request<{ items: DomainRequest[] }>(
      `/domain-requests${query('status', options.status)}`,
    );
    return items;
  }

  getDomainRequest(id: string): Promise<DomainRequest> {
    return this.request(`/domain-requests/${encodeURIComponent(id)}`);
  }

  decide(
    id: string,
    decision: DomainRequestDecision,
    comment?: string,
  ): Promise<DomainRequest> {
    return this.post(`/domain-requests/${encodeURIComponent(id)}/decision`, {
      decision,
      ...(comment === undefined ? {} : { comment }),
    });
  }

  retryProvisioning(id: string): Promise<DomainRequest> {
    return this.post(`/domain-requests/${encodeURIComponent(id)}/provision`);
  }

  async listSandboxLeases(
    options: { state?: SandboxLeaseState[] } = {},
  ): Promise<SandboxLease[]> {
    const { items } = await this.request<{ items: SandboxLease[] }>(
      `/sandbox-leases${query('state', options.state)}`,
    );
    return items;
  }

  getSandboxLease(id: string): Promise<SandboxLease> {
    return this.request(`/sandbox-leases/${encodeURIComponent(id)}`);
  }

  extendLease(id: string, days: number): Promise<SandboxLease> {
    return this.post(`/sandbox-leases/${encodeURIComponent(id)}/extension`, {
      days,
    });
  }

  domainNameAvailability(name: string): Promise<NameAvailability> {
    return this.request(
      `/domain-names/${encodeURIComponent(name)}/availability`,
    );
  }

  async sandboxNameAvailability(name: string): Promise<NameAvailability> {
    // The other fields are missing on purpose; their problems say nothing
    // about the name, so only the name's are kept.
    const result = await this.post<ValidationResult<SandboxPlan>>(
      '/sandbox-leases/validate',
      { input: { name } },
    );
    const problems = result.problems.filter(p => p.field === 'name');
    return { available: problems.length === 0, problems };
  }

  async getAzureTenantId(): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(AZURE_BACKEND_PLUGIN_ID);
    const { tenantId } = await this.fetchJson<{ tenantId: string }>(
      `${baseUrl}/connection`,
    );
    return tenantId;
  }

  private post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    return this.fetchJson<T>(`${baseUrl}${path}`, init);
  }

  private async fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
