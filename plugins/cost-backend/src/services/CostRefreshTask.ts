import { LoggerService } from '@backstage/backend-plugin-api';
import { CostCatalog } from './CostCatalog';
import { CostCollector } from './CostCollector';
import { CostStore } from './CostStore';
import { CostSnapshot } from './snapshot';

/**
 * One refresh: lists the domain and sandbox subscriptions, reads Azure
 * (each part on its own, a failed part kept from the previous snapshot with
 * its reason), stores the snapshot and tells the views.
 *
 * Azure failures never fail the refresh: they are the snapshot's stale
 * reasons, shown on every view that uses the part. It fails (and the
 * scheduler logs it) only when the catalog or the database cannot be used.
 */
export class CostRefreshTask {
  constructor(
    private readonly options: {
      catalog: CostCatalog;
      collector: CostCollector;
      store: CostStore;
      logger: LoggerService;
      /** Called with every stored snapshot. */
      onSaved?: (snapshot: CostSnapshot) => void;
    },
  ) {}

  async run(abortSignal?: AbortSignal): Promise<CostSnapshot> {
    const { catalog, collector, store, logger, onSaved } = this.options;
    const entities = await catalog.get({ fresh: true });
    const previous = await store.latest();
    const data = await collector.collect({
      previous,
      subscriptions: entities.subscriptions(),
      abortSignal,
    });
    const saved = await store.save(data);
    onSaved?.(saved);
    const summary = `Cost refresh ${saved.id}: ${
      Object.keys(data.usage.groups).length
    } cost groups, ${
      Object.keys(data.budgets).length
    } subscriptions' budgets, ${
      data.attempt.calls ?? 'unknown'
    } Cost Management calls`;
    if (data.staleReasons.length > 0) {
      logger.warn(
        `${summary}; kept earlier data for ${
          data.staleReasons.length
        } part(s): ${data.staleReasons.join(' | ')}`,
      );
    } else {
      logger.info(summary);
    }
    return saved;
  }
}
