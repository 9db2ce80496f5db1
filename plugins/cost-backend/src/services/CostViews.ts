import { gzipSync } from 'node:zlib';
import { NotFoundError } from '@backstage/errors';
import { AZURE_SUBSCRIPTION_ID_ANNOTATION } from '@dataplatform/plugin-azure-common';
import {
  addDays,
  AlertFilters,
  BudgetNotificationView,
  BudgetView,
  COST_ALERT_KINDS,
  COST_ALERT_STATUSES,
  CostAlertFeed,
  CostAlertKind,
  CostAlertStatus,
  CostAlertView,
  CostDataAge,
  CostPending,
  CostSummary,
  DailyCost,
  DomainCostResponse,
  EstateCost,
  EstateDomainRow,
  EstateSandboxRow,
  SandboxCostResponse,
  alertViewOf,
  anomalyAlert,
  budgetPortalUrl,
  compareAlerts,
  compareEstateRows,
  costAnalysisUrl,
  detectAnomalies,
  fillDailySeries,
  monthlyOf,
  projectSandbox,
  stackDaily,
  stackMonthly,
  summarizeCost,
} from '@dataplatform/plugin-cost-common';
import { CostGrouping } from '../config';
import {
  CostCatalog,
  CostCatalogSnapshot,
  CostDomainEntry,
  CostEntityEntry,
  CostSandboxEntry,
} from './CostCatalog';
import { CostStore } from './CostStore';
import { BudgetLike, CostSnapshot, PartState } from './snapshot';

/** How often a view asks the database whether another instance stored a newer snapshot. */
export const SNAPSHOT_CHECK_MS = 5_000;

/** Stacked-chart series for cost outside any domain. */
export const SANDBOXES_SERIES = '(sandboxes)';
export const NO_DOMAIN_SERIES = '(no domain)';

const MONTHLY_TIME_GRAINS = ['monthly', 'billingmonth'];

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The monthly cost budget of a subscription: Monthly (or BillingMonth)
 * budgets of category Cost with an amount; with several, the largest.
 */
export function monthlyBudgetOf(budgets: BudgetLike[]): BudgetLike | undefined {
  return budgets
    .filter(
      b =>
        b.amount > 0 &&
        MONTHLY_TIME_GRAINS.includes((b.timeGrain ?? '').toLowerCase()) &&
        (b.category ?? 'Cost').toLowerCase() === 'cost',
    )
    .reduce<BudgetLike | undefined>(
      (best, b) => (!best || b.amount > best.amount ? b : best),
      undefined,
    );
}

/** Whether `spend` has reached a threshold amount under Azure's operator. */
function reaches(spend: number, operator: string, amount: number) {
  return operator.toLowerCase() === 'greaterthan'
    ? spend > amount
    : spend >= amount;
}

export function budgetViewOf(
  budget: BudgetLike,
  context: { tenantId: string; subscriptionId: string; currency: string },
): BudgetView {
  const currentSpend = budget.currentSpend?.amount ?? 0;
  const forecastSpend = budget.forecastSpend?.amount ?? null;
  const notifications: BudgetNotificationView[] = Object.entries(
    budget.notifications,
  )
    .map(([name, n]) => {
      const thresholdType: 'Actual' | 'Forecasted' =
        (n.thresholdType ?? 'Actual').toLowerCase() === 'forecasted'
          ? 'Forecasted'
          : 'Actual';
      const thresholdAmount = cents((budget.amount * n.threshold) / 100);
      const spend = thresholdType === 'Actual' ? currentSpend : forecastSpend;
      return {
        name,
        enabled: n.enabled,
        thresholdType,
        operator: n.operator,
        thresholdPercent: n.threshold,
        thresholdAmount,
        reached: spend !== null && reaches(spend, n.operator, thresholdAmount),
        contactEmails: n.contactEmails ?? [],
        contactGroups: n.contactGroups ?? [],
        contactRoles: n.contactRoles ?? [],
      };
    })
    .sort(
      (a, b) =>
        a.thresholdType.localeCompare(b.thresholdType) ||
        a.thresholdPercent - b.thresholdPercent,
    );
  return {
    name: budget.name,
    amount: budget.amount,
    timeGrain: budget.timeGrain ?? 'Monthly',
    currentSpend,
    forecastSpend,
    currency:
      budget.currentSpend?.unit ??
      budget.forecastSpend?.unit ??
      context.currency,
    notifications,
    portalUrl: budgetPortalUrl(
      context.tenantId,
      context.subscriptionId,
      budget.name,
    ),
  };
}

interface DomainFigures {
  daily: DailyCost[];
  summary: CostSummary;
  budgets: BudgetView[];
  alerts: CostAlertView[];
  data: CostDataAge;
}

interface SandboxFigures extends ReturnType<typeof projectSandbox> {
  daily: DailyCost[];
  spend: number;
  cap: number | null;
  capSource: 'annotation' | 'budget' | 'none';
  alerts: CostAlertView[];
  data: CostDataAge;
}

/**
 * Everything derived from one snapshot and one catalog version. Views are
 * pure functions of the two, so their results (the estate's JSON above all)
 * are computed once and reused until either changes.
 */
/** The estate overview serialized once per snapshot and catalog version. */
export interface EstateJson {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

class ViewContext {
  private readonly seriesCache = new Map<string, DailyCost[]>();
  private readonly domainCache = new Map<string, DomainFigures>();
  private readonly sandboxCache = new Map<string, SandboxFigures>();
  private azureAlertsCache?: CostAlertView[];
  private feedCache?: CostAlertView[];
  private last7Cache?: { byKey: Map<string, number>; total: number };
  estateJson?: EstateJson;

  constructor(
    readonly snapshot: CostSnapshot | undefined,
    readonly catalog: CostCatalogSnapshot,
    private readonly settings: {
      tenantId: string;
      grouping: CostGrouping;
      seriesLimit: number;
      intervalMinutes: number;
    },
  ) {}

  get etag(): string {
    return `"${this.snapshot?.id ?? 'none'}-${this.catalog.version}"`;
  }

  /** Whether the daily cost has been read at least once. */
  get usageRead(): boolean {
    return this.snapshot?.usage.asOf !== undefined;
  }

  /** The usage group an entity's cost is under. */
  keyOf(entry: CostEntityEntry): string | undefined {
    if (this.settings.grouping === 'domain-tag')
      return entry.name.toLowerCase();
    return entry.subscriptionId;
  }

  dataAge(parts: Array<PartState | undefined>): CostDataAge {
    const snapshot = this.snapshot;
    if (!snapshot) return { stale: false, staleReasons: [] };
    const present = parts.filter((p): p is PartState => p !== undefined);
    const asOf = present
      .map(p => p.asOf)
      .filter((a): a is string => a !== undefined)
      .sort()[0];
    const staleReasons = present
      .map(p => p.error)
      .filter((e): e is string => e !== undefined);
    return {
      ...(asOf ? { asOf } : {}),
      lastAttemptAt: snapshot.attempt.finishedAt,
      stale: staleReasons.length > 0,
      staleReasons,
      nextRefreshAt: new Date(
        Date.parse(snapshot.attempt.startedAt) +
          this.settings.intervalMinutes * 60_000,
      ).toISOString(),
    };
  }

  series(key: string | undefined): DailyCost[] {
    const snapshot = this.snapshot!;
    const k = key ?? '';
    let daily = this.seriesCache.get(k);
    if (!daily) {
      daily = fillDailySeries(
        (key !== undefined && snapshot.usage.groups[key]) || {},
        snapshot.today,
      );
      this.seriesCache.set(k, daily);
    }
    return daily;
  }

  /** The share of the estate's forecast for the rest of the month a group gets. */
  private estateShare(key: string | undefined): number | null {
    const remaining = this.snapshot!.forecast.remaining;
    if (remaining === null || key === undefined) return null;
    const { byKey, total } = this.last7();
    if (total <= 0) return null;
    return cents((remaining * (byKey.get(key) ?? 0)) / total);
  }

  /** Each group's cost over the last 7 complete days, and all groups'. */
  private last7() {
    if (!this.last7Cache) {
      const snapshot = this.snapshot!;
      const days = Array.from({ length: 7 }, (_, i) =>
        addDays(snapshot.today, -(i + 1)),
      );
      const byKey = new Map<string, number>();
      let total = 0;
      for (const [key, costs] of Object.entries(snapshot.usage.groups)) {
        const sum = days.reduce((s, d) => s + (costs[d] ?? 0), 0);
        byKey.set(key, sum);
        total += sum;
      }
      this.last7Cache = { byKey, total };
    }
    return this.last7Cache;
  }

  private azureAlerts(): CostAlertView[] {
    if (!this.azureAlertsCache) {
      const snapshot = this.snapshot;
      const context = {
        tenantId: this.settings.tenantId,
        domainOf: (sub: string) => this.catalog.domainOf(sub)?.name,
        sandboxOf: (sub: string) => this.catalog.sandboxOf(sub)?.name,
        currencyFallback: snapshot?.currency ?? 'USD',
      };
      this.azureAlertsCache = (snapshot?.alerts.items ?? []).flatMap(item => {
        const view = alertViewOf(item, context);
        return view ? [view] : [];
      });
    }
    return this.azureAlertsCache;
  }

  private anomalies(
    key: string | undefined,
    subscriptionId: string,
  ): CostAlertView[] {
    const snapshot = this.snapshot;
    if (!snapshot || !this.usageRead || key === undefined) return [];
    if (!(key in snapshot.usage.groups)) return [];
    const domain = this.catalog.domainOf(subscriptionId)?.name;
    const sandbox = this.catalog.sandboxOf(subscriptionId)?.name;
    return detectAnomalies(this.series(key), snapshot.today).map(a =>
      anomalyAlert({
        subscriptionId,
        date: a.date,
        cost: a.cost,
        expected: a.expected,
        currency: snapshot.currency,
        today: snapshot.today,
        tenantId: this.settings.tenantId,
        ...(domain ? { domain } : {}),
        ...(sandbox ? { sandbox } : {}),
      }),
    );
  }

  private alertsOf(entry: CostEntityEntry): CostAlertView[] {
    const sub = entry.subscriptionId!;
    return [
      ...this.azureAlerts().filter(a => a.subscriptionId === sub),
      ...this.anomalies(this.keyOf(entry), sub),
    ].sort(compareAlerts);
  }

  /**
   * A subscription that came into the catalog after the last refresh has no
   * budgets read yet: that is said, rather than shown as "no budget".
   */
  budgetPart(sub: string): PartState {
    return (
      this.snapshot?.budgets[sub] ?? {
        error: `budgets of ${sub}: not read yet (it came into the catalog after the last refresh; the next refresh reads them)`,
      }
    );
  }

  /** Catalog subscriptions whose budgets the snapshot does not have. */
  unreadSubscriptions(): string[] {
    const snapshot = this.snapshot;
    if (!snapshot) return [];
    return this.catalog.subscriptions().filter(sub => !snapshot.budgets[sub]);
  }

  private budgetsOf(sub: string) {
    return this.snapshot?.budgets[sub]?.items ?? [];
  }

  /** A domain's figures; call only with a subscription and after usage was read. */
  domain(entry: CostDomainEntry): DomainFigures {
    let figures = this.domainCache.get(entry.entityRef);
    if (figures) return figures;
    const snapshot = this.snapshot!;
    const sub = entry.subscriptionId!;
    const key = this.keyOf(entry);
    const daily = this.series(key);
    const budgets = this.budgetsOf(sub);
    const monthly = monthlyBudgetOf(budgets);
    const budgetForecast = monthly?.forecastSpend?.amount ?? null;
    const summary = summarizeCost({
      daily,
      today: snapshot.today,
      currency: snapshot.currency,
      ...(monthly
        ? {
            budget: {
              name: monthly.name,
              amount: monthly.amount,
              forecastSpend: budgetForecast,
            },
          }
        : {}),
      estateShareForecastRemaining: this.estateShare(key),
    });
    const known = key !== undefined && key in snapshot.usage.groups;
    figures = {
      daily,
      summary: known ? summary : { ...summary, risk: 'no-data' },
      budgets: budgets.map(b =>
        budgetViewOf(b, {
          tenantId: this.settings.tenantId,
          subscriptionId: sub,
          currency: snapshot.currency,
        }),
      ),
      alerts: this.alertsOf(entry),
      data: this.dataAge([
        snapshot.usage,
        summary.forecastSource === 'azure-budget'
          ? undefined
          : snapshot.forecast,
        snapshot.alerts,
        this.budgetPart(sub),
      ]),
    };
    this.domainCache.set(entry.entityRef, figures);
    return figures;
  }

  /** A sandbox's figures; call only with a subscription and after usage was read. */
  sandbox(entry: CostSandboxEntry): SandboxFigures {
    let figures = this.sandboxCache.get(entry.entityRef);
    if (figures) return figures;
    const snapshot = this.snapshot!;
    const sub = entry.subscriptionId!;
    const daily = this.series(this.keyOf(entry));
    const monthly = monthlyBudgetOf(this.budgetsOf(sub));
    const spend = summarizeCost({
      daily,
      today: snapshot.today,
      currency: snapshot.currency,
    }).monthToDate;
    let cap: number | null = null;
    let capSource: SandboxFigures['capSource'] = 'none';
    if (entry.cap !== undefined) {
      cap = entry.cap;
      capSource = 'annotation';
    } else if (monthly) {
      cap = monthly.amount;
      capSource = 'budget';
    }
    figures = {
      daily,
      spend,
      cap,
      capSource,
      ...projectSandbox({
        daily,
        today: snapshot.today,
        spend,
        cap,
        ...(entry.expiresOn ? { expiresOn: entry.expiresOn } : {}),
      }),
      alerts: this.alertsOf(entry),
      data: this.dataAge([
        snapshot.usage,
        snapshot.alerts,
        this.budgetPart(sub),
      ]),
    };
    this.sandboxCache.set(entry.entityRef, figures);
    return figures;
  }

  /** Every alert: Azure's, and the anomalies of every group read. */
  feed(): CostAlertView[] {
    if (!this.feedCache) {
      const snapshot = this.snapshot;
      const anomalies: CostAlertView[] = [];
      if (snapshot && this.usageRead) {
        if (this.settings.grouping === 'subscription') {
          for (const key of Object.keys(snapshot.usage.groups)) {
            if (key) anomalies.push(...this.anomalies(key, key));
          }
        } else {
          for (const d of this.catalog.domains) {
            if (d.subscriptionId) {
              anomalies.push(
                ...this.anomalies(this.keyOf(d), d.subscriptionId),
              );
            }
          }
        }
      }
      this.feedCache = [...this.azureAlerts(), ...anomalies].sort(
        compareAlerts,
      );
    }
    return this.feedCache;
  }

  /** Data age of views across the estate: every part, every catalog subscription's budgets. */
  estateData(): CostDataAge {
    const snapshot = this.snapshot;
    if (!snapshot) return this.dataAge([]);
    return this.dataAge([
      snapshot.usage,
      snapshot.forecast,
      snapshot.alerts,
      ...this.catalog.subscriptions().map(sub => this.budgetPart(sub)),
    ]);
  }

  /** Which stacked series a usage group's cost goes to. */
  private stackKeyOf(key: string): string {
    if (this.settings.grouping === 'domain-tag') {
      return this.catalog.domain(key)
        ? this.catalog.domain(key)!.name
        : NO_DOMAIN_SERIES;
    }
    const domain = this.catalog.domainOf(key);
    if (domain) return domain.name;
    return this.catalog.sandboxOf(key) ? SANDBOXES_SERIES : NO_DOMAIN_SERIES;
  }

  estate(): EstateCost {
    const snapshot = this.snapshot;
    const currency = snapshot?.currency ?? 'USD';
    const data = this.estateData();
    const domains: EstateDomainRow[] = this.catalog.domains.map(d =>
      this.domainRow(d),
    );
    domains.sort(compareEstateRows);
    const sandboxes = this.catalog.sandboxes.map(s => this.sandboxRow(s));
    const feed = this.feed();
    const activeAlerts = feed.filter(a => a.status === 'active').length;
    const budget = cents(
      [
        ...new Set(
          this.catalog.domains.flatMap(d =>
            d.subscriptionId ? [d.subscriptionId] : [],
          ),
        ),
      ].reduce(
        (sum, sub) => sum + (monthlyBudgetOf(this.budgetsOf(sub))?.amount ?? 0),
        0,
      ),
    );
    if (!snapshot || !this.usageRead) {
      return {
        currency,
        data,
        totals: {
          monthToDate: 0,
          lastMonthToDate: 0,
          forecastMonthEnd: null,
          budget,
          activeAlerts,
        },
        domains,
        sandboxes,
        daily: { keys: [], points: [] },
        monthly: { keys: [], points: [] },
        seriesLimit: this.settings.seriesLimit,
      };
    }

    const stacked: Record<string, Record<string, number>> = {};
    const total: Record<string, number> = {};
    for (const [key, costs] of Object.entries(snapshot.usage.groups)) {
      const into = (stacked[this.stackKeyOf(key)] ??= {});
      for (const [day, cost] of Object.entries(costs)) {
        into[day] = (into[day] ?? 0) + cost;
        total[day] = (total[day] ?? 0) + cost;
      }
    }
    const seriesByKey = Object.fromEntries(
      Object.entries(stacked).map(([k, costs]) => [
        k,
        fillDailySeries(costs, snapshot.today),
      ]),
    );
    const estateSummary = summarizeCost({
      daily: fillDailySeries(total, snapshot.today),
      today: snapshot.today,
      currency,
    });
    const remaining = snapshot.forecast.remaining;
    return {
      currency,
      data,
      totals: {
        monthToDate: estateSummary.monthToDate,
        lastMonthToDate: estateSummary.lastMonthToDate,
        forecastMonthEnd:
          remaining === null
            ? null
            : cents(estateSummary.monthToDate + remaining),
        budget,
        activeAlerts,
      },
      domains,
      sandboxes,
      daily: stackDaily(seriesByKey, this.settings.seriesLimit),
      monthly: stackMonthly(
        seriesByKey,
        snapshot.today,
        this.settings.seriesLimit,
      ),
      seriesLimit: this.settings.seriesLimit,
    };
  }

  private domainRow(d: CostDomainEntry): EstateDomainRow {
    const base = {
      entityRef: d.entityRef,
      name: d.name,
      ...(d.title ? { title: d.title } : {}),
      ...(d.ownerGroup ? { ownerGroup: d.ownerGroup } : {}),
    };
    if (!d.subscriptionId) {
      return { ...base, problem: d.problem, monthly: [], activeAlerts: 0 };
    }
    const withSubscription = {
      ...base,
      subscriptionId: d.subscriptionId,
      costAnalysisUrl: costAnalysisUrl(
        this.settings.tenantId,
        d.subscriptionId,
      ),
    };
    if (!this.usageRead) {
      return { ...withSubscription, monthly: [], activeAlerts: 0 };
    }
    const figures = this.domain(d);
    return {
      ...withSubscription,
      summary: figures.summary,
      monthly: monthlyOf(figures.daily, this.snapshot!.today),
      activeAlerts: figures.alerts.filter(a => a.status === 'active').length,
    };
  }

  private sandboxRow(s: CostSandboxEntry): EstateSandboxRow {
    const base = {
      entityRef: s.entityRef,
      name: s.name,
      ...(s.title ? { title: s.title } : {}),
      ...(s.expiresOn ? { expiresOn: s.expiresOn } : {}),
    };
    if (!s.subscriptionId) return { ...base, problem: s.problem };
    if (!this.usageRead) {
      return { ...base, subscriptionId: s.subscriptionId, cap: s.cap ?? null };
    }
    const figures = this.sandbox(s);
    return {
      ...base,
      subscriptionId: s.subscriptionId,
      spend: figures.spend,
      cap: figures.cap,
      spendPercent: figures.spendPercent,
      daysUntilCap: figures.daysUntilCap,
    };
  }
}

/**
 * The cost views the routes serve, computed from the newest snapshot and the
 * catalog. Reads the snapshot's id from the database at most every 5 s, so
 * several backend instances serve what any of them refreshed; the instance
 * that refreshed sees it at once (`invalidate`).
 */
export class CostViews {
  private current?: { snapshot?: CostSnapshot; checkedAt: number };
  private loading?: Promise<CostSnapshot | undefined>;
  /** Bumped by `invalidate`; a read that started before it is not kept. */
  private epoch = 0;
  private context?: ViewContext;

  constructor(
    private readonly options: {
      store: CostStore;
      catalog: CostCatalog;
      tenantId: string;
      grouping: CostGrouping;
      seriesLimit: number;
      intervalMinutes: number;
      checkMs?: number;
      now?: () => number;
      /**
       * Called when the catalog has subscriptions the latest snapshot did not
       * read (a domain added since), so a refresh can read them early.
       */
      onUnreadSubscriptions?: (subscriptions: string[]) => void;
    },
  ) {}

  /** A new snapshot was stored: the next view reads it. */
  invalidate(): void {
    this.epoch += 1;
    this.current = undefined;
    this.loading = undefined;
  }

  private async latestSnapshot(): Promise<CostSnapshot | undefined> {
    const now = this.options.now ?? Date.now;
    const checkMs = this.options.checkMs ?? SNAPSHOT_CHECK_MS;
    if (this.current && now() - this.current.checkedAt < checkMs) {
      return this.current.snapshot;
    }
    if (!this.loading) {
      const epoch = this.epoch;
      const known = this.current?.snapshot ?? this.context?.snapshot;
      const load = (async () => {
        const { store } = this.options;
        const id = await store.latestId();
        let snapshot: CostSnapshot | undefined = known;
        if (id !== known?.id) {
          snapshot = id === undefined ? undefined : await store.latest();
        }
        if (epoch === this.epoch) {
          this.current = { snapshot, checkedAt: now() };
        }
        return snapshot;
      })().finally(() => {
        if (this.loading === load) this.loading = undefined;
      });
      this.loading = load;
    }
    return this.loading;
  }

  private async contextNow(): Promise<ViewContext> {
    const [snapshot, catalog] = await Promise.all([
      this.latestSnapshot(),
      this.options.catalog.get(),
    ]);
    const context = this.context;
    if (
      !context ||
      context.snapshot?.id !== snapshot?.id ||
      context.catalog.version !== catalog.version
    ) {
      this.context = new ViewContext(snapshot, catalog, {
        tenantId: this.options.tenantId,
        grouping: this.options.grouping,
        seriesLimit: this.options.seriesLimit,
        intervalMinutes: this.options.intervalMinutes,
      });
      const unread = this.context.unreadSubscriptions();
      if (unread.length > 0) this.options.onUnreadSubscriptions?.(unread);
    }
    return this.context!;
  }

  async findDomain(name: string): Promise<CostDomainEntry> {
    const entry = (await this.options.catalog.get()).domain(name);
    if (!entry) {
      throw new NotFoundError(`No Domain named '${name}' in the catalog`);
    }
    return entry;
  }

  async findSandbox(name: string): Promise<CostSandboxEntry> {
    const entry = (await this.options.catalog.get()).sandbox(name);
    if (!entry) {
      throw new NotFoundError(
        `No innovation sandbox named '${name}' in the catalog (a Resource with spec.type azure-sandbox)`,
      );
    }
    return entry;
  }

  private pending(context: ViewContext, entry: CostEntityEntry): CostPending {
    const snapshot = context.snapshot;
    return {
      state: 'pending',
      entityRef: entry.entityRef,
      name: entry.name,
      data: context.dataAge(
        snapshot
          ? [
              snapshot.usage,
              snapshot.alerts,
              context.budgetPart(entry.subscriptionId!),
            ]
          : [],
      ),
    };
  }

  private missing(entry: CostEntityEntry) {
    return {
      state: 'no-subscription' as const,
      entityRef: entry.entityRef,
      name: entry.name,
      ...(entry.title ? { title: entry.title } : {}),
      annotation: AZURE_SUBSCRIPTION_ID_ANNOTATION,
      problem: entry.problem ?? 'no subscription',
    };
  }

  async domainCost(entry: CostDomainEntry): Promise<DomainCostResponse> {
    if (!entry.subscriptionId) return this.missing(entry);
    const context = await this.contextNow();
    if (!context.usageRead) return this.pending(context, entry);
    const figures = context.domain(entry);
    return {
      state: 'ok',
      entityRef: entry.entityRef,
      name: entry.name,
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.ownerGroup ? { ownerGroup: entry.ownerGroup } : {}),
      subscriptionId: entry.subscriptionId,
      costAnalysisUrl: costAnalysisUrl(
        this.options.tenantId,
        entry.subscriptionId,
      ),
      summary: figures.summary,
      daily: figures.daily,
      monthly: monthlyOf(figures.daily, context.snapshot!.today),
      budgets: figures.budgets,
      alerts: figures.alerts,
      data: figures.data,
    };
  }

  async sandboxCost(entry: CostSandboxEntry): Promise<SandboxCostResponse> {
    if (!entry.subscriptionId) return this.missing(entry);
    const context = await this.contextNow();
    if (!context.usageRead) return this.pending(context, entry);
    const f = context.sandbox(entry);
    return {
      state: 'ok',
      entityRef: entry.entityRef,
      name: entry.name,
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.ownerGroup ? { ownerGroup: entry.ownerGroup } : {}),
      subscriptionId: entry.subscriptionId,
      costAnalysisUrl: costAnalysisUrl(
        this.options.tenantId,
        entry.subscriptionId,
      ),
      currency: context.snapshot!.currency,
      cap: f.cap,
      capSource: f.capSource,
      spend: f.spend,
      spendPercent: f.spendPercent,
      dailyRate: f.dailyRate,
      daysUntilCap: f.daysUntilCap,
      capReachedOn: f.capReachedOn,
      ...(entry.expiresOn ? { expiresOn: entry.expiresOn } : {}),
      capBeforeExpiry: f.capBeforeExpiry,
      daily: f.daily,
      alerts: f.alerts,
      data: f.data,
    };
  }

  /**
   * The estate as JSON text with its ETag: serialized once per snapshot and
   * catalog version, so a busy page costs a lookup, not a computation.
   */
  async estate(): Promise<EstateJson> {
    const context = await this.contextNow();
    if (!context.estateJson) {
      const json = Buffer.from(JSON.stringify(context.estate()), 'utf8');
      // Compressed once per snapshot: compressing a few hundred KiB on every
      // request would cost more than everything else the route does.
      context.estateJson = { etag: context.etag, json, gzip: gzipSync(json) };
    }
    return context.estateJson;
  }

  async alerts(filters: AlertFilters): Promise<CostAlertFeed> {
    const context = await this.contextNow();
    const all = context.feed();
    const byKind = Object.fromEntries(
      COST_ALERT_KINDS.map(k => [k, 0]),
    ) as Record<CostAlertKind, number>;
    const byStatus = Object.fromEntries(
      COST_ALERT_STATUSES.map(s => [s, 0]),
    ) as Record<CostAlertStatus, number>;
    for (const alert of all) {
      byKind[alert.kind] += 1;
      byStatus[alert.status] += 1;
    }
    const domain = filters.domain?.toLowerCase();
    return {
      data: context.estateData(),
      alerts: all.filter(
        a =>
          (!filters.kinds || filters.kinds.includes(a.kind)) &&
          (!filters.statuses || filters.statuses.includes(a.status)) &&
          (domain === undefined || a.domain?.toLowerCase() === domain),
      ),
      counts: { byKind, byStatus },
    };
  }
}
