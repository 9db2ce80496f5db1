import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DomainRequest,
  DomainRequestStatus,
  PublishedEntitySet,
  SandboxLease,
  SandboxLeaseState,
} from '@dataplatform/plugin-provisioning-common';
import { Knex } from 'knex';
import { SandboxLeaseRepository } from './sandboxLeases/types';

const DOMAIN_REQUESTS = 'provisioning_domain_requests';
const SANDBOX_LEASES = 'provisioning_sandbox_leases';
const ENTITY_SETS = 'provisioning_published_entity_sets';

/** Statuses in which a domain request holds its name: nobody else may ask for it. */
export const NAME_HOLDING_STATUSES: readonly DomainRequestStatus[] = [
  'pending-approval',
  'approved',
  'provisioning',
  'provisioned',
];

export interface DomainRequestFilter {
  statuses?: readonly DomainRequestStatus[];
  name?: string;
  requestedBy?: string;
}

export interface SandboxLeaseFilter {
  states?: readonly SandboxLeaseState[];
  name?: string;
  ownerGroup?: string;
  requestedBy?: string;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'SQLITE_CONSTRAINT_UNIQUE' || // better-sqlite3
    code === 'ER_DUP_ENTRY' || // MySQL
    (code === 'SQLITE_CONSTRAINT' &&
      /UNIQUE/i.test(String((error as Error).message)))
  );
}

function domainRequestRow(request: DomainRequest) {
  return {
    id: request.id,
    name: request.input.name,
    claimed_name: NAME_HOLDING_STATUSES.includes(request.status)
      ? request.input.name
      : null,
    status: request.status,
    requested_by: request.requestedBy,
    requested_at: new Date(request.requestedAt),
    updated_at: new Date(request.updatedAt),
    request: JSON.stringify(request),
  };
}

function leaseRow(lease: SandboxLease) {
  return {
    id: lease.id,
    name: lease.input.name,
    // A decommissioned sandbox's subscription is gone; its name is free again.
    claimed_name: lease.state === 'decommissioned' ? null : lease.input.name,
    state: lease.state,
    owner_group: lease.input.ownerGroup,
    requested_by: lease.requestedBy,
    created_at: new Date(lease.createdAt),
    updated_at: new Date(lease.updatedAt),
    lease: JSON.stringify(lease),
  };
}

/**
 * Domain requests, sandbox leases and published entity sets, in the
 * plugin's database. Updates are read-modify-write in one transaction, so
 * two callers deciding or extending the same thing cannot both win.
 */
export class ProvisioningStore implements SandboxLeaseRepository {
  static async create(
    database: DatabaseService,
    options: { now?: () => Date } = {},
  ): Promise<ProvisioningStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@dataplatform/plugin-provisioning-backend',
          'migrations',
        ),
      });
    }
    return new ProvisioningStore(knex, options.now ?? (() => new Date()));
  }

  private readonly rowLocks: boolean;

  constructor(private readonly knex: Knex, private readonly now: () => Date) {
    // SQLite runs one writer at a time and has no row locks to ask for.
    const client = String(knex.client.config.client ?? '');
    this.rowLocks = !/sqlite/i.test(client);
  }

  // ---- domain requests ------------------------------------------------------

  /**
   * Saves a new request; false when another request holds its name (the
   * loser of two simultaneous submissions).
   */
  async insertDomainRequest(request: DomainRequest): Promise<boolean> {
    try {
      await this.knex(DOMAIN_REQUESTS).insert(domainRequestRow(request));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async getDomainRequest(id: string): Promise<DomainRequest | undefined> {
    const row = await this.knex(DOMAIN_REQUESTS).where({ id }).first();
    return row ? (JSON.parse(row.request) as DomainRequest) : undefined;
  }

  /** Newest first. */
  async listDomainRequests(
    filter: DomainRequestFilter = {},
  ): Promise<DomainRequest[]> {
    const query = this.knex(DOMAIN_REQUESTS).select('request');
    if (filter.statuses) query.whereIn('status', [...filter.statuses]);
    if (filter.name) query.where('name', filter.name);
    if (filter.requestedBy) query.where('requested_by', filter.requestedBy);
    const rows = await query.orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'seq', order: 'desc' },
    ]);
    return rows.map(row => JSON.parse(row.request) as DomainRequest);
  }

  /**
   * Replaces the request with what `update` returns. Returning the given
   * object unchanged writes nothing; throwing aborts.
   */
  async updateDomainRequest(
    id: string,
    update: (request: DomainRequest) => DomainRequest,
  ): Promise<DomainRequest> {
    return this.readModifyWrite({
      table: DOMAIN_REQUESTS,
      column: 'request',
      id,
      what: 'domain request',
      update,
      toRow: domainRequestRow,
      nameTaken: r =>
        `the name "${r.input.name}" is now held by another domain request; this one cannot take it back`,
    });
  }

  // ---- sandbox leases -------------------------------------------------------

  /** Saves a new lease; false when a lease that is not decommissioned holds its name. */
  async insertLease(lease: SandboxLease): Promise<boolean> {
    try {
      await this.knex(SANDBOX_LEASES).insert(leaseRow(lease));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async getLease(id: string): Promise<SandboxLease | undefined> {
    const row = await this.knex(SANDBOX_LEASES).where({ id }).first();
    return row ? (JSON.parse(row.lease) as SandboxLease) : undefined;
  }

  /** Newest first. */
  async listLeases(filter: SandboxLeaseFilter = {}): Promise<SandboxLease[]> {
    const query = this.knex(SANDBOX_LEASES).select('lease');
    if (filter.states) query.whereIn('state', [...filter.states]);
    if (filter.name) query.where('name', filter.name);
    if (filter.ownerGroup) query.where('owner_group', filter.ownerGroup);
    if (filter.requestedBy) query.where('requested_by', filter.requestedBy);
    const rows = await query.orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'seq', order: 'desc' },
    ]);
    return rows.map(row => JSON.parse(row.lease) as SandboxLease);
  }

  async updateLease(
    id: string,
    update: (lease: SandboxLease) => SandboxLease,
  ): Promise<SandboxLease> {
    return this.readModifyWrite({
      table: SANDBOX_LEASES,
      column: 'lease',
      id,
      what: 'sandbox lease',
      update,
      toRow: leaseRow,
      nameTaken: l =>
        `the name "${l.input.name}" is now held by another sandbox lease; this one cannot take it back`,
    });
  }

  // ---- published entity sets ------------------------------------------------

  async putEntitySet(set: PublishedEntitySet): Promise<void> {
    await this.knex(ENTITY_SETS)
      .insert({
        key: set.key,
        published_at: new Date(set.publishedAt),
        entity_set: JSON.stringify(set),
      })
      .onConflict('key')
      .merge();
  }

  /** By key, so the catalog sees a stable order. */
  async listEntitySets(): Promise<PublishedEntitySet[]> {
    const rows = await this.knex(ENTITY_SETS)
      .select('entity_set')
      .orderBy('key', 'asc');
    return rows.map(row => JSON.parse(row.entity_set) as PublishedEntitySet);
  }

  private async readModifyWrite<
    T extends { id: string; updatedAt: string },
  >(options: {
    table: string;
    column: string;
    id: string;
    what: string;
    update: (current: T) => T;
    toRow: (value: T) => Record<string, unknown>;
    nameTaken: (value: T) => string;
  }): Promise<T> {
    const { table, column, id, what, update, toRow } = options;
    try {
      return await this.knex.transaction(async tx => {
        const query = tx(table).select(column).where({ id }).first();
        if (this.rowLocks) query.forUpdate();
        const row = await query;
        if (!row) throw new NotFoundError(`no ${what} with id ${id}`);
        const current = JSON.parse(row[column]) as T;
        const next = update(current);
        if (next === current) return current;
        if (next.id !== id) {
          throw new Error(`an update may not change the id of ${what} ${id}`);
        }
        const saved = { ...next, updatedAt: this.now().toISOString() };
        await tx(table).where({ id }).update(toRow(saved));
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const current = await this.knex(table)
          .select(column)
          .where({ id })
          .first();
        throw new ConflictError(
          options.nameTaken(JSON.parse(current[column]) as T),
        );
      }
      throw error;
    }
  }
}
