import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  COST_ALERT_KINDS,
  COST_ALERT_STATUSES,
  CostAlertFeed,
  CostRefreshResponse,
  DomainCostResponse,
  ENTITY_NAME_PATTERN,
  EstateCost,
  SandboxCostResponse,
} from '@dataplatform/plugin-cost-common';
import { AlertFilters, CostApi } from './CostApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-cost`). */
const BACKEND_PLUGIN_ID = 'dataplatform-cost';

function entityName(value: string, field: string): string {
  if (!ENTITY_NAME_PATTERN.test(value)) {
    throw new TypeError(
      `${field} must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got '${value}')`,
    );
  }
  return encodeURIComponent(value);
}

function oneOf<T extends string>(
  values: readonly T[] | undefined,
  allowed: readonly T[],
  field: string,
): T[] {
  for (const value of values ?? []) {
    if (!allowed.includes(value)) {
      throw new TypeError(
        `${field} must be one of ${allowed.join(', ')} (got '${value}')`,
      );
    }
  }
  return [...(values ?? [])];
}

/**
 * `?kind=…&status=…&domain=…`, comma-separated as the backend reads them.
 * Wrong values are caught here rather than as a 400: they are a mistake in
 * the caller, and this names what is allowed.
 */
export function alertsSearch(filters: AlertFilters = {}): string {
  const params = new URLSearchParams();
  const kinds = oneOf(filters.kinds, COST_ALERT_KINDS, 'kind');
  const statuses = oneOf(filters.statuses, COST_ALERT_STATUSES, 'status');
  if (kinds.length > 0) params.set('kind', kinds.join(','));
  if (statuses.length > 0) params.set('status', statuses.join(','));
  if (filters.domain !== undefined && filters.domain !== '') {
    entityName(filters.domain, 'domain');
    params.set('domain', filters.domain);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Calls the `dataplatform-cost` backend plugin over HTTP. */
export class CostClient implements CostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getDomainCost(name: string): Promise<DomainCostResponse> {
    return this.json(`/domains/${entityName(name, 'name')}`);
  }

  async getSandboxCost(name: string): Promise<SandboxCostResponse> {
    return this.json(`/sandboxes/${entityName(name, 'name')}`);
  }

  async getEstate(): Promise<EstateCost> {
    return this.json('/estate');
  }

  async getAlerts(filters?: AlertFilters): Promise<CostAlertFeed> {
    return this.json(`/alerts${alertsSearch(filters)}`);
  }

  async refresh(): Promise<CostRefreshResponse> {
    return this.json('/refresh', { method: 'POST' });
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
