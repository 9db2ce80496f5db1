import { randomBytes } from 'node:crypto';
import { ArmError } from '../arm/errors';
import { key, TenantContext } from './context';
import { CostModel } from './costs';

export const BUDGET_TIME_GRAINS = [
  'Monthly',
  'Quarterly',
  'Annually',
  'BillingMonth',
  'BillingQuarter',
  'BillingAnnual',
] as const;
export type BudgetTimeGrain = (typeof BUDGET_TIME_GRAINS)[number];

export const NOTIFICATION_OPERATORS = [
  'EqualTo',
  'GreaterThan',
  'GreaterThanOrEqualTo',
] as const;
export const THRESHOLD_TYPES = ['Actual', 'Forecasted'] as const;

export interface BudgetNotification {
  enabled: boolean;
  operator: (typeof NOTIFICATION_OPERATORS)[number];
  threshold: number;
  thresholdType: (typeof THRESHOLD_TYPES)[number];
  contactEmails: string[];
  contactGroups: string[];
  contactRoles: string[];
  locale?: string;
}

export interface Budget {
  subscriptionId: string;
  name: string;
  eTag: string;
  category: 'Cost';
  amount: number;
  timeGrain: BudgetTimeGrain;
  timePeriod: { startDate: string; endDate: string };
  filter?: unknown;
  notifications: Record<string, BudgetNotification>;
}

/** A validated budget write (the route checks shapes, the store the rules between fields). */
export type BudgetRequest = Omit<Budget, 'subscriptionId' | 'name' | 'eTag'> & {
  eTag?: string;
};

export interface Spend {
  /** Month-to-date actual cost, USD. */
  amount: number;
  /** Expected cost at the end of the month, USD. */
  forecast: number;
}

const BUDGET_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/** Consumption's eTags look like `"1d34d012214157f"`, quotes included. */
const newETag = () => `"${randomBytes(8).toString('hex').slice(1)}"`;

/**
 * Month-to-date spend per subscription, as budgets report it: a view of the
 * cost model, so budgets, Cost Management queries and alerts agree. Setting
 * it (the admin API, tests, demos) scales the model's month.
 */
export class SpendModel {
  constructor(
    private readonly context: TenantContext,
    private readonly costs: CostModel,
  ) {}

  get(subscriptionId: string): Spend {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return {
      amount: this.costs.monthToDate(id),
      forecast: this.costs.monthForecast(id),
    };
  }

  /**
   * Scales this month so far to `amount`; without a forecast, the rest of the
   * month follows the same scale (or, for a subscription that costs nothing,
   * the pace of the month so far).
   */
  set(subscriptionId: string, amount: number, forecast?: number): Spend {
    this.costs.setMonthSpend(subscriptionId, amount, forecast);
    return this.get(subscriptionId);
  }
}

/** Microsoft.Consumption/budgets at subscription scope. */
export class Budgets {
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly context: TenantContext) {}

  clear(): void {
    this.budgets.clear();
  }

  list(subscriptionId: string): Budget[] {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return [...this.budgets.values()].filter(b => b.subscriptionId === id);
  }

  get(subscriptionId: string, name: string): Budget {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    const budget = this.budgets.get(key(id, name));
    if (!budget) {
      throw new ArmError(
        404,
        'NotFound',
        `Budget '${name}' was not found in subscription '${id}'.`,
      );
    }
    return budget;
  }

  /**
   * PUT: creates or replaces. A request carrying an eTag only replaces the
   * budget it was read from (optimistic concurrency, as Azure does).
   */
  createOrUpdate(
    subscriptionId: string,
    name: string,
    request: BudgetRequest,
  ): { budget: Budget; created: boolean } {
    const { subscriptionId: id } =
      this.context.writableSubscription(subscriptionId);
    if (!BUDGET_NAME.test(name)) {
      throw new ArmError(
        400,
        'InvalidBudgetName',
        `Budget name '${name}' is invalid: use 1-63 letters, digits, '_' or '-'.`,
      );
    }
    const existing = this.budgets.get(key(id, name));
    if (
      existing &&
      request.eTag !== undefined &&
      request.eTag !== existing.eTag
    ) {
      throw new ArmError(
        412,
        'PreconditionFailed',
        `The eTag ${request.eTag} does not match the budget's current eTag ${existing.eTag}: the budget changed since it was read. Read it again and retry.`,
      );
    }
    const { eTag: _ignored, ...fields } = request;
    const budget: Budget = {
      ...fields,
      subscriptionId: id,
      name: existing?.name ?? name,
      eTag: newETag(),
    };
    this.budgets.set(key(id, name), budget);
    return { budget, created: !existing };
  }

  /** Whether it existed. */
  delete(subscriptionId: string, name: string): boolean {
    const { subscriptionId: id } =
      this.context.writableSubscription(subscriptionId);
    return this.budgets.delete(key(id, name));
  }
}
