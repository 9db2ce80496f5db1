import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EvaluationContext,
  EvaluationResult,
  Finding,
  RetentionPolicy,
  SubscriptionScan,
  countVerdicts,
  evaluateDataProduct,
  evaluateDomain,
  summarize,
} from '@dataplatform/plugin-retention-common';
import pLimit from 'p-limit';
import {
  CatalogSnapshot,
  DataProductEntry,
  DomainEntry,
} from './CatalogSource';
import { RunRecord, StoredEntity } from './RetentionStore';

/** What a run reads: the catalog, one subscription's Azure state, the store. */
export interface RunDependencies {
  catalog: { read(): Promise<CatalogSnapshot> };
  scanner: {
    scan(
      subscriptionId: string,
      options: { abortSignal?: AbortSignal },
    ): Promise<SubscriptionScan>;
  };
  store: {
    all(): Promise<StoredEntity[]>;
    saveRun(
      entities: StoredEntity[],
      run: RunRecord,
      options: { prune: boolean },
    ): Promise<void>;
  };
  logger: LoggerService;
  policy: RetentionPolicy;
  tenantId: string;
  subscriptionConcurrency: number;
  /** The clock; tests pin it. */
  now?: () => Date;
}

export interface RunOutcome {
  run: RunRecord;
  entities: StoredEntity[];
  /** Entities whose evaluation threw; their stored evaluation is kept. */
  failed: string[];
}

/** A scan that stands for a subscription the catalog names wrongly. */
function unscannable(subscriptionId: string, reason: string): SubscriptionScan {
  return {
    subscriptionId,
    scannedAt: new Date().toISOString(),
    workspacesProblem: { reason },
    storageAccountsProblem: { reason },
    calls: {},
  };
}

function sumCalls(scans: Iterable<SubscriptionScan>): number {
  let total = 0;
  for (const scan of scans) {
    for (const count of Object.values(scan.calls)) total += count;
  }
  return total;
}

/**
 * One scan of the estate: list the catalog, read each distinct
 * subscription once, evaluate every domain and data product against the
 * policy and store the results in one transaction.
 */
export class RetentionRunner {
  private readonly now: () => Date;

  constructor(private readonly deps: RunDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async run(options: { abortSignal?: AbortSignal } = {}): Promise<RunOutcome> {
    const { logger } = this.deps;
    const abortSignal = options.abortSignal;
    const startedAt = this.now();
    const snapshot = await this.deps.catalog.read();

    const subscriptions = [
      ...new Set(
        snapshot.domains.flatMap(d =>
          d.subscriptionId ? [d.subscriptionId] : [],
        ),
      ),
    ];
    const limit = pLimit(this.deps.subscriptionConcurrency);
    const scans = new Map<string, SubscriptionScan>(
      await Promise.all(
        subscriptions.map(subscriptionId =>
          limit(async () => {
            abortSignal?.throwIfAborted();
            const scan = await this.deps.scanner.scan(subscriptionId, {
              abortSignal,
            });
            return [subscriptionId, scan] as const;
          }),
        ),
      ),
    );
    // A stopped run stores nothing: its cancelled reads are not findings.
    if (abortSignal?.aborted) {
      throw new Error(
        `The retention scan was stopped before it finished reading Azure: ${String(
          abortSignal.reason ?? 'aborted',
        )}`,
      );
    }

    const previous = new Map(
      (await this.deps.store.all()).map(e => [e.entityRef, e]),
    );
    const evaluatedAt = this.now();
    const at = evaluatedAt.toISOString();
    const failed: string[] = [];
    const scansOf = (domain: DomainEntry | undefined): SubscriptionScan[] => {
      if (!domain) return [];
      if (domain.subscriptionId) {
        const scan = scans.get(domain.subscriptionId);
        return scan ? [scan] : [];
      }
      const problem = domain.subscriptionProblem;
      return problem ? [unscannable(problem.value, problem.reason)] : [];
    };
    const context = (entityRef: string): EvaluationContext => {
      const last = previous.get(entityRef);
      return {
        policy: this.deps.policy,
        now: evaluatedAt,
        tenantId: this.deps.tenantId,
        ...(last
          ? {
              previous: {
                at: last.evaluatedAt,
                findings: last.detail.findings,
              },
            }
          : {}),
      };
    };
    // A rule that throws for one entity must not cost every other entity
    // its evaluation; that entity keeps its last one, which turns stale.
    const attempt = (
      entityRef: string,
      evaluate: () => EvaluationResult,
    ): EvaluationResult | undefined => {
      try {
        return evaluate();
      } catch (error) {
        failed.push(entityRef);
        logger.error(
          `Retention: evaluating ${entityRef} failed; its last evaluation is kept`,
          error as Error,
        );
        return undefined;
      }
    };

    const domainsByRef = new Map(snapshot.domains.map(d => [d.entityRef, d]));
    const productResults = new Map<
      string,
      { entry: DataProductEntry; result: EvaluationResult }
    >();
    for (const entry of snapshot.products) {
      const result = attempt(entry.entityRef, () =>
        evaluateDataProduct(
          {
            entityRef: entry.entityRef,
            domainRef: entry.domainRef,
            domainScans: scansOf(domainsByRef.get(entry.domainRef)),
            ...(entry.retentionClass
              ? { retentionClass: entry.retentionClass }
              : {}),
            contracts: entry.contracts,
            recovery: entry.recovery,
          },
          context(entry.entityRef),
        ),
      );
      if (result) productResults.set(entry.entityRef, { entry, result });
    }

    const entities: StoredEntity[] = [];
    for (const { entry, result } of productResults.values()) {
      entities.push({
        entityRef: entry.entityRef,
        kind: 'DataProduct',
        domainRef: entry.domainRef,
        evaluatedAt: at,
        summary: summarize(entry.entityRef, 'DataProduct', result.findings, {
          evaluatedAt: at,
          stale: false,
          ...(entry.title ? { title: entry.title } : {}),
        }),
        detail: {
          findings: result.findings,
          timelines: result.timelines,
          recovery: result.recovery,
        },
      });
    }
    for (const domain of snapshot.domains) {
      const result = attempt(domain.entityRef, () =>
        evaluateDomain(
          {
            entityRef: domain.entityRef,
            name: domain.name,
            scans: scansOf(domain),
            recovery: domain.recovery,
          },
          context(domain.entityRef),
        ),
      );
      if (!result) continue;
      const products = [...productResults.values()].filter(
        p => p.entry.domainRef === domain.entityRef,
      );
      // A domain answers for its products too: their findings count in
      // its verdict, as the summary type says.
      const counted: Finding[] = [
        ...result.findings,
        ...products.flatMap(p => p.result.findings),
      ];
      entities.push({
        entityRef: domain.entityRef,
        kind: 'Domain',
        domainRef: domain.entityRef,
        evaluatedAt: at,
        summary: summarize(domain.entityRef, 'Domain', counted, {
          evaluatedAt: at,
          stale: false,
          ...(domain.title ? { title: domain.title } : {}),
          dataProductCount: products.length,
        }),
        detail: {
          findings: result.findings,
          timelines: result.timelines,
          recovery: result.recovery,
        },
      });
    }

    const run: RunRecord = {
      startedAt: startedAt.toISOString(),
      finishedAt: this.now().toISOString(),
      subscriptions: scans.size,
      azureCalls: sumCalls(scans.values()),
    };
    // Entities whose evaluation threw keep their row; so does everything
    // when the catalog listed nothing (it may still be ingesting).
    await this.deps.store.saveRun(entities, run, {
      prune: entities.length > 0 && failed.length === 0,
    });
    const counts = countVerdicts(entities.flatMap(e => e.detail.findings));
    logger.info(
      `Retention scan: ${run.subscriptions} subscriptions, ${run.azureCalls} Azure calls, ${entities.length} entities; findings ${counts.violation} violation, ${counts['at-risk']} at-risk, ${counts.unknown} unknown, ${counts.compliant} compliant`,
    );
    if (entities.length === 0) {
      logger.warn(
        'Retention scan: the catalog listed no domain or data product; stored evaluations are kept',
      );
    }
    return { run, entities, failed };
  }
}
