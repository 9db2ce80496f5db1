import { z } from 'zod';
import { ArmError } from '../arm/errors';
import {
  cents,
  DAY_MS,
  dayOf,
  isWeekend,
  monthEndOf,
  monthStartOf,
} from './costDays';
import { TenantContext } from './context';

/**
 * How a subscription spends, relative to the tenant's clock: the cost of a
 * 30-day month at today's level, and how it varies from day to day.
 */
export const costProfileSchema = z
  .object({
    monthlyRunRate: z
      .number({
        required_error: 'is required: USD for a 30-day month at today’s level',
        invalid_type_error: 'must be a number: USD for a 30-day month',
      })
      .min(0, 'must be 0 or more (USD for a 30-day month)')
      .max(1_000_000_000, 'must be at most 1,000,000,000 USD'),
    weekendFactor: z
      .number({ invalid_type_error: 'must be a number from 0 to 1' })
      .min(0, 'must be from 0 to 1 (a weekend day costs this times a weekday)')
      .max(1, 'must be from 0 to 1 (a weekend day costs this times a weekday)')
      .default(1),
    monthlyGrowth: z
      .number({ invalid_type_error: 'must be a number from -0.99 to 10' })
      .min(-0.99, 'must be from -0.99 to 10 (a fraction per 30 days)')
      .max(10, 'must be from -0.99 to 10 (a fraction per 30 days)')
      .default(0),
    noise: z
      .number({ invalid_type_error: 'must be a number from 0 to 0.5' })
      .min(0, 'must be from 0 to 0.5 (a fraction of the day’s cost)')
      .max(0.5, 'must be from 0 to 0.5 (a fraction of the day’s cost)')
      .default(0),
    anomalies: z
      .array(
        z
          .object({
            daysAgo: z
              .number({
                required_error: 'is required: whole days before today',
              })
              .int('must be a whole number of days')
              .min(0, 'must be 0 (today) or more')
              .max(3650, 'must be at most 3650'),
            factor: z
              .number({
                required_error:
                  'is required: the day costs this times its usual',
              })
              .min(0, 'must be 0 or more')
              .max(1000, 'must be at most 1000'),
          })
          .strict(),
      )
      .max(100, 'at most 100 anomalies')
      .optional(),
    startDaysAgo: z
      .number()
      .int('must be a whole number of days')
      .min(0, 'must be 0 (costs start today) or more')
      .optional(),
  })
  .strict();

export type CostProfileInput = z.input<typeof costProfileSchema>;
export type CostProfile = z.output<typeof costProfileSchema>;

/** Validates a profile, naming the first bad field as the admin API does. */
export function parseCostProfile(value: unknown): CostProfile {
  const parsed = costProfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ArmError(
    400,
    'InvalidCostProfile',
    `${issue.path.join('.') || '(body)'}: ${issue.message}`,
  );
}

/**
 * What `SpendModel.set` fixed for one month: the days so far as set, and how
 * the rest of that month follows (the model scaled by `factor`, or a flat
 * daily rate when the model had nothing to scale).
 */
interface MonthOverride {
  monthStart: number;
  days: Map<number, number>;
  factor?: number;
  flatDaily?: number;
  forecast?: number;
}

interface Clock {
  today: number;
  /** How much of today has passed, 0..1. */
  fraction: number;
}

/** A uniform number in [0, 1) from the text: FNV-1a, then Murmur3's finalizer to spread its bits. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const HOUR_MS = 3_600_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(date: string): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`'${date}' is not a date; use YYYY-MM-DD`);
  }
  return dayOf(ms);
}

/**
 * The tenant's cost: deterministic per subscription and day, relative to the
 * tenant clock (`context.now()`), so tests that fix the clock get fixed
 * numbers and a demo always shows a current month.
 *
 * A day's cost is the profile's weekday cost (monthlyRunRate / 30 spread so a
 * week of five weekdays and two weekend days at `weekendFactor` averages it),
 * moved back along `monthlyGrowth` for past days and forward for future ones,
 * times `1 ± noise` from a hash of (subscription, day), times any anomaly's
 * factor. Today's actual cost is the share of the day that has passed, in
 * whole hours (Azure's fresh partial cost). Forecasts carry neither noise nor
 * anomalies.
 */
export class CostModel {
  private readonly profiles = new Map<string, CostProfile>();
  private readonly overrides = new Map<string, MonthOverride>();

  constructor(private readonly context: TenantContext) {}

  clear(): void {
    this.profiles.clear();
    this.overrides.clear();
  }

  /**
   * Sets (or replaces) a subscription's profile; the month's spend set
   * through `SpendModel.set` gives way to it.
   */
  setProfile(subscriptionId: string, profile: CostProfileInput): CostProfile {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const parsed = parseCostProfile(profile);
    this.profiles.set(id, parsed);
    this.overrides.delete(id);
    return { ...parsed };
  }

  /** Whether there was one; without a profile a subscription costs nothing. */
  removeProfile(subscriptionId: string): boolean {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    this.overrides.delete(id);
    return this.profiles.delete(id);
  }

  getProfile(subscriptionId: string): CostProfile | undefined {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const profile = this.profiles.get(id);
    return profile && { ...profile };
  }

  /** Actual cost of a day (`YYYY-MM-DD`): whole for past days, so far for today, 0 ahead. */
  dailyCost(subscriptionId: string, date: string): number {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const day = parseDay(date);
    return this.actualDays(id, day, day)[0];
  }

  /** Expected cost of a day to come: the rest of today, whole for future days, 0 for past ones. */
  forecastCost(subscriptionId: string, date: string): number {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const day = parseDay(date);
    return this.forecastDays(id, day, day)[0];
  }

  /** Actual cost of this month so far: what budgets report as `currentSpend`. */
  monthToDate(subscriptionId: string): number {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const { today } = this.clock();
    return sum(this.actualDays(id, monthStartOf(today), today));
  }

  /** Month-to-date plus the forecast of the rest of the month: `forecastSpend`. */
  monthForecast(subscriptionId: string): number {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const { today } = this.clock();
    return cents(
      this.monthToDate(id) +
        sum(this.forecastDays(id, today, monthEndOf(today))),
    );
  }

  /**
   * Scales the subscription's month so far so that it adds up to `amount`
   * (spread evenly over the days passed when the model has no cost to
   * scale); the rest of the month follows the same scale, unless `forecast`
   * is given, which then is the month's total.
   */
  setMonthSpend(
    subscriptionId: string,
    amount: number,
    forecast?: number,
  ): void {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    if (forecast !== undefined && forecast < amount) {
      throw new ArmError(
        400,
        'InvalidSpend',
        `forecast: must be at least the month-to-date amount (${amount}); got ${forecast}`,
      );
    }
    const clock = this.clock();
    const monthStart = monthStartOf(clock.today);
    const profile = this.profiles.get(id);
    const base: number[] = [];
    for (let day = monthStart; day <= clock.today; day++) {
      base.push(profile ? this.modelActual(id, profile, day, clock) : 0);
    }
    const total = sum(base);
    const override: MonthOverride = {
      monthStart,
      days: new Map(),
      forecast,
    };
    let spread: number[];
    if (total > 0) {
      override.factor = amount / total;
      spread = base.map(c => cents(c * override.factor!));
    } else {
      // The old pace rule: over the days passed, at least one, so an early
      // first-of-month amount is not projected as a huge daily rate.
      const units = clock.today - monthStart + clock.fraction;
      override.flatDaily = amount / Math.max(units, 1);
      spread = base.map((_, i) =>
        cents(
          monthStart + i === clock.today
            ? override.flatDaily! * clock.fraction
            : override.flatDaily!,
        ),
      );
    }
    balance(spread, base, amount);
    spread.forEach((cost, i) => override.days.set(monthStart + i, cost));
    this.overrides.set(id, override);
  }

  // ---- series for queries, forecasts and alerts ----------------------------

  /**
   * The tenant clock as a UTC day and the share of it that has passed, in
   * whole hours: cost data moves on once an hour (Azure's every few hours),
   * so two reads a moment apart agree.
   */
  clock(): Clock {
    const now = this.context.now();
    const today = dayOf(now);
    const hours = Math.floor((now - today * DAY_MS) / HOUR_MS);
    return { today, fraction: hours / 24 };
  }

  /** Actual costs from `from` to `to` (days, inclusive) of a known, lower-case subscription id. */
  actualDays(
    id: string,
    from: number,
    to: number,
    clock = this.clock(),
  ): number[] {
    const profile = this.profiles.get(id);
    const override = this.overrides.get(id);
    const out: number[] = [];
    for (let day = from; day <= to; day++) {
      if (day > clock.today) {
        out.push(0);
      } else if (override && monthStartOf(day) === override.monthStart) {
        out.push(this.overriddenActual(id, profile, override, day, clock));
      } else {
        out.push(profile ? this.modelActual(id, profile, day, clock) : 0);
      }
    }
    return out;
  }

  /** Forecast costs from `from` to `to` (inclusive): 0 before today, the rest of today, then whole days. */
  forecastDays(
    id: string,
    from: number,
    to: number,
    clock = this.clock(),
  ): number[] {
    const profile = this.profiles.get(id);
    const override = this.overrides.get(id);
    const thisMonth =
      override && override.monthStart === monthStartOf(clock.today)
        ? this.overriddenRestOfMonth(id, profile, override, clock)
        : undefined;
    const out: number[] = [];
    for (let day = from; day <= to; day++) {
      if (day < clock.today) out.push(0);
      else if (thisMonth?.has(day)) out.push(thisMonth.get(day)!);
      else out.push(profile ? this.modelForecast(profile, day, clock) : 0);
    }
    return out;
  }

  /**
   * The month's forecast as it stood at the start of `day`: the actual cost
   * before it plus the expected cost from it to the month's end. Alerts use
   * it to date when a forecast threshold was first reached.
   */
  forecastAsOf(id: string, day: number, clock = this.clock()): number {
    const monthStart = monthStartOf(day);
    if (day >= clock.today) {
      // From today on, the forecast is the current one.
      return cents(
        sum(this.actualDays(id, monthStart, clock.today, clock)) +
          sum(this.forecastDays(id, clock.today, monthEndOf(day), clock)),
      );
    }
    const before =
      day > monthStart
        ? sum(this.actualDays(id, monthStart, day - 1, clock))
        : 0;
    const profile = this.profiles.get(id);
    const override = this.overrides.get(id);
    let expected = 0;
    for (let d = day; d <= monthEndOf(day); d++) {
      let cost = profile ? this.expectedFull(profile, d, clock.today) : 0;
      if (override && override.monthStart === monthStart) {
        cost =
          override.factor !== undefined
            ? cost * override.factor
            : override.flatDaily ?? 0;
      }
      expected += cost;
    }
    return cents(before + expected);
  }

  // ---- the model -----------------------------------------------------------

  /** The day's cost at its level, weekday or weekend, without noise or anomalies. */
  private expectedFull(
    profile: CostProfile,
    day: number,
    today: number,
  ): number {
    const daysAgo = today - day;
    if (profile.startDaysAgo !== undefined && daysAgo > profile.startDaysAgo) {
      return 0;
    }
    const weekday =
      ((profile.monthlyRunRate / 30) * 7) / (5 + 2 * profile.weekendFactor);
    const level = Math.pow(1 + profile.monthlyGrowth, -daysAgo / 30);
    return weekday * level * (isWeekend(day) ? profile.weekendFactor : 1);
  }

  private modelActual(
    id: string,
    profile: CostProfile,
    day: number,
    clock: Clock,
  ): number {
    if (day > clock.today) return 0;
    const daysAgo = clock.today - day;
    let cost = this.expectedFull(profile, day, clock.today);
    cost *= 1 + profile.noise * (2 * unitHash(`${id}|${day}`) - 1);
    for (const anomaly of profile.anomalies ?? []) {
      if (anomaly.daysAgo === daysAgo) cost *= anomaly.factor;
    }
    return cents(day === clock.today ? cost * clock.fraction : cost);
  }

  private modelForecast(
    profile: CostProfile,
    day: number,
    clock: Clock,
  ): number {
    if (day < clock.today) return 0;
    const cost = this.expectedFull(profile, day, clock.today);
    return cents(day === clock.today ? cost * (1 - clock.fraction) : cost);
  }

  private overriddenActual(
    id: string,
    profile: CostProfile | undefined,
    override: MonthOverride,
    day: number,
    clock: Clock,
  ): number {
    const set = override.days.get(day);
    if (set !== undefined) return set;
    if (override.factor !== undefined) {
      const base = profile ? this.modelActual(id, profile, day, clock) : 0;
      return cents(base * override.factor);
    }
    const flat = override.flatDaily ?? 0;
    return cents(day === clock.today ? flat * clock.fraction : flat);
  }

  /** Forecasts from today to the month's end under a spend set this month. */
  private overriddenRestOfMonth(
    id: string,
    profile: CostProfile | undefined,
    override: MonthOverride,
    clock: Clock,
  ): Map<number, number> {
    const days: number[] = [];
    const base: number[] = [];
    const units: number[] = [];
    for (let day = clock.today; day <= monthEndOf(clock.today); day++) {
      const unit = day === clock.today ? 1 - clock.fraction : 1;
      days.push(day);
      units.push(unit);
      if (override.factor !== undefined) {
        const model = profile ? this.modelForecast(profile, day, clock) : 0;
        base.push(cents(model * override.factor));
      } else {
        base.push(cents((override.flatDaily ?? 0) * unit));
      }
    }
    let values = base;
    if (override.forecast !== undefined) {
      const monthToDate = sum(
        this.actualDays(id, override.monthStart, clock.today, clock),
      );
      const target = Math.max(override.forecast - monthToDate, 0);
      // Shaped like the model where it has a shape, else evenly by time left.
      const weights = sum(base) > 0 ? base : units;
      const total = weights.reduce((a, b) => a + b, 0);
      values =
        total > 0
          ? weights.map(w => cents((target * w) / total))
          : weights.map(() => 0);
      if (total > 0) balance(values, weights, target);
    }
    return new Map(days.map((day, i) => [day, values[i]]));
  }
}

/** Sum of cent amounts, in cents (floating point would leave 0.30000000000000004). */
function sum(values: number[]): number {
  return cents(values.reduce((a, b) => a + b, 0));
}

/**
 * Puts the rounding remainder on the last day that has weight, so a month
 * set to `target` adds up to it exactly.
 */
function balance(values: number[], weights: number[], target: number): void {
  const remainder = cents(target - sum(values));
  if (remainder === 0 || values.length === 0) return;
  let last = values.length - 1;
  for (let i = values.length - 1; i >= 0; i--) {
    if (weights[i] > 0) {
      last = i;
      break;
    }
  }
  values[last] = Math.max(cents(values[last] + remainder), 0);
}
