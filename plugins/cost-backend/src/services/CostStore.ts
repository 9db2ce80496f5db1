import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CostSnapshot, CostSnapshotData } from './snapshot';

const SNAPSHOTS = 'cost_snapshots';

/** Snapshots kept: two days of hourly refreshes, for looking back after an incident. */
export const KEPT_SNAPSHOTS = 48;

/** The refreshes' snapshots, newest served. */
export class CostStore {
  static async create(database: DatabaseService): Promise<CostStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@dataplatform/plugin-cost-backend',
          'migrations',
        ),
      });
    }
    return new CostStore(knex);
  }

  constructor(
    private readonly knex: Knex,
    private readonly keep = KEPT_SNAPSHOTS,
  ) {}

  /** Stores a refresh's snapshot and drops all but the newest `keep`. */
  async save(data: CostSnapshotData): Promise<CostSnapshot> {
    return this.knex.transaction(async trx => {
      const [inserted] = await trx(SNAPSHOTS)
        .insert({
          collected_at: new Date(data.collectedAt),
          today: data.today,
          snapshot: JSON.stringify(data),
        })
        .returning('id');
      // PostgreSQL and SQLite hand back `{ id }`; older drivers the bare id.
      const id = Number(
        typeof inserted === 'object'
          ? (inserted as { id: number }).id
          : inserted,
      );
      const oldestKept = await trx(SNAPSHOTS)
        .select('id')
        .orderBy('id', 'desc')
        .offset(this.keep - 1)
        .first();
      if (oldestKept) {
        await trx(SNAPSHOTS).where('id', '<', oldestKept.id).delete();
      }
      return { ...data, id };
    });
  }

  async latest(): Promise<CostSnapshot | undefined> {
    const row = await this.knex(SNAPSHOTS)
      .select('id', 'snapshot')
      .orderBy('id', 'desc')
      .first();
    return row
      ? { ...JSON.parse(row.snapshot), id: Number(row.id) }
      : undefined;
  }

  /** The newest snapshot's id: cheap enough to ask every few seconds. */
  async latestId(): Promise<number | undefined> {
    const row = await this.knex(SNAPSHOTS).max({ id: 'id' }).first();
    return row?.id === null || row?.id === undefined
      ? undefined
      : Number(row.id);
  }

  /** Ids of the stored snapshots, newest first. */
  async ids(): Promise<number[]> {
    const rows = await this.knex(SNAPSHOTS).select('id').orderBy('id', 'desc');
    return rows.map(row => Number(row.id));
  }
}
