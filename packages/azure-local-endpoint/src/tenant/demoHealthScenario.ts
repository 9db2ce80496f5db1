import type {
  LogSignalScenario,
  MetricScenario,
  MonitorScenarioSeed,
  ScenarioScript,
} from './monitor';

/**
 * What Azure Monitor answers for the demo health models in
 * catalog/health/*.health.yaml: one script per log signal (workspace + KQL,
 * the same text as the model's) and per metric (resource + metric name).
 * demoHealthScenario.test.ts checks that no model signal is left without one.
 *
 * The story the portal shows at any time:
 * - finance runs a 20-minute cycle: healthy, then failing ledger pipelines
 *   make it degraded (minutes 8–12) and unhealthy (13–15), then the ledger's
 *   freshness lags behind (13–18) and it recovers;
 * - sales is degraded steadily: CRM opportunities land later than their
 *   15-minute freshness target;
 * - operations-iot's Event Hubs namespace is throttled for five minutes of
 *   every half hour (degraded);
 * - marketing's web-clickstream landing freshness has no data (unknown);
 * - hr and platform are healthy.
 */

const SUBSCRIPTIONS = {
  finance: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
  sales: 'f4edd3dc-be05-4698-b2c9-ab09209df5f1',
  'operations-iot': 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c',
  hr: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
  marketing: '1145b5e0-a60a-4237-aa82-a5754e620c60',
  platform: 'cf42f937-d5b8-4963-acb4-c9cc14578aaf',
} as const;

type Domain = keyof typeof SUBSCRIPTIONS;

const workspace = (domain: Domain) =>
  `/subscriptions/${SUBSCRIPTIONS[domain]}/resourceGroups/rg-dp-${domain}-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-${domain}`;

const resource = (
  domain: Domain,
  resourceGroup: string,
  type: string,
  name: string,
) =>
  `/subscriptions/${SUBSCRIPTIONS[domain]}/resourceGroups/${resourceGroup}/providers/${type}/${name}`;

// ---- scripts ---------------------------------------------------------------

const constant = (baseline: number): ScenarioScript => ({ baseline });
/** Moves by up to `jitter` either side of the baseline, minute by minute. */
const noisy = (baseline: number, jitter: number): ScenarioScript => ({
  baseline,
  jitter,
  periodMinutes: 60,
});
/** Never any data: the signal's state is unknown. */
const silent: ScenarioScript = {
  baseline: 0,
  periodMinutes: 1,
  episodes: [{ fromMinute: 0, toMinute: 1, value: null }],
};

// ---- resources -------------------------------------------------------------

const STORAGE = 'Microsoft.Storage/storageAccounts';
const EVENT_HUBS = 'Microsoft.EventHub/namespaces';
const KEY_VAULT = 'Microsoft.KeyVault/vaults';

/** The Azure resources whose platform metrics the demo models read. */
export const DEMO_HEALTH_RESOURCES = {
  financeLake: resource(
    'finance',
    'rg-finance-data-prod',
    STORAGE,
    'stfinancedata',
  ),
  salesLake: resource('sales', 'rg-sales-data-prod', STORAGE, 'stsalesdata'),
  opsIotLake: resource(
    'operations-iot',
    'rg-opsiot-data-prod',
    STORAGE,
    'stopsiotdata',
  ),
  opsIotEventHubs: resource(
    'operations-iot',
    'rg-opsiot-ingest-prod',
    EVENT_HUBS,
    'evhns-opsiot-telemetry',
  ),
  hrLake: resource('hr', 'rg-hr-data-prod', STORAGE, 'sthrdata'),
  marketingLake: resource(
    'marketing',
    'rg-marketing-data-prod',
    STORAGE,
    'stmarketingdata',
  ),
  marketingEventHubs: resource(
    'marketing',
    'rg-marketing-ingest-prod',
    EVENT_HUBS,
    'evhns-mkt-clickstream',
  ),
  platformKeyVault: resource(
    'platform',
    'rg-dp-platform-shared',
    KEY_VAULT,
    'kv-dp-platform',
  ),
  platformAuditStorage: resource(
    'platform',
    'rg-dp-platform-audit',
    STORAGE,
    'stplatformaudit',
  ),
} as const;

const R = DEMO_HEALTH_RESOURCES;

/** Storage availability in %: a little under 100, far from the 99.9 threshold. */
const availability = (
  resourceId: string,
  region: string,
  baseline = 99.995,
  jitter = 0.004,
): MetricScenario => ({
  resourceId,
  region,
  metric: 'Availability',
  unit: 'Percent',
  script: noisy(baseline, jitter),
});

// ---- queries (the model files hold the same text) ---------------------------

/** KQL of the demo models, by model and signal. */
export const DEMO_HEALTH_QUERIES = {
  financePipelineFailures: `
ADFPipelineRun
| where PipelineName startswith "pl_finance_" and Status == "Failed"
| summarize value = count()`,
  financeJobDurationP95: `
DatabricksJobs
| where ActionName == "runSucceeded"
| extend DurationMinutes = todouble(parse_json(RequestParams).executionTime) / 60000
| summarize value = percentile(DurationMinutes, 95)`,
  ledgerLoadFailures: `
ADFPipelineRun
| where PipelineName == "pl_gl_postings_load" and Status == "Failed"
| summarize value = count()`,
  ledgerFreshness: `
ADFPipelineRun
| where PipelineName == "pl_gl_postings_load" and Status == "Succeeded"
| summarize value = datetime_diff("minute", now(), max(End))`,
  fraudApiLatencyP95: `
AppRequests
| where AppRoleName == "fraud-scoring-api"
| summarize value = percentile(DurationMs, 95)`,
  fraudApiServerErrors: `
AppRequests
| where AppRoleName == "fraud-scoring-api" and toint(ResultCode) >= 500
| summarize value = count()`,
  fraudJobFailures: `
DatabricksJobs
| where ActionName == "runFailed"
| where tostring(parse_json(RequestParams).jobId) == "702183466251904"
| summarize value = count()`,
  salesCrmPipelineFailures: `
ADFPipelineRun
| where PipelineName startswith "pl_crm_" and Status == "Failed"
| summarize value = count()`,
  jobFailures: `
DatabricksJobs
| where ActionName == "runFailed"
| summarize value = count()`,
  crmFreshness: `
ADFPipelineRun
| where PipelineName == "pl_crm_opportunities_incremental" and Status == "Succeeded"
| summarize value = datetime_diff("minute", now(), max(End))`,
  crmSyncFailures: `
ADFPipelineRun
| where PipelineName == "pl_crm_opportunities_incremental" and Status == "Failed"
| summarize value = count()`,
  telemetryStreamFailures: `
DatabricksJobs
| where ActionName == "runFailed"
| where tostring(parse_json(RequestParams).jobId) == "118302274415983"
| summarize value = count()`,
  telemetryBatchDurationP95: `
DatabricksJobs
| where ActionName == "runSucceeded"
| where tostring(parse_json(RequestParams).jobId) == "118302274415983"
| extend DurationSeconds = todouble(parse_json(RequestParams).executionTime) / 1000
| summarize value = percentile(DurationSeconds, 95)`,
  telemetryFreshness: `
DatabricksJobs
| where ActionName == "runSucceeded"
| where tostring(parse_json(RequestParams).jobId) == "118302274415983"
| summarize value = datetime_diff("minute", now(), max(TimeGenerated))`,
  kpiBuildFailures: `
SynapseIntegrationPipelineRuns
| where PipelineName == "pl_equipment_kpis_hourly" and Status == "Failed"
| summarize value = count()`,
  kpiFreshness: `
SynapseIntegrationPipelineRuns
| where PipelineName == "pl_equipment_kpis_hourly" and Status == "Succeeded"
| summarize value = datetime_diff("minute", now(), max(End))`,
  deltaSharingServerErrors: `
DatabricksUnityCatalog
| where ActionName startswith "deltaSharing"
| where toint(parse_json(Response).statusCode) >= 500
| summarize value = count()`,
  workdayPipelineFailures: `
ADFPipelineRun
| where PipelineName startswith "pl_workday_" and Status == "Failed"
| summarize value = count()`,
  employeeDirectoryFreshness: `
ADFPipelineRun
| where PipelineName == "pl_workday_workers" and Status == "Succeeded"
| summarize value = datetime_diff("minute", now(), max(End))`,
  clickstreamLandingFreshness: `
StorageBlobLogs
| where AccountName == "stmarketingdata" and OperationName == "PutBlob"
| where Uri has "/bronze/clickstream/"
| summarize value = datetime_diff("minute", now(), max(TimeGenerated))`,
  customerProfileBuildFailures: `
DatabricksJobs
| where ActionName == "runFailed"
| where tostring(parse_json(RequestParams).jobId) == "590217736480215"
| summarize value = count()`,
  segmentsApiLatencyP95: `
AppRequests
| where AppRoleName == "segments-activation-api"
| summarize value = percentile(DurationMs, 95)`,
  activityIngestionLatencyP95: `
AzureActivity
| extend LatencyMinutes = (ingestion_time() - TimeGenerated) / 1m
| summarize value = percentile(LatencyMinutes, 95)`,
  auditConformanceFreshness: `
DatabricksJobs
| where ActionName == "runSucceeded"
| where tostring(parse_json(RequestParams).jobId) == "884120937716350"
| summarize value = datetime_diff("minute", now(), max(TimeGenerated))`,
} as const;

const Q = DEMO_HEALTH_QUERIES;

const log = (
  domain: Domain,
  query: string,
  script: ScenarioScript,
): LogSignalScenario => ({
  workspace: workspace(domain),
  query: query.trim(),
  script,
});

/** The finance cycle: minute of a 20-minute period → failed ledger pipeline runs. */
const FINANCE_PIPELINE_FAILURES: ScenarioScript = {
  baseline: 0,
  periodMinutes: 20,
  episodes: [
    { fromMinute: 8, toMinute: 13, value: 2 },
    { fromMinute: 13, toMinute: 16, value: 5 },
  ],
};

/** The ledger falls behind its 4-hour freshness target while loads fail. */
const LEDGER_FRESHNESS: ScenarioScript = {
  baseline: 95,
  jitter: 20,
  periodMinutes: 20,
  episodes: [{ fromMinute: 13, toMinute: 19, value: 265 }],
};

/** Event Hubs throttles five minutes of every half hour. */
const OPS_IOT_THROTTLING: ScenarioScript = {
  baseline: 0,
  periodMinutes: 30,
  episodes: [{ fromMinute: 12, toMinute: 17, value: 14 }],
};

export function demoHealthScenario(): MonitorScenarioSeed {
  return {
    logSignals: [
      // finance
      log('finance', Q.financePipelineFailures, FINANCE_PIPELINE_FAILURES),
      log('finance', Q.financeJobDurationP95, noisy(18, 4)),
      log('finance', Q.ledgerLoadFailures, constant(0)),
      log('finance', Q.ledgerFreshness, LEDGER_FRESHNESS),
      log('finance', Q.fraudApiLatencyP95, noisy(210, 40)),
      log('finance', Q.fraudApiServerErrors, constant(0)),
      log('finance', Q.fraudJobFailures, constant(0)),
      // sales: CRM opportunities 22–32 minutes old against a 15-minute target
      log('sales', Q.salesCrmPipelineFailures, constant(0)),
      log('sales', Q.jobFailures, constant(0)),
      log('sales', Q.crmFreshness, noisy(27, 5)),
      log('sales', Q.crmSyncFailures, constant(0)),
      // operations-iot
      log('operations-iot', Q.telemetryStreamFailures, constant(0)),
      log('operations-iot', Q.telemetryBatchDurationP95, noisy(42, 8)),
      log('operations-iot', Q.telemetryFreshness, noisy(4, 2)),
      log('operations-iot', Q.kpiBuildFailures, constant(0)),
      log('operations-iot', Q.kpiFreshness, noisy(24, 8)),
      log('operations-iot', Q.deltaSharingServerErrors, constant(0)),
      // hr
      log('hr', Q.workdayPipelineFailures, constant(0)),
      log('hr', Q.employeeDirectoryFreshness, noisy(310, 45)),
      // marketing
      log('marketing', Q.jobFailures, constant(0)),
      log('marketing', Q.clickstreamLandingFreshness, silent),
      log('marketing', Q.customerProfileBuildFailures, constant(0)),
      log('marketing', Q.segmentsApiLatencyP95, noisy(260, 60)),
      // platform
      log('platform', Q.activityIngestionLatencyP95, noisy(3.2, 1)),
      log('platform', Q.auditConformanceFreshness, noisy(6, 3)),
    ],
    metrics: [
      availability(R.financeLake, 'westeurope'),
      availability(R.salesLake, 'eastus'),
      availability(R.opsIotLake, 'northeurope'),
      {
        resourceId: R.opsIotEventHubs,
        region: 'northeurope',
        metric: 'IncomingMessages',
        unit: 'Count',
        script: noisy(185_000, 20_000),
      },
      {
        resourceId: R.opsIotEventHubs,
        region: 'northeurope',
        metric: 'ThrottledRequests',
        unit: 'Count',
        script: OPS_IOT_THROTTLING,
      },
      availability(R.hrLake, 'westeurope', 99.997, 0.002),
      availability(R.marketingLake, 'brazilsouth'),
      {
        resourceId: R.marketingEventHubs,
        region: 'brazilsouth',
        metric: 'IncomingMessages',
        unit: 'Count',
        script: noisy(92_000, 15_000),
      },
      {
        resourceId: R.marketingEventHubs,
        region: 'brazilsouth',
        metric: 'ThrottledRequests',
        unit: 'Count',
        script: constant(0),
      },
      {
        resourceId: R.platformKeyVault,
        region: 'westeurope',
        metric: 'Availability',
        unit: 'Percent',
        script: constant(100),
      },
      {
        resourceId: R.platformKeyVault,
        region: 'westeurope',
        metric: 'ServiceApiLatency',
        unit: 'MilliSeconds',
        script: noisy(38, 10),
      },
      availability(R.platformAuditStorage, 'westeurope'),
    ],
  };
}
