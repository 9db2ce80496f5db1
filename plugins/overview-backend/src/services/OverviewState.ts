import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import { EstateCost } from '@dataplatform/plugin-cost-common';
import {
  EntityHealthListResponse,
  EntityHealthSummary,
} from '@dataplatform/plugin-health-common';
import {
  Concern,
  DomainOverviewRow,
  RequestInProgress,
  SourceStatus,
} from '@dataplatform/plugin-overview-common';
import {
  DomainRequest,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { EntityRetentionSummary } from '@dataplatform/plugin-retention-common';
import { CatalogSource } from './CatalogSource';
import {
  ColumnInput,
  DomainDetails,
  buildOverview,
  requestsInProgress,
  timeUtc,
} from './rows';
import { PluginSource, SourceAnswer } from './sources';

export const CATALOG_SOURCE = 'catalog';
export const PROVISIONING_PLUGIN = 'dataplatform-provisioning';

/** Everything the routes answer from, assembled after a poll. */
export interface OverviewSnapshot {
  /**
   * Changes when anything a response shows changes, except the times of
   * the polls (`generatedAt`, each source's `asOf`): the weak ETag.
   */
  version: string;
  /** When the rows were assembled (after the last poll). */
  generatedAt: string;
  /** One per column, in column order. */
  sources: SourceStatus[];
  /** Where the requests in progress come from. */
  provisioning: SourceStatus;
  /** Worst first. */
  rows: DomainOverviewRow[];
  rowsByName: Map<string, DomainOverviewRow>;
  details: Map<string, DomainDetails>;
  requests: RequestInProgress[];
  /** False until the catalog answered once: nobody's domains are known. */
  catalogRead: boolean;
  /** Why there are no rows for anyone, when the catalog is the reason. */
  noRowsReason?: string;
  /** The platform team's unfiltered answer, serialized once per snapshot. */
  platformHome?: { etag: string; json: Buffer; gzip: Buffer };
}

/** What a source's own data says about its freshness. */
interface OwnFreshness {
  /** Lines for the source's status. */
  reasons: string[];
  /** When true, every cell of the column is marked stale with the reasons. */
  everyCell: boolean;
  dataAsOf?: string;
}

interface Judged {
  status: SourceStatus;
  /** Set when the column has nothing to show. */
  unavailable?: string;
  /** Set when every cell is shown from earlier or stale data. */
  stale?: string;
}

const FRESH: OwnFreshness = { reasons: [], everyCell: false };

function judge(
  concern: Concern,
  source: string,
  answer: SourceAnswer<unknown>,
  own: OwnFreshness,
  now: Date,
): Judged {
  const base = { concern, source };
  if (answer.body === undefined) {
    if (!answer.error) {
      return {
        status: { ...base, state: 'pending', reasons: [] },
        unavailable: `${source} has not been read yet: the overview has just started`,
      };
    }
    const reason = `${answer.error} at ${timeUtc(answer.failedAt!, now)}`;
    return {
      status: {
        ...base,
        state: 'failing',
        reasons: [`${reason}; nothing read from it since the overview started`],
      },
      unavailable: `${source} has not answered since the overview started: ${reason}`,
    };
  }
  const pollFailure = answer.error
    ? `${answer.error} at ${timeUtc(
        answer.failedAt!,
        now,
      )}; showing the answer of ${timeUtc(answer.asOf!, now)}`
    : undefined;
  const reasons = [...(pollFailure ? [pollFailure] : []), ...own.reasons];
  const cellReasons = [
    ...(pollFailure ? [pollFailure] : []),
    ...(own.everyCell ? own.reasons : []),
  ];
  return {
    status: {
      ...base,
      state: reasons.length > 0 ? 'stale' : 'ok',
      ...(answer.asOf ? { asOf: answer.asOf } : {}),
      ...(own.dataAsOf ? { dataAsOf: own.dataAsOf } : {}),
      reasons,
    },
    ...(cellReasons.length > 0 ? { stale: cellReasons.join('; ') } : {}),
  };
}

function column<T>(answer: SourceAnswer<T>, judged: Judged): ColumnInput<T> {
  if (judged.unavailable !== undefined || answer.body === undefined) {
    return {
      unavailable:
        judged.unavailable ?? `${judged.status.source} has nothing to show`,
    };
  }
  return {
    body: answer.body,
    ...(judged.stale ? { stale: judged.stale } : {}),
  };
}

function staleItems(
  pluginId: string,
  items: Array<{ stale?: boolean; title?: string; entityRef: string }>,
): string[] {
  const stale = items.filter(i => i.stale === true);
  if (stale.length === 0) return [];
  const names = stale.slice(0, 3).map(i => i.title ?? i.entityRef);
  const more = stale.length > 3 ? `, and ${stale.length - 3} more` : '';
  return [
    `${pluginId} has not evaluated ${stale.length} ${
      stale.length === 1 ? 'entity' : 'entities'
    } lately (${names.join(', ')}${more}); they show their last known state`,
  ];
}

function healthFreshness(body?: EntityHealthListResponse): OwnFreshness {
  if (!body) return FRESH;
  return {
    reasons: staleItems(
      'dataplatform-health',
      body.items as EntityHealthSummary[],
    ),
    everyCell: false,
    ...(body.lastCycleAt ? { dataAsOf: body.lastCycleAt } : {}),
  };
}

function costFreshness(body?: EstateCost): OwnFreshness {
  if (!body?.data) return FRESH;
  const { data } = body;
  const reasons = data.stale
    ? (data.staleReasons?.length ? data.staleReasons : ['no reason given']).map(
        reason =>
          `dataplatform-cost shows figures read before its last refresh failed: ${reason}`,
      )
    : [];
  return {
    reasons,
    everyCell: true,
    ...(data.asOf ? { dataAsOf: data.asOf } : {}),
  };
}

function retentionFreshness(body?: {
  items: EntityRetentionSummary[];
}): OwnFreshness {
  if (!body) return FRESH;
  const newest = body.items
    .map(i => i.evaluatedAt)
    .filter((at): at is string => typeof at === 'string')
    .sort()
    .pop();
  return {
    reasons: staleItems('dataplatform-retention', body.items),
    everyCell: false,
    ...(newest ? { dataAsOf: newest } : {}),
  };
}

/** The two provisioning lists as one source: the worse of the two. */
function provisioningStatus(
  requests: SourceAnswer<unknown>,
  leases: SourceAnswer<unknown>,
  now: Date,
): SourceStatus {
  const parts = [
    judge('sandboxes', PROVISIONING_PLUGIN, requests, FRESH, now).status,
    judge('sandboxes', PROVISIONING_PLUGIN, leases, FRESH, now).status,
  ];
  const order = ['failing', 'pending', 'stale', 'ok'] as const;
  const state = order.find(s => parts.some(p => p.state === s)) ?? 'ok';
  const asOf = parts
    .map(p => p.asOf)
    .filter((at): at is string => !!at)
    .sort()[0];
  return {
    concern: 'sandboxes',
    source: PROVISIONING_PLUGIN,
    state,
    ...(asOf ? { asOf } : {}),
    reasons: [...new Set(parts.flatMap(p => p.reasons))],
  };
}

/** A column's input as values compared by identity. */
function columnParts<T>(input: ColumnInput<T>): unknown[] {
  return 'unavailable' in input
    ? [undefined, undefined, input.unavailable]
    : [input.body, input.stale, undefined];
}

function versionOf(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex')
    .slice(0, 20);
}

/** Sources without the time of the last good poll, which moves every poll. */
function withoutPollTimes(sources: SourceStatus[]) {
  return sources.map(({ asOf: _asOf, ...rest }) => rest);
}

export interface OverviewSources {
  catalog: CatalogSource;
  health: PluginSource<EntityHealthListResponse>;
  cost: PluginSource<EstateCost>;
  retention: PluginSource<{ items: EntityRetentionSummary[] }>;
  domainRequests: PluginSource<{ items: DomainRequest[] }>;
  sandboxLeases: PluginSource<{ items: SandboxLease[] }>;
}

/**
 * The snapshot the routes answer from: every source's last good answer,
 * polled together, assembled into rows after each poll. A poll that
 * changes nothing but the poll times keeps the version, so clients
 * holding the answer get a 304.
 */
export class OverviewState {
  private current: OverviewSnapshot;
  /** The last assembly and the inputs it was made from. */
  private assembled?: {
    inputs: unknown[];
    built: ReturnType<typeof buildOverview>;
    requests: ReturnType<typeof requestsInProgress>;
    version: string;
  };

  constructor(
    private readonly options: {
      sources: OverviewSources;
      tenantId?: string;
      now?: () => Date;
    },
  ) {
    this.current = this.assemble();
  }

  get snapshot(): OverviewSnapshot {
    return this.current;
  }

  /** Polls every source at once, then rebuilds the rows. Never throws for a source's failure. */
  async refresh(signal?: AbortSignal): Promise<void> {
    const { sources } = this.options;
    await Promise.all([
      sources.catalog.poll(signal),
      sources.health.poll(signal),
      sources.cost.poll(signal),
      sources.retention.poll(signal),
      sources.domainRequests.poll(signal),
      sources.sandboxLeases.poll(signal),
    ]);
    this.current = this.assemble();
  }

  private assemble(): OverviewSnapshot {
    const { sources, tenantId } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const catalog = sources.catalog.state;
    const health = sources.health.state;
    const cost = sources.cost.state;
    const retention = sources.retention.state;

    const judgedHealth = judge(
      'health',
      'dataplatform-health',
      health,
      healthFreshness(health.body),
      now,
    );
    const judgedCost = judge(
      'cost',
      'dataplatform-cost',
      cost,
      costFreshness(cost.body),
      now,
    );
    const judgedRetention = judge(
      'retention',
      'dataplatform-retention',
      retention,
      retentionFreshness(retention.body),
      now,
    );
    const judgedContracts = judge(
      'contracts',
      CATALOG_SOURCE,
      catalog,
      FRESH,
      now,
    );
    const judgedSandboxes = judge(
      'sandboxes',
      CATALOG_SOURCE,
      catalog,
      FRESH,
      now,
    );

    const entities: Entity[] = catalog.body ?? [];
    const healthColumn = column(health, judgedHealth);
    const costColumn = column(cost, judgedCost);
    const retentionColumn = column(retention, judgedRetention);
    // Assembling 200 domains takes a noticeable slice of the event loop the
    // whole backend shares, so it is redone only when an input changed: the
    // sources keep their body object while a plugin answers the same.
    const inputs: unknown[] = [
      entities,
      judgedContracts.stale,
      ...columnParts(healthColumn),
      ...columnParts(costColumn),
      ...columnParts(retentionColumn),
      tenantId,
      // Days left of sandboxes count from today.
      now.toISOString().slice(0, 10),
      sources.domainRequests.state.body,
      sources.sandboxLeases.state.body,
    ];
    if (
      !this.assembled ||
      inputs.length !== this.assembled.inputs.length ||
      inputs.some((input, i) => input !== this.assembled!.inputs[i])
    ) {
      const built = buildOverview(
        {
          entities,
          ...(judgedContracts.stale
            ? { catalogStale: judgedContracts.stale }
            : {}),
          health: healthColumn,
          cost: costColumn,
          retention: retentionColumn,
          ...(tenantId ? { tenantId } : {}),
        },
        now,
      );
      const requests = requestsInProgress(
        sources.domainRequests.state.body?.items ?? [],
        sources.sandboxLeases.state.body?.items ?? [],
      );
      this.assembled = {
        inputs,
        built,
        requests,
        version: versionOf({
          rows: built.rows,
          details: [...built.details.entries()],
          requests,
        }),
      };
    }
    const { built, requests } = this.assembled;
    const columnSources = [
      judgedHealth,
      judgedCost,
      judgedRetention,
      judgedContracts,
      judgedSandboxes,
    ].map(j => j.status);
    const provisioning = provisioningStatus(
      sources.domainRequests.state,
      sources.sandboxLeases.state,
      now,
    );
    let noRowsReason: string | undefined;
    if (catalog.body === undefined) {
      noRowsReason = catalog.error
        ? `The catalog has not answered since the overview started (${catalog.error}), so no domain can be shown yet`
        : 'The overview is reading the catalog for the first time; try again in a few seconds';
    } else if (built.rows.length === 0) {
      noRowsReason = 'The catalog has no Domain entities yet';
    }
    const content = {
      assembled: this.assembled.version,
      sources: withoutPollTimes([...columnSources, provisioning]),
      noRowsReason,
    };
    return {
      version: versionOf(content),
      generatedAt: now.toISOString(),
      sources: columnSources,
      provisioning,
      rows: built.rows,
      rowsByName: new Map(built.rows.map(r => [r.name.toLowerCase(), r])),
      details: built.details,
      requests,
      catalogRead: catalog.body !== undefined,
      ...(noRowsReason ? { noRowsReason } : {}),
    };
  }
}
