import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  EntityHealthListResponse,
  HISTORY_WINDOWS,
  HistoryWindow,
} from '@dataplatform/plugin-health-common';
import { HealthApi } from './HealthApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-health`). */
const BACKEND_PLUGIN_ID = 'dataplatform-health';

/**
 * `/:kind/:namespace/:name` of an entity. The kind is lower-cased because
 * entity refs and catalog URLs write it that way; the name keeps its case.
 */
function entityPath(entityRef: CompoundEntityRef | string): string {
  const ref =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return [ref.kind.toLocaleLowerCase('en-US'), ref.namespace, ref.name]
    .map(part => `/${encodeURIComponent(part)}`)
    .join('');
}

/** Calls the `dataplatform-health` backend plugin over HTTP. */
export class HealthClient implements HealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listEntities(): Promise<EntityHealthListResponse> {
    return this.request('/entities');
  }

  getEntityHealth(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityHealthDetailResponse> {
    return this.request(`/entities${entityPath(entityRef)}`);
  }

  async getEntityHistory(
    entityRef: CompoundEntityRef | string,
    window: HistoryWindow,
  ): Promise<EntityHealthHistoryResponse> {
    // Caught here rather than as a 400 from the backend: a wrong window is
    // a programming error in the caller, and this names what is allowed.
    if (!(HISTORY_WINDOWS as readonly string[]).includes(window)) {
      throw new TypeError(
        `window must be one of ${HISTORY_WINDOWS.join(', ')} (got '${window}')`,
      );
    }
    return this.request(
      `/entities${entityPath(entityRef)}/history?window=${window}`,
    );
  }

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
