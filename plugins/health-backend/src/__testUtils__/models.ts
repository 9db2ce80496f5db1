import {
  HealthModel,
  parseHealthModel,
} from '@dataplatform/plugin-health-common';

/** The finance and sales subscriptions and workspaces of the local endpoint's demo tenant. */
export const SUBSCRIPTION = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
export const SALES_SUBSCRIPTION = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';
export const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance`;
export const SALES_WORKSPACE = `/subscriptions/${SALES_SUBSCRIPTION}/resourceGroups/rg-dp-sales-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-sales`;
export const storageAccount = (name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-finance-data/providers/Microsoft.Storage/storageAccounts/${name}`;

export const FAILED_RUNS_QUERY = `ADFPipelineRun
| where Status == "Failed"
| summarize value = count() by bin(TimeGenerated, 15m)
| top 1 by TimeGenerated`;

export const LATENCY_QUERY = `AppRequests
| summarize value = percentile(DurationMs, 95)`;

/** A valid model file: a log signal and a metric signal, ingestion depending on storage. */
export const FINANCE_MODEL_YAML = `apiVersion: dataplatform.contoso.com/health-model/v1
kind: HealthModel
metadata:
  description: Finance domain
spec:
  rollup: worst-of
  components:
    - id: ingestion
      title: Ledger ingestion
      dependsOn: [storage]
      signals:
        - id: pipeline-failures
          title: Failed pipeline runs
          type: log
          workspace: ${WORKSPACE}
          query: |
${FAILED_RUNS_QUERY.split('\n')
  .map(line => `            ${line}`)
  .join('\n')}
          unit: runs
          thresholds: { direction: above, degraded: 1, unhealthy: 5 }
    - id: storage
      title: Lake storage
      signals:
        - id: availability
          title: Storage availability
          type: metric
          resources: [${storageAccount('stfinancedata')}]
          region: westeurope
          namespace: Microsoft.Storage/storageAccounts
          metric: Availability
          aggregation: average
          unit: '%'
          thresholds: { direction: below, degraded: 99.9, unhealthy: 99 }
`;

/** Same shape, invalid: an unknown aggregation and an unknown key. */
export const INVALID_MODEL_YAML = FINANCE_MODEL_YAML.replace(
  'aggregation: average',
  'aggregation: avg',
).replace('rollup: worst-of', 'rollup: worst-of\n  colour: red');

export function model(yaml: string): HealthModel {
  const parsed = parseHealthModel(yaml);
  if (!parsed.valid) {
    throw new Error(
      `test model is invalid: ${JSON.stringify(parsed.errors, null, 2)}`,
    );
  }
  return parsed.model;
}

/** A one-component model of log signals, for evaluator and reader tests. */
export function logModel(
  signals: Array<{
    id: string;
    query: string;
    direction?: 'above' | 'below';
    degraded?: number;
    unhealthy: number;
  }>,
  rollup: 'worst-of' | 'weighted' = 'worst-of',
): HealthModel {
  return {
    apiVersion: 'dataplatform.contoso.com/health-model/v1',
    kind: 'HealthModel',
    rollup,
    components: [
      {
        id: 'main',
        title: 'Main',
        dependsOn: [],
        signals: signals.map(s => ({
          id: s.id,
          type: 'log' as const,
          workspace: WORKSPACE,
          query: s.query,
          timespan: 'PT15M',
          thresholds: {
            direction: s.direction ?? 'above',
            ...(s.degraded !== undefined ? { degraded: s.degraded } : {}),
            unhealthy: s.unhealthy,
          },
        })),
      },
    ],
  };
}
