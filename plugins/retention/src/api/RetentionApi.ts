import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityRetentionDetail,
  EntityRetentionSummary,
  EstateFindingsResponse,
  Verdict,
} from '@dataplatform/plugin-retention-common';

/** Which findings across the estate to return; absent keys do not filter. */
export interface FindingsQuery {
  /** Only findings with one of these verdicts. */
  verdict?: Verdict[];
  /** Only findings of this domain, by name (`hr`, not `domain:default/hr`). */
  domain?: string;
}

/**
 * Retention and recovery of domains and data products through the
 * `dataplatform-retention` backend plugin.
 *
 * Failures are thrown as `ResponseError` from `@backstage/errors`; the
 * backend's own message is `error.cause.message`, and `error.statusCode`
 * tells the cases apart (404: no evaluation of the entity yet; 403: the
 * caller may not read the estate's findings).
 */
export interface RetentionApi {
  /** The summary of every evaluated domain and data product, worst first. */
  getEntities(): Promise<{ items: EntityRetentionSummary[] }>;
  /** One entity's findings, timelines, recovery and (domains) data products. */
  getEntity(
    kind: string,
    namespace: string,
    name: string,
  ): Promise<EntityRetentionDetail>;
  /** Findings across the estate, for the platform team. */
  getFindings(query?: FindingsQuery): Promise<EstateFindingsResponse>;
  /**
   * The same findings as CSV. The result is a `File` (a `Blob` with a
   * name): the name the backend gives in `Content-Disposition`, else
   * `retention-findings-<YYYY-MM-DD>.csv`.
   */
  downloadFindingsCsv(query?: FindingsQuery): Promise<File>;
  /** Starts a scan of every subscription now rather than at the next interval. */
  triggerScan(): Promise<{ triggered: boolean }>;
}

export const retentionApiRef = createApiRef<RetentionApi>().with({
  id: 'plugin.dataplatform-retention.client',
  pluginId: 'dataplatform-retention',
});
