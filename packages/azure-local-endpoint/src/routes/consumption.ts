import { Router } from 'express';
import { z } from 'zod';
import { budgetResource } from '../arm/consumption';
import { parseBody } from '../arm/validation';
import {
  BUDGET_TIME_GRAINS,
  NOTIFICATION_OPERATORS,
  THRESHOLD_TYPES,
} from '../tenant/consumption';
import { Tenant } from '../tenant/Tenant';

// Azure's own deserializer takes "True"/"False" for booleans, and Microsoft's
// examples contain them; accept them too.
const tolerantBoolean = z.preprocess(
  v =>
    typeof v === 'string' && /^(true|false)$/i.test(v)
      ? v.toLowerCase() === 'true'
      : v,
  z.boolean(),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const notification = z
  .object({
    enabled: tolerantBoolean,
    operator: z.enum(NOTIFICATION_OPERATORS),
    threshold: z
      .number()
      .gt(0, 'must be a percentage of the amount above 0')
      .max(1000, 'must be a percentage of the amount up to 1000'),
    thresholdType: z.enum(THRESHOLD_TYPES).default('Actual'),
    contactEmails: z
      .array(z.string().regex(EMAIL, 'must be an email address'))
      .max(50)
      .nullish(),
    contactGroups: z.array(z.string().min(1)).max(50).nullish(),
    contactRoles: z.array(z.string().min(1)).nullish(),
    locale: z.string().nullish(),
  })
  .superRefine((n, ctx) => {
    if (
      !n.contactEmails?.length &&
      !n.contactGroups?.length &&
      !n.contactRoles?.length
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactEmails'],
        message:
          'at least one of contactEmails, contactGroups or contactRoles must be given',
      });
    }
  });

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be a date');

const budgetBody = z.object({
  eTag: z.string().nullish(),
  properties: z
    .object({
      category: z.literal('Cost'),
      amount: z.number().gt(0, 'must be greater than 0'),
      timeGrain: z.enum(BUDGET_TIME_GRAINS),
      timePeriod: z.object({ startDate: isoDate, endDate: isoDate.nullish() }),
      filter: z.unknown().optional(),
      notifications: z
        .record(notification)
        .refine(
          n => Object.keys(n).length >= 1,
          'at least one notification is required',
        )
        .refine(
          n => Object.keys(n).length <= 5,
          'at most 5 notifications are allowed',
        ),
    })
    .superRefine((p, ctx) => {
      const start = new Date(p.timePeriod.startDate);
      if (start.getUTCDate() !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['timePeriod', 'startDate'],
          message: `must be the first day of a month; got ${p.timePeriod.startDate}`,
        });
      }
      if (p.timePeriod.endDate && new Date(p.timePeriod.endDate) <= start) {
        ctx.addIssue({
          code: 'custom',
          path: ['timePeriod', 'endDate'],
          message: 'must be after startDate',
        });
      }
    }),
});

const iso = (date: string) =>
  new Date(date).toISOString().replace('.000Z', 'Z');

/** Microsoft.Consumption/budgets at subscription scope, reporting the tenant's spend model. */
export function consumptionRoutes(tenant: Tenant): Router {
  const router = Router();
  const base =
    '/subscriptions/:subscriptionId/providers/Microsoft.Consumption/budgets';
  const answer = (budget: Parameters<typeof budgetResource>[0]) =>
    budgetResource(budget, tenant.spend.get(budget.subscriptionId));

  router.get(base, (req, res) => {
    res.json({
      value: tenant.budgets.list(req.params.subscriptionId).map(answer),
    });
  });

  router.get(`${base}/:budgetName`, (req, res) => {
    res.json(
      answer(
        tenant.budgets.get(req.params.subscriptionId, req.params.budgetName),
      ),
    );
  });

  router.put(`${base}/:budgetName`, (req, res) => {
    tenant.writableSubscription(req.params.subscriptionId);
    const { eTag, properties } = parseBody(budgetBody, req.body);
    const start = iso(properties.timePeriod.startDate);
    // Without an end, a budget runs ten years, as Azure defaults it.
    const end = new Date(start);
    end.setUTCFullYear(end.getUTCFullYear() + 10);
    const { budget, created } = tenant.budgets.createOrUpdate(
      req.params.subscriptionId,
      req.params.budgetName,
      {
        eTag: eTag ?? undefined,
        category: properties.category,
        amount: properties.amount,
        timeGrain: properties.timeGrain,
        timePeriod: {
          startDate: start,
          endDate: properties.timePeriod.endDate
            ? iso(properties.timePeriod.endDate)
            : iso(end.toISOString()),
        },
        filter: properties.filter,
        notifications: Object.fromEntries(
          Object.entries(properties.notifications).map(([name, n]) => [
            name,
            {
              enabled: n.enabled,
              operator: n.operator,
              threshold: n.threshold,
              thresholdType: n.thresholdType,
              contactEmails: n.contactEmails ?? [],
              contactGroups: n.contactGroups ?? [],
              contactRoles: n.contactRoles ?? [],
              ...(n.locale ? { locale: n.locale } : {}),
            },
          ]),
        ),
      },
    );
    res.status(created ? 201 : 200).json(answer(budget));
  });

  // The SDK expects 200 only; a missing budget is a 404 like on GET.
  router.delete(`${base}/:budgetName`, (req, res) => {
    const { subscriptionId, budgetName } = req.params;
    if (!tenant.budgets.delete(subscriptionId, budgetName)) {
      tenant.budgets.get(subscriptionId, budgetName);
    }
    res.status(200).end();
  });

  return router;
}
