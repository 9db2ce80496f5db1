import {
  CostManagementClient,
  QueryColumn,
  QueryDefinition,
} from '@azure/arm-costmanagement';
import {
  createHttpHeaders,
  createPipelineRequest,
  isRestError,
  PipelineRequest,
  PipelineResponse,
  RestError,
} from '@azure/core-rest-pipeline';
import type { AzureClients } from '../AzureClients';
import { AbortSignalLike } from './quota';

/** A query's pages Azure may return before the query is refused. */
export const DEFAULT_COST_QUERY_MAX_PAGES = 200;

export interface CostQueryAllPagesOptions {
  abortSignal?: AbortSignalLike;
  /** Refuse a result of more pages than this (default 200). */
  maxPages?: number;
}

export interface CostQueryAllPagesResult {
  /** The result's columns, the same on every page. */
  columns: QueryColumn[];
  /** Every page's rows, in Azure's order. */
  rows: unknown[][];
  /** How many pages Azure returned. */
  pages: number;
}

interface RawQueryPage {
  properties?: {
    nextLink?: string | null;
    columns?: QueryColumn[];
    rows?: unknown[][];
  };
}

function sameColumns(a: QueryColumn[], b: QueryColumn[]) {
  return (
    a.length === b.length &&
    a.every((c, i) => c.name === b[i].name && c.type === b[i].type)
  );
}

function columnList(columns: QueryColumn[]) {
  return columns.map(c => `${c.name}:${c.type}`).join(', ') || 'none';
}

/**
 * The nextLink as a URL, only if it points at the configured Resource
 * Manager endpoint: the request carries the tenant's bearer token, which
 * must never go to another host.
 */
function checkedNextLink(nextLink: string, resourceManagerEndpoint: string) {
  const expected = new URL(resourceManagerEndpoint).origin;
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    throw new Error(
      `Cost Management returned a nextLink that is not an absolute URL: '${nextLink}'`,
    );
  }
  if (url.origin !== expected) {
    throw new Error(
      `Refusing to follow the Cost Management nextLink to ${url.host}: it is not the configured Resource Manager endpoint ${expected}, and the request would carry the tenant's token`,
    );
  }
  // As Azure wrote it: the skiptoken is opaque, and re-encoding could change it.
  return nextLink;
}

/** Azure's `{ error: { code, message } }`, when the body has one. */
function azureErrorOf(text: string | null | undefined) {
  try {
    const error = JSON.parse(text ?? '')?.error;
    return {
      code: typeof error?.code === 'string' ? error.code : undefined,
      message: typeof error?.message === 'string' ? error.message : undefined,
    };
  } catch {
    return {};
  }
}

function notJson(
  page: number,
  scope: string,
  response: PipelineResponse | undefined,
  statusCode = response?.status,
) {
  return new RestError(
    `Page ${page} of the Cost Management query at ${scope} is not JSON: ${(
      response?.bodyAsText ?? ''
    ).slice(0, 80)}`,
    {
      code: RestError.PARSE_ERROR,
      statusCode,
      request: response?.request,
      response,
    },
  );
}

function pageOf(
  response: PipelineResponse,
  page: number,
  scope: string,
): RawQueryPage | undefined {
  const { status, request } = response;
  if (status < 200 || status > 299) {
    const { code, message } = azureErrorOf(response.bodyAsText);
    throw new RestError(
      message ??
        `Cost Management answered HTTP ${status} for page ${page} of the query at ${scope}`,
      { statusCode: status, code, request, response },
    );
  }
  // No content: nothing more to read.
  if (status === 204) return undefined;
  try {
    const parsed = JSON.parse(response.bodyAsText ?? '');
    if (typeof parsed !== 'object' || parsed === null) throw new Error();
    return parsed as RawQueryPage;
  } catch {
    throw notJson(page, scope, response);
  }
}

/** One more page, its unreadable body reported as the page's. */
async function sendPage(
  client: CostManagementClient,
  request: PipelineRequest,
  page: number,
  scope: string,
) {
  try {
    return await client.sendRequest(request);
  } catch (error) {
    // The client's pipeline parses a JSON-typed body itself, and its error
    // would not say which page of which query broke.
    if (isRestError(error) && error.code === RestError.PARSE_ERROR) {
      throw notJson(page, scope, error.response, error.statusCode);
    }
    throw error;
  }
}

/**
 * Runs a Cost Management query and reads every page of its result.
 *
 * The SDK returns only the first page with its `nextLink`; the next pages are
 * asked for by POSTing the same definition to the nextLink, through the same
 * client's pipeline so authentication, retries, the request timeout and the
 * tenant's Cost Management quota apply to each page as to the first.
 */
export async function queryCostAllPages(
  clients: AzureClients,
  scope: string,
  definition: QueryDefinition,
  options: CostQueryAllPagesOptions = {},
): Promise<CostQueryAllPagesResult> {
  const maxPages = options.maxPages ?? DEFAULT_COST_QUERY_MAX_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new Error(`maxPages must be a positive integer, got ${maxPages}`);
  }
  const client = clients.costManagement();
  const first = await client.query.usage(scope, definition, {
    abortSignal: options.abortSignal,
  });
  const columns = first.columns ?? [];
  const rows: unknown[][] = [...(first.rows ?? [])];
  let pages = 1;
  let nextLink = first.nextLink || undefined;
  // JSON.stringify writes the time period's dates as ISO strings, as the SDK does.
  const body = JSON.stringify(definition);

  while (nextLink) {
    if (pages >= maxPages) {
      throw new Error(
        `The Cost Management query at ${scope} has more than ${maxPages} pages; ask for a shorter period or fewer groups`,
      );
    }
    const url = checkedNextLink(
      nextLink,
      clients.connection.resourceManagerEndpoint,
    );
    const response = await sendPage(
      client,
      createPipelineRequest({
        url,
        method: 'POST',
        body,
        headers: createHttpHeaders({
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
        }),
        abortSignal: options.abortSignal,
      }),
      pages + 1,
      scope,
    );
    const page = pageOf(response, pages + 1, scope);
    if (!page) break;
    pages += 1;
    const pageColumns = page.properties?.columns ?? [];
    if (!sameColumns(columns, pageColumns)) {
      throw new Error(
        `Page ${pages} of the Cost Management query at ${scope} has other columns than page 1 (${columnList(
          pageColumns,
        )} instead of ${columnList(columns)})`,
      );
    }
    for (const row of page.properties?.rows ?? []) rows.push(row);
    nextLink = page.properties?.nextLink || undefined;
  }
  return { columns, rows, pages };
}
