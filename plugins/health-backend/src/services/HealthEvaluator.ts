import { LoggerService } from '@backstage/backend-plugin-api';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  EntityHealthSummary,
  HEALTH_STATES,
  HealthModel,
  HealthState,
  ModelResult,
  SignalReading,
  SignalResult,
  compareStates,
  evaluateModel,
  rollupDomain,
  worstOf,
} from '@dataplatform/plugin-health-common';
import {
  DAY_MS,
  DailyTotals,
  SLO_WINDOW_DAYS,
  addSpan,
  dayOf,
  sloFromDaily,
} from './daily';
import { DailyRow, HealthStore, StoredEvaluation } from './HealthStore';
import {
  ReadOptions,
  SignalReader,
  SignalRequest,
  processLogQueryLimit,
} from './SignalReader';
import { EntityEvaluation, HealthEntityKind, HealthModelEntry } from './types';

export { SLO_WINDOW_DAYS } from './daily';

/** Causes listed in a summary, worst first. */
export const TOP_CAUSES = 5;

/** A model to evaluate, for callers without a catalog (the benchmark). */
export interface HealthModelInput {
  entityRef: string;
  kind: HealthEntityKind;
  title: string;
  /** For a data product: its domain's entity ref. */
  domainRef?: string;
  model: HealthModel;
}

export interface EvaluateHealthModelsInput {
  /** Entities and their models; a domain's products are found by `domainRef`. */
  models: Array<HealthModelInput | HealthModelEntry>;
  clients: AzureClients;
  /** Log Analytics queries in flight at once; default 5. */
  logQueryConcurrency?: number;
  /** The previous cycle's results, to carry each signal's last known value. */
  previous?: ModelResult[];
  /**
   * How long to wait for Azure, in ms; signals not answered by then are
   * unknown (`no answer from Azure within …`). Default: no deadline.
   */
  readTimeoutMs?: number;
  /** Stops the reads, e.g. when the caller's own time is up. */
  abortSignal?: AbortSignal;
  now?: () => Date;
}

export interface HealthEvaluationOutput {
  /** Each entity's own model, evaluated (entities with a valid model). */
  results: ModelResult[];
  /** One per entity, domains rolled up with their products. */
  summaries: EntityHealthSummary[];
  evaluations: EntityEvaluation[];
  /** Azure calls made: log queries and metrics batch calls. */
  calls: { logs: number; metrics: number };
  /** Signals read, by type. */
  signals: { log: number; metric: number };
  evaluatedAt: string;
  durationMs: number;
}

const signalId = (entityRef: string, key: string) => `${entityRef}#${key}`;

function emptyCounts(): Record<HealthState, number> {
  return Object.fromEntries(HEALTH_STATES.map(s => [s, 0])) as Record<
    HealthState,
    number
  >;
}

function countSignals(
  results: ModelResult[],
  counts = emptyCounts(),
): Record<HealthState, number> {
  for (const result of results) {
    for (const component of result.components) {
      for (const signal of component.signals) counts[signal.state] += 1;
    }
  }
  return counts;
}

/** A model's causes, worst component first, as `<component>: <cause>`. */
function causesOf(result: ModelResult): string[] {
  return result.components
    .map((component, index) => ({ component, index }))
    .filter(({ component }) => component.causes.length > 0)
    .sort(
      (a, b) =>
        compareStates(a.component.state, b.component.state) ||
        a.index - b.index,
    )
    .flatMap(({ component }) =>
      component.causes.map(cause => `${component.title}: ${cause}`),
    );
}

/**
 * A signal that turned unknown keeps the last value it had, so a page can
 * show it as stale rather than nothing.
 */
function withLastKnown(
  result: ModelResult,
  previous: ModelResult | undefined,
): ModelResult {
  if (!previous) return result;
  const before = new Map<string, SignalResult>();
  for (const component of previous.components) {
    for (const signal of component.signals) before.set(signal.key, signal);
  }
  return {
    ...result,
    components: result.components.map(component => ({
      ...component,
      signals: component.signals.map(signal => {
        if (signal.value !== undefined) return signal;
        const last = before.get(signal.key);
        const lastKnown =
          last?.value !== undefined && last.observedAt
            ? { value: last.value, observedAt: last.observedAt }
            : last?.lastKnown;
        return lastKnown ? { ...signal, lastKnown } : signal;
      }),
    })),
  };
}

function asEntry(input: HealthModelInput | HealthModelEntry): HealthModelEntry {
  return { ...input, entityRef: input.entityRef.toLowerCase() };
}

/**
 * One evaluation of every entry: reads all signals through `reader`,
 * evaluates each model, rolls each domain up with its products and
 * summarises. One entity's failure is that entity's result, never the
 * cycle's.
 */
export async function evaluateEntries(options: {
  entries: HealthModelEntry[];
  reader: SignalReader;
  previous?: ModelResult[];
  /** The read's deadline and cancellation. */
  read?: ReadOptions;
  now?: () => Date;
}): Promise<HealthEvaluationOutput> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const entries = options.entries;
  const requests: SignalRequest[] = [];
  for (const entry of entries) {
    for (const component of entry.model?.components ?? []) {
      for (const signal of component.signals) {
        requests.push({
          id: signalId(entry.entityRef, `${component.id}/${signal.id}`),
          signal,
        });
      }
    }
  }
  const read = await options.reader.read(requests, options.read);
  const evaluatedAt = now().toISOString();
  const previous = new Map(
    (options.previous ?? []).map(r => [r.entityRef.toLowerCase(), r]),
  );

  const results = new Map<string, ModelResult>();
  const failures = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.model) continue;
    const readings = new Map<string, SignalReading>();
    for (const component of entry.model.components) {
      for (const signal of component.signals) {
        const key = `${component.id}/${signal.id}`;
        const reading = read.readings.get(signalId(entry.entityRef, key));
        if (reading) readings.set(key, reading);
      }
    }
    try {
      results.set(
        entry.entityRef,
        withLastKnown(
          {
            ...evaluateModel(entry.entityRef, entry.model, readings),
            // Causes that name the entity read better with its title than its ref.
            title: entry.title,
          },
          previous.get(entry.entityRef),
        ),
      );
    } catch (error) {
      failures.set(
        entry.entityRef,
        `evaluating the model failed: ${(error as Error)?.message ?? error}`,
      );
    }
  }

  // A product without a result (its model is invalid) counts as unknown in
  // its domain: what nobody can see must not look healthy.
  const productsOf = new Map<string, ModelResult[]>();
  for (const entry of entries) {
    if (entry.kind !== 'dataproduct' || !entry.domainRef) continue;
    const product = results.get(entry.entityRef) ?? {
      entityRef: entry.entityRef,
      title: entry.title,
      state: 'unknown' as const,
      components: [],
    };
    productsOf.set(entry.domainRef, [
      ...(productsOf.get(entry.domainRef) ?? []),
      product,
    ]);
  }

  const evaluations: EntityEvaluation[] = entries.map(entry => {
    const result = results.get(entry.entityRef);
    // A cause is one line: the model's errors are listed in `modelError`.
    const problem = entry.modelError
      ? modelErrorCause(entry.modelError)
      : failures.get(entry.entityRef);
    const modelError =
      entry.modelError ??
      (problem ? { message: problem, errors: [] } : undefined);
    let state: HealthState;
    let score: number | undefined;
    let causes: string[];
    let counted: ModelResult[];
    if (entry.kind === 'domain') {
      const products = productsOf.get(entry.entityRef) ?? [];
      const rolled = rollupDomain(
        entry.entityRef,
        result,
        entry.model?.rollup ?? 'worst-of',
        products,
      );
      state = problem ? worstOf([rolled.state, 'unknown']) : rolled.state;
      score = rolled.score;
      causes = problem ? [problem, ...rolled.causes] : rolled.causes;
      counted = result ? [result, ...products] : products;
    } else {
      state = result?.state ?? 'unknown';
      score = result?.score;
      if (problem) causes = [problem];
      else causes = result ? causesOf(result) : [];
      counted = result ? [result] : [];
    }
    const summary: EntityHealthSummary = {
      entityRef: entry.entityRef,
      kind: entry.kind,
      title: entry.title,
      ...(entry.domainRef ? { domainRef: entry.domainRef } : {}),
      state,
      ...(score !== undefined ? { score } : {}),
      evaluatedAt,
      signalCounts: countSignals(counted),
      topCauses: causes.slice(0, TOP_CAUSES),
      ...(modelError ? { modelError } : {}),
    };
    return { entry, summary, ...(result ? { result } : {}) };
  });

  return {
    results: [...results.values()],
    summaries: evaluations.map(e => e.summary),
    evaluations,
    calls: read.calls,
    signals: read.signals,
    evaluatedAt,
    durationMs: now().getTime() - started.getTime(),
  };
}

/**
 * Evaluates health models against Azure Monitor once, without scheduler,
 * catalog or database: the entry point of the benchmark. Every Azure call
 * goes through `clients`; log queries share the process's limiter.
 */
export async function evaluateHealthModels(
  input: EvaluateHealthModelsInput,
): Promise<HealthEvaluationOutput> {
  const reader = new SignalReader(input.clients, {
    logQueryLimit: processLogQueryLimit(input.logQueryConcurrency ?? 5),
    now: input.now,
  });
  return evaluateEntries({
    entries: input.models.map(asEntry),
    reader,
    previous: input.previous,
    read: {
      readTimeoutMs: input.readTimeoutMs,
      abortSignal: input.abortSignal,
    },
    now: input.now,
  });
}

export interface CycleReport {
  entities: number;
  modelErrors: number;
  signals: { log: number; metric: number };
  calls: { logs: number; metrics: number };
  unknownSignals: number;
  durationMs: number;
  pruned: { evaluations: number; cycles: number; days: number };
  /** False when entities missing from this cycle kept their last evaluation. */
  prunedLatest: boolean;
}

/**
 * The scheduled cycle: load the models from the catalog, evaluate them
 * against Azure, store every evaluation and prune old history.
 */
export class HealthEvaluator {
  /** Each entity's model error last warned about, to warn once per change. */
  private readonly warned = new Map<string, string>();
  private dailyFilled = false;

  constructor(
    private readonly options: {
      source: { load(): Promise<HealthModelEntry[]> };
      reader: SignalReader;
      store: HealthStore;
      logger: LoggerService;
      historyDays: number;
      /** Longest a stored state is trusted without a newer one. */
      maxHoldMs: number;
      /** How long a cycle waits for Azure's answers; default no deadline. */
      readTimeoutMs?: number;
      now?: () => Date;
    },
  ) {}

  /**
   * One cycle. `abortSignal` is the scheduler's: when it fires (the task
   * timed out) the reads stop and the cycle fails without storing, since
   * the next cycle may already be running.
   */
  async runCycle(
    options: { abortSignal?: AbortSignal } = {},
  ): Promise<CycleReport> {
    const { source, reader, store, logger, historyDays, maxHoldMs } =
      this.options;
    const { abortSignal } = options;
    const now = this.options.now ?? (() => new Date());
    const entries = await source.load();
    if (!this.dailyFilled) {
      const filled = await store.fillDailyIfEmpty(maxHoldMs);
      if (filled > 0) {
        logger.info(
          `Health: filled ${filled} day totals from the stored evaluations`,
        );
      }
      this.dailyFilled = true;
    }
    const stored = await store.latestAll();
    const out = await evaluateEntries({
      entries,
      reader,
      previous: stored.flatMap(s => (s.result ? [s.result] : [])),
      read: { readTimeoutMs: this.options.readTimeoutMs, abortSignal },
      now,
    });
    if (abortSignal?.aborted) {
      throw new Error(
        `The health cycle was stopped before it finished reading Azure (${String(
          abortSignal.reason ?? 'aborted',
        )}); nothing of it was stored`,
      );
    }
    const evaluatedAt = new Date(out.evaluatedAt);
    const daily = await this.addAvailability(
      out.evaluations,
      stored,
      evaluatedAt,
    );
    const pruneLatest = this.mayPruneLatest(entries, stored, evaluatedAt);

    await store.saveCycle(
      out.evaluations,
      evaluatedAt,
      {
        durationMs: out.durationMs,
        entities: out.evaluations.length,
        signals: out.signals,
        calls: out.calls,
      },
      { daily, pruneLatest },
    );
    const before = new Date(evaluatedAt.getTime() - historyDays * DAY_MS);
    const pruned = {
      ...(await store.prune(before)),
      days: await store.pruneDaily(before),
    };

    const report: CycleReport = {
      entities: out.evaluations.length,
      modelErrors: out.summaries.filter(s => s.modelError).length,
      signals: out.signals,
      calls: out.calls,
      unknownSignals: out.results.reduce(
        (n, r) =>
          n +
          r.components.reduce(
            (m, c) => m + c.signals.filter(s => s.state === 'unknown').length,
            0,
          ),
        0,
      ),
      durationMs: out.durationMs,
      pruned,
      prunedLatest: pruneLatest,
    };
    logger.info(
      `Health cycle: ${report.entities} entities (${report.modelErrors} with model errors), ` +
        `${report.signals.log} log and ${report.signals.metric} metric signals ` +
        `(${report.unknownSignals} unknown) in ${report.calls.logs} log queries and ` +
        `${report.calls.metrics} metrics calls, ${report.durationMs} ms`,
    );
    this.warnModelErrors(out.summaries);
    return report;
  }

  /** A model error is worth a warning when it is new or has changed, not every cycle. */
  private warnModelErrors(summaries: EntityHealthSummary[]) {
    const current = new Map<string, string>();
    for (const summary of summaries) {
      if (summary.modelError) {
        current.set(summary.entityRef, summary.modelError.message);
      }
    }
    for (const [entityRef, message] of current) {
      if (this.warned.get(entityRef) !== message) {
        this.options.logger.warn(`Health model of ${entityRef}: ${message}`);
      }
    }
    this.warned.clear();
    for (const [entityRef, message] of current) {
      this.warned.set(entityRef, message);
    }
  }

  /**
   * Whether the entities this cycle did not evaluate leave the latest set.
   * Not when the catalog listed none: at start-up the catalog may not have
   * ingested anything yet, and an empty answer must not wipe every result.
   * Nor when fewer than half of those evaluated recently (not stale) are
   * left: a catalog answering in part looks like that. The missing ones
   * then turn stale; once they are, a cycle that still lacks them drops them.
   */
  private mayPruneLatest(
    entries: HealthModelEntry[],
    stored: StoredEvaluation[],
    at: Date,
  ): boolean {
    const { logger, maxHoldMs } = this.options;
    if (entries.length === 0) {
      if (stored.length > 0) {
        logger.warn(
          `Health cycle: the catalog lists no Domain or DataProduct with a health model; ` +
            `keeping the last evaluation of the ${stored.length} entities evaluated before, which turn stale`,
        );
      }
      return false;
    }
    const listed = new Set(entries.map(e => e.entityRef));
    const recent = stored.filter(
      s => at.getTime() - Date.parse(s.evaluatedAt) <= maxHoldMs,
    );
    const missing = recent.filter(s => !listed.has(s.entityRef));
    if (missing.length > 0 && entries.length < recent.length / 2) {
      logger.warn(
        `Health cycle: the catalog lists ${entries.length} entities with a health model, ` +
          `fewer than half of the ${recent.length} evaluated recently; keeping the last evaluation ` +
          `of the ${missing.length} missing ones, which turn stale, in case the catalog answered only in part`,
      );
      return false;
    }
    return true;
  }

  /**
   * Each summary's 30-day availability and error budget. The time since
   * each entity's previous point (its stored latest evaluation, held
   * `maxHoldMs` at most) is added to its day totals, and the SLO is
   * computed from those (at most 31 rows per entity, read in one query).
   * Returns the day totals that changed, to store with the cycle.
   */
  private async addAvailability(
    evaluations: EntityEvaluation[],
    stored: StoredEvaluation[],
    at: Date,
  ): Promise<DailyRow[]> {
    const { store, maxHoldMs } = this.options;
    const previous = new Map(stored.map(s => [s.entityRef, s]));
    const fromDay = dayOf(at.getTime() - SLO_WINDOW_DAYS * DAY_MS);
    const daily = await store.daily(fromDay);
    const changed: DailyRow[] = [];
    for (const { summary } of evaluations) {
      const days = new Map<string, DailyTotals>(
        (daily.get(summary.entityRef) ?? []).map(d => [d.day, d]),
      );
      const last = previous.get(summary.entityRef);
      if (last) {
        const start = Date.parse(last.evaluatedAt);
        const end = Math.min(at.getTime(), start + maxHoldMs);
        if (end > start) {
          const touched = addSpan(days, {
            start,
            end,
            state: last.summary.state,
          });
          for (const day of new Set(touched)) {
            changed.push({ entityRef: summary.entityRef, ...days.get(day)! });
          }
        }
      }
      const slo = sloFromDaily([...days.values()], {
        now: at.getTime(),
        tail: { at: at.getTime(), state: summary.state },
        maxHoldMs,
      });
      if (slo.availability !== undefined) {
        summary.availability30d = slo.availability;
      } else delete summary.availability30d;
      summary.errorBudgetRemainingFraction = slo.errorBudgetRemainingFraction;
    }
    return changed;
  }
}

/** `<annotation>: <file> is not a valid health model (3 errors)`. */
function modelErrorCause(modelError: {
  message: string;
  errors: Array<{ path: string }>;
}): string {
  const { message, errors } = modelError;
  const cut = errors.length > 0 ? message.indexOf(`: ${errors[0].path}`) : -1;
  if (cut < 0) return message;
  return `${message.slice(0, cut)} (${errors.length} ${
    errors.length === 1 ? 'error' : 'errors'
  })`;
}
