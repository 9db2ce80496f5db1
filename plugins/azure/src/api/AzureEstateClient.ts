import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  AzureConnectionInfo,
  AzureEstate,
} from '@dataplatform/plugin-azure-common';
import { AzureEstateApi } from './AzureEstateApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-azure`). */
const BACKEND_PLUGIN_ID = 'dataplatform-azure';

/** Calls the `dataplatform-azure` backend plugin over HTTP. */
export class AzureEstateClient implements AzureEstateApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getConnection(): Promise<AzureConnectionInfo> {
    return this.request<AzureConnectionInfo>('/connection');
  }

  getEstate(): Promise<AzureEstate> {
    return this.request<AzureEstate>('/estate');
  }

  refreshEstate(): Promise<AzureEstate> {
    return this.request<AzureEstate>('/estate/refresh', { method: 'POST' });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
