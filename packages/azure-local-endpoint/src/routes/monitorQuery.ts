import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { formatDuration, parseDuration, parseTimespan } from '../arm/durations';
import { ArmError } from '../arm/errors';
import { AZURE_REGION_NAMES } from '../arm/regions';
import { parseResourceId } from '../tenant/monitor';
import { Tenant } from '../tenant/Tenant';

/**
 * Azure Monitor's query APIs, answered from the tenant's monitor scenario:
 * Log Analytics resource-centric queries (api.loganalytics.io/v1) and the
 * regional metrics batch API ({region}.metrics.monitor.azure.com), each under
 * a path prefix of this endpoint.
 */

const logsQueryBody = z.object({
  query: z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .refine(q => q.trim().length > 0, 'must not be empty'),
  timespan: z.string().optional(),
  workspaces: z.array(z.string()).optional(),
});

/** Log Analytics' own error: 400 BadArgumentError naming the field. */
function badArgument(message: string): ArmError {
  return new ArmError(400, 'BadArgumentError', message);
}

/** Whether a partial-result fault hit this request (see FaultInjector). */
const partialFault = (res: Response) => Boolean(res.locals.partialFault);

/** `Prefer: wait=600, include-statistics=true` as the SDK sends it. */
function preferences(req: Request): Set<string> {
  return new Set(
    String(req.headers.prefer ?? '')
      .split(',')
      .map(p => p.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function logsQueryRoutes(tenant: Tenant): Router {
  const router = Router();

  router.post(
    '/loganalytics/v1/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/query',
    (req, res) => {
      const { subscriptionId, resourceGroupName, workspaceName } = req.params;
      const workspaceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${workspaceName}`;
      try {
        tenant.logAnalytics.get(
          subscriptionId,
          resourceGroupName,
          workspaceName,
        );
      } catch (e) {
        if (e instanceof ArmError && e.status === 404) {
          throw new ArmError(
            404,
            'WorkspaceNotFound',
            `The workspace '${workspaceId}' could not be found: ${e.message}`,
          );
        }
        throw e;
      }
      const parsed = logsQueryBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw badArgument(
          `The request had some invalid properties: '${
            issue.path.join('.') || 'body'
          }' ${issue.message}.`,
        );
      }
      const body = parsed.data;
      if (body.workspaces?.length) {
        throw badArgument(
          "'workspaces': cross-workspace queries are not supported by the local Azure endpoint; query each workspace on its own.",
        );
      }
      const now = tenant.currentTime();
      const range = body.timespan
        ? parseTimespan(body.timespan, now)
        : { start: 0, end: now };
      if (!range) {
        throw badArgument(
          `'timespan' must be an ISO 8601 duration such as PT15M, or start/end, start/duration or duration/end, ending after it starts (got '${body.timespan}').`,
        );
      }

      const value = tenant.monitor.logValue(workspaceId, body.query, range.end);
      const minute = Math.floor(range.end / 60_000) * 60_000;
      const answer: Record<string, unknown> = {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [
              { name: 'TimeGenerated', type: 'datetime' },
              { name: 'value', type: 'real' },
            ],
            // Silent signals and unknown queries both find nothing.
            rows:
              value === null || value === undefined
                ? []
                : [[new Date(minute).toISOString(), value]],
          },
        ],
      };
      if (preferences(req).has('include-statistics=true')) {
        answer.statistics = {
          query: { executionTime: 0.0021, resourceUsage: { cache: {} } },
        };
      }
      if (partialFault(res)) {
        answer.error = {
          code: 'PartialError',
          message: 'There were some errors when processing your query.',
          details: [
            {
              code: 'EngineError',
              message:
                'Part of the data could not be read (injected partial fault).',
              resources: [workspaceId],
            },
          ],
        };
      }
      res.json(answer);
    },
  );

  return router;
}

const AGGREGATIONS = [
  'average',
  'minimum',
  'maximum',
  'total',
  'count',
] as const;
const MAX_RESOURCES = 50;
const MAX_METRICS = 20;
const MAX_POINTS = 50_000;

const metricsBatchBody = z.object({
  resourceids: z
    .array(z.string(), {
      required_error: 'is required',
      invalid_type_error: 'must be an array of resource ids',
    })
    .min(1, 'must name at least one resource')
    .max(
      MAX_RESOURCES,
      `must name at most ${MAX_RESOURCES} resources per request`,
    ),
});

/** Metrics' own error: 400 BadRequest. */
function badRequest(message: string): ArmError {
  return new ArmError(400, 'BadRequest', message);
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw badRequest(`'${name}' must be given once.`);
  }
  return value;
}

function instant(req: Request, name: string): number | undefined {
  const text = queryText(req, name);
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(t)) {
    throw badRequest(
      `'${name}' must be an ISO 8601 date-time such as 2026-05-01T10:00:00Z (got '${text}').`,
    );
  }
  return t;
}

export function metricsRoutes(tenant: Tenant): Router {
  const router = Router();

  // The colon is escaped: `:getBatch` is part of the path, not a parameter.
  router.post(
    '/metrics/:region/subscriptions/:subscriptionId/metrics\\:getBatch',
    (req, res) => {
      const { region, subscriptionId } = req.params;
      if (!AZURE_REGION_NAMES.includes(region)) {
        throw new ArmError(
          404,
          'NotFound',
          `There is no metrics endpoint for region '${region}'; use an Azure region name in lower case such as westeurope.`,
        );
      }
      const namespace = queryText(req, 'metricnamespace');
      if (!namespace) {
        throw badRequest(
          "'metricnamespace' is required, e.g. Microsoft.Storage/storageAccounts.",
        );
      }
      const names = (queryText(req, 'metricnames') ?? '')
        .split(',')
        .map(n => n.trim())
        .filter(Boolean);
      if (!names.length) {
        throw badRequest(
          "'metricnames' is required: one or more metric names, separated by commas.",
        );
      }
      if (names.length > MAX_METRICS) {
        throw badRequest(
          `'metricnames' names ${names.length} metrics; at most ${MAX_METRICS} are allowed per request.`,
        );
      }
      const aggregations = (queryText(req, 'aggregation') ?? 'average')
        .split(',')
        .map(a => a.trim().toLowerCase());
      const unknownAggregation = aggregations.find(
        a => !(AGGREGATIONS as readonly string[]).includes(a),
      );
      if (unknownAggregation !== undefined) {
        throw badRequest(
          `'aggregation' must be one or more of ${AGGREGATIONS.join(
            ', ',
          )} (got '${unknownAggregation}').`,
        );
      }

      const end = instant(req, 'endtime') ?? tenant.currentTime();
      const start = instant(req, 'starttime') ?? end - 3_600_000;
      if (end <= start) {
        throw badRequest("'endtime' must be after 'starttime'.");
      }
      const intervalText = queryText(req, 'interval') ?? 'PT1M';
      const window = end - start;
      let step: number;
      if (intervalText.toUpperCase() === 'FULL') {
        step = window;
      } else {
        const interval = parseDuration(intervalText);
        if (interval === undefined || interval < 60_000) {
          throw badRequest(
            `'interval' must be FULL or an ISO 8601 duration of at least PT1M such as PT5M (got '${intervalText}').`,
          );
        }
        step = Math.min(interval, window);
      }
      if (window / step > MAX_POINTS) {
        throw badRequest(
          `The time range and 'interval' ask for more than ${MAX_POINTS} data points; use a larger interval.`,
        );
      }

      const parsed = metricsBatchBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw badRequest(
          `'${issue.path.join('.') || 'body'}' ${issue.message}.`,
        );
      }
      const resources = parsed.data.resourceids.map((id, i) => {
        const resource = parseResourceId(id);
        if (!resource) {
          throw badRequest(
            `'resourceids[${i}]' is not an Azure resource id (got '${id}').`,
          );
        }
        if (resource.subscriptionId !== subscriptionId.toLowerCase()) {
          throw badRequest(
            `'resourceids[${i}]' is in subscription ${resource.subscriptionId}; every resource of a batch must be in the subscription of the path, ${subscriptionId}.`,
          );
        }
        return { id, type: resource.type };
      });

      const timestamps: number[] = [];
      for (let t = start; t < end; t += step) timestamps.push(t);
      const dataPoint = (value: number | null, at: number) =>
        value === null
          ? { timeStamp: new Date(at).toISOString() }
          : {
              timeStamp: new Date(at).toISOString(),
              ...Object.fromEntries(aggregations.map(a => [a, value])),
            };
      const failed = (
        name: string,
        resourceId: string,
        code: string,
        message: string,
      ) => ({
        id: `${resourceId}/providers/Microsoft.Insights/metrics/${name}`,
        type: 'Microsoft.Insights/metrics',
        name: { value: name, localizedValue: name },
        unit: 'Unspecified',
        timeseries: [],
        errorCode: code,
        errorMessage: message,
      });

      const values = resources.map(resource => {
        const scripted = tenant.monitor.metricsOf(resource.id);
        const metrics = names.map(requested => {
          if (resource.type.toLowerCase() !== namespace.toLowerCase()) {
            return failed(
              requested,
              resource.id,
              'BadRequest',
              `Metric namespace '${namespace}' does not apply to resource type '${resource.type}'.`,
            );
          }
          // A resource in another region is not found at this regional endpoint.
          if (!scripted.length || scripted[0].region !== region) {
            return failed(
              requested,
              resource.id,
              'ResourceNotFound',
              `The resource '${resource.id}' was not found in region ${region}.`,
            );
          }
          const metric = scripted.find(
            m => m.metric.toLowerCase() === requested.toLowerCase(),
          );
          if (!metric) {
            return failed(
              requested,
              resource.id,
              'BadRequest',
              `Failed to find metric configuration for resource type '${
                resource.type
              }', metric '${requested}'. Valid metrics: ${scripted
                .map(m => m.metric)
                .join(', ')}.`,
            );
          }
          return {
            id: `${resource.id}/providers/Microsoft.Insights/metrics/${metric.metric}`,
            type: 'Microsoft.Insights/metrics',
            name: { value: metric.metric, localizedValue: metric.metric },
            displayDescription: `${metric.metric} (scripted by the local Azure endpoint).`,
            unit: metric.unit ?? 'Unspecified',
            timeseries: [
              {
                metadatavalues: [],
                // Each interval takes the value at its end (the query's end
                // for the last one), so one FULL point is the value at endtime.
                data: timestamps.map(t =>
                  dataPoint(
                    tenant.monitor.metricValue(
                      resource.id,
                      metric.metric,
                      Math.min(t + step, end),
                    ) ?? null,
                    t,
                  ),
                ),
              },
            ],
            errorCode: 'Success',
          };
        });
        return {
          starttime: new Date(start).toISOString(),
          endtime: new Date(end).toISOString(),
          interval: formatDuration(step),
          value: metrics,
          namespace: namespace.toLowerCase(),
          resourceregion: region,
          resourceid: resource.id,
        };
      });
      if (partialFault(res) && values.length) {
        const [first] = values;
        const [metric] = first.value;
        first.value[0] = failed(
          metric.name.value,
          first.resourceid,
          'InternalServerError',
          'The metric could not be read (injected partial fault).',
        );
      }
      res.json({ values });
    },
  );

  return router;
}
