/*
 * Retention scan against the in-process local HTTPS Azure endpoint, through
 * the real SDK clients of the access layer: N domains (BENCH_DOMAINS,
 * default 200), each a subscription with one Log Analytics workspace of 30
 * tables and 3 storage accounts (data lake with lifecycle rules, audit
 * account with an immutability policy, standby in the paired region).
 *
 *   ./portal bench retention
 *
 * Prints, per full scan (BENCH_SCANS, default 3): wall time (mean, p95), the
 * time to evaluate every domain against the policy, Azure calls per scan by
 * route and per domain, and the ratio of table-list calls to workspaces
 * (tables must be listed per workspace, never fetched one by one). Exits 1
 * unless that ratio is 1, no table is fetched on its own, and every domain
 * gets the verdicts its seed was built for.
 *
 * Client and endpoint share the one core the benchmark is pinned to, so the
 * times include the endpoint's work.
 */
import pLimit from 'p-limit';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  type LocalAzureEndpoint,
  demoTenantSeed,
  startLocalAzureEndpoint,
} from '../../packages/azure-local-endpoint/src';
import type { StorageAccountSeed } from '../../packages/azure-local-endpoint/src/tenant/types';
import { SubscriptionScanner } from '../../plugins/retention-backend/src';
import {
  BASELINE_RETENTION_POLICY,
  type Finding,
  type SubscriptionScan,
  evaluateDomain,
} from '../../plugins/retention-common/src';
import { clientsFor, percentile, wholeNumber } from '../lib';

const DOMAINS = wholeNumber('BENCH_DOMAINS', 200, 1);
const SCANS = wholeNumber('BENCH_SCANS', 3, 1);
/** The backend's default: subscriptions scanned at once. */
const SUBSCRIPTION_CONCURRENCY = 8;
const TABLES_PER_WORKSPACE = 30;
const REGIONS = [
  ['westeurope', 'northeurope'],
  ['eastus', 'westus'],
  ['northeurope', 'westeurope'],
] as const;
/** Every fifth domain left its AuditLogs table at the workspace default. */
const DEFAULT_AUDIT_EVERY = 5;
/** Every seventh domain's lifecycle rule deletes bronze after 7 years. */
const EARLY_DELETE_EVERY = 7;

const mean = (values: number[]) =>
  values.reduce((a, b) => a + b, 0) / values.length;
function guid(i: number) {
  const hex = (0x20000000 + i).toString(16).slice(-8);
  return `${hex}-0000-4000-8000-${(0xc0000000000 + i)
    .toString(16)
    .padStart(12, '0')}`;
}

interface BenchDomain {
  index: number;
  name: string;
  subscriptionId: string;
  region: string;
  pairedRegion: string;
  workspaceGroup: string;
  workspace: string;
  defaultAudit: boolean;
  earlyDelete: boolean;
}

function benchDomains(count: number): BenchDomain[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `bench-${String(i).padStart(4, '0')}`;
    const [region, pairedRegion] = REGIONS[i % REGIONS.length];
    return {
      index: i,
      name,
      subscriptionId: guid(i),
      region,
      pairedRegion,
      workspaceGroup: `rg-dp-${name}-monitoring`,
      workspace: `log-dp-${name}`,
      defaultAudit: i % DEFAULT_AUDIT_EVERY === 0,
      earlyDelete: i % EARLY_DELETE_EVERY === 0,
    };
  });
}

const AUDIT_TABLES = [
  'AzureActivity',
  'AuditLogs',
  'LAQueryLogs',
  'StorageBlobLogs',
];

function storageAccounts(d: BenchDomain): StorageAccountSeed[] {
  const short = `st${d.name.replace('-', '')}`;
  const group = `rg-dp-${d.name}-data`;
  return [
    {
      subscriptionId: d.subscriptionId,
      resourceGroupName: group,
      name: `${short}data`,
      location: d.region,
      skuName: 'Standard_GZRS',
      containers: [{ name: 'bronze' }, { name: 'silver' }, { name: 'gold' }],
      lifecycleRules: [
        {
          enabled: true,
          name: 'bronzearchive',
          type: 'Lifecycle',
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['bronze/'] },
            actions: {
              baseBlob: {
                tierToCool: { daysAfterModificationGreaterThan: 30 },
                tierToArchive: { daysAfterModificationGreaterThan: 90 },
                ...(d.earlyDelete
                  ? { delete: { daysAfterModificationGreaterThan: 2555 } }
                  : {}),
              },
            },
          },
        },
      ],
    },
    {
      subscriptionId: d.subscriptionId,
      resourceGroupName: group,
      name: `${short}audit`,
      location: d.region,
      skuName: 'Standard_GZRS',
      containers: [
        { name: 'audit', immutability: { days: 3650, state: 'Locked' } },
      ],
    },
    {
      subscriptionId: d.subscriptionId,
      resourceGroupName: `${group}-dr`,
      name: `${short}dr`,
      location: d.pairedRegion,
      skuName: 'Standard_GRS',
      containers: [{ name: 'standby' }],
    },
  ];
}

async function startEndpoint(domains: BenchDomain[]) {
  const seed = demoTenantSeed();
  for (const d of domains) {
    seed.subscriptions.push({
      subscriptionId: d.subscriptionId,
      displayName: `dp-domain-${d.name}`,
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tags: { domain: d.name, environment: 'production' },
    });
    seed.resourceGroups = [
      ...(seed.resourceGroups ?? []),
      {
        subscriptionId: d.subscriptionId,
        name: d.workspaceGroup,
        location: d.region,
      },
    ];
    seed.workspaces = [
      ...(seed.workspaces ?? []),
      {
        subscriptionId: d.subscriptionId,
        resourceGroupName: d.workspaceGroup,
        name: d.workspace,
        location: d.region,
        retentionInDays: 90,
        tables: AUDIT_TABLES.filter(
          t => !(d.defaultAudit && t === 'AuditLogs'),
        ).map(t => ({ name: t, totalRetentionInDays: 3653 })),
      },
    ];
    seed.storageAccounts = [
      ...(seed.storageAccounts ?? []),
      ...storageAccounts(d),
    ];
  }
  const endpoint = await startLocalAzureEndpoint({ seed });
  // Custom tables up to 30 per workspace, as pipelines and apps add them.
  for (const d of domains) {
    const workspace = endpoint.tenant.logAnalytics.get(
      d.subscriptionId,
      d.workspaceGroup,
      d.workspace,
    );
    for (let k = workspace.tables.size; k < TABLES_PER_WORKSPACE; k++) {
      endpoint.tenant.logAnalytics.writeTable(
        d.subscriptionId,
        d.workspaceGroup,
        d.workspace,
        `PipelineRuns${k}_CL`,
        {
          totalRetentionInDays: 365,
          columns: [
            { name: 'TimeGenerated', type: 'dateTime' },
            { name: 'Status', type: 'string' },
          ],
        },
        'replace',
      );
    }
  }
  return endpoint;
}

async function routesSince(endpoint: LocalAzureEndpoint) {
  // A call is counted when its response finishes; let those events run.
  await new Promise(resolve => setImmediate(resolve));
  return endpoint.requests.snapshot();
}

/** What each domain's seed was built to show. */
function expectedProblems(d: BenchDomain, findings: Finding[]): string[] {
  const problems: string[] = [];
  const find = (check: string, resource: string) =>
    findings.find(f => f.check === check && f.resourceName === resource);
  const audit = find('total-retention', `${d.workspace} / AuditLogs`);
  const wantAudit = d.defaultAudit ? 'violation' : 'compliant';
  if (audit?.verdict !== wantAudit) {
    problems.push(
      `AuditLogs total retention ${audit?.verdict} (want ${wantAudit})`,
    );
  }
  const bronze = find(
    'total-retention',
    `st${d.name.replace('-', '')}data / bronze`,
  );
  const wantBronze = d.earlyDelete ? 'violation' : 'compliant';
  if (bronze?.verdict !== wantBronze) {
    problems.push(`bronze deletion ${bronze?.verdict} (want ${wantBronze})`);
  }
  const unknown = findings.filter(f => f.verdict === 'unknown');
  if (unknown.length > 0) {
    problems.push(`${unknown.length} unknown, e.g. ${unknown[0].reason}`);
  }
  return problems;
}

async function main() {
  const domains = benchDomains(DOMAINS);
  const setupStarted = Date.now();
  const endpoint = await startEndpoint(domains);
  console.log(
    `retention bench: ${DOMAINS} domains × (1 workspace of ${TABLES_PER_WORKSPACE} tables, 3 storage accounts); endpoint ready in ${(
      (Date.now() - setupStarted) /
      1000
    ).toFixed(1)} s`,
  );
  const scanner = new SubscriptionScanner(clientsFor(endpoint));
  const ctx = {
    policy: BASELINE_RETENTION_POLICY,
    now: new Date(),
    tenantId: DEMO_TENANT_ID,
  };
  const wall: number[] = [];
  const evaluation: number[] = [];
  let failures: string[] = [];
  let lastRoutes: Record<string, number> = {};
  let lastTotal = 0;
  // A warm-up scan opens the connections; the figures are from the rest.
  for (let run = 0; run <= SCANS; run++) {
    endpoint.requests.clear();
    const limit = pLimit(SUBSCRIPTION_CONCURRENCY);
    const started = performance.now();
    const scans: SubscriptionScan[] = await Promise.all(
      domains.map(d => limit(() => scanner.scan(d.subscriptionId))),
    );
    const scanned = performance.now();
    const results = domains.map((d, i) =>
      evaluateDomain(
        {
          entityRef: `domain:default/${d.name}`,
          name: d.name,
          scans: [scans[i]],
          recovery: { declared: {}, source: 'platform default' },
        },
        ctx,
      ),
    );
    const evaluated = performance.now();
    const { total, byRoute } = await routesSince(endpoint);
    if (run === 0) continue;
    wall.push(scanned - started);
    evaluation.push(evaluated - scanned);
    lastRoutes = byRoute;
    lastTotal = total;
    failures = domains.flatMap((d, i) =>
      expectedProblems(d, results[i].findings).map(p => `${d.name}: ${p}`),
    );
  }
  await endpoint.close();

  const route = (pattern: RegExp) =>
    Object.entries(lastRoutes)
      .filter(([key]) => pattern.test(key))
      .reduce((sum, [, n]) => sum + n, 0);
  const tableLists = route(/^GET .*\/workspaces\/[^/]+\/tables$/);
  const tableGets = route(/^GET .*\/tables\/[^/]+$/);
  const workspaceLists = route(
    /^GET .*\/Microsoft\.OperationalInsights\/workspaces$/,
  );

  console.log('');
  console.log(
    `full scan of ${DOMAINS} subscriptions, ${SUBSCRIPTION_CONCURRENCY} at a time (${SCANS} runs after a warm-up):`,
  );
  console.log(
    `  wall time       mean ${(mean(wall) / 1000).toFixed(2)} s, p95 ${(
      percentile(wall, 0.95) / 1000
    ).toFixed(2)} s (${(mean(wall) / DOMAINS).toFixed(1)} ms per domain)`,
  );
  console.log(
    `  evaluation      mean ${mean(evaluation).toFixed(
      0,
    )} ms for ${DOMAINS} domains (${(mean(evaluation) / DOMAINS).toFixed(
      2,
    )} ms per domain)`,
  );
  console.log(
    `  Azure calls     ${lastTotal} per scan, ${(lastTotal / DOMAINS).toFixed(
      2,
    )} per domain`,
  );
  for (const [key, n] of Object.entries(lastRoutes)) {
    console.log(`    ${String(n).padStart(6)}  ${key}`);
  }
  const ratio = tableLists / DOMAINS;
  console.log(
    `  tables          ${tableLists} list calls for ${DOMAINS} workspaces (${
      DOMAINS * TABLES_PER_WORKSPACE
    } tables): ratio ${ratio.toFixed(
      2,
    )} per workspace; ${tableGets} single-table GETs`,
  );
  console.log(
    `  workspaces      ${workspaceLists} list calls for ${DOMAINS} subscriptions`,
  );

  const problems = [...failures];
  if (tableLists !== DOMAINS) {
    problems.push(`expected ${DOMAINS} table-list calls, saw ${tableLists}`);
  }
  if (tableGets !== 0) {
    problems.push(`expected no single-table GETs, saw ${tableGets}`);
  }
  if (problems.length > 0) {
    console.error(`\nFAILED: ${problems.length} problem(s)`);
    for (const p of problems.slice(0, 20)) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(
    `\nOK: every domain shows the verdicts its seed was built for (${
      domains.filter(d => d.defaultAudit).length
    } AuditLogs at the default, ${
      domains.filter(d => d.earlyDelete).length
    } early bronze deletions).`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
