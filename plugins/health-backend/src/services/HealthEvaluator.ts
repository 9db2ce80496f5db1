import { LoggerService } from '@backstage/backend-plugin-api';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  EntityHealthSummary,
  HEALTH_STATES,
  HealthModel,
  HealthState,
  ModelResult,
  SLO_OBJECTIVE,
  SignalReading,
  SignalResult,
  compareStates,
  computeSlo,
  evaluateModel,
  rollupDomain,
  worstOf,
} from '@dataplatform/plugin-health-common';
import { HealthStore } from './HealthStore';
import {
  SignalReader,
  SignalRequest,
  processLogQueryLimit,
} from './SignalReader';
import { EntityEvaluation, HealthEntityKind, HealthModelEntry } from './types';

/** Causes listed in a summary, worst first. */
const TOP_CAUSES = 5;
const DAY_MS = 86_400_000;
/** The SLO window, and so the window of a summary's availability. */
export const SLO_WINDOW_DAYS = 30;
/** How often summaries' 30-day availability is recomputed from history. */
const AVAILABILITY_REFRESH_MS = 15 * 60_000;

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
  const read = await options.reader.read(requests);
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
    const problem = entry.modelError?.message ?? failures.get(entry.entityRef);
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
  pruned: { evaluations: number; cycles: number };
}

/**
 * The scheduled cycle: load the models from the catalog, evaluate them
 * against Azure, store every evaluation and prune old history.
 */
export class HealthEvaluator {
  private availabilityComputedAt = 0;

  constructor(
    private readonly options: {
      source: { load(): Promise<HealthModelEntry[]> };
      reader: SignalReader;
      store: HealthStore;
      logger: LoggerService;
      historyDays: number;
      /** Longest a stored state is trusted without a newer one. */
      maxHoldMs: number;
      now?: () => Date;
    },
  ) {}

  async runCycle(): Promise<CycleReport> {
    const { source, reader, store, logger, historyDays } = this.options;
    const now = this.options.now ?? (() => new Date());
    const entries = await source.load();
    const stored = await store.latestAll();
    const out = await evaluateEntries({
      entries,
      reader,
      previous: stored.flatMap(s => (s.result ? [s.result] : [])),
      now,
    });
    const evaluatedAt = new Date(out.evaluatedAt);
    await this.addAvailability(out.evaluations, stored, evaluatedAt);

    await store.saveCycle(out.evaluations, evaluatedAt, {
      durationMs: out.durationMs,
      entities: out.evaluations.length,
      signals: out.signals,
      calls: out.calls,
    });
    const pruned = await store.prune(
      new Date(evaluatedAt.getTime() - historyDays * DAY_MS),
    );

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
    };
    logger.info(
      `Health cycle: ${report.entities} entities (${report.modelErrors} with model errors), ` +
        `${report.signals.log} log and ${report.signals.metric} metric signals ` +
        `(${report.unknownSignals} unknown) in ${report.calls.logs} log queries and ` +
        `${report.calls.metrics} metrics calls, ${report.durationMs} ms`,
    );
    for (const summary of out.summaries) {
      if (summary.modelError) {
        logger.warn(
          `Health model of ${summary.entityRef}: ${summary.modelError.message}`,
        );
      }
    }
    return report;
  }

  /**
   * Each summary's 30-day availability, from history and this evaluation.
   * Reading 30 days of every entity's points is the costly part of a
   * cycle, so it is refreshed every quarter hour and carried in between.
   */
  private async addAvailability(
    evaluations: EntityEvaluation[],
    stored: Awaited<ReturnType<HealthStore['latestAll']>>,
    at: Date,
  ) {
    const { store, maxHoldMs } = this.options;
    const due =
      at.getTime() - this.availabilityComputedAt >= AVAILABILITY_REFRESH_MS;
    const before = new Map(stored.map(s => [s.entityRef, s.summary]));
    const since = new Date(at.getTime() - SLO_WINDOW_DAYS * DAY_MS - maxHoldMs);
    for (const { summary } of evaluations) {
      let availability = before.get(summary.entityRef)?.availability30d;
      if (due) {
        const points = await store.history(summary.entityRef, since);
        points.push({ at: at.getTime(), state: summary.state });
        availability = computeSlo(points, {
          now: at.getTime(),
          windowDays: SLO_WINDOW_DAYS,
          objective: SLO_OBJECTIVE,
          maxHoldMs,
        }).availability;
      }
      if (availability !== undefined) summary.availability30d = availability;
      else delete summary.availability30d;
    }
    if (due) this.availabilityComputedAt = at.getTime();
  }
}
