import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export interface Snapshot<T> {
  payload?: T;
  fetchedAt?: Date;
  lastError?: { message: string; code?: string; at: Date };
}

const TABLE = 'azure_snapshots';

function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value as string | number);
}

/**
 * Keeps the last good reading of each kind, and the latest failure beside
 * it. A failure never overwrites a good reading.
 */
export class SnapshotStore {
  static async create(database: DatabaseService): Promise<SnapshotStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath('@dataplatform/plugin-azure-backend', 'migrations'),
      });
    }
    return new SnapshotStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async saveSuccess<T>(key: string, payload: T, fetchedAt: Date): Promise<void> {
    await this.knex(TABLE)
      .insert({
        key,
        payload: JSON.stringify(payload),
        fetched_at: fetchedAt,
        last_error: null,
        last_error_code: null,
        last_error_at: null,
      })
      .onConflict('key')
      .merge();
  }

  async saveFailure(
    key: string,
    error: { message: string; code?: string },
    at: Date,
  ): Promise<void> {
    await this.knex(TABLE)
      .insert({
        key,
        last_error: error.message,
        last_error_code: error.code ?? null,
        last_error_at: at,
      })
      .onConflict('key')
      .merge(['last_error', 'last_error_code', 'last_error_at']);
  }

  async get<T>(key: string): Promise<Snapshot<T> | undefined> {
    const row = await this.knex(TABLE).where({ key }).first();
    if (!row) return undefined;
    return {
      payload: row.payload ? (JSON.parse(row.payload) as T) : undefined,
      fetchedAt: toDate(row.fetched_at),
      lastError: row.last_error
        ? {
            message: row.last_error,
            code: row.last_error_code ?? undefined,
            at: toDate(row.last_error_at)!,
          }
        : undefined,
    };
  }
}
