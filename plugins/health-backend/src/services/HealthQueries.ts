import {
  BackstageCredentials,
  BackstageServicePrincipal,
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
  bucketHistory,
  compareStates,
  healthModelPortalUrl,
} from '@dataplatform/plugin-health-common';
import {
  DAY_MS,
  SLO_WINDOW_DAYS,
  bucketsFromDaily,
  dayOf,
  sloFromDaily,
} from './daily';
import { TOP_CAUSES } from './HealthEvaluator';
import { HealthStore, StoredEvaluation } from './HealthStore';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';
import { publicModelError, withFileNames } from './redact';

const MINUTE_MS = 60_000;
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

/** `2026-11-24 02:31 UTC`: when a stale summary was last evaluated. */
function minuteUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

type Caller = BackstageCredentials<BackstageUserPrincipal>;
/** A person, or another backend plugin (the overview), which sees every entity as the platform team does. */
type PersonOrService = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

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

  /**
   * The summary as the caller sees it. A stale one is `unknown`, with the
   * state it last had as `lastState` and when that was as its first cause:
   * a state nobody has checked lately must not read as current. Without
   * the definitions, its model error keeps pointers and allowed values
   * but not the values or paths it quotes.
   */
  private summaryOf(
    stored: StoredEvaluation,
    definitionsVisible: boolean,
  ): EntityHealthSummary {
    const summary = { ...stored.summary };
    if (summary.modelError && !definitionsVisible) {
      const original = summary.modelError.message;
      const shown = publicModelError(summary.modelError, stored.source);
      summary.modelError = shown;
      // The model's cause line names its file as the message does.
      summary.topCauses = summary.topCauses.map(cause => {
        if (cause === original) return shown.message;
        return cause.startsWith(`${HEALTH_MODEL_ANNOTATION}: `)
          ? withFileNames(cause, stored.source)
          : cause;
      });
    }
    const age = this.now().getTime() - Date.parse(stored.evaluatedAt);
    if (age <= this.maxHoldMs) return { ...summary, stale: false };
    return {
      ...summary,
      state: 'unknown',
      lastState: stored.summary.state,
      stale: true,
      topCauses: [
        `not evaluated since ${minuteUtc(stored.evaluatedAt)}`,
        ...summary.topCauses,
      ].slice(0, TOP_CAUSES),
    };
  }

  /**
   * Who may see which entity's definitions: owners (by each entity's own
   * `spec.owner`) and the platform team. One membership check per owner.
   */
  private async visibility(
    credentials: PersonOrService,
    entities: StoredEvaluation[],
  ): Promise<(stored: StoredEvaluation) => boolean> {
    // Memberships knows people only; a service has no groups to look up.
    if (credentials.principal.type === 'service') return () => true;
    const person = credentials as Caller;
    const { memberships } = this.options;
    const owners = [...new Set(entities.map(e => ownerGroupRef(e.owner)))];
    const allowed = new Map(
      await Promise.all(
        owners.map(
          async owner =>
            [
              owner,
              await memberships.isMemberOrPlatformTeam(person, owner),
            ] as const,
        ),
      ),
    );
    return stored => allowed.get(ownerGroupRef(stored.owner)) === true;
  }

  async list(credentials: PersonOrService): Promise<EntityHealthListResponse> {
    const { store } = this.options;
    const [stored, cycle] = await Promise.all([
      store.latestAll(),
      store.lastCycle(),
    ]);
    const visible = await this.visibility(credentials, stored);
    return {
      items: stored.map(s => this.summaryOf(s, visible(s))).sort(worstFirst),
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
   * (queries, resources) and Azure's details of failed reads only for each
   * entity's own owner group and the platform team: a domain's owners do
   * not see those of a product another group owns. `definitionsVisible`
   * is the entity's own; `definitions` holds every model the caller may
   * see, and is absent when that is none.
   */
  async detail(
    entityRef: string,
    credentials: Caller,
  ): Promise<EntityHealthDetailResponse> {
    const stored = await this.find(entityRef);
    const children =
      stored.kind === 'domain'
        ? await this.options.store.children(stored.entityRef)
        : [];
    const visible = await this.visibility(credentials, [stored, ...children]);
    const shown = (entity: StoredEvaluation) => {
      const canSee = visible(entity);
      return {
        summary: this.summaryOf(entity, canSee),
        ...(entity.result
          ? {
              result: canSee ? entity.result : withoutDetails(entity.result),
            }
          : {}),
      };
    };
    const definitionsVisible = visible(stored);
    const response: EntityHealthDetailResponse = {
      ...shown(stored),
      children: children
        .map(shown)
        .sort((a, b) => worstFirst(a.summary, b.summary)),
      definitionsVisible,
    };
    const definitions = [stored, ...children]
      .filter(visible)
      .flatMap(s => this.definitionOf(s) ?? []);
    if (definitions.length > 0) response.definitions = definitions;
    return response;
  }

  /**
   * Buckets of the window and the 30-day SLO. The SLO and the daily
   * buckets come from the entity's day totals (at most 31 rows) and its
   * last evaluation, by the same arithmetic as the summaries'
   * availability; the quarter-hour buckets from the last day's points.
   */
  async history(
    entityRef: string,
    window: HistoryWindow,
  ): Promise<EntityHealthHistoryResponse> {
    const { store } = this.options;
    const stored = await this.find(entityRef);
    const now = this.now().getTime();
    const { bucketMs, buckets } = WINDOWS[window];
    // Whole buckets, so a page polling every minute sees the same edges.
    const to = Math.ceil(now / bucketMs) * bucketMs;
    const from = to - buckets * bucketMs;
    const days =
      (
        await store.daily(
          dayOf(Math.min(from, now - SLO_WINDOW_DAYS * DAY_MS)),
          stored.entityRef,
        )
      ).get(stored.entityRef) ?? [];
    // The last evaluation holds from its time, for `maxHoldMs` at most.
    const tail = {
      at: Date.parse(stored.evaluatedAt),
      state: stored.summary.state,
    };
    const maxHoldMs = this.maxHoldMs;
    return {
      entityRef: stored.entityRef,
      window,
      buckets:
        window === '30d'
          ? bucketsFromDaily(days, { from, to, tail, maxHoldMs })
          : bucketHistory(
              // The point before the window's start still holds into it.
              await store.history(stored.entityRef, new Date(from - maxHoldMs)),
              { from, to, bucketMs, maxHoldMs },
            ),
      slo: sloFromDaily(days, { now, tail, maxHoldMs }),
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
