import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  EntityRetentionDetail,
  EntityRetentionSummary,
  EstateFindingsResponse,
  VERDICTS,
} from '@dataplatform/plugin-retention-common';
import {
  defaultFindingsCsvFilename,
  filenameFromContentDisposition,
} from '../lib/download';
import { FindingsQuery, RetentionApi } from './RetentionApi';

/** The id the backend plugin is mounted under (`/api/dataplatform-retention`). */
const BACKEND_PLUGIN_ID = 'dataplatform-retention';

function segment(value: string, field: string): string {
  if (!value) {
    throw new TypeError(`${field} must not be empty`);
  }
  return encodeURIComponent(value);
}

/**
 * `?verdict=…&domain=…&format=…`. Wrong verdicts are caught here rather than
 * as a 400 from the backend: they are a programming error in the caller,
 * and this names what is allowed.
 */
function findingsSearch(
  query: FindingsQuery | undefined,
  format: 'json' | 'csv',
): string {
  const params = new URLSearchParams();
  const verdicts = query?.verdict ?? [];
  for (const verdict of verdicts) {
    if (!(VERDICTS as readonly string[]).includes(verdict)) {
      throw new TypeError(
        `verdict must be one of ${VERDICTS.join(', ')} (got '${verdict}')`,
      );
    }
  }
  if (verdicts.length > 0) params.set('verdict', verdicts.join(','));
  if (query?.domain !== undefined) {
    if (!query.domain.trim() || /[:/]/.test(query.domain)) {
      throw new TypeError(
        `domain must be a domain name such as 'hr', not an entity ref (got '${query.domain}')`,
      );
    }
    params.set('domain', query.domain);
  }
  params.set('format', format);
  return `?${params.toString()}`;
}

/** Calls the `dataplatform-retention` backend plugin over HTTP. */
export class RetentionClient implements RetentionApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly now: () => Date;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** The clock for the fallback name of a CSV export; tests set it. */
    now?: () => Date;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.now = options.now ?? (() => new Date());
  }

  async getEntities(): Promise<{ items: EntityRetentionSummary[] }> {
    return (await this.request('/entities')).json();
  }

  async getEntity(
    kind: string,
    namespace: string,
    name: string,
  ): Promise<EntityRetentionDetail> {
    // Kinds are lower-cased as entity refs and catalog URLs write them;
    // names keep their case.
    const path = [
      segment(kind.toLocaleLowerCase('en-US'), 'kind'),
      segment(namespace, 'namespace'),
      segment(name, 'name'),
    ].join('/');
    return (await this.request(`/entities/${path}`)).json();
  }

  async getFindings(query?: FindingsQuery): Promise<EstateFindingsResponse> {
    return (
      await this.request(`/findings${findingsSearch(query, 'json')}`)
    ).json();
  }

  async downloadFindingsCsv(query?: FindingsQuery): Promise<File> {
    const response = await this.request(
      `/findings${findingsSearch(query, 'csv')}`,
    );
    const name =
      filenameFromContentDisposition(
        response.headers.get('content-disposition'),
      ) ?? defaultFindingsCsvFilename(this.now());
    // Read as text: the export is UTF-8 CSV, and a string makes a File in
    // every environment, where a Blob from another realm may not.
    const text = await response.text();
    return new File([text], name, {
      type: response.headers.get('content-type') ?? 'text/csv; charset=utf-8',
    });
  }

  async triggerScan(): Promise<{ triggered: boolean }> {
    return (await this.request('/scan', { method: 'POST' })).json();
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(BACKEND_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
