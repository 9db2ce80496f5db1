import { Entity } from '@backstage/catalog-model';
import { HttpResponse } from 'msw';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  EntityHealthSummary,
  HealthState,
  HistoryBucket,
  HistoryWindow,
  LogSignal,
  MetricSignal,
  ModelResult,
  SloReport,
} from '@dataplatform/plugin-health-common';

/** Where the test app's discovery finds the backend plugin. */
export const BASE = 'http://localhost:7007/api/dataplatform-health';

const MINUTE = 60_000;

/** Minutes before the test started, as an ISO time. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

export function counts(
  partial: Partial<Record<HealthState, number>>,
): Record<HealthState, number> {
  return { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0, ...partial };
}

export const WORKSPACE =
  '/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance';
export const STORAGE_ACCOUNT =
  '/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/resourceGroups/rg-dp-finance-data/providers/Microsoft.Storage/storageAccounts/stfinancedata';

export const FAILED_RUNS_QUERY = `ADFPipelineRun
| where Status == "Failed"
| summarize value = count() by bin(TimeGenerated, 15m)
| top 1 by TimeGenerated`;

export const failedRunsSignal: LogSignal = {
  id: 'pipeline-failures',
  title: 'Failed pipeline runs',
  type: 'log',
  workspace: WORKSPACE,
  query: FAILED_RUNS_QUERY,
  timespan: 'PT15M',
  unit: 'runs',
  thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
};

export const storageSignal: MetricSignal = {
  id: 'storage-availability',
  title: 'Lake availability',
  type: 'metric',
  resources: [STORAGE_ACCOUNT],
  region: 'westeurope',
  namespace: 'Microsoft.Storage/storageAccounts',
  metric: 'Availability',
  aggregation: 'average',
  window: 'PT5M',
  unit: '%',
  thresholds: { direction: 'below', degraded: 99.9, unhealthy: 99 },
};

/** Finance's own model: ingestion fails, the lake has gone quiet. */
export const financeResult: ModelResult = {
  entityRef: 'domain:default/finance',
  state: 'unhealthy',
  score: 0,
  components: [
    {
      id: 'ingestion',
      title: 'Ledger ingestion',
      dependsOn: ['storage'],
      ownState: 'unhealthy',
      state: 'unhealthy',
      score: 0,
      causes: ['Failed pipeline runs: 12 runs ≥ unhealthy threshold 5 runs'],
      signals: [
        {
          key: 'ingestion/pipeline-failures',
          componentId: 'ingestion',
          signalId: 'pipeline-failures',
          title: 'Failed pipeline runs',
          type: 'log',
          unit: 'runs',
          state: 'unhealthy',
          score: 0,
          value: 12,
          observedAt: minutesAgo(2),
          thresholds: failedRunsSignal.thresholds,
          explanation: '12 runs ≥ unhealthy threshold 5 runs',
        },
      ],
    },
    {
      id: 'storage',
      title: 'Lake storage',
      dependsOn: [],
      ownState: 'unknown',
      state: 'unknown',
      causes: ['Lake availability: no data in the last 5 minutes'],
      signals: [
        {
          key: 'storage/storage-availability',
          componentId: 'storage',
          signalId: 'storage-availability',
          title: 'Lake availability',
          type: 'metric',
          unit: '%',
          state: 'unknown',
          thresholds: storageSignal.thresholds,
          explanation: 'no data in the last 5 minutes',
          lastKnown: { value: 99.95, observedAt: minutesAgo(20) },
        },
      ],
    },
  ],
};

export function summary(
  ref: string,
  title: string,
  state: HealthState,
  rest: Partial<EntityHealthSummary> = {},
): EntityHealthSummary {
  const kind = ref.split(':')[0];
  return {
    entityRef: ref,
    kind,
    title,
    state,
    evaluatedAt: minutesAgo(1),
    signalCounts: counts({ [state]: 1 }),
    topCauses: [],
    availability30d: 0.9995,
    // As in slo(): 21.7 of 43.2 minutes left.
    errorBudgetRemainingFraction: 21.7 / 43.2,
    ...rest,
  };
}

export const financeSummary = summary(
  'domain:default/finance',
  'Finance',
  'unhealthy',
  {
    score: 0.25,
    signalCounts: counts({ unhealthy: 1, unknown: 1, degraded: 1 }),
    topCauses: [
      'Ledger ingestion: Failed pipeline runs: 12 runs ≥ unhealthy threshold 5 runs',
    ],
    availability30d: 0.9982,
    // The backend's figure from the SLO arithmetic; an estimate from the
    // availability alone would say 80% over.
    errorBudgetRemainingFraction: -0.35,
  },
);

const ledgerResult: ModelResult = {
  entityRef: 'dataproduct:default/general-ledger-postings',
  state: 'degraded',
  score: 0.5,
  components: [
    {
      id: 'freshness',
      title: 'Freshness',
      dependsOn: [],
      ownState: 'degraded',
      state: 'degraded',
      score: 0.5,
      causes: ['Minutes since last load: 95 min ≥ degraded threshold 60 min'],
      signals: [
        {
          key: 'freshness/last-load',
          componentId: 'freshness',
          signalId: 'last-load',
          title: 'Minutes since last load',
          type: 'log',
          unit: 'min',
          state: 'degraded',
          score: 0.5,
          value: 95,
          observedAt: minutesAgo(1),
          thresholds: { direction: 'above', degraded: 60, unhealthy: 240 },
          explanation:
            '95 min ≥ degraded threshold 60 min (unhealthy ≥ 240 min)',
        },
      ],
    },
  ],
};

/** Finance with two data products: one degraded, one whose model is broken. */
export function financeDetail(
  definitionsVisible: boolean,
): EntityHealthDetailResponse {
  return {
    summary: financeSummary,
    result: financeResult,
    children: [
      {
        summary: summary(
          'dataproduct:default/general-ledger-postings',
          'General Ledger Postings',
          'degraded',
          { score: 0.5, domainRef: 'domain:default/finance' },
        ),
        result: ledgerResult,
      },
      {
        summary: summary(
          'dataproduct:default/regulatory-reporting',
          'Regulatory Reporting',
          'unknown',
          {
            domainRef: 'domain:default/finance',
            signalCounts: counts({}),
            modelError: {
              message:
                'the health model ./health/regulatory-reporting.health.yaml is invalid',
              errors: [
                {
                  path: '/spec/components/0/signals/0/aggregation',
                  message:
                    "must be one of average, minimum, maximum, total, count (got 'avg')",
                },
              ],
            },
          },
        ),
      },
    ],
    definitionsVisible,
    definitions: definitionsVisible
      ? [
          {
            entityRef: 'domain:default/finance',
            source: 'catalog/health/finance.health.yaml',
            model: {
              apiVersion: 'dataplatform.contoso.com/health-model/v1',
              kind: 'HealthModel',
              rollup: 'worst-of',
              components: [
                {
                  id: 'ingestion',
                  title: 'Ledger ingestion',
                  dependsOn: ['storage'],
                  signals: [failedRunsSignal],
                },
                {
                  id: 'storage',
                  title: 'Lake storage',
                  dependsOn: [],
                  signals: [storageSignal],
                },
              ],
            },
            signals: [
              {
                key: 'ingestion/pipeline-failures',
                signal: failedRunsSignal,
                portalUrl: `https://portal.azure.com/#@tenant-1/resource${WORKSPACE}/logs`,
              },
              {
                key: 'storage/storage-availability',
                signal: storageSignal,
                portalUrl: `https://portal.azure.com/#@tenant-1/resource${STORAGE_ACCOUNT}/metrics`,
              },
            ],
          },
        ]
      : undefined,
  };
}

/** What Azure Monitor answered when it refused to read the lake's metric. */
export const LAKE_FAILURE_DETAIL = `HTTP 403: AuthorizationFailed: The client 'health-reader' does not have authorization to perform action 'Microsoft.Insights/metrics/read' over scope '${STORAGE_ACCOUNT}'`;

/**
 * Finance where reading the lake's metric failed: everyone sees the status
 * and code; Azure's words (naming the resource) only come with definitions,
 * as the backend sends them.
 */
export function failedReadDetail(
  definitionsVisible: boolean,
): EntityHealthDetailResponse {
  const detail = financeDetail(definitionsVisible);
  const result = detail.result!;
  const [ingestion, storage] = result.components;
  const explanation = 'metrics query failed: HTTP 403 AuthorizationFailed';
  return {
    ...detail,
    result: {
      ...result,
      components: [
        ingestion,
        {
          ...storage,
          causes: [`Lake availability: ${explanation}`],
          signals: storage.signals.map(signal => ({
            ...signal,
            explanation,
            ...(definitionsVisible ? { detail: LAKE_FAILURE_DETAIL } : {}),
          })),
        },
      ],
    },
  };
}

/** A data product whose every signal is within its thresholds. */
export function healthyDetail(): EntityHealthDetailResponse {
  return {
    summary: summary(
      'dataproduct:default/deal-fraud-scores',
      'Deal Fraud Scores',
      'healthy',
      { score: 1, signalCounts: counts({ healthy: 3 }), availability30d: 1 },
    ),
    result: {
      entityRef: 'dataproduct:default/deal-fraud-scores',
      state: 'healthy',
      score: 1,
      components: [
        {
          id: 'scoring',
          title: 'Scoring',
          dependsOn: [],
          ownState: 'healthy',
          state: 'healthy',
          score: 1,
          causes: [],
          signals: [
            {
              key: 'scoring/latency',
              componentId: 'scoring',
              signalId: 'latency',
              title: 'Scoring latency',
              type: 'metric',
              unit: 'ms',
              state: 'healthy',
              score: 1,
              value: 180,
              observedAt: minutesAgo(1),
              thresholds: {
                direction: 'above',
                degraded: 500,
                unhealthy: 2000,
              },
              explanation:
                '180 ms is within thresholds (degraded ≥ 500 ms, unhealthy ≥ 2000 ms)',
            },
          ],
        },
      ],
    },
    children: [],
    definitionsVisible: false,
  };
}

export function slo(partial: Partial<SloReport> = {}): SloReport {
  return {
    objective: 0.999,
    windowDays: 30,
    availability: 0.9995,
    observedMinutes: 43_000,
    unhealthyMinutes: 21.5,
    errorBudgetMinutes: 43.2,
    errorBudgetRemainingMinutes: 21.7,
    errorBudgetRemainingFraction: 21.7 / 43.2,
    ...partial,
  };
}

/** What a bucket of each state was available for; unknown was not evaluated. */
const BUCKET_AVAILABILITY: Record<HealthState, number | undefined> = {
  healthy: 1,
  degraded: 1,
  unhealthy: 0.6,
  unknown: undefined,
};

/**
 * Buckets ending at a fixed time, oldest first; `states` are the last
 * buckets' states, the ones before are healthy.
 */
export function history(
  window: HistoryWindow,
  states: HealthState[] = [],
  sloReport: SloReport = slo(),
): EntityHealthHistoryResponse {
  const count = window === '24h' ? 96 : 30;
  const bucketMs = window === '24h' ? 15 * MINUTE : 24 * 60 * MINUTE;
  const end = Date.parse('2026-03-12T12:00:00.000Z');
  const buckets: HistoryBucket[] = [];
  for (let i = 0; i < count; i++) {
    const start = end - (count - i) * bucketMs;
    const fromEnd = count - i;
    const state =
      fromEnd <= states.length ? states[states.length - fromEnd] : 'healthy';
    buckets.push({
      start: new Date(start).toISOString(),
      end: new Date(start + bucketMs).toISOString(),
      state,
      availability: BUCKET_AVAILABILITY[state],
    });
  }
  return {
    entityRef: 'domain:default/finance',
    window,
    buckets,
    slo: sloReport,
  };
}

export function domainEntity(name: string, annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      annotations: annotated
        ? {
            'dataplatform.contoso.com/health-model': `./health/${name}.health.yaml`,
          }
        : {},
    },
    spec: { owner: `group:default/${name}-domain-owners` },
  };
}

export function dataProductEntity(name: string): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dataplatform.contoso.com/health-model': `./health/${name}.health.yaml`,
      },
    },
    spec: { owner: 'group:default/finance-domain-owners', domain: 'finance' },
  };
}

/** An error in the shape the Backstage backend sends. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-health' },
      response: { statusCode: status },
    },
    { status },
  );
}

/** Every domain and data product for the platform page, in no useful order. */
export function platformItems(): EntityHealthSummary[] {
  return [
    summary('domain:default/sales', 'Sales', 'healthy', {
      score: 1,
      signalCounts: counts({ healthy: 4 }),
      availability30d: 1,
      errorBudgetRemainingFraction: 1,
    }),
    summary('domain:default/marketing', 'Marketing', 'unknown', {
      // The two healthy signals' score; the silent one has none.
      score: 1,
      signalCounts: counts({ healthy: 2, unknown: 1 }),
      topCauses: [
        'Clickstream ingestion: Freshness: no data in the last 15 minutes',
      ],
      availability30d: undefined,
      errorBudgetRemainingFraction: undefined,
      stale: true,
      lastState: 'degraded',
      evaluatedAt: minutesAgo(12),
    }),
    financeSummary,
    summary('domain:default/hr', 'HR', 'degraded', {
      score: 0.75,
      signalCounts: counts({ healthy: 3, degraded: 1 }),
      topCauses: ['Payroll: Late files: 2 files ≥ degraded threshold 1 files'],
      availability30d: 0.9999,
      // Less than the 90% the availability alone suggests: time the
      // evaluator did not observe is not in the availability.
      errorBudgetRemainingFraction: 0.62,
    }),
    summary('domain:default/operations-iot', 'Operations IoT', 'unhealthy', {
      score: 0.5,
      signalCounts: counts({ healthy: 1, unhealthy: 1 }),
      topCauses: [
        'Telemetry: Dropped events: 900 events ≥ unhealthy threshold 100 events',
      ],
      availability30d: 0.9985,
      errorBudgetRemainingFraction: -0.2,
    }),
    summary('domain:default/platform', 'Platform', 'unknown', {
      signalCounts: counts({}),
      modelError: {
        message: 'the health model ./health/platform.health.yaml is invalid',
        errors: [
          {
            path: '/spec/rollup',
            message: "must be one of worst-of, weighted (got 'best-of')",
          },
        ],
      },
      availability30d: undefined,
    }),
    summary(
      'dataproduct:default/general-ledger-postings',
      'General Ledger Postings',
      'degraded',
      {
        score: 0.5,
        domainRef: 'domain:default/finance',
      },
    ),
    summary(
      'dataproduct:default/deal-fraud-scores',
      'Deal Fraud Scores',
      'healthy',
      {
        score: 1,
        domainRef: 'domain:default/finance',
      },
    ),
  ];
}
