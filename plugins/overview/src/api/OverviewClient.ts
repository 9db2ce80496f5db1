import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  DomainOverviewResponse,
  filtersToQuery,
  MeResponse,
  MyDomainsResponse,
  OverviewFilters,
  PlatformHomeResponse,
} from '@dataplatform/plugin-overview-common';
import { OverviewApi } from './OverviewApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-overview`). */
const BACKEND_PLUGIN_ID = 'dataplatform-overview';

/** A catalog entity name, as the backend validates `:name`. */
const ENTITY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

function entityName(value: string, field: string): string {
  if (!ENTITY_NAME_PATTERN.test(value)) {
    throw new TypeError(
      `${field} must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got '${value}')`,
    );
  }
  return encodeURIComponent(value);
}

/** Calls the `dataplatform-overview` backend plugin over HTTP. */
export class OverviewClient implements OverviewApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getPlatformHome(
    filters: OverviewFilters = {},
  ): Promise<PlatformHomeResponse> {
    // The same query the page keeps in its URL, so both read the same way.
    const query = filtersToQuery(filters);
    return this.json(`/domains${query ? `?${query}` : ''}`);
  }

  async getDomain(name: string): Promise<DomainOverviewResponse> {
    return this.json(`/domains/${entityName(name, 'name')}`);
  }

  async getMe(): Promise<MeResponse> {
    return this.json('/me');
  }

  async getMyDomains(): Promise<MyDomainsResponse> {
    return this.json('/me/domains');
  }

  private async json<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
