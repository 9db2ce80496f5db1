import { randomUUID } from 'node:crypto';
import { Request, Response, Router } from 'express';
import {
  alertPatchSchema,
  alertResource,
  parseForecastDefinition,
  parseQueryDefinition,
  queryResultResource,
} from '../arm/costManagement';
import { ArmError } from '../arm/errors';
import { managementGroupResourceId } from '../arm/resources';
import { parseBody } from '../arm/validation';
import {
  CostScope,
  evaluateForecast,
  evaluateQuery,
  newSkipToken,
  QueryPage,
} from '../tenant/costQuery';
import { Tenant } from '../tenant/Tenant';

const PROVIDER = '/providers/Microsoft.CostManagement';

/** The three scopes the portal reads cost at, and what each covers. */
const SCOPES: Array<{
  path: string;
  resolve(tenant: Tenant, req: Request): CostScope;
}> = [
  {
    path: '/subscriptions/:subscriptionId',
    resolve(tenant, req) {
      const subscription = tenant.getSubscription(req.params.subscriptionId);
      return {
        scope: `/subscriptions/${subscription.subscriptionId}`,
        subscriptions: [subscription],
      };
    },
  },
  {
    path: '/providers/Microsoft.Management/managementGroups/:managementGroupId',
    resolve(tenant, req) {
      const group = tenant.getManagementGroup(req.params.managementGroupId);
      return {
        scope: managementGroupResourceId(group.id),
        subscriptions: tenant.subscriptionsBelow(group.id),
      };
    },
  },
  {
    path: '/providers/Microsoft.Billing/billingAccounts/:billingAccountId',
    resolve(tenant, req) {
      const id = req.params.billingAccountId;
      if (id.toLowerCase() !== tenant.billingAccountId.toLowerCase()) {
        throw new ArmError(
          404,
          'NotFound',
          `Billing account '${id}' was not found.`,
        );
      }
      return {
        scope: `/providers/Microsoft.Billing/billingAccounts/${tenant.billingAccountId}`,
        subscriptions: tenant.listSubscriptions(),
      };
    },
  },
];

const ids = (scope: CostScope) =>
  scope.subscriptions.map(s => s.subscriptionId);

/**
 * Microsoft.CostManagement at subscription, management-group and
 * billing-account scope: query (paged by nextLink), forecast, and the budget
 * alerts with their dismiss.
 */
export function costManagementRoutes(tenant: Tenant): Router {
  const router = Router();

  for (const { path, resolve } of SCOPES) {
    router.post(`${path}${PROVIDER}/query`, (req, res) => {
      const scope = resolve(tenant, req);
      const definition = parseQueryDefinition(req.body);
      const fingerprint = JSON.stringify(definition);
      const skiptoken = req.query.$skiptoken;
      let page: QueryPage;
      if (skiptoken !== undefined) {
        const stored = tenant.costQueryPages.get(String(skiptoken));
        if (!stored) {
          throw new ArmError(
            404,
            'NotFound',
            'The page this nextLink points to does not exist or has expired',
          );
        }
        if (
          stored.scope !== scope.scope ||
          stored.fingerprint !== fingerprint
        ) {
          throw new ArmError(
            400,
            'BadRequest',
            'Invalid query definition: the $skiptoken belongs to another query; POST the same scope and body as the query whose nextLink it came from',
          );
        }
        page = stored;
      } else {
        page = {
          ...evaluateQuery(tenant, scope, definition),
          scope: scope.scope,
          fingerprint,
          offset: 0,
        };
      }
      const size = tenant.costQueryPageSize;
      const end = page.offset + size;
      let token =
        end < page.rows.length
          ? tenant.costQueryPages.save({ ...page, offset: end })
          : undefined;
      // The fault: a nextLink to a page that was never stored.
      if (res.locals.danglingNextLinkFault) token = newSkipToken();
      res.json(
        queryResultResource(
          scope.scope,
          randomUUID(),
          page.columns,
          page.rows.slice(page.offset, end),
          token ? nextLink(req, scope.scope, token) : null,
        ),
      );
    });

    router.post(`${path}${PROVIDER}/forecast`, (req, res) => {
      const scope = resolve(tenant, req);
      const definition = parseForecastDefinition(req.body);
      const { columns, rows } = evaluateForecast(tenant, scope, definition);
      res.json(
        queryResultResource(scope.scope, randomUUID(), columns, rows, null),
      );
    });

    router.get(`${path}${PROVIDER}/alerts`, (req, res) => {
      const scope = resolve(tenant, req);
      res.json({
        value: tenant.costAlerts.list(ids(scope)).map(alertResource),
        nextLink: null,
      });
    });

    router.get(`${path}${PROVIDER}/alerts/:alertId`, (req, res) => {
      const scope = resolve(tenant, req);
      res.json(
        alertResource(tenant.costAlerts.get(ids(scope), req.params.alertId)),
      );
    });

    router.patch(`${path}${PROVIDER}/alerts/:alertId`, (req, res: Response) => {
      const scope = resolve(tenant, req);
      const { properties } = parseBody(alertPatchSchema, req.body);
      const alert = tenant.costAlerts.setStatus(
        ids(scope),
        req.params.alertId,
        properties.status,
      );
      res.json(alertResource(alert));
    });
  }

  return router;
}

/** Where the next page is: this endpoint as the caller reached it, the same api-version. */
function nextLink(req: Request, scope: string, token: string): string {
  const apiVersion = encodeURIComponent(String(req.query['api-version']));
  return `${req.protocol}://${req.get(
    'host',
  )}${scope}${PROVIDER}/query?api-version=${apiVersion}&$skiptoken=${encodeURIComponent(
    token,
  )}`;
}
