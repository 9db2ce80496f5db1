import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CategoryTimeline,
  EntityRetentionSummary,
  Finding,
  RecoveryDeclaration,
} from '@dataplatform/plugin-retention-common';
import { Knex } from 'knex';

const ENTITIES = 'retention_entities';
const RUNS = 'retention_runs';
/** Rows per insert: keeps well under SQLite's bound-variable limit. */
const BATCH = 200;

export type RetentionEntityKind = 'Domain' | 'DataProduct';

/** What an entity's evaluation found, besides its summary. */
export interface StoredDetail {
  findings: Finding[];
  timelines: CategoryTimeline[];
  recovery?: RecoveryDeclaration & { source: string };
}

/** An entity's last evaluation, as stored. */
export interface StoredEntity {
  entityRef: string;
  kind: RetentionEntityKind;
  /** A product's domain; a domain's own ref. */
  domainRef?: string;
  evaluatedAt: string;
  summary: EntityRetentionSummary;
  detail: StoredDetail;
}

/** One finished scan. */
export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  subscriptions: number;
  azureCalls: number;
}

/** SQLite hands timestamps back as epoch ms, PostgreSQL as Date. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
}

function storedOf(row: Record<string, any>): StoredEntity {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    ...(row.domain_ref ? { domainRef: row.domain_ref } : {}),
    evaluatedAt: toDate(row.evaluated_at).toISOString(),
    summary: JSON.parse(row.summary),
    detail: JSON.parse(row.detail),
  };
}

function runOf(row: Record<string, any>): RunRecord {
  return {
    startedAt: toDate(row.started_at).toISOString(),
    finishedAt: toDate(row.finished_at).toISOString(),
    subscriptions: Number(row.subscriptions),
    azureCalls: Number(row.azure_calls),
  };
}

/** Each entity's last retention evaluation, and the scans that made them. */
export class RetentionStore {
  static async create(database: DatabaseService): Promise<RetentionStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@dataplatform/plugin-retention-backend',
          'migrations',
        ),
      });
    }
    return new RetentionStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /**
   * Records one scan in one transaction: each evaluated entity's row is
   * replaced, and with `prune` the entities not evaluated leave the store.
   * An empty set never prunes: a catalog that answered with nothing must
   * not wipe every result.
   */
  async saveRun(
    entities: StoredEntity[],
    run: RunRecord,
    options: { prune: boolean },
  ): Promise<void> {
    const rows = entities.map(e => ({
      entity_ref: e.entityRef.toLowerCase(),
      kind: e.kind,
      domain_ref: e.domainRef?.toLowerCase() ?? null,
      evaluated_at: new Date(e.evaluatedAt),
      summary: JSON.stringify(e.summary),
      detail: JSON.stringify(e.detail),
    }));
    await this.knex.transaction(async trx => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx(ENTITIES)
          .insert(rows.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      if (options.prune && rows.length > 0) {
        const kept = new Set(rows.map(row => row.entity_ref));
        // In chunks: PostgreSQL and SQLite both cap bound parameters.
        const gone = (await trx(ENTITIES).select('entity_ref'))
          .map(row => row.entity_ref as string)
          .filter(ref => !kept.has(ref));
        for (let i = 0; i < gone.length; i += BATCH) {
          await trx(ENTITIES)
            .whereIn('entity_ref', gone.slice(i, i + BATCH))
            .delete();
        }
      }
      await trx(RUNS).insert({
        started_at: new Date(run.startedAt),
        finished_at: new Date(run.finishedAt),
        subscriptions: run.subscriptions,
        azure_calls: run.azureCalls,
      });
    });
  }

  async all(): Promise<StoredEntity[]> {
    const rows = await this.knex(ENTITIES).select().orderBy('entity_ref');
    return rows.map(storedOf);
  }

  /**
   * Every entity's summary and evaluation time, without the details: lists
   * need no more, and reading every detail is most of the cost of `all`.
   */
  async summaries(): Promise<
    Array<Pick<StoredEntity, 'entityRef' | 'evaluatedAt' | 'summary'>>
  > {
    const rows = await this.knex(ENTITIES)
      .select('entity_ref', 'evaluated_at', 'summary')
      .orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      evaluatedAt: toDate(row.evaluated_at).toISOString(),
      summary: JSON.parse(row.summary),
    }));
  }

  async get(entityRef: string): Promise<StoredEntity | undefined> {
    const row = await this.knex(ENTITIES)
      .where('entity_ref', entityRef.toLowerCase())
      .first();
    return row ? storedOf(row) : undefined;
  }

  /** The data products of a domain that have an evaluation. */
  async children(domainRef: string): Promise<StoredEntity[]> {
    const rows = await this.knex(ENTITIES)
      .where('domain_ref', domainRef.toLowerCase())
      .andWhere('kind', 'DataProduct')
      .orderBy('entity_ref');
    return rows.map(storedOf);
  }

  /** Every entity of one domain: the domain and its products. */
  async ofDomain(domainRef: string): Promise<StoredEntity[]> {
    const rows = await this.knex(ENTITIES)
      .where('domain_ref', domainRef.toLowerCase())
      .orderBy('entity_ref');
    return rows.map(storedOf);
  }

  async lastRun(): Promise<RunRecord | undefined> {
    const row = await this.knex(RUNS)
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    return row ? runOf(row) : undefined;
  }
}
