import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import {
  BUDGET_NOTIFICATIONS,
  DOMAIN_BUDGET_LIMITS,
} from '@dataplatform/plugin-provisioning-common';
import { azureCall } from './azureCall';
import {
  GUID_PATTERN,
  InputProblems,
  isAbsent,
  subscriptionScope,
} from './inputs';
import { examples } from './createBudget.examples';

export const BUDGET_ACTION_ID = 'azure:budget:create';

const BUDGET_NAME_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;
const BUDGET_NAME_RULE = '1-63 letters, digits, hyphens or underscores';
const TIME_GRAINS = ['Monthly', 'Quarterly', 'Annually'] as const;
const THRESHOLD_TYPES = ['Actual', 'Forecasted'] as const;
/** Azure keeps at most five notifications on one budget. */
const MAX_NOTIFICATIONS = 5;
const MAX_CONTACTS = 50;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACTION_GROUP_PATTERN =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Azure accepts no budget starting earlier. */
const EARLIEST_START = '2017-06-01';
/** Azure refuses a start date more than twelve months ahead. */
const MAX_MONTHS_AHEAD = 12;
const DEFAULT_YEARS = 10;

type ThresholdType = (typeof THRESHOLD_TYPES)[number];

interface NotificationSpec {
  threshold: number;
  thresholdType: ThresholdType;
}

interface BudgetInput {
  subscriptionId: string;
  budgetName: string;
  amount: number;
  timeGrain: (typeof TIME_GRAINS)[number];
  startDate: string;
  endDate: string;
  contactEmails: string[];
  contactGroups: string[];
  notifications: NotificationSpec[];
}

export interface CreateBudgetOptions {
  clients: AzureClients;
  /** Today, for the default start date; a parameter so tests can pin it. */
  now?: () => Date;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function firstOfMonth(date: Date, monthsAhead = 0): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsAhead, 1),
  );
}

/** A yyyy-mm-dd that names a real day, as a UTC midnight. */
function readDay(
  check: InputProblems,
  field: string,
  value: unknown,
): Date | undefined {
  const text = check.text(field, value, { rule: 'a date as yyyy-mm-dd' });
  if (text === undefined) return undefined;
  const match = ISO_DAY.exec(text);
  const date = match
    ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))
    : undefined;
  if (!date || isoDay(date) !== text) {
    check.add(field, `"${text}" is not a date; allowed: a date as yyyy-mm-dd`);
    return undefined;
  }
  return date;
}

/** The notification's key within the budget, e.g. `actual-80`. */
export function notificationName(n: NotificationSpec): string {
  return `${n.thresholdType.toLowerCase()}-${String(n.threshold).replace(
    '.',
    '_',
  )}`;
}

function readInput(raw: Record<string, unknown>, now: Date): BudgetInput {
  const check = new InputProblems();
  const subscriptionId = check.guid('subscriptionId', raw.subscriptionId);
  const budgetName = check.text('budgetName', raw.budgetName, {
    pattern: BUDGET_NAME_PATTERN,
    rule: BUDGET_NAME_RULE,
  });
  const amount = check.number('amount', raw.amount, {
    exclusiveMin: 0,
    max: DOMAIN_BUDGET_LIMITS.max,
  });
  const timeGrain = check.oneOf(
    'timeGrain',
    raw.timeGrain,
    TIME_GRAINS,
    'Monthly',
  );

  let start: Date | undefined = firstOfMonth(now);
  if (!isAbsent(raw.startDate)) {
    start = readDay(check, 'startDate', raw.startDate);
    const latest = firstOfMonth(now, MAX_MONTHS_AHEAD);
    if (start && start.getUTCDate() !== 1) {
      check.add(
        'startDate',
        `${isoDay(
          start,
        )} is not the first day of a month; Azure budgets start on the first of a month`,
      );
      start = undefined;
    } else if (start && (isoDay(start) < EARLIEST_START || start > latest)) {
      check.add(
        'startDate',
        `${isoDay(
          start,
        )} is outside what Azure accepts; allowed: the first of a month from ${EARLIEST_START} to ${isoDay(
          latest,
        )}`,
      );
      start = undefined;
    }
  }
  let end: Date | undefined;
  if (isAbsent(raw.endDate)) {
    end =
      start &&
      new Date(
        Date.UTC(
          start.getUTCFullYear() + DEFAULT_YEARS,
          start.getUTCMonth(),
          1,
        ),
      );
  } else {
    end = readDay(check, 'endDate', raw.endDate);
    if (end && start && end <= start) {
      check.add(
        'endDate',
        `${isoDay(end)} is not after the start date ${isoDay(start)}`,
      );
    }
  }

  const contactEmails = check.list(
    'contactEmails',
    raw.contactEmails,
    { min: 1, max: MAX_CONTACTS },
    (field, v) =>
      check.text(field, v, {
        pattern: EMAIL_PATTERN,
        rule: 'an email address',
      }),
  );
  const contactGroups = isAbsent(raw.contactGroups)
    ? []
    : check.list(
        'contactGroups',
        raw.contactGroups,
        { min: 0, max: MAX_CONTACTS },
        (field, v) =>
          check.text(field, v, {
            pattern: ACTION_GROUP_PATTERN,
            rule: 'an action group id such as /subscriptions/{id}/resourceGroups/{group}/providers/microsoft.insights/actionGroups/{name}',
          }),
      );
  const notifications = isAbsent(raw.notifications)
    ? BUDGET_NOTIFICATIONS.map(n => ({ ...n }))
    : check.list(
        'notifications',
        raw.notifications,
        { min: 1, max: MAX_NOTIFICATIONS },
        (field, v) => {
          const item = (v ?? {}) as Record<string, unknown>;
          if (typeof v !== 'object' || v === null || Array.isArray(v)) {
            check.add(
              field,
              'must be an object with threshold and thresholdType',
            );
            return undefined;
          }
          const threshold = check.number(`${field}.threshold`, item.threshold, {
            exclusiveMin: 0,
            max: 1000,
          });
          const thresholdType = check.oneOf(
            `${field}.thresholdType`,
            item.thresholdType,
            THRESHOLD_TYPES,
          );
          return threshold !== undefined && thresholdType
            ? { threshold, thresholdType }
            : undefined;
        },
      );

  check.throwIfAny(BUDGET_ACTION_ID);
  return {
    subscriptionId: subscriptionId!,
    budgetName: budgetName!,
    amount: amount!,
    timeGrain: timeGrain!,
    startDate: isoDay(start!),
    endDate: isoDay(end!),
    contactEmails: contactEmails!,
    contactGroups: contactGroups!,
    notifications: notifications!,
  };
}

/**
 * `azure:budget:create`: puts a cost budget with alert notifications on a
 * subscription. Creating is idempotent by budget name, so a re-run updates
 * the same budget.
 */
export function createBudgetAction(options: CreateBudgetOptions) {
  const { clients } = options;
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: BUDGET_ACTION_ID,
    description:
      'Creates (or updates, by name) a cost budget on an Azure subscription with notifications at percentages of the amount; ' +
      'by default 50, 80 and 100 percent actual and 100 percent forecasted spend.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        subscriptionId: z =>
          z
            .string()
            .regex(GUID_PATTERN)
            .describe('The subscription the budget watches (a GUID)'),
        budgetName: z =>
          z
            .string()
            .regex(BUDGET_NAME_PATTERN)
            .describe(
              `Budget name: ${BUDGET_NAME_RULE}, e.g. budget-dp-domain-finance`,
            ),
        amount: z =>
          z
            .number()
            .positive()
            .max(DOMAIN_BUDGET_LIMITS.max)
            .describe(
              `Budget amount in the billing currency per time grain (more than 0, at most ${DOMAIN_BUDGET_LIMITS.max})`,
            ),
        timeGrain: z =>
          z
            .enum(TIME_GRAINS)
            .optional()
            .describe('How often the amount resets (default Monthly)'),
        startDate: z =>
          z
            .string()
            .optional()
            .describe(
              'First day of a month, yyyy-mm-dd (default: the first day of the current UTC month)',
            ),
        endDate: z =>
          z
            .string()
            .optional()
            .describe('yyyy-mm-dd (default: 10 years after the start)'),
        contactEmails: z =>
          z
            .array(z.string())
            .min(1)
            .max(MAX_CONTACTS)
            .describe('Who is notified (1-50 email addresses)'),
        contactGroups: z =>
          z
            .array(z.string())
            .max(MAX_CONTACTS)
            .optional()
            .describe('Action groups notified as well (resource ids)'),
        notifications: z =>
          z
            .array(
              z.object({
                threshold: z
                  .number()
                  .positive()
                  .max(1000)
                  .describe('Percent of the amount (0-1000)'),
                thresholdType: z.enum(THRESHOLD_TYPES),
              }),
            )
            .min(1)
            .max(MAX_NOTIFICATIONS)
            .optional()
            .describe(
              'Alert thresholds (at most 5); default 50/80/100 Actual and 100 Forecasted',
            ),
      },
      output: {
        budgetId: z => z.string().describe('Resource id of the budget'),
        budgetName: z => z.string(),
        amount: z => z.number(),
        notifications: z =>
          z
            .array(
              z.object({
                name: z.string(),
                threshold: z.number(),
                thresholdType: z.string(),
              }),
            )
            .describe('The notifications the budget carries'),
      },
    },
    async handler(ctx) {
      const input = readInput(ctx.input, now());
      const { subscriptionId, budgetName, amount, timeGrain } = input;
      const scope = subscriptionScope(subscriptionId);
      const plannedId = `/${scope}/providers/Microsoft.Consumption/budgets/${budgetName}`;
      const notifications = input.notifications.map(n => ({
        name: notificationName(n),
        ...n,
      }));
      const summary =
        `budget ${budgetName} of ${amount} (${timeGrain}, ${input.startDate} to ${input.endDate}) on subscription ${subscriptionId}, ` +
        `notifying ${input.contactEmails.join(', ')} at ${notifications
          .map(n => `${n.threshold}% ${n.thresholdType.toLowerCase()}`)
          .join(', ')}`;

      const output = (budgetId: string) => {
        ctx.output('budgetId', budgetId);
        ctx.output('budgetName', budgetName);
        ctx.output('amount', amount);
        ctx.output('notifications', notifications);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create ${summary}; nothing was created`,
        );
        output(plannedId);
        return;
      }

      const { budgetId } = await ctx.checkpoint({
        key: `budget.${subscriptionId}.${budgetName}`,
        fn: async () => {
          const budget = await azureCall(
            `Creating budget ${budgetName} on subscription ${subscriptionId}`,
            () =>
              clients
                .consumption(subscriptionId)
                .budgets.createOrUpdate(scope, budgetName, {
                  category: 'Cost',
                  amount,
                  timeGrain,
                  timePeriod: {
                    startDate: new Date(`${input.startDate}T00:00:00Z`),
                    endDate: new Date(`${input.endDate}T00:00:00Z`),
                  },
                  notifications: Object.fromEntries(
                    notifications.map(n => [
                      n.name,
                      {
                        enabled: true,
                        operator: 'GreaterThanOrEqualTo',
                        threshold: n.threshold,
                        thresholdType: n.thresholdType,
                        contactEmails: input.contactEmails,
                        contactGroups: input.contactGroups,
                        locale: 'en-us',
                      },
                    ]),
                  ),
                }),
          );
          ctx.logger.info(`Created ${summary}`);
          return { budgetId: budget.id ?? plannedId };
        },
      });
      output(budgetId);
    },
  });
}
