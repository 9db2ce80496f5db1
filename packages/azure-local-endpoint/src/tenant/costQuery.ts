import { randomBytes } from 'node:crypto';
import type {
  ForecastDefinition,
  QueryColumn,
  QueryDefinition,
  QueryGrouping,
} from '../arm/costManagement';
import {
  cents,
  dayOf,
  isoDay,
  monthEndOf,
  monthStartOf,
  previousMonthStartOf,
  usageDateNumber,
  weekStartOf,
} from './costDays';
import { unitHash } from './costs';
import type { Subscription, Tenant } from './Tenant';

/** A Cost Management scope and the subscriptions whose cost it covers. */
export interface CostScope {
  /** With its leading slash: `/subscriptions/<id>`, `/providers/Microsoft.Management/managementGroups/<mg>`, … */
  scope: string;
  subscriptions: Subscription[];
}

export interface CostTable {
  columns: QueryColumn[];
  rows: unknown[][];
}

const CURRENCY = 'USD';

/** The days (inclusive) a timeframe covers at the tenant clock's day. */
export function timeframeDays(
  definition: Pick<QueryDefinition, 'timeframe' | 'timePeriod'>,
  today: number,
): { from: number; to: number } {
  switch (definition.timeframe) {
    case 'MonthToDate':
    case 'BillingMonthToDate':
      return { from: monthStartOf(today), to: today };
    case 'TheLastMonth':
    case 'TheLastBillingMonth': {
      const from = previousMonthStartOf(today);
      return { from, to: monthEndOf(from) };
    }
    case 'WeekToDate':
      return { from: weekStartOf(today), to: today };
    case 'Custom':
    default:
      return {
        from: dayOf(Date.parse(definition.timePeriod!.from)),
        to: dayOf(Date.parse(definition.timePeriod!.to)),
      };
  }
}

function filtered(
  subscriptions: Subscription[],
  ids?: string[],
): Subscription[] {
  if (!ids) return subscriptions;
  const wanted = new Set(ids);
  return subscriptions.filter(s => wanted.has(s.subscriptionId));
}

interface Split {
  values: string[];
  weight: number;
}

/**
 * The group values a subscription's cost falls into. The model knows cost
 * per subscription only; by resource group it is split in fixed shares
 * (from a hash of the names), so the parts always add up to the whole.
 */
function splitsOf(
  tenant: Tenant,
  subscription: Subscription,
  grouping: QueryGrouping[],
): Split[] {
  let splits: Split[] = [{ values: [], weight: 1 }];
  for (const g of grouping) {
    let parts: Split[];
    if (g.type === 'TagKey') {
      const key = Object.keys(subscription.tags).find(
        k => k.toLowerCase() === g.name.toLowerCase(),
      );
      parts = [
        { values: [g.name, key ? subscription.tags[key] : ''], weight: 1 },
      ];
    } else if (g.name === 'SubscriptionId') {
      parts = [{ values: [subscription.subscriptionId], weight: 1 }];
    } else if (g.name === 'SubscriptionName') {
      parts = [{ values: [subscription.displayName], weight: 1 }];
    } else {
      const groups = tenant.resourceGroups
        .list(subscription.subscriptionId)
        .map(r => r.name.toLowerCase())
        .sort();
      parts = groups.length
        ? groups.map(name => ({
            values: [name],
            weight: 1 + 3 * unitHash(`${subscription.subscriptionId}|${name}`),
          }))
        : [{ values: [''], weight: 1 }];
    }
    splits = splits.flatMap(s =>
      parts.map(p => ({
        values: [...s.values, ...p.values],
        weight: s.weight * p.weight,
      })),
    );
  }
  return splits;
}

/** The cost shared by weight in cents, the rounding remainder on the last share. */
function share(cost: number, splits: Split[]): number[] {
  if (splits.length === 1) return [cost];
  const total = splits.reduce((a, s) => a + s.weight, 0);
  const parts = splits.map(s => cents((cost * s.weight) / total));
  const rest = cents(cost - parts.reduce((a, b) => a + b, 0));
  parts[parts.length - 1] = cents(parts[parts.length - 1] + rest);
  return parts;
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The date columns' values of a day: none, `UsageDate` or `BillingMonth`. */
function dateKey(granularity: string, day: number): unknown[] {
  if (granularity === 'Daily') return [usageDateNumber(day)];
  if (granularity === 'Monthly')
    return [`${isoDay(monthStartOf(day))}T00:00:00`];
  return [];
}

/**
 * Actual cost of the scope's subscriptions, as Cost Management's query
 * answers it: the aggregation's column, the date column of the
 * granularity, the grouping columns, the currency; zero rows left out;
 * sorted by date, then group.
 */
export function evaluateQuery(
  tenant: Tenant,
  scope: CostScope,
  definition: QueryDefinition,
): CostTable {
  const clock = tenant.costs.clock();
  const { from, to } = timeframeDays(definition, clock.today);
  const granularity = definition.dataset.granularity ?? 'None';
  const grouping = definition.dataset.grouping ?? [];
  const columns: QueryColumn[] = [
    { name: definition.dataset.aggregation.name, type: 'Number' },
  ];
  if (granularity === 'Daily')
    columns.push({ name: 'UsageDate', type: 'Number' });
  if (granularity === 'Monthly')
    columns.push({ name: 'BillingMonth', type: 'String' });
  for (const g of grouping) {
    if (g.type === 'TagKey') {
      columns.push(
        { name: 'TagKey', type: 'String' },
        { name: 'TagValue', type: 'String' },
      );
    } else {
      columns.push({ name: g.name, type: 'String' });
    }
  }
  columns.push({ name: 'Currency', type: 'String' });

  const totals = new Map<string, { key: unknown[]; cost: number }>();
  for (const subscription of filtered(
    scope.subscriptions,
    definition.dataset.filter,
  )) {
    const costs = tenant.costs.actualDays(
      subscription.subscriptionId,
      from,
      to,
      clock,
    );
    const splits = splitsOf(tenant, subscription, grouping);
    costs.forEach((cost, i) => {
      if (cost === 0) return;
      const day = from + i;
      const date = dateKey(granularity, day);
      share(cost, splits).forEach((part, s) => {
        const key = [...date, ...splits[s].values];
        const id = JSON.stringify(key);
        const total = totals.get(id);
        if (total) total.cost += part;
        else totals.set(id, { key, cost: part });
      });
    });
  }
  const rows = [...totals.values()]
    .map(t => ({ key: t.key, cost: cents(t.cost) }))
    .filter(t => t.cost > 0)
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(t => [t.cost, ...t.key, CURRENCY]);
  return { columns, rows };
}

/**
 * Cost Management's forecast for the scope: a row per day (or month) of the
 * period; days ahead and the rest of today are `Forecast`, days passed (and
 * today so far, unless `includeFreshPartialCost` is false) are `Actual`
 * when `includeActualCost` is true.
 */
export function evaluateForecast(
  tenant: Tenant,
  scope: CostScope,
  definition: ForecastDefinition,
): CostTable {
  const clock = tenant.costs.clock();
  const { from, to } = timeframeDays(definition, clock.today);
  const monthly = definition.dataset.granularity === 'Monthly';
  const includeActual = definition.includeActualCost === true;
  const includeFresh = definition.includeFreshPartialCost !== false;
  const actual = new Array<number>(to - from + 1).fill(0);
  const forecast = new Array<number>(to - from + 1).fill(0);
  for (const subscription of filtered(
    scope.subscriptions,
    definition.dataset.filter,
  )) {
    const id = subscription.subscriptionId;
    tenant.costs
      .actualDays(id, from, to, clock)
      .forEach((c, i) => (actual[i] += c));
    tenant.costs
      .forecastDays(id, from, to, clock)
      .forEach((c, i) => (forecast[i] += c));
  }
  const totals = new Map<
    string,
    { date: number; status: string; cost: number }
  >();
  const add = (date: number, status: 'Actual' | 'Forecast', cost: number) => {
    const id = `${date}|${status}`;
    const total = totals.get(id);
    if (total) total.cost += cost;
    else totals.set(id, { date, status, cost });
  };
  for (let day = from; day <= to; day++) {
    const i = day - from;
    const date = usageDateNumber(monthly ? monthStartOf(day) : day);
    const passed = day < clock.today || (day === clock.today && includeFresh);
    if (includeActual && passed) add(date, 'Actual', actual[i]);
    if (day >= clock.today) add(date, 'Forecast', forecast[i]);
  }
  const rows = [...totals.values()]
    .sort((a, b) => a.date - b.date || (a.status < b.status ? -1 : 1))
    .map(t => [cents(t.cost), t.date, t.status, CURRENCY]);
  return {
    columns: [
      { name: definition.dataset.aggregation.name, type: 'Number' },
      { name: 'UsageDate', type: 'Number' },
      { name: 'CostStatus', type: 'String' },
      { name: 'Currency', type: 'String' },
    ],
    rows,
  };
}

/** Opaque and unguessable, like Azure's. */
export const newSkipToken = () => randomBytes(18).toString('base64url');

/** A page still to be fetched through a nextLink. */
export interface QueryPage extends CostTable {
  scope: string;
  /** The query definition the page belongs to, canonical JSON. */
  fingerprint: string;
  offset: number;
}

/**
 * Pages of large query results, kept by skiptoken so that following a
 * nextLink answers from the same result even when the clock moved on.
 */
export class CostQueryPages {
  private readonly pages = new Map<string, QueryPage>();

  constructor(private readonly capacity = 1000) {}

  clear(): void {
    this.pages.clear();
  }

  save(page: QueryPage): string {
    const token = newSkipToken();
    this.pages.set(token, page);
    // The oldest go first: an expired nextLink answers 404 like Azure's.
    while (this.pages.size > this.capacity) {
      this.pages.delete(this.pages.keys().next().value!);
    }
    return token;
  }

  get(token: string): QueryPage | undefined {
    return this.pages.get(token);
  }
}
