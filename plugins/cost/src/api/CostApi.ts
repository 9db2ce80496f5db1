import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CostAlertFeed,
  CostAlertKind,
  CostAlertStatus,
  CostRefreshResponse,
  DomainCostResponse,
  EstateCost,
  SandboxCostResponse,
} from '@dataplatform/plugin-cost-common';

/** Which alerts of the estate to return; absent or empty keys do not filter. */
export interface AlertFilters {
  /** Only alerts of these kinds. */
  kinds?: CostAlertKind[];
  /** Only alerts with these statuses. */
  statuses?: CostAlertStatus[];
  /** Only alerts of this domain, by name (`sales`, not `domain:default/sales`). */
  domain?: string;
}

/**
 * Cost of domains, sandboxes and the estate through the `dataplatform-cost`
 * backend plugin.
 *
 * Failures are thrown as `ResponseError` from `@backstage/errors`: the
 * backend's own message is `error.cause.message` and `error.statusCode`
 * tells the cases apart (403: the caller is not an owner of the domain, or
 * not in the platform team for the estate; 404: no such entity in the
 * catalog). A domain without a usable subscription or not read yet is not a
 * failure: it answers with `state: 'no-subscription'` or `'pending'`.
 */
export interface CostApi {
  /** The cost of one Domain, by name. */
  getDomainCost(name: string): Promise<DomainCostResponse>;
  /** The cost of one innovation sandbox (a Resource of type azure-sandbox), by name. */
  getSandboxCost(name: string): Promise<SandboxCostResponse>;
  /** Every domain ranked by risk, the stacked series and the sandboxes; platform team only. */
  getEstate(): Promise<EstateCost>;
  /** Cost alerts across the estate, filtered; platform team only. */
  getAlerts(filters?: AlertFilters): Promise<CostAlertFeed>;
  /** Asks the backend to read Azure's cost data now rather than at the next interval. */
  refresh(): Promise<CostRefreshResponse>;
}

export const costApiRef = createApiRef<CostApi>().with({
  id: 'plugin.dataplatform-cost.client',
  pluginId: 'dataplatform-cost',
});
