import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  EntityHealthListResponse,
  HistoryWindow,
} from '@dataplatform/plugin-health-common';

/**
 * Health of domains and data products through the `dataplatform-health`
 * backend plugin.
 *
 * Failures are thrown as `ResponseError` from `@backstage/errors`; the
 * backend's own message is `error.cause.message`, and `error.statusCode`
 * tells the cases apart (404: the backend has no result for the entity).
 */
export interface HealthApi {
  /** Every entity with a health model, worst first. */
  listEntities(): Promise<EntityHealthListResponse>;
  /**
   * One entity's evaluated model, and for a domain its data products; with
   * the model definitions when the caller may see them.
   */
  getEntityHealth(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityHealthDetailResponse>;
  /** State over the last 24 hours or 30 days, and the 30-day SLO. */
  getEntityHistory(
    entityRef: CompoundEntityRef | string,
    window: HistoryWindow,
  ): Promise<EntityHealthHistoryResponse>;
}

export const healthApiRef = createApiRef<HealthApi>().with({
  id: 'plugin.dataplatform-health.client',
  pluginId: 'dataplatform-health',
});
