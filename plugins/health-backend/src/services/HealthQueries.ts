import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  EntityHealthListResponse,
  EntityHealthSummary,
  HEALTH_MODEL_ANNOTATION,
  HealthModelDefinitionView,
  HistoryWindow,
  ModelResult,
  SLO_OBJECTIVE,
  bucketHistory,
  compareStates,
  computeSlo,
  healthModelPortalUrl,
} from '@dataplatform/plugin-health-common';
import { SLO_WINDOW_DAYS } from './HealthEvaluator';
import { HealthStore, StoredEvaluation } from './HealthStore';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** A summary is stale when its last evaluation is older than this many intervals. */
export const STALE_AFTER_INTERVALS = 3;

const WINDOWS: Record<HistoryWindow, { bucketMs: number; buckets: number }> = {
  '24h': { bucketMs: 15 * MINUTE_MS, buckets: 96 },
  '30d': { bucketMs: DAY_MS, buckets: 30 },
};

/** Worst state first, then lowest score (none last), then title. */
export function worstFirst(a: EntityHealthSummary, b: EntityHealthSummary) {
  return (
    compareStates(a.state, b.state) ||
    (a.score ?? Infinity) - (b.score ?? Infinity) ||
    a.title.localeCompare(b.title) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

/**
 * A result without Azure's own words behind unknown signals, which may
 * quote a query or name resources: for callers who may not see the
 * model's definitions. Explanations and causes stay: they are public.
 */
export function withoutDetails(result: ModelResult): ModelResult {
  return {
    ...result,
    components: result.components.map(component => ({
      ...component,
      signals: component.signals.map(
        ({ detail: _detail, ...signal }) => signal,
      ),
    })),
  };
}

/** What the routes answer, read from the store. */
export class HealthQueries {
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      store: HealthStore;
      memberships: Memberships;
      /** For portal links, which open the right directory. */
      tenantId: string;
      intervalSeconds: number;
      now?: () => Date;
    },
  ) {
    this.intervalMs = options.intervalSeconds * 1000;
    this.now = options.now ?? (() => new Date());
  }

  /** Longest a stored state is trusted without a newer one; also the stale limit. */
  get maxHoldMs() {
    return STALE_AFTER_INTERVALS * this.intervalMs;
  }

  private withStaleness(stored: StoredEvaluation): EntityHealthSummary {
    const age = this.now().getTime() - Date.parse(stored.evaluatedAt);
    return { ...stored.summary, stale: age > this.maxHoldMs };
  }

  async list(): Promise<EntityHealthListResponse> {
    const { store } = this.options;
    const [stored, cycle] = await Promise.all([
      store.latestAll(),
      store.lastCycle(),
    ]);
    return {
      items: stored.map(s => this.withStaleness(s)).sort(worstFirst),
      ...(cycle ? { lastCycleAt: cycle.finishedAt } : {}),
    };
  }

  private async find(entityRef: string): Promise<StoredEvaluation> {
    const stored = await this.options.store.latest(entityRef);
    if (!stored) {
      throw new NotFoundError(
        `The health backend has no evaluation of ${entityRef}: it is not a Domain or DataProduct with a ${HEALTH_MODEL_ANNOTATION} annotation (or a domain of one), or it has not been evaluated yet`,
      );
    }
    return stored;
  }

  private definitionOf(
    stored: StoredEvaluation,
  ): HealthModelDefinitionView | undefined {
    if (!stored.model) return undefined;
    const { tenantId } = this.options;
    return {
      entityRef: stored.entityRef,
      source: stored.source ?? 'unknown',
      model: stored.model,
      signals: stored.model.components.flatMap(component =>
        component.signals.map(signal => ({
          key: `${component.id}/${signal.id}`,
          signal,
          portalUrl: healthModelPortalUrl(tenantId, signal),
        })),
      ),
    };
  }

  /**
   * An entity's evaluation and, for a domain, its products'. Definitions
   * (queries, resources) and Azure's details of failed reads only for the
   * owner group and the platform team.
   */
  async detail(
    entityRef: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<EntityHealthDetailResponse> {
    const stored = await this.find(entityRef);
    const children =
      stored.kind === 'domain'
        ? await this.options.store.children(stored.entityRef)
        : [];
    const definitionsVisible =
      await this.options.memberships.isMemberOrPlatformTeam(
        credentials,
        ownerGroupRef(stored.owner),
      );
    const shown = (result: ModelResult) =>
      definitionsVisible ? result : withoutDetails(result);
    const response: EntityHealthDetailResponse = {
      summary: this.withStaleness(stored),
      ...(stored.result ? { result: shown(stored.result) } : {}),
      children: children
        .map(child => ({
          summary: this.withStaleness(child),
          ...(child.result ? { result: shown(child.result) } : {}),
        }))
        .sort((a, b) => worstFirst(a.summary, b.summary)),
      definitionsVisible,
    };
    if (definitionsVisible) {
      response.definitions = [stored, ...children].flatMap(
        s => this.definitionOf(s) ?? [],
      );
    }
    return response;
  }

  /** Buckets of the window and the 30-day SLO, from stored evaluations. */
  async history(
    entityRef: string,
    window: HistoryWindow,
  ): Promise<EntityHealthHistoryResponse> {
    const stored = await this.find(entityRef);
    const now = this.now().getTime();
    const { bucketMs, buckets } = WINDOWS[window];
    // Whole buckets, so a page polling every minute sees the same edges.
    const to = Math.ceil(now / bucketMs) * bucketMs;
    const from = to - buckets * bucketMs;
    // The point before a window's start still holds into it.
    const since =
      Math.min(from, now - SLO_WINDOW_DAYS * DAY_MS) - this.maxHoldMs;
    const points = await this.options.store.history(
      stored.entityRef,
      new Date(since),
    );
    return {
      entityRef: stored.entityRef,
      window,
      buckets: bucketHistory(points, {
        from,
        to,
        bucketMs,
        maxHoldMs: this.maxHoldMs,
      }),
      slo: computeSlo(points, {
        now,
        windowDays: SLO_WINDOW_DAYS,
        objective: SLO_OBJECTIVE,
        maxHoldMs: this.maxHoldMs,
      }),
    };
  }
}

/** The owner as a full entity ref (`spec.owner` may be short, e.g. `finance-domain-owners`). */
function ownerGroupRef(owner: string | undefined): string | undefined {
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
