import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  EntityHealthSummary,
  HealthModel,
  HealthState,
  ModelResult,
  StatePoint,
} from '@dataplatform/plugin-health-common';
import { Knex } from 'knex';
import { DailyTotals, dailyOfPoints, dayOf } from './daily';
import { EntityEvaluation, HealthEntityKind, ModelError } from './types';

const EVALUATIONS = 'health_evaluations';
const LATEST = 'health_latest';
const CYCLES = 'health_cycles';
const DAILY = 'health_daily';
/** Rows per insert: keeps well under SQLite's bound-variable limit. */
const BATCH = 200;

/** An entity's last evaluation, as stored. */
export interface StoredEvaluation {
  entityRef: string;
  kind: HealthEntityKind;
  domainRef?: string;
  owner?: string;
  evaluatedAt: string;
  summary: EntityHealthSummary;
  result?: ModelResult;
  model?: HealthModel;
  modelError?: ModelError;
  source?: string;
}

/** One entity's day totals, as written. */
export interface DailyRow extends DailyTotals {
  entityRef: string;
}

/** What a cycle writes besides its evaluations. */
export interface SaveCycleOptions {
  /** Day totals changed by this cycle, with their new values. */
  daily?: DailyRow[];
  /**
   * Whether entities not in this cycle leave the latest set (default
   * true). Never when the cycle evaluated nothing: an empty catalog answer
   * must not wipe every result.
   */
  pruneLatest?: boolean;
}

/** One finished evaluation cycle. */
export interface CycleRecord {
  finishedAt: string;
  durationMs: number;
  entities: number;
  signals: { log: number; metric: number };
  calls: { logs: number; metrics: number };
}

/** SQLite hands timestamps back as epoch ms, PostgreSQL as Date. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
}

function json<T>(text: unknown): T | undefined {
  return typeof text === 'string' && text !== ''
    ? (JSON.parse(text) as T)
    : undefined;
}

function storedOf(row: Record<string, any>): StoredEvaluation {
  const domainRef = row.domain_ref ?? undefined;
  const owner = row.owner ?? undefined;
  const source = row.source ?? undefined;
  const result = json<ModelResult>(row.result);
  const model = json<HealthModel>(row.model);
  const modelError = json<ModelError>(row.model_error);
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    evaluatedAt: toDate(row.evaluated_at).toISOString(),
    summary: JSON.parse(row.summary),
    ...(domainRef ? { domainRef } : {}),
    ...(owner ? { owner } : {}),
    ...(source ? { source } : {}),
    ...(result ? { result } : {}),
    ...(model ? { model } : {}),
    ...(modelError ? { modelError } : {}),
  };
}

function dailyRowOf(row: DailyRow) {
  return {
    entity_ref: row.entityRef,
    day: row.day,
    // Whole ms: totals of whole-ms spans are whole.
    observed_ms: Math.round(row.observedMs),
    unhealthy_ms: Math.round(row.unhealthyMs),
    worst_state: row.worstState,
  };
}

function cycleOf(row: Record<string, any>): CycleRecord {
  return {
    finishedAt: toDate(row.finished_at).toISOString(),
    durationMs: Number(row.duration_ms),
    entities: Number(row.entities),
    signals: {
      log: Number(row.log_signals),
      metric: Number(row.metric_signals),
    },
    calls: { logs: Number(row.log_calls), metrics: Number(row.metric_calls) },
  };
}

/**
 * Evaluations in the plugin's database: every cycle's state per entity for
 * history and SLO, and each entity's last evaluation in full.
 */
export class HealthStore {
  static async create(database: DatabaseService): Promise<HealthStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@dataplatform/plugin-health-backend',
          'migrations',
        ),
      });
    }
    return new HealthStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /**
   * Records one cycle in one transaction: a history point per entity, each
   * entity's last evaluation, and the cycle. Entities no longer evaluated
   * (their model or entity is gone) leave the latest set; their history
   * stays until pruned.
   */
  async saveCycle(
    evaluations: EntityEvaluation[],
    evaluatedAt: Date,
    cycle: Omit<CycleRecord, 'finishedAt'>,
    options: SaveCycleOptions = {},
  ): Promise<void> {
    const points = evaluations.map(({ summary }) => ({
      entity_ref: summary.entityRef,
      evaluated_at: evaluatedAt,
      state: summary.state,
      score: summary.score ?? null,
    }));
    const latest = evaluations.map(({ entry, summary, result }) => ({
      entity_ref: entry.entityRef,
      kind: entry.kind,
      domain_ref: entry.domainRef ?? null,
      owner: entry.owner ?? null,
      evaluated_at: evaluatedAt,
      summary: JSON.stringify(summary),
      result: result ? JSON.stringify(result) : null,
      model: entry.model ? JSON.stringify(entry.model) : null,
      model_error: entry.modelError ? JSON.stringify(entry.modelError) : null,
      source: entry.source ?? null,
    }));
    await this.knex.transaction(async trx => {
      for (let i = 0; i < points.length; i += BATCH) {
        await trx(EVALUATIONS).insert(points.slice(i, i + BATCH));
      }
      for (let i = 0; i < latest.length; i += BATCH) {
        await trx(LATEST)
          .insert(latest.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      const daily = (options.daily ?? []).map(dailyRowOf);
      for (let i = 0; i < daily.length; i += BATCH) {
        await trx(DAILY)
          .insert(daily.slice(i, i + BATCH))
          .onConflict(['entity_ref', 'day'])
          .merge();
      }
      if ((options.pruneLatest ?? true) && latest.length > 0) {
        const kept = latest.map(row => row.entity_ref);
        await trx(LATEST).whereNotIn('entity_ref', kept).delete();
      }
      await trx(CYCLES).insert({
        finished_at: evaluatedAt,
        duration_ms: Math.round(cycle.durationMs),
        entities: cycle.entities,
        log_signals: cycle.signals.log,
        metric_signals: cycle.signals.metric,
        log_calls: cycle.calls.logs,
        metric_calls: cycle.calls.metrics,
      });
    });
  }

  async latestAll(): Promise<StoredEvaluation[]> {
    const rows = await this.knex(LATEST).select().orderBy('entity_ref');
    return rows.map(storedOf);
  }

  async latest(entityRef: string): Promise<StoredEvaluation | undefined> {
    const row = await this.knex(LATEST)
      .where('entity_ref', entityRef.toLowerCase())
      .first();
    return row ? storedOf(row) : undefined;
  }

  /** The data products of a domain that have an evaluation. */
  async children(domainRef: string): Promise<StoredEvaluation[]> {
    const rows = await this.knex(LATEST)
      .where('domain_ref', domainRef.toLowerCase())
      .orderBy('entity_ref');
    return rows.map(storedOf);
  }

  /** An entity's states since `since`, oldest first. */
  async history(entityRef: string, since: Date): Promise<StatePoint[]> {
    const rows = await this.knex(EVALUATIONS)
      .select('evaluated_at', 'state')
      .where('entity_ref', entityRef.toLowerCase())
      .andWhere('evaluated_at', '>=', since)
      .orderBy('evaluated_at');
    return rows.map(row => ({
      at: toDate(row.evaluated_at).getTime(),
      state: row.state as HealthState,
    }));
  }

  /**
   * Day totals from `fromDay` (`YYYY-MM-DD`) on, of one entity or of all,
   * by entity ref, oldest day first: one query, at most 31 rows per entity
   * for the SLO window.
   */
  async daily(
    fromDay: string,
    entityRef?: string,
  ): Promise<Map<string, DailyTotals[]>> {
    const query = this.knex(DAILY)
      .select('entity_ref', 'day', 'observed_ms', 'unhealthy_ms', 'worst_state')
      .where('day', '>=', fromDay)
      .orderBy(['entity_ref', 'day']);
    if (entityRef) query.andWhere('entity_ref', entityRef.toLowerCase());
    const byEntity = new Map<string, DailyTotals[]>();
    for (const row of await query) {
      const days = byEntity.get(row.entity_ref) ?? [];
      days.push({
        day: row.day,
        observedMs: Number(row.observed_ms),
        unhealthyMs: Number(row.unhealthy_ms),
        worstState: row.worst_state as HealthState,
      });
      byEntity.set(row.entity_ref, days);
    }
    return byEntity;
  }

  /**
   * Fills `health_daily` from the stored points when it is empty but
   * points exist: after the upgrade that added it. One entity at a time,
   * in one transaction, so an interrupted fill is done again.
   */
  async fillDailyIfEmpty(maxHoldMs: number): Promise<number> {
    const [{ n }] = await this.knex(DAILY).count({ n: '*' });
    if (Number(n) > 0) return 0;
    const entities = await this.knex(EVALUATIONS)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    if (entities.length === 0) return 0;
    let written = 0;
    await this.knex.transaction(async trx => {
      for (const { entity_ref: entityRef } of entities) {
        const rows = await trx(EVALUATIONS)
          .select('evaluated_at', 'state')
          .where('entity_ref', entityRef)
          .orderBy('evaluated_at');
        const days = dailyOfPoints(
          rows.map(row => ({
            at: toDate(row.evaluated_at).getTime(),
            state: row.state as HealthState,
          })),
          maxHoldMs,
        );
        const daily = [...days.values()].map(d =>
          dailyRowOf({ ...d, entityRef }),
        );
        for (let i = 0; i < daily.length; i += BATCH) {
          await trx(DAILY).insert(daily.slice(i, i + BATCH));
        }
        written += daily.length;
      }
    });
    return written;
  }

  async lastCycle(): Promise<CycleRecord | undefined> {
    const row = await this.knex(CYCLES).orderBy('finished_at', 'desc').first();
    return row ? cycleOf(row) : undefined;
  }

  /** Deletes evaluations and cycle records older than `before`. */
  async prune(before: Date): Promise<{ evaluations: number; cycles: number }> {
    const evaluations = await this.knex(EVALUATIONS)
      .where('evaluated_at', '<', before)
      .delete();
    const cycles = await this.knex(CYCLES)
      .where('finished_at', '<', before)
      .delete();
    return { evaluations, cycles };
  }

  /**
   * Deletes the day totals of the days wholly before `before`; the day it
   * falls in stays, like the points of that day after it.
   */
  async pruneDaily(before: Date): Promise<number> {
    return this.knex(DAILY).where('day', '<', dayOf(before.getTime())).delete();
  }
}
