import type { Budget } from '@azure/arm-consumption';
import type {
  Alert,
  ForecastDefinition,
  QueryColumn,
  QueryDefinition,
} from '@azure/arm-costmanagement';
import {
  AzureCostAlertLike,
  addDays,
  monthEnd as monthEndOf,
} from '@dataplatform/plugin-cost-common';
import {
  AzureClients,
  describeAzureError,
  queryCostAllPages,
} from '@dataplatform/plugin-azure-node';
import pLimit from 'p-limit';
import { CostGrouping, CostScope } from '../config';
import { endOfDay, startOfDay, usageDay, utcDay } from './days';
import {
  BudgetLike,
  BudgetNotificationLike,
  CostSnapshot,
  CostSnapshotData,
  PartState,
} from './snapshot';

/** Days of daily cost a refresh reads, today included. */
export const USAGE_DAYS = 90;
export const DEFAULT_CURRENCY = 'USD';

const AGGREGATION = { totalCost: { name: 'Cost', function: 'Sum' } } as const;
/** Azure names the column after the aggregated one; some answers use the alias. */
const COST_COLUMNS = ['cost', 'pretaxcost', 'totalcost'];

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A part's failure as the views show it: `<part>: <what Azure said>`. */
function reasonOf(part: string, error: unknown): string {
  return `${part}: ${describeAzureError(error).message}`;
}

/** Finds a column by name, case-insensitively; -1 when absent. */
function columnIndex(columns: QueryColumn[], names: string[]): number {
  return columns.findIndex(
    c => typeof c.name === 'string' && names.includes(c.name.toLowerCase()),
  );
}

function requireColumn(
  columns: QueryColumn[],
  names: string[],
  what: string,
): number {
  const index = columnIndex(columns, names);
  if (index === -1) {
    throw new Error(
      `Cost Management answered without a ${what} column (columns: ${
        columns.map(c => c.name).join(', ') || 'none'
      })`,
    );
  }
  return index;
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export interface UsageResult {
  groups: Record<string, Record<string, number>>;
  currency?: string;
}

/**
 * Turns the rows of the daily query into cost per group and day. Columns are
 * found by name, as Azure does not promise their order.
 */
export function usageOf(
  columns: QueryColumn[],
  rows: unknown[][],
  grouping: CostGrouping,
): UsageResult {
  const cost = requireColumn(columns, COST_COLUMNS, 'Cost');
  const date = requireColumn(columns, ['usagedate'], 'UsageDate');
  const group =
    grouping === 'subscription'
      ? requireColumn(columns, ['subscriptionid'], 'SubscriptionId')
      : requireColumn(columns, ['tagvalue'], 'TagValue');
  const currencyColumn = columnIndex(columns, ['currency']);
  const groups: Record<string, Record<string, number>> = {};
  let currency: string | undefined;
  for (const row of rows) {
    const amount = numberOf(row[cost]);
    const day = usageDay(row[date]);
    const key = typeof row[group] === 'string' ? row[group].toLowerCase() : '';
    if (amount === undefined || day === undefined) continue;
    if (currency === undefined && currencyColumn !== -1) {
      const cell = row[currencyColumn];
      if (typeof cell === 'string' && cell !== '') currency = cell;
    }
    const days = (groups[key] ??= {});
    days[day] = (days[day] ?? 0) + amount;
  }
  for (const days of Object.values(groups)) {
    for (const day of Object.keys(days)) days[day] = cents(days[day]);
  }
  return { groups, currency };
}

/** Sums the forecast rows of a forecast answer (actual rows, if any, left out). */
export function forecastSum(columns: QueryColumn[], rows: unknown[][]): number {
  const cost = requireColumn(columns, COST_COLUMNS, 'Cost');
  const status = columnIndex(columns, ['coststatus']);
  let sum = 0;
  for (const row of rows) {
    if (status !== -1 && String(row[status]).toLowerCase() !== 'forecast') {
      continue;
    }
    sum += numberOf(row[cost]) ?? 0;
  }
  return cents(sum);
}

/** Keeps what the views use of an alert; contacts and the like stay in Azure. */
export function alertLikeOf(alert: Alert): AzureCostAlertLike {
  const d = alert.details;
  return {
    id: alert.id,
    name: alert.name,
    definition: alert.definition && {
      type: alert.definition.type,
      category: alert.definition.category,
      criteria: alert.definition.criteria,
    },
    description: alert.description,
    details: d && {
      threshold: d.threshold,
      operator: d.operator,
      amount: d.amount,
      currentSpend: d.currentSpend,
      unit: d.unit,
      periodStartDate: d.periodStartDate,
      triggeredBy: d.triggeredBy,
      timeGrainType: d.timeGrainType,
    },
    costEntityId: alert.costEntityId,
    status: alert.status,
    creationTime: alert.creationTime,
    closeTime: alert.closeTime,
  };
}

/** Keeps what the views use of a budget. */
export function budgetLikeOf(budget: Budget): BudgetLike {
  const notifications: Record<string, BudgetNotificationLike> = {};
  for (const [key, n] of Object.entries(budget.notifications ?? {})) {
    notifications[key] = {
      enabled: n.enabled,
      operator: n.operator,
      threshold: n.threshold,
      thresholdType: n.thresholdType,
      contactEmails: n.contactEmails ?? [],
      contactGroups: n.contactGroups ?? [],
      contactRoles: n.contactRoles ?? [],
    };
  }
  const spend = (s?: { amount?: number; unit?: string }) =>
    s?.amount === undefined
      ? undefined
      : { amount: s.amount, ...(s.unit ? { unit: s.unit } : {}) };
  const currentSpend = spend(budget.currentSpend);
  const forecastSpend = spend(budget.forecastSpend);
  return {
    name: budget.name ?? '',
    amount: budget.amount ?? 0,
    ...(budget.category ? { category: budget.category } : {}),
    ...(budget.timeGrain ? { timeGrain: budget.timeGrain } : {}),
    ...(currentSpend ? { currentSpend } : {}),
    ...(forecastSpend ? { forecastSpend } : {}),
    notifications,
  };
}

/** The part as the previous snapshot had it, with this attempt's failure. */
function kept<T extends PartState>(
  previous: T | undefined,
  empty: T,
  reason: string,
): T {
  return { ...(previous ?? empty), error: reason };
}

/**
 * Reads a refresh's data from Azure, each part on its own: the daily cost of
 * the scope (one query, grouped, every page), the scope's forecast for the
 * rest of the month, its Cost Management alerts, and the budgets of each
 * domain and sandbox subscription. A part that fails keeps what the
 * previous snapshot had and says why; nothing Azure does makes the whole
 * refresh fail.
 *
 * The Cost Management calls do not depend on how many subscriptions there
 * are: one query, one forecast and one alerts list per refresh (plus one call
 * per extra result page), which is what keeps a large estate inside the
 * tenant's quota. Budgets come from Consumption, one list per subscription.
 */
/**
 * The SDK puts the scope into `/{scope}/providers/…`; Microsoft's examples
 * give it without the leading slash, which would otherwise be doubled.
 */
function sdkScope(scope: CostScope): string {
  return scope.path.replace(/^\/+/, '');
}

export class CostCollector {
  constructor(
    private readonly options: {
      azure: AzureClients;
      scope: CostScope;
      grouping: CostGrouping;
      budgetConcurrency: number;
      now?: () => Date;
    },
  ) {}

  async collect(input: {
    previous?: CostSnapshot;
    /** Lower-case ids of the domain and sandbox subscriptions. */
    subscriptions: string[];
    abortSignal?: AbortSignal;
  }): Promise<CostSnapshotData> {
    const { azure, scope, grouping } = this.options;
    const now = this.options.now ?? (() => new Date());
    const started = now();
    const today = utcDay(started);
    const monthEnd = monthEndOf(today);
    const callsBefore = azure.costManagementQuota.snapshot().calls;

    // What was read for another scope or grouping says nothing about this one.
    const previous =
      input.previous &&
      input.previous.scope === scope.path &&
      input.previous.grouping === grouping
        ? input.previous
        : undefined;

    const [usage, forecast, alerts, budgets] = await Promise.all([
      this.readUsage(today, previous, input.abortSignal, now),
      this.readForecast(today, monthEnd, previous, input.abortSignal, now),
      this.readAlerts(previous, input.abortSignal, now),
      this.readBudgets(input.subscriptions, previous, input.abortSignal, now),
    ]);

    const staleReasons = [
      usage.part.error,
      forecast.error,
      alerts.error,
      ...input.subscriptions.map(sub => budgets[sub]?.error),
    ].filter((r): r is string => r !== undefined);
    const finished = now();
    return {
      collectedAt: finished.toISOString(),
      today,
      scope: scope.path,
      grouping,
      currency: usage.currency ?? previous?.currency ?? DEFAULT_CURRENCY,
      usage: usage.part,
      forecast,
      alerts,
      budgets,
      staleReasons,
      attempt: {
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        calls: azure.costManagementQuota.snapshot().calls - callsBefore,
      },
    };
  }

  private async readUsage(
    today: string,
    previous: CostSnapshot | undefined,
    abortSignal: AbortSignal | undefined,
    now: () => Date,
  ): Promise<{ part: CostSnapshotData['usage']; currency?: string }> {
    const { azure, scope, grouping } = this.options;
    const definition: QueryDefinition = {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: startOfDay(addDays(today, -(USAGE_DAYS - 1))),
        to: endOfDay(today),
      },
      dataset: {
        granularity: 'Daily',
        aggregation: { ...AGGREGATION },
        grouping: [
          grouping === 'subscription'
            ? { type: 'Dimension', name: 'SubscriptionId' }
            : { type: 'TagKey', name: 'domain' },
        ],
      },
    };
    try {
      const { columns, rows } = await queryCostAllPages(
        azure,
        sdkScope(scope),
        definition,
        { abortSignal },
      );
      const { groups, currency } = usageOf(columns, rows, grouping);
      return { part: { asOf: now().toISOString(), groups }, currency };
    } catch (error) {
      return {
        part: kept(previous?.usage, { groups: {} }, reasonOf('usage', error)),
      };
    }
  }

  private async readForecast(
    today: string,
    monthEnd: string,
    previous: CostSnapshot | undefined,
    abortSignal: AbortSignal | undefined,
    now: () => Date,
  ): Promise<CostSnapshotData['forecast']> {
    const { azure, scope } = this.options;
    // On the month's last day nothing of it is left to forecast.
    if (today === monthEnd) {
      return { asOf: now().toISOString(), remaining: 0, monthEnd };
    }
    const definition: ForecastDefinition = {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: {
        from: startOfDay(addDays(today, 1)),
        to: endOfDay(monthEnd),
      },
      dataset: { granularity: 'Daily', aggregation: { ...AGGREGATION } },
      includeActualCost: false,
      includeFreshPartialCost: false,
    };
    try {
      const result = await azure
        .costManagement()
        .forecast.usage(sdkScope(scope), definition, { abortSignal });
      return {
        asOf: now().toISOString(),
        remaining: forecastSum(result.columns ?? [], result.rows ?? []),
        monthEnd,
      };
    } catch (error) {
      // Last month's forecast runs to another month end: it is no forecast of this one.
      const sameMonth =
        previous?.forecast.monthEnd === monthEnd
          ? previous.forecast
          : undefined;
      return kept(
        sameMonth,
        { remaining: null, monthEnd },
        reasonOf('forecast', error),
      );
    }
  }

  private async readAlerts(
    previous: CostSnapshot | undefined,
    abortSignal: AbortSignal | undefined,
    now: () => Date,
  ): Promise<CostSnapshotData['alerts']> {
    const { azure, scope } = this.options;
    try {
      const result = await azure
        .costManagement()
        .alerts.list(sdkScope(scope), { abortSignal });
      return {
        asOf: now().toISOString(),
        items: (result.value ?? []).map(alertLikeOf),
      };
    } catch (error) {
      return kept(previous?.alerts, { items: [] }, reasonOf('alerts', error));
    }
  }

  private async readBudgets(
    subscriptions: string[],
    previous: CostSnapshot | undefined,
    abortSignal: AbortSignal | undefined,
    now: () => Date,
  ): Promise<CostSnapshotData['budgets']> {
    const { azure, budgetConcurrency } = this.options;
    const limit = pLimit(budgetConcurrency);
    const entries = await Promise.all(
      [...new Set(subscriptions)].map(sub =>
        limit(async () => {
          try {
            const items: BudgetLike[] = [];
            for await (const budget of azure
              .consumption(sub)
              .budgets.list(`/subscriptions/${sub}`, { abortSignal })) {
              items.push(budgetLikeOf(budget));
            }
            return [sub, { asOf: now().toISOString(), items }] as const;
          } catch (error) {
            return [
              sub,
              kept(
                previous?.budgets[sub],
                { items: [] },
                reasonOf(`budgets of ${sub}`, error),
              ),
            ] as const;
          }
        }),
      ),
    );
    return Object.fromEntries(entries);
  }
}
