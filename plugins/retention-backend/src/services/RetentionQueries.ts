import { NotFoundError } from '@backstage/errors';
import {
  EntityRetentionDetail,
  EntityRetentionSummary,
  EstateFinding,
  EstateFindingsResponse,
  Verdict,
  compareVerdicts,
  countVerdicts,
  sortFindings,
} from '@dataplatform/plugin-retention-common';
import { RetentionStore, StoredEntity } from './RetentionStore';

/** An evaluation older than this many scan intervals is stale. */
export const STALE_AFTER_INTERVALS = 3;

export interface FindingsFilter {
  /** Only these verdicts; all when absent. */
  verdicts?: Verdict[];
  /** Only this domain and its data products (a domain entity ref). */
  domainRef?: string;
}

function byVerdictThenName(
  a: EntityRetentionSummary,
  b: EntityRetentionSummary,
): number {
  return (
    compareVerdicts(a.verdict, b.verdict) ||
    (a.title ?? a.entityRef).localeCompare(b.title ?? b.entityRef) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

/** Answers the routes from the stored evaluations. */
export class RetentionQueries {
  constructor(
    private readonly options: {
      store: RetentionStore;
      intervalSeconds: number;
      /** The clock; tests pin it. */
      now?: () => Date;
    },
  ) {}

  private summaryOf(
    entity: Pick<StoredEntity, 'evaluatedAt' | 'summary'>,
  ): EntityRetentionSummary {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    const maxAgeMs =
      STALE_AFTER_INTERVALS * this.options.intervalSeconds * 1000;
    return {
      ...entity.summary,
      stale: now - Date.parse(entity.evaluatedAt) > maxAgeMs,
    };
  }

  /** Every evaluated domain and data product, worst first. */
  async list(): Promise<{ items: EntityRetentionSummary[] }> {
    const all = await this.options.store.summaries();
    return { items: all.map(e => this.summaryOf(e)).sort(byVerdictThenName) };
  }

  async detail(entityRef: string): Promise<EntityRetentionDetail> {
    const entity = await this.options.store.get(entityRef);
    if (!entity) {
      throw new NotFoundError(
        `no retention evaluation for ${entityRef.toLowerCase()} yet`,
      );
    }
    const dataProducts =
      entity.kind === 'Domain'
        ? (await this.options.store.children(entity.entityRef))
            .map(e => this.summaryOf(e))
            .sort(byVerdictThenName)
        : undefined;
    return {
      summary: this.summaryOf(entity),
      findings: entity.detail.findings,
      timelines: entity.detail.timelines,
      ...(dataProducts ? { dataProducts } : {}),
      ...(entity.detail.recovery ? { recovery: entity.detail.recovery } : {}),
    };
  }

  /** Findings across the estate (or one domain), worst first, with the last scan. */
  async findings(filter: FindingsFilter = {}): Promise<EstateFindingsResponse> {
    const { store } = this.options;
    const [entities, lastRun] = await Promise.all([
      filter.domainRef ? store.ofDomain(filter.domainRef) : store.all(),
      store.lastRun(),
    ]);
    const wanted = filter.verdicts ? new Set(filter.verdicts) : undefined;
    const findings: EstateFinding[] = sortFindings(
      entities.flatMap(entity =>
        entity.detail.findings
          .filter(f => !wanted || wanted.has(f.verdict))
          .map(f => ({
            ...f,
            domainRef: entity.domainRef ?? entity.entityRef,
          })),
      ),
    );
    const evaluatedAt = entities
      .map(e => e.evaluatedAt)
      .sort()
      .at(-1);
    return {
      findings,
      counts: countVerdicts(findings),
      ...(evaluatedAt ? { evaluatedAt } : {}),
      ...(lastRun
        ? {
            lastScan: {
              startedAt: lastRun.startedAt,
              finishedAt: lastRun.finishedAt,
              subscriptions: lastRun.subscriptions,
              azureCalls: lastRun.azureCalls,
            },
          }
        : {}),
    };
  }
}
