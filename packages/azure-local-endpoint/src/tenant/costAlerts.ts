import { ArmError } from '../arm/errors';
import { Budget, BudgetNotification, Budgets } from './consumption';
import {
  DAY_MS,
  isoDay,
  monthEndOf,
  monthStartOf,
  previousMonthStartOf,
  startOfDayMs,
} from './costDays';
import { CostModel } from './costs';
import { TenantContext } from './context';
import { stableGuid } from './ids';

export const ALERT_STATUSES = ['Active', 'Dismissed'] as const;
export type SettableAlertStatus = (typeof ALERT_STATUSES)[number];

/** A budget notification that was reached, as Cost Management reports it. */
export interface CostAlert {
  subscriptionId: string;
  /** A GUID derived from subscription, budget, notification and month. */
  name: string;
  type: 'Budget' | 'BudgetForecast';
  budget: Budget;
  notificationName: string;
  notification: BudgetNotification;
  /** Month-to-date (forecast for forecast alerts; the month's total for resolved ones). */
  currentSpend: number;
  /** First day of the month the alert is about, ISO. */
  periodStartDate: string;
  creationTime: string;
  closeTime?: string;
  status: 'Active' | 'Resolved' | 'Dismissed';
  modificationTime: string;
  statusModificationTime?: string;
}

const reached = (
  operator: BudgetNotification['operator'],
  value: number,
  threshold: number,
) => (operator === 'GreaterThan' ? value > threshold : value >= threshold);

const isoMs = (ms: number) => new Date(ms).toISOString();

/**
 * Cost Management's budget alerts, derived from the budgets and the cost
 * model at the tenant clock: every enabled notification reached this month
 * is Active (Actual: month-to-date against the threshold; Forecasted: the
 * month's forecast), last month's reached Actual notifications are Resolved.
 * Only the status a caller set (dismiss) is stored.
 */
export class CostAlerts {
  private readonly statuses = new Map<
    string,
    { status: SettableAlertStatus; at: string }
  >();

  constructor(
    private readonly context: TenantContext,
    private readonly budgets: Budgets,
    private readonly costs: CostModel,
  ) {}

  clear(): void {
    this.statuses.clear();
  }

  /** Alerts of the given (known, lower-case) subscriptions, in their order. */
  list(subscriptionIds: string[]): CostAlert[] {
    const clock = this.costs.clock();
    const alerts: CostAlert[] = [];
    for (const id of subscriptionIds) {
      for (const budget of this.budgets.list(id)) {
        alerts.push(...this.thisMonth(id, budget, clock));
        alerts.push(...this.lastMonth(id, budget, clock));
      }
    }
    return alerts.map(alert => this.withStoredStatus(alert));
  }

  get(subscriptionIds: string[], alertName: string): CostAlert {
    const alert = this.list(subscriptionIds).find(
      a => a.name === alertName.toLowerCase(),
    );
    if (!alert) {
      throw new ArmError(
        404,
        'NotFound',
        `Alert '${alertName}' was not found at this scope.`,
      );
    }
    return alert;
  }

  /** The SDK's `alerts.dismiss`: the status stays until changed again or the tenant is reset. */
  setStatus(
    subscriptionIds: string[],
    alertName: string,
    status: SettableAlertStatus,
  ): CostAlert {
    const alert = this.get(subscriptionIds, alertName);
    this.statuses.set(alert.name, {
      status,
      at: isoMs(this.context.now()),
    });
    return this.withStoredStatus(alert);
  }

  private withStoredStatus(alert: CostAlert): CostAlert {
    const stored = this.statuses.get(alert.name);
    if (!stored) return alert;
    return {
      ...alert,
      status: stored.status,
      modificationTime: stored.at,
      statusModificationTime: stored.at,
    };
  }

  private thisMonth(
    id: string,
    budget: Budget,
    clock: { today: number; fraction: number },
  ): CostAlert[] {
    const monthStart = monthStartOf(clock.today);
    if (!coversMonth(budget, monthStart)) return [];
    const days = this.costs.actualDays(id, monthStart, clock.today, clock);
    const monthToDate = this.costs.monthToDate(id);
    const forecast = this.costs.monthForecast(id);
    const alerts: CostAlert[] = [];
    for (const [notificationName, notification] of Object.entries(
      budget.notifications,
    )) {
      if (!notification.enabled) continue;
      const threshold = (notification.threshold / 100) * budget.amount;
      const forecasted = notification.thresholdType === 'Forecasted';
      const value = forecasted ? forecast : monthToDate;
      if (!reached(notification.operator, value, threshold)) continue;
      const creationTime = forecasted
        ? this.forecastReachedAt(id, notification, threshold, monthStart, clock)
        : crossingTime(days, monthStart, clock, notification, threshold);
      alerts.push({
        subscriptionId: id,
        name: alertNameOf(id, budget, notificationName, monthStart),
        type: forecasted ? 'BudgetForecast' : 'Budget',
        budget,
        notificationName,
        notification,
        currentSpend: value,
        periodStartDate: `${isoDay(monthStart)}T00:00:00Z`,
        creationTime,
        status: 'Active',
        modificationTime: creationTime,
      });
    }
    return alerts;
  }

  private lastMonth(
    id: string,
    budget: Budget,
    clock: { today: number; fraction: number },
  ): CostAlert[] {
    const start = previousMonthStartOf(clock.today);
    if (!coversMonth(budget, start)) return [];
    const end = monthEndOf(start);
    const days = this.costs.actualDays(id, start, end, clock);
    const total = days.reduce((a, b) => a + b, 0);
    const closeTime = `${isoDay(end + 1)}T00:00:00Z`;
    const alerts: CostAlert[] = [];
    for (const [notificationName, notification] of Object.entries(
      budget.notifications,
    )) {
      if (!notification.enabled || notification.thresholdType !== 'Actual')
        continue;
      const threshold = (notification.threshold / 100) * budget.amount;
      if (!reached(notification.operator, total, threshold)) continue;
      const creationTime = crossingTime(
        days,
        start,
        clock,
        notification,
        threshold,
      );
      alerts.push({
        subscriptionId: id,
        name: alertNameOf(id, budget, notificationName, start),
        type: 'Budget',
        budget,
        notificationName,
        notification,
        currentSpend: Math.round(total * 100) / 100,
        periodStartDate: `${isoDay(start)}T00:00:00Z`,
        creationTime,
        closeTime,
        status: 'Resolved',
        modificationTime: closeTime,
      });
    }
    return alerts;
  }

  /** Midnight of the first day whose forecast (as it stood that morning) reached the threshold. */
  private forecastReachedAt(
    id: string,
    notification: BudgetNotification,
    threshold: number,
    monthStart: number,
    clock: { today: number; fraction: number },
  ): string {
    for (let day = monthStart; day < clock.today; day++) {
      if (
        reached(
          notification.operator,
          this.costs.forecastAsOf(id, day, clock),
          threshold,
        )
      ) {
        return isoMs(startOfDayMs(day));
      }
    }
    return isoMs(startOfDayMs(clock.today));
  }
}

/** Whether the budget's time period overlaps the month starting on `monthStart`. */
function coversMonth(budget: Budget, monthStart: number): boolean {
  const start = Date.parse(budget.timePeriod.startDate);
  const end = Date.parse(budget.timePeriod.endDate);
  return (
    start <= startOfDayMs(monthEndOf(monthStart) + 1) - 1 &&
    end > startOfDayMs(monthStart)
  );
}

function alertNameOf(
  id: string,
  budget: Budget,
  notificationName: string,
  monthStart: number,
) {
  return stableGuid(
    'cost-alert',
    id,
    budget.name,
    notificationName,
    isoDay(monthStart),
  );
}

/**
 * When the running total of `days` (from `from`) reached the threshold,
 * interpolated within the day; today's cost covers only the part of the day passed.
 */
function crossingTime(
  days: number[],
  from: number,
  clock: { today: number; fraction: number },
  notification: BudgetNotification,
  threshold: number,
): string {
  let total = 0;
  for (let i = 0; i < days.length; i++) {
    const day = from + i;
    const after = total + days[i];
    if (reached(notification.operator, after, threshold)) {
      const share =
        days[i] > 0
          ? Math.min(Math.max((threshold - total) / days[i], 0), 1)
          : 0;
      const span = day === clock.today ? clock.fraction : 1;
      return isoMs(Math.floor(startOfDayMs(day) + share * span * DAY_MS));
    }
    total = after;
  }
  return isoMs(startOfDayMs(from + days.length - 1));
}
