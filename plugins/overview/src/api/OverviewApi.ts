import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DomainOverviewResponse,
  MeResponse,
  MyDomainsResponse,
  OverviewFilters,
  PlatformHomeResponse,
} from '@dataplatform/plugin-overview-common';

/**
 * The combined view of domains through the `dataplatform-overview` backend
 * plugin. Failures are thrown as `ResponseError` from `@backstage/errors`
 * (the backend's message is `error.cause.message`; 400 names the bad filter,
 * 404 an unknown domain).
 */
export interface OverviewApi {
  /** Every domain the caller may see, worst first, with counts and the sources' freshness. */
  getPlatformHome(filters?: OverviewFilters): Promise<PlatformHomeResponse>;
  /** One domain for its page, by name (`sales`). */
  getDomain(name: string): Promise<DomainOverviewResponse>;
  /** The caller's persona and where they land after sign-in. */
  getMe(): Promise<MeResponse>;
  /** The caller's domains and their requests in progress. */
  getMyDomains(): Promise<MyDomainsResponse>;
}

export const overviewApiRef = createApiRef<OverviewApi>().with({
  id: 'plugin.dataplatform-overview.client',
  pluginId: 'dataplatform-overview',
});
