/*
 * Platform home: the aggregate API's latency under 1,000 users and the
 * page's time to interactive in Chromium, both with 200 domains.
 *
 *   ./portal bench platform-home
 *
 * 1. API. The overview backend (dataplatform-overview) in a test backend
 *    with the real upstream plugins it reads from — cost, health and
 *    retention, their default exports with the real scheduler — fed by the
 *    in-process local HTTPS Azure endpoint seeded with 200 domain
 *    subscriptions (BENCH_DOMAINS; cost history and a budget, a workspace
 *    with health signals and retention tables, storage accounts with
 *    lifecycle rules) and a catalog of 200 Domains with owner groups and
 *    members, two data products each with their ODCS contracts (some
 *    invalid, unchecked or missing) and innovation sandboxes. Once GET
 *    /api/dataplatform-overview/domains answers 200 rows with every cell
 *    filled and every source fresh, it serves that route on core 0 to
 *    1,000 users on core 1, each on their own keep-alive connection sending
 *    one request a second at spread moments (../cost/paced-load.js): 5 s as
 *    a warm-up (shown, not counted), then BENCH_SECONDS (40) as the
 *    platform engineer (all rows) and BENCH_OWNER_SECONDS (20) as a domain
 *    owner (one row); then autocannon saturates it (100 connections, no
 *    rate limit). The overview keeps polling the plugins every 20 s (its
 *    default) throughout, as in production: two polls in the first window,
 *    one in the second. Azure calls are counted on the
 *    endpoint over each load window: the upstream plugins' schedules are
 *    set longer than the bench (cost 24 h, health 1 h, retention 24 h) and
 *    their first runs have finished before the window opens, so any call
 *    counted there is caused by the load. Exits 1 when a p99 misses 50 ms,
 *    any request fails, or the load caused an Azure call.
 *
 * 2. Page. The frontend built for production (packages/app/dist; the build
 *    is skipped when dist is newer than every frontend source), served by
 *    the real backend (packages/backend, app-backend) started as
 *    `./portal start` starts it — the local Azure endpoint (here in-process,
 *    with 194 more domain subscriptions) found through LOCAL_AZURE_PORT and
 *    LOCAL_AZURE_STATE_DIR — plus a generated catalog of 194 domains with
 *    owner groups (.portal/bench/platform-home/, added through an extra
 *    --config), so the catalog holds 200 domains. Debian's Chromium
 *    (/usr/bin/chromium, 1400×900) signs in as Priya Patel on /home (the
 *    app shell), then navigates in-app to /platform; time to interactive is
 *    from that navigation until the "Domains" table shows 200 rows and a
 *    click on its Domain sort label has re-ordered them, measured in the
 *    page; each run also says when the scripts and GET /domains arrived
 *    (Resource Timing) and how long the re-order took. BENCH_PAGE_RUNS (5)
 *    runs, each in a fresh browser context (cold cache); median and max.
 *    Lists the JS files /platform loads beyond the shell with their gzip
 *    sizes (zlib, default level, from dist), what each holds (from its
 *    source map) and the total. The backend listens on a free port (or
 *    BENCH_BACKEND_PORT), not :7007, which a running `./portal start`
 *    holds. Exits 1 when the median is 2 s or more.
 *
 * BENCH_PARTS=api or BENCH_PARTS=page runs one part only.
 *
 * BENCH_PINS_ITSELF: in part 1 the backend runs on core 0 and the load
 * generator on core 1 (the machine has two); part 2 gives the backend and
 * Chromium both cores back.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { type CDPSession, type Page, chromium } from 'playwright-core';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  type LocalAzureEndpoint,
  demoTenantSeed,
  startLocalAzureEndpoint,
} from '../../packages/azure-local-endpoint/src';
import type { TenantSeed } from '../../packages/azure-local-endpoint/src/tenant/types';
import { azureClientsServiceRef } from '../../plugins/azure-node/src';
import costPlugin from '../../plugins/cost-backend/src';
import {
  CONTRACT_ERROR_COUNT_ANNOTATION,
  CONTRACT_VALIDATION_ANNOTATION,
  DATA_CONTRACT_API_TYPE,
  DATA_PRODUCT_API_VERSION,
  DATA_PRODUCT_KIND,
} from '../../plugins/data-products-common/src';
import healthPlugin from '../../plugins/health-backend/src';
import overviewPlugin from '../../plugins/overview-backend/src';
import {
  CONCERNS,
  type PlatformHomeResponse,
} from '../../plugins/overview-common/src';
import {
  LEASE_STATE_LABEL,
  PROVISIONING_ANNOTATIONS,
  SANDBOX_RESOURCE_TYPE,
} from '../../plugins/provisioning-common/src';
import retentionPlugin from '../../plugins/retention-backend/src';
import { clientsFor, hasTaskset, wholeNumber } from '../lib';

function parts(): Set<'api' | 'page'> {
  const raw = process.env.BENCH_PARTS ?? 'api,page';
  const values = raw.split(',').map(s => s.trim());
  const bad = values.filter(v => v !== 'api' && v !== 'page');
  if (bad.length > 0 || values.length === 0) {
    throw new Error(
      `BENCH_PARTS is "${raw}"; allowed: api, page or both, comma-separated`,
    );
  }
  return new Set(values as Array<'api' | 'page'>);
}

const ROOT = path.resolve(__dirname, '../..');
const DOMAINS = wholeNumber('BENCH_DOMAINS', 200, 1);
// Whole multiples of the overview's 20-s poll: each window holds the same
// number of polls (two and one) whatever the phase it starts at.
const SECONDS = wholeNumber('BENCH_SECONDS', 40, 5);
const OWNER_SECONDS = wholeNumber('BENCH_OWNER_SECONDS', 20, 0);
const PAGE_RUNS = wholeNumber('BENCH_PAGE_RUNS', 5, 1);
const USERS = 1000;
const P99_TARGET_MS = 50;
/** Seconds of the paced load before the measured ones. */
const WARMUP_SECONDS = 5;
/** The overview backend's default refresh interval. */
const OVERVIEW_POLL_SECONDS = 20;
const TTI_TARGET_MS = 2000;
const PLATFORM_ENGINEER = 'user:default/priya.patel';
const PLATFORM_TEAM = 'group:default/platform-team';
const API_PATH = '/api/dataplatform-overview/domains';
/** The demo catalog's domains; part 2 adds the rest up to 200. */
const DEMO_CATALOG_DOMAINS = 6;
const STATE_DIR = path.join(ROOT, '.portal', 'bench', 'platform-home');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function guid(i: number) {
  const hex = (0x50000000 + i).toString(16).slice(-8);
  return `${hex}-0000-4000-8000-${(0xe0000000000 + i)
    .toString(16)
    .padStart(12, '0')}`;
}

// ---------------------------------------------------------------------------
// The estate: 200 domain subscriptions and their catalog
// ---------------------------------------------------------------------------

interface BenchDomain {
  index: number;
  name: string;
  subscriptionId: string;
  region: string;
  pairedRegion: string;
  /** Health: 0 failed runs (healthy), 2 (degraded) or 9 (unhealthy). */
  failedRuns: number;
}

const REGIONS = [
  ['westeurope', 'northeurope'],
  ['eastus', 'westus'],
  ['northeurope', 'westeurope'],
] as const;

function benchDomains(count: number): BenchDomain[] {
  return Array.from({ length: count }, (_, i) => {
    const [region, pairedRegion] = REGIONS[i % REGIONS.length];
    return {
      index: i,
      name: `bench-${String(i).padStart(4, '0')}`,
      subscriptionId: guid(i),
      region,
      pairedRegion,
      // Some domains in every state, so the rows and counts are not uniform.
      failedRuns: i % 25 === 0 ? 9 : i % 10 === 0 ? 2 : 0,
    };
  });
}

const ownerGroup = (d: BenchDomain) => `${d.name}-domain-owners`;
/** Every fourth domain's owners lease an innovation sandbox. */
const hasSandbox = (d: BenchDomain) => d.index % 4 === 0;
const sandboxSubscription = (d: BenchDomain) => guid(10_000 + d.index);
const short = (d: BenchDomain) => `st${d.name.replace('-', '')}`;
const monitoringGroup = (d: BenchDomain) => `rg-dp-${d.name}-monitoring`;
const workspaceName = (d: BenchDomain) => `log-dp-${d.name}`;
const workspaceId = (d: BenchDomain) =>
  `/subscriptions/${d.subscriptionId}/resourceGroups/${monitoringGroup(
    d,
  )}/providers/Microsoft.OperationalInsights/workspaces/${workspaceName(d)}`;
const dataAccountId = (d: BenchDomain) =>
  `/subscriptions/${d.subscriptionId}/resourceGroups/rg-dp-${
    d.name
  }-data/providers/Microsoft.Storage/storageAccounts/${short(d)}data`;
const FAILED_RUNS_QUERY = `PipelineRuns_CL
| where Status == "Failed"
| summarize value = count() by bin(TimeGenerated, 15m)
| top 1 by TimeGenerated`;

/** Cost history and a budget per subscription, as bench/cost seeds them. */
function addCost(seed: TenantSeed, d: BenchDomain) {
  seed.costProfiles = seed.costProfiles ?? {};
  seed.budgets = seed.budgets ?? [];
  const runRate = 2_000 + (d.index % 37) * 750;
  seed.costProfiles[d.subscriptionId] = {
    monthlyRunRate: runRate,
    weekendFactor: 0.6,
    monthlyGrowth: (d.index % 5) * 0.03,
    noise: 0.05,
    ...(d.index % 11 === 0
      ? { anomalies: [{ daysAgo: 3 + (d.index % 7), factor: 4 }] }
      : {}),
  };
  seed.budgets.push({
    subscriptionId: d.subscriptionId,
    name: `budget-dp-domain-${d.name}`,
    // Every third domain is forecast over its budget.
    amount: Math.round(runRate * (d.index % 3 === 0 ? 0.9 : 1.2)),
    timeGrain: 'Monthly',
    notifications: {
      actual80: {
        enabled: true,
        operator: 'GreaterThanOrEqualTo',
        threshold: 80,
        thresholdType: 'Actual',
        contactEmails: [`${d.name}@contoso.example`],
      },
    },
  });
}

/**
 * A domain subscription as the platform vends it: cost and budget (bench/
 * cost), a workspace with audit tables at their retention (bench/retention)
 * that the health model's log signal reads (bench/health), and the data,
 * audit and standby storage accounts.
 */
function estateSeed(domains: BenchDomain[]): TenantSeed {
  const seed = demoTenantSeed();
  seed.resourceGroups = [...(seed.resourceGroups ?? [])];
  seed.workspaces = [...(seed.workspaces ?? [])];
  seed.storageAccounts = [...(seed.storageAccounts ?? [])];
  seed.costProfiles = { ...(seed.costProfiles ?? {}) };
  seed.budgets = [...(seed.budgets ?? [])];
  for (const d of domains) {
    seed.subscriptions.push({
      subscriptionId: d.subscriptionId,
      displayName: `dp-domain-${d.name}`,
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tags: { domain: d.name, environment: 'production' },
    });
    addCost(seed, d);
    if (hasSandbox(d)) {
      seed.subscriptions.push({
        subscriptionId: sandboxSubscription(d),
        displayName: `sbx-${d.name}`,
        managementGroupId: DEMO_MANAGEMENT_GROUPS.sandboxes,
        tags: { owner: ownerGroup(d), environment: 'sandbox' },
      });
      seed.costProfiles[sandboxSubscription(d)] = {
        monthlyRunRate: 300,
        weekendFactor: 0.3,
        monthlyGrowth: 0,
        noise: 0.1,
      };
      seed.budgets.push({
        subscriptionId: sandboxSubscription(d),
        name: `budget-sbx-${d.name}`,
        amount: 500,
        timeGrain: 'Monthly',
        notifications: {},
      });
    }
    seed.resourceGroups.push({
      subscriptionId: d.subscriptionId,
      name: monitoringGroup(d),
      location: d.region,
    });
    seed.workspaces.push({
      subscriptionId: d.subscriptionId,
      resourceGroupName: monitoringGroup(d),
      name: workspaceName(d),
      location: d.region,
      retentionInDays: 90,
      // Every fifth domain left AuditLogs at the workspace default: a retention violation.
      tables: ['AzureActivity', 'AuditLogs', 'LAQueryLogs', 'StorageBlobLogs']
        .filter(t => !(d.index % 5 === 0 && t === 'AuditLogs'))
        .map(t => ({ name: t, totalRetentionInDays: 3653 })),
    });
    const group = `rg-dp-${d.name}-data`;
    seed.storageAccounts.push(
      {
        subscriptionId: d.subscriptionId,
        resourceGroupName: group,
        name: `${short(d)}data`,
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
                },
              },
            },
          },
        ],
      },
      {
        subscriptionId: d.subscriptionId,
        resourceGroupName: group,
        name: `${short(d)}audit`,
        location: d.region,
        skuName: 'Standard_GZRS',
        containers: [
          { name: 'audit', immutability: { days: 3650, state: 'Locked' } },
        ],
      },
      {
        subscriptionId: d.subscriptionId,
        resourceGroupName: `${group}-dr`,
        name: `${short(d)}dr`,
        location: d.pairedRegion,
        skuName: 'Standard_GRS',
        containers: [{ name: 'standby' }],
      },
    );
  }
  return seed;
}

async function startEstateEndpoint(domains: BenchDomain[], port = 0) {
  const endpoint = await startLocalAzureEndpoint({
    seed: estateSeed(domains),
    port,
  });
  for (const d of domains) {
    endpoint.monitor.setLogSignal({
      workspace: workspaceId(d),
      query: FAILED_RUNS_QUERY,
      script: { baseline: d.failedRuns },
    });
    endpoint.monitor.setMetric({
      resourceId: dataAccountId(d),
      region: d.region,
      metric: 'Availability',
      script: { baseline: 99.99 },
    });
  }
  return endpoint;
}

function healthModel(d: BenchDomain): string {
  return `apiVersion: dataplatform.contoso.com/health-model/v1
kind: HealthModel
spec:
  components:
    - id: pipelines
      signals:
        - id: failed-runs
          type: log
          workspace: ${workspaceId(d)}
          query: |
${FAILED_RUNS_QUERY.split('\n')
  .map(l => `            ${l}`)
  .join('\n')}
          thresholds: { direction: above, degraded: 1, unhealthy: 5 }
    - id: lake
      signals:
        - id: availability
          type: metric
          resources: [${dataAccountId(d)}]
          region: ${d.region}
          namespace: Microsoft.Storage/storageAccounts
          metric: Availability
          aggregation: average
          thresholds: { direction: below, degraded: 99.9, unhealthy: 99 }
`;
}

const ownerUser = (d: BenchDomain) => `${d.name}-owner`;
const ymd = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/**
 * The catalog as processing would leave it: Domains on their
 * subscriptions with a health model, owner groups with a member each (and
 * the relations between them), two data products per domain with their
 * contracts — every 13th domain's second contract invalid, every 17th
 * unchecked, every 9th missing — and a sandbox for every fourth domain,
 * some ending within 14 days and some past their end.
 */
function benchCatalog(domains: BenchDomain[], modelDir: string): Entity[] {
  const location = `file:${path.join(modelDir, 'domains.yaml')}`;
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'platform-team', namespace: 'default' },
      spec: {
        type: 'team',
        profile: { displayName: 'Data Platform Team' },
        children: [],
      },
      relations: [{ type: 'hasMember', targetRef: PLATFORM_ENGINEER }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'priya.patel', namespace: 'default' },
      spec: {
        profile: {
          displayName: 'Priya Patel',
          email: 'priya.patel@contoso.example',
        },
        memberOf: ['platform-team'],
      },
      relations: [{ type: 'memberOf', targetRef: PLATFORM_TEAM }],
    },
  ];
  for (const d of domains) {
    const owner = `group:default/${ownerGroup(d)}`;
    const user = `user:default/${ownerUser(d)}`;
    entities.push(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: {
          name: d.name,
          namespace: 'default',
          title: `Bench ${d.index}`,
          annotations: {
            'backstage.io/managed-by-location': location,
            'dataplatform.contoso.com/azure-subscription-id': d.subscriptionId,
            'dataplatform.contoso.com/health-model': `./health/${d.name}.health.yaml`,
            'dataplatform.contoso.com/rpo': 'PT4H',
            'dataplatform.contoso.com/rto': 'PT8H',
            'dataplatform.contoso.com/dr-strategy': 'warm-spare',
          },
          links: [
            {
              url: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource/subscriptions/${d.subscriptionId}/overview`,
              title: 'Subscription in the Azure portal',
              icon: 'cloud',
            },
          ],
        },
        spec: { owner },
        relations: [{ type: 'ownedBy', targetRef: owner }],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: ownerGroup(d), namespace: 'default' },
        spec: {
          type: 'team',
          profile: {
            displayName: `Bench ${d.index} Domain Owners`,
            email: `${d.name}-data@contoso.example`,
          },
          children: [],
        },
        relations: [
          { type: 'hasMember', targetRef: user },
          { type: 'ownerOf', targetRef: `domain:default/${d.name}` },
        ],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: ownerUser(d), namespace: 'default' },
        spec: {
          profile: {
            displayName: `Owner of ${d.name}`,
            email: `${ownerUser(d)}@contoso.example`,
          },
          memberOf: [ownerGroup(d)],
        },
        relations: [{ type: 'memberOf', targetRef: owner }],
      },
    );
    const products = [
      { suffix: 'orders', layer: 'silver' },
      { suffix: 'events', layer: 'bronze' },
    ];
    products.forEach((p, k) => {
      const name = `${d.name}-${p.suffix}`;
      entities.push({
        apiVersion: DATA_PRODUCT_API_VERSION,
        kind: DATA_PRODUCT_KIND,
        metadata: { name, namespace: 'default', title: name },
        spec: {
          domain: `domain:default/${d.name}`,
          owner,
          layer: p.layer,
          classification: 'internal',
          lifecycle: 'production',
          outputPorts: [{ name: p.suffix, contract: `api:default/${name}` }],
          sla: {
            freshness: 'P1D',
            availability: 99.5,
            rpo: 'PT24H',
            rto: 'PT12H',
          },
          retentionClass: 'standard',
          residency: 'eu',
          externalSharing: false,
        },
        relations: [
          { type: 'ownedBy', targetRef: owner },
          { type: 'partOf', targetRef: `domain:default/${d.name}` },
        ],
      });
      const missing = k === 1 && d.index % 9 === 0;
      if (missing) return;
      const validation: Record<string, string> =
        k === 1 && d.index % 13 === 0
          ? { [CONTRACT_VALIDATION_ANNOTATION]: 'invalid' }
          : k === 1 && d.index % 17 === 0
          ? {}
          : { [CONTRACT_VALIDATION_ANNOTATION]: 'valid' };
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name,
          namespace: 'default',
          title: `${name} contract`,
          annotations: {
            ...validation,
            [CONTRACT_ERROR_COUNT_ANNOTATION]:
              validation[CONTRACT_VALIDATION_ANNOTATION] === 'invalid'
                ? '3'
                : '0',
          },
        },
        spec: {
          type: DATA_CONTRACT_API_TYPE,
          lifecycle: 'production',
          owner,
          definition: `apiVersion: v3.0.2
kind: DataContract
id: ${name}
version: 1.0.0
status: active
servers:
  - server: ${name}-adls
    type: azure
    location: abfss://${p.layer}@${short(d)}data.dfs.core.windows.net/${name}/
    format: delta
slaProperties:
  - property: retention
    value: 2
    unit: y
`,
        },
      });
    });
    if (hasSandbox(d)) {
      const daysLeft = d.index % 20 === 0 ? 5 : d.index % 50 === 4 ? -3 : 60;
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `sandbox-${d.name}`,
          namespace: 'default',
          title: `${d.name} sandbox`,
          labels: { [LEASE_STATE_LABEL]: 'active' },
          annotations: {
            'dataplatform.contoso.com/azure-subscription-id':
              sandboxSubscription(d),
            [PROVISIONING_ANNOTATIONS.budgetCap]: '500',
            [PROVISIONING_ANNOTATIONS.expiresOn]: ymd(daysLeft),
            [PROVISIONING_ANNOTATIONS.requestedBy]: user,
          },
        },
        spec: {
          type: SANDBOX_RESOURCE_TYPE,
          owner,
          lifecycle: 'experimental',
        },
        relations: [{ type: 'ownedBy', targetRef: owner }],
      });
    }
  }
  for (const d of domains) {
    fs.mkdirSync(path.join(modelDir, 'health'), { recursive: true });
    fs.writeFileSync(
      path.join(modelDir, 'health', `${d.name}.health.yaml`),
      healthModel(d),
    );
  }
  return entities;
}

// ---------------------------------------------------------------------------
// Load generators (as bench/cost runs them)
// ---------------------------------------------------------------------------

interface LoadResult {
  requests: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time the load generator used. */
  loadCpuMs: number;
  /** CPU time the backend (and the endpoint in its process) used meanwhile. */
  serverCpuMs?: number;
}

const autocannonScript = `
    const autocannon = require('autocannon');
    const o = JSON.parse(process.argv[1]);
    autocannon({
      url: o.url,
      headers: o.headers,
      connections: o.connections,
      duration: o.seconds,
      timeout: 10,
    }, (err, r) => {
      if (err) { console.error(err); process.exit(1); }
      process.stdout.write(JSON.stringify({
        requests: r.requests.total,
        throughput: r.requests.average,
        p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
        non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
        loadCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      }));
    });`;

/** Runs a load generator on core 1 and returns the figures it prints. */
function runChild(command: string[]): Promise<LoadResult> {
  const pinned = hasTaskset() ? ['taskset', '-c', '1', ...command] : command;
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const child = spawn(pinned[0], pinned.slice(1), {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', code => {
      if (code !== 0) {
        reject(new Error(`load generator exited with ${code}`));
        return;
      }
      const used = process.cpuUsage(cpuBefore);
      resolve({
        ...(JSON.parse(out) as LoadResult),
        serverCpuMs: (used.user + used.system) / 1000,
      });
    });
  });
}

/** USERS people, one request a second each, at spread moments. */
function pacedLoad(options: {
  url: string;
  headers: Record<string, string>;
  users: number;
  seconds: number;
}) {
  return runChild([
    'node',
    path.join(__dirname, '..', 'cost', 'paced-load.js'),
    JSON.stringify(options),
  ]);
}

function saturate(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}) {
  return runChild(['node', '-e', autocannonScript, JSON.stringify(options)]);
}

const cpuShare = (ms: number | undefined, seconds: number) =>
  ms === undefined ? '?' : `${Math.round(ms / (seconds * 10))}%`;
const failed = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;

/** Azure calls by route since `before` (a snapshot's byRoute). */
async function azureCallsSince(
  endpoint: LocalAzureEndpoint,
  before: Record<string, number>,
) {
  // A call is counted when its response finishes; let those events run.
  await new Promise(resolve => setImmediate(resolve));
  const after = endpoint.requests.snapshot().byRoute;
  const diff: Record<string, number> = {};
  for (const [route, n] of Object.entries(after)) {
    const d = n - (before[route] ?? 0);
    if (d > 0) diff[route] = d;
  }
  return diff;
}
const total = (byRoute: Record<string, number>) =>
  Object.values(byRoute).reduce((a, b) => a + b, 0);

/** The raw response: status, headers and the bytes on the wire. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    bytes: number;
  }>((resolve, reject) => {
    http
      .get(url, { headers }, res => {
        let bytes = 0;
        res.on('data', chunk => {
          bytes += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// ---------------------------------------------------------------------------
// Part 1: the API under load
// ---------------------------------------------------------------------------

async function apiLatency(): Promise<boolean> {
  const domains = benchDomains(DOMAINS);
  const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-overview-'));
  const started = Date.now();
  const endpoint = await startEstateEndpoint(domains);
  const entities = benchCatalog(domains, modelDir);
  const owner = domains[Math.min(7, domains.length - 1)];
  const ownerRef = `user:default/${ownerUser(owner)}`;
  const backend = await startTestBackend({
    features: [
      overviewPlugin,
      costPlugin,
      healthPlugin,
      retentionPlugin,
      // The real scheduler: each plugin's first run at start, the next ones
      // only after the bench is over (intervals below).
      schedulerServiceFactory,
      createServiceFactory({
        service: azureClientsServiceRef,
        deps: {},
        factory: () => clientsFor(endpoint),
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const userEntityRef = (
              credentials.principal as { userEntityRef: string }
            ).userEntityRef;
            const name = userEntityRef.replace(/^user:default\//, '');
            const groups =
              userEntityRef === PLATFORM_ENGINEER
                ? [PLATFORM_TEAM]
                : name.endsWith('-owner')
                ? [`group:default/${name.replace(/-owner$/, '')}-domain-owners`]
                : [];
            return {
              userEntityRef,
              ownershipEntityRefs: [userEntityRef, ...groups],
            };
          },
        }),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          dataplatform: {
            azure: { tenantId: DEMO_TENANT_ID },
            permissions: { platformTeam: PLATFORM_TEAM },
            cost: {
              refresh: { initialDelaySeconds: 0, intervalMinutes: 1440 },
            },
            health: { intervalSeconds: 3600 },
            retention: { intervalSeconds: 86_400 },
            // Its default: the polls go on during the load, as they would
            // in production, and each reads the plugins' stores.
            overview: {
              refresh: { intervalSeconds: OVERVIEW_POLL_SECONDS },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}${API_PATH}`;
  // As Chromium sends them: the platform home is served compressed.
  const headers = {
    Authorization: mockCredentials.user.header(PLATFORM_ENGINEER),
    'Accept-Encoding': 'gzip, deflate, br, zstd',
  };

  // Ready: 200 rows with figures in every cell (the overview polled after
  // the plugins' first runs stored theirs), every source fresh, and Azure
  // quiet (those runs over), within a deadline.
  const deadline = Date.now() + 300_000;
  let home: PlatformHomeResponse | undefined;
  let last = 'no answer yet';
  let quiet = { total: -1, since: Date.now() };
  for (;;) {
    const res = await fetch(url, { headers });
    if (res.ok) {
      const body = (await res.json()) as PlatformHomeResponse;
      const notOk = body.sources.filter(s => s.state !== 'ok');
      const unavailable = CONCERNS.map(concern => ({
        concern,
        rows: body.rows.filter(row => 'unavailable' in row[concern]).length,
      })).filter(u => u.rows > 0);
      last = `${body.rows.length} rows; unavailable cells: ${
        unavailable.map(u => `${u.concern} ${u.rows}`).join(', ') || 'none'
      }; sources ${body.sources
        .map(
          s =>
            `${s.concern} ${s.state}${
              s.reasons.length ? ` (${s.reasons.join('; ')})` : ''
            }`,
        )
        .join(', ')}`;
      const calls = endpoint.requests.snapshot().total;
      if (calls !== quiet.total) quiet = { total: calls, since: Date.now() };
      if (
        body.rows.length === DOMAINS &&
        notOk.length === 0 &&
        unavailable.length === 0 &&
        Date.now() - quiet.since > 3_000
      ) {
        home = body;
        break;
      }
    } else {
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    }
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  if (!home) {
    console.log(
      `1. FAIL: GET ${API_PATH} did not answer ${DOMAINS} rows with every cell filled and every source fresh within 300 s; last: ${last}`,
    );
    await backend.stop();
    await endpoint.close();
    return false;
  }
  const wire = await rawGet(url, headers);
  const json = Buffer.byteLength(JSON.stringify(home));
  const c = home.counts;
  console.log(
    `1. Platform home API: ${home.rows.length} rows ready ${(
      (Date.now() - started) /
      1000
    ).toFixed(
      0,
    )} s after start (cost, health and retention plugins' first runs against the local endpoint, then the overview's poll); ${(
      json / 1024
    ).toFixed(0)} KiB of JSON, ${(wire.bytes / 1024).toFixed(0)} KiB ${
      wire.headers['content-encoding'] ?? 'uncompressed'
    } on the wire`,
  );
  console.log(
    `   counts: ${c.byAttention.critical} critical, ${c.byAttention.warning} warning, ${c.byAttention.unknown} unknown, ${c.byAttention.ok} ok; ${c.unhealthy} unhealthy, ${c.degraded} degraded, ${c.overBudget} over budget, ${c.retentionViolations} retention violations, ${c.contractErrors} with contract errors, ${c.sandboxesExpiringSoon} sandboxes expiring`,
  );

  // What each overview poll (in the same process and event loop as the
  // requests) asks of the upstream plugins.
  const upstream: string[] = [];
  for (const route of [
    '/api/dataplatform-health/entities',
    '/api/dataplatform-cost/estate',
    '/api/dataplatform-retention/entities',
  ]) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${route}`, {
        headers: { Authorization: headers.Authorization },
      });
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - t0);
    }
    upstream.push(
      `${route} ${median(times).toFixed(0)} ms (${(bytes / 1024).toFixed(
        0,
      )} KiB)`,
    );
  }
  console.log(
    `   each overview poll reads (median of 5, on this process's event loop): ${upstream.join(
      ', ',
    )}`,
  );

  // The backend (and the local endpoint in its process) on core 0; the load on core 1.
  const affinity = pinTo('0');
  console.log(`   ${machineLoad()}`);
  console.log(
    `   backend and local Azure endpoint on core 0, load generator on core 1; upstream schedules: cost every 24 h, health every 1 h, retention every 24 h (first runs done), overview polls every ${OVERVIEW_POLL_SECONDS} s`,
  );
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
  // 1,000 connections opening at once on cold code are not the steady
  // state the target is about; shown, not counted.
  let before = endpoint.requests.snapshot().byRoute;
  const warm = await pacedLoad({
    url,
    headers,
    users: USERS,
    seconds: WARMUP_SECONDS,
  });
  const warmCalls = await azureCallsSince(endpoint, before);
  console.log(
    `   warm-up, not counted (${USERS} connections opening, cold code; ${WARMUP_SECONDS} s of the same load): p50 ${
      warm.p50
    } ms, p99 ${warm.p99} ms, max ${warm.max} ms; failed ${failed(
      warm,
    )}; Azure calls ${total(warmCalls)}${describeCalls(warmCalls)}`,
  );
  before = endpoint.requests.snapshot().byRoute;
  const paced = await pacedLoad({
    url,
    headers,
    users: USERS,
    seconds: SECONDS,
  });
  const pacedCalls = await azureCallsSince(endpoint, before);
  loopDelay.disable();
  gcObserver.disconnect();
  const pacedOk =
    paced.p99 < P99_TARGET_MS &&
    failed(paced) === 0 &&
    total(pacedCalls) === 0 &&
    failed(warm) === 0 &&
    total(warmCalls) === 0;
  console.log(
    `   platform engineer (all ${DOMAINS} rows), ${USERS} users × 1 req/s (own keep-alive connection each, spread over the second) for ${SECONDS} s: ${
      paced.requests
    } requests, ${paced.throughput.toFixed(0)} req/s; latency p50 ${
      paced.p50
    } ms, p90 ${paced.p90} ms, p99 ${paced.p99} ms, max ${
      paced.max
    } ms (target p99 < ${P99_TARGET_MS} ms: ${
      paced.p99 < P99_TARGET_MS ? 'met' : 'MISSED'
    }, p99/target ${(paced.p99 / P99_TARGET_MS).toFixed(2)}); failed ${failed(
      paced,
    )}; Azure calls during the load ${total(pacedCalls)}${describeCalls(
      pacedCalls,
    )} (target 0); CPU: backend ${cpuShare(
      paced.serverCpuMs,
      SECONDS,
    )}, load generator ${cpuShare(paced.loadCpuMs, SECONDS)} of a core`,
  );
  console.log(
    `   backend event loop meanwhile: delay p99 ${(
      loopDelay.percentile(99) / 1e6
    ).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms; ${
      gcPauses.length
    } garbage collections, longest ${Math.max(0, ...gcPauses).toFixed(
      1,
    )} ms, ${gcPauses.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`,
  );

  let ownerOk = true;
  if (OWNER_SECONDS > 0) {
    const ownerHeaders = {
      Authorization: mockCredentials.user.header(ownerRef),
      'Accept-Encoding': 'gzip, deflate, br, zstd',
    };
    const mine = (await (
      await fetch(url, { headers: ownerHeaders })
    ).json()) as PlatformHomeResponse;
    before = endpoint.requests.snapshot().byRoute;
    const ownerRun = await pacedLoad({
      url,
      headers: ownerHeaders,
      users: USERS,
      seconds: OWNER_SECONDS,
    });
    const ownerCalls = await azureCallsSince(endpoint, before);
    ownerOk =
      mine.rows.length === 1 &&
      ownerRun.p99 < P99_TARGET_MS &&
      failed(ownerRun) === 0 &&
      total(ownerCalls) === 0;
    console.log(
      `   domain owner (${ownerRef}, sees ${mine.rows.length} row${
        mine.rows.length === 1 ? '' : 's — expected 1'
      }), ${USERS} users × 1 req/s for ${OWNER_SECONDS} s: ${
        ownerRun.requests
      } requests; latency p50 ${ownerRun.p50} ms, p99 ${ownerRun.p99} ms, max ${
        ownerRun.max
      } ms (target p99 < ${P99_TARGET_MS} ms: ${
        ownerRun.p99 < P99_TARGET_MS ? 'met' : 'MISSED'
      }); failed ${failed(ownerRun)}; Azure calls during the load ${total(
        ownerCalls,
      )}${describeCalls(ownerCalls)}`,
    );
  }

  const saturationSeconds = Math.min(SECONDS, 15);
  before = endpoint.requests.snapshot().byRoute;
  const saturated = await saturate({
    url,
    headers,
    connections: 100,
    seconds: saturationSeconds,
  });
  const saturatedCalls = await azureCallsSince(endpoint, before);
  console.log(
    `   saturation (platform engineer, 100 connections, no rate limit, ${saturationSeconds} s): ${saturated.throughput.toFixed(
      0,
    )} req/s on one core; p50 ${saturated.p50} ms, p99 ${
      saturated.p99
    } ms; failed ${failed(saturated)}; headroom ${(
      saturated.throughput / USERS
    ).toFixed(1)}× the 1,000 req/s of the target load; Azure calls ${total(
      saturatedCalls,
    )}${describeCalls(saturatedCalls)}; CPU: backend ${cpuShare(
      saturated.serverCpuMs,
      saturationSeconds,
    )}, load generator ${cpuShare(saturated.loadCpuMs, saturationSeconds)}`,
  );
  restoreAffinity(affinity);
  await backend.stop();
  await endpoint.close();
  fs.rmSync(modelDir, { recursive: true, force: true });
  return (
    pacedOk && ownerOk && failed(saturated) === 0 && total(saturatedCalls) === 0
  );
}

/** Other work on the machine competes for the two cores; say how much. */
function machineLoad(): string {
  const [one, five] = os.loadavg();
  return `machine load average before the load: ${one.toFixed(
    2,
  )} (1 min), ${five.toFixed(2)} (5 min) on ${os.cpus().length} cores`;
}

function describeCalls(byRoute: Record<string, number>): string {
  const entries = Object.entries(byRoute);
  if (entries.length === 0) return '';
  return ` (${entries.map(([route, n]) => `${n}× ${route}`).join(', ')})`;
}

/** Pins every thread of this process to `cores`; returns the previous mask. */
function pinTo(cores: string): string | undefined {
  if (!hasTaskset()) return undefined;
  const mask = execFileSync('taskset', ['-p', String(process.pid)])
    .toString()
    .trim()
    .split(/\s+/)
    .pop();
  execFileSync('taskset', ['-a', '-cp', cores, String(process.pid)], {
    stdio: 'ignore',
  });
  return mask;
}

function restoreAffinity(mask: string | undefined) {
  if (!mask) return;
  execFileSync('taskset', ['-a', '-p', mask, String(process.pid)], {
    stdio: 'ignore',
  });
}

// ---------------------------------------------------------------------------
// Part 2: the page in Chromium
// ---------------------------------------------------------------------------

const BACKEND_ROLES = new Set([
  'backend',
  'backend-plugin',
  'backend-plugin-module',
  'node-library',
  'cli',
]);

/** The newest file among the frontend's sources (packages the app bundles). */
function newestFrontendSource(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file: string) => {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(full);
      } else if (!/\.test\.[jt]sx?$|setupTests\.ts$/.test(entry.name)) {
        consider(full);
      }
    }
  };
  for (const parent of ['packages', 'plugins']) {
    for (const name of fs.readdirSync(path.join(ROOT, parent))) {
      const dir = path.join(ROOT, parent, name);
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const role = JSON.parse(fs.readFileSync(manifest, 'utf8')).backstage
        ?.role;
      if (role && BACKEND_ROLES.has(role)) continue;
      consider(manifest);
      for (const sub of ['src', 'public']) {
        if (fs.existsSync(path.join(dir, sub))) walk(path.join(dir, sub));
      }
    }
  }
  for (const file of fs.readdirSync(ROOT)) {
    if (/^app-config.*\.yaml$/.test(file) || file === 'yarn.lock') {
      consider(path.join(ROOT, file));
    }
  }
  return newest;
}

const DIST = path.join(ROOT, 'packages', 'app', 'dist');

async function buildFrontend(): Promise<void> {
  const source = newestFrontendSource();
  const index = path.join(DIST, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const when = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  if (built > source.mtimeMs) {
    console.log(
      `   frontend build skipped: packages/app/dist (${when(
        built,
      )} UTC) is newer than every frontend source (newest: ${path.relative(
        ROOT,
        source.file,
      )}, ${when(source.mtimeMs)} UTC)`,
    );
    return;
  }
  const log = path.join(STATE_DIR, 'app-build.log');
  console.log(
    `   building the frontend for production (${
      built
        ? `${path.relative(ROOT, source.file)} changed at ${when(
            source.mtimeMs,
          )} UTC, after dist (${when(built)} UTC)`
        : 'no packages/app/dist/index.html yet'
    }): yarn workspace @dataplatform/app build, output in ${path.relative(
      ROOT,
      log,
    )}`,
  );
  const startedAt = Date.now();
  const out = fs.openSync(log, 'w');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs'),
        'workspace',
        '@dataplatform/app',
        'build',
      ],
      { cwd: ROOT, stdio: ['ignore', out, out] },
    );
    child.on('error', reject);
    child.on('exit', resolve);
  });
  fs.closeSync(out);
  if (code !== 0) {
    const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-30);
    throw new Error(
      `the frontend build exited with ${code}; last lines of ${log}:\n${tail.join(
        '\n',
      )}`,
    );
  }
  console.log(
    `   frontend built in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
  );
}

/** A port nothing listens on now (BENCH_BACKEND_PORT when given). */
function backendPort(): Promise<number> {
  const given = wholeNumber('BENCH_BACKEND_PORT', 0, 0);
  if (given > 65535) {
    throw new Error(
      `BENCH_BACKEND_PORT is "${given}"; allowed: a port from 1 to 65535`,
    );
  }
  if (given) return Promise.resolve(given);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The catalog file of the extra domains, their owner groups and a member each. */
function extraCatalogYaml(domains: BenchDomain[]): string {
  const docs: string[] = [];
  for (const d of domains) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: ${d.name}
  title: Bench ${d.index}
  annotations:
    dataplatform.contoso.com/azure-subscription-id: ${d.subscriptionId}
  links:
    - url: https://portal.azure.com/#@${DEMO_TENANT_ID}/resource/subscriptions/${
      d.subscriptionId
    }/overview
      title: Subscription in the Azure portal
      icon: cloud
spec:
  owner: group:default/${ownerGroup(d)}
`);
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${ownerGroup(d)}
  title: Bench ${d.index} Domain Owners
spec:
  type: team
  profile:
    displayName: Bench ${d.index} Domain Owners
    email: ${d.name}-data@contoso.example
  children: []
`);
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${ownerUser(d)}
spec:
  profile:
    displayName: Owner of ${d.name}
    email: ${ownerUser(d)}@contoso.example
  memberOf: [${ownerGroup(d)}]
`);
  }
  return `# Generated by bench/platform-home/run.ts: ${
    domains.length
  } domains beyond the demo catalog's, with owner groups.\n${docs.join(
    '---\n',
  )}`;
}

interface RealBackend {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The real backend as `./portal start` runs it (cwd packages/backend,
 * LOCAL_AZURE_* naming the endpoint), without the file watcher so that
 * edits elsewhere in the repository cannot restart it mid-measurement.
 */
async function startRealBackend(
  endpoint: LocalAzureEndpoint,
  extraDomains: BenchDomain[],
): Promise<RealBackend> {
  const azureDir = path.join(STATE_DIR, 'local-azure');
  fs.mkdirSync(azureDir, { recursive: true });
  fs.writeFileSync(path.join(azureDir, 'ca.pem'), endpoint.caCertificatePem);
  const catalogFile = path.join(STATE_DIR, 'extra-domains.yaml');
  fs.writeFileSync(catalogFile, extraCatalogYaml(extraDomains));
  // Not :7007: a `./portal start` of someone else may hold it or take it
  // at any moment, and the readiness check would then ask their backend.
  const port = await backendPort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(STATE_DIR, 'app-config.bench.yaml');
  // Arrays replace, not merge: the demo catalog's locations are repeated.
  fs.writeFileSync(
    configFile,
    `# Generated by bench/platform-home/run.ts (not committed).
app:
  baseUrl: ${baseUrl}
backend:
  baseUrl: ${baseUrl}
  listen:
    port: ${port}
  cors:
    origin: ${baseUrl}
catalog:
  locations:
    - type: file
      target: ${path.join(ROOT, 'catalog', 'all.yaml')}
      rules:
        - allow: [User, Group, Domain, Location, API, DataProduct, Resource]
    - type: file
      target: ${path.join(ROOT, 'templates', 'all.yaml')}
      rules:
        - allow: [Template, Location]
    - type: file
      target: ${catalogFile}
      rules:
        - allow: [User, Group, Domain]
`,
  );
  const logFile = path.join(STATE_DIR, 'backend.log');
  const out = fs.openSync(logFile, 'w');
  const azurePort = new URL(endpoint.url).port;
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages', 'backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOCAL_AZURE_PORT: azurePort,
        LOCAL_AZURE_STATE_DIR: azureDir,
        LOCAL_AZURE_URL: endpoint.url,
      },
      stdio: ['ignore', out, out],
      detached: true,
    },
  );
  fs.closeSync(out);
  let exited: number | null | undefined;
  child.on('exit', code => {
    exited = code;
  });
  const stop = async () => {
    if (exited !== undefined || child.pid === undefined) return;
    const gone = new Promise(r => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([gone, sleep(15_000)]);
    if (exited === undefined) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited !== undefined) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20);
      throw new Error(
        `the backend exited with ${exited} before it was ready; last lines of ${logFile}:\n${tail.join(
          '\n',
        )}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) {
        // Ready, but whose backend answered? Ours logs when it could not listen.
        if (fs.readFileSync(logFile, 'utf8').includes('EADDRINUSE')) {
          await stop();
          throw new Error(
            `port ${port} was taken by another process after it was chosen; see ${logFile} (set BENCH_BACKEND_PORT to a free port)`,
          );
        }
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the backend was not ready within 240 s (${baseUrl}/.backstage/health/v1/readiness); see ${logFile}`,
      );
    }
    await sleep(500);
  }
  return { baseUrl, logFile, stop };
}

/**
 * Runs in the page: navigates in-app to /platform, waits until the
 * "Domains" table has `rows` rows, clicks its Domain sort label (the first
 * one when there is no Domain column) and waits until the order changed.
 * Plain JavaScript: it is sent to the browser as text.
 */
const MEASURE_IN_PAGE = `async ({ path, rows, timeoutMs }) => {
  const t0 = performance.now();
  window.history.pushState({}, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const table = () => document.querySelector('table[aria-label="Domains"]');
  const bodyRows = () => {
    const t = table();
    return t && t.tBodies[0] ? Array.from(t.tBodies[0].rows) : [];
  };
  const order = () => bodyRows().map(r => (r.cells[0] ? r.cells[0].textContent : '')).join('|');
  let shown;
  for (;;) {
    if (bodyRows().length === rows && order().length > rows) { shown = performance.now(); break; }
    if (performance.now() - t0 > timeoutMs) {
      return { error: 'the Domains table did not show ' + rows + ' rows within ' + timeoutMs + ' ms (it has ' + bodyRows().length + ')' };
    }
    await frame();
  }
  const labels = Array.from(table().querySelectorAll('thead [class*="MuiTableSortLabel-root"]'));
  if (labels.length === 0) return { error: 'the Domains table has no sort label (MUI TableSortLabel) in its header' };
  const label = labels.find(l => (l.textContent || '').trim().startsWith('Domain')) || labels[0];
  const before = order();
  label.click();
  for (;;) {
    if (order() !== before && bodyRows().length === rows) break;
    if (performance.now() - shown > 10000) {
      return { error: 'a click on the sort label "' + (label.textContent || '').trim() + '" did not re-order the rows within 10 s' };
    }
    await frame();
  }
  const interactive = performance.now();
  const since = performance.getEntriesByType('resource').filter(e => e.startTime >= t0);
  const api = since.filter(e => e.name.includes('/api/dataplatform-overview/domains'));
  const scripts = since.filter(e => e.initiatorType === 'script' || e.name.split('?')[0].endsWith('.js'));
  return {
    shownMs: shown - t0,
    interactiveMs: interactive - t0,
    sortedBy: (label.textContent || '').trim(),
    scriptsEndMs: scripts.length ? Math.max(...scripts.map(e => e.responseEnd)) - t0 : 0,
    apiStartMs: api.length ? api[0].startTime - t0 : undefined,
    apiEndMs: api.length ? api[0].responseEnd - t0 : undefined,
  };
}`;

interface Measured {
  error?: string;
  shownMs?: number;
  interactiveMs?: number;
  sortedBy?: string;
  /** When the last script the page loaded had arrived. */
  scriptsEndMs?: number;
  /** When the page asked for GET /domains and had its answer. */
  apiStartMs?: number;
  apiEndMs?: number;
}

/** Chromium's main-thread figures (Performance.getMetrics), in ms where they are times. */
async function mainThreadMetrics(cdp: CDPSession) {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const value = (name: string) =>
    metrics.find(m => m.name === name)?.value ?? 0;
  return {
    ThreadTime: value('ThreadTime') * 1000,
    ScriptDuration: value('ScriptDuration') * 1000,
    RecalcStyleDuration: value('RecalcStyleDuration') * 1000,
    LayoutDuration: value('LayoutDuration') * 1000,
    Nodes: value('Nodes'),
  };
}

/** A screenshot of the page as it was when a step failed, for the report. */
async function keepScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(STATE_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return path.relative(ROOT, file);
}

/**
 * Signs in as Priya Patel on /home. Right after start-up the catalog may
 * not hold her User entity yet ("User not found"): the warm-up retries
 * until `retryForMs` has passed; measured runs get one attempt.
 */
async function signIn(page: Page, baseUrl: string, retryForMs = 0) {
  const deadline = Date.now() + retryForMs;
  const sidebarLink = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link')
    .first();
  const refused = page.getByText('Could not sign in');
  for (;;) {
    try {
      await page.goto(`${baseUrl}/home`);
      await page
        .getByRole('button', { name: 'Sign in as Priya Patel' })
        .click({ timeout: 60_000 });
      await sidebarLink.or(refused).first().waitFor({ timeout: 60_000 });
      if (await sidebarLink.isVisible()) return;
      throw new Error(
        `the sign-in page says: ${(
          await page.getByRole('alert').allInnerTexts()
        ).join(' / ')}`,
      );
    } catch (error) {
      if (Date.now() < deadline) {
        await sleep(2_000);
        continue;
      }
      const shot = await keepScreenshot(page, 'sign-in-failure');
      throw new Error(
        `signing in as Priya Patel on /home failed (screenshot ${shot}): ${error}`,
      );
    }
  }
}

/** Waits until no script response arrived for `quietMs`, within a deadline. */
async function scriptsSettled(
  scripts: Array<{ at: number }>,
  quietMs: number,
  deadlineMs: number,
) {
  const start = Date.now();
  for (;;) {
    const lastAt = scripts.length ? scripts[scripts.length - 1].at : start;
    if (Date.now() - Math.max(lastAt, start) >= quietMs) return;
    if (Date.now() - start > deadlineMs) return;
    await sleep(100);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** What a chunk holds, from its source map: the packages or folders with most modules. */
function contentsOf(urlPath: string): string {
  const file = path.join(DIST, `${decodeURIComponent(urlPath)}.map`);
  if (!file.startsWith(DIST) || !fs.existsSync(file)) return '';
  const { sources } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    sources: string[];
  };
  const counts = new Map<string, number>();
  for (const source of sources) {
    const inModules = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const inRepo = source.match(/\.\.\/\.\.\/((?:plugins|packages)\/[^/]+)/);
    const key = inModules?.[1] ?? inRepo?.[1] ?? 'app';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([key, n]) => `${key} (${n})`)
    .join(', ');
}

function gzipSizeOf(urlPath: string): number | undefined {
  const file = path.join(DIST, decodeURIComponent(urlPath));
  if (!file.startsWith(DIST) || !fs.existsSync(file)) return undefined;
  return zlib.gzipSync(fs.readFileSync(file)).length;
}

async function pageInteractive(): Promise<boolean> {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  // Screenshots of an earlier run's failure would pass for this run's.
  for (const file of fs.readdirSync(STATE_DIR)) {
    if (file.endsWith('-failure.png')) fs.rmSync(path.join(STATE_DIR, file));
  }
  console.log(
    `2. Platform home page in Chromium (/usr/bin/chromium, 1400×900), ${DOMAINS} domains`,
  );
  await buildFrontend();
  const extra = benchDomains(Math.max(0, DOMAINS - DEMO_CATALOG_DOMAINS));
  // The demo tenant as `./portal start` serves it, plus the extra domains'
  // subscriptions, so their cost column has figures.
  const endpoint = await startEstateEndpoint(extra);
  let backend: RealBackend | undefined;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const startedAt = Date.now();
    backend = await startRealBackend(endpoint, extra);
    console.log(
      `   backend (packages/backend, app-backend serving packages/app/dist) ready at ${
        backend.baseUrl
      } in ${((Date.now() - startedAt) / 1000).toFixed(
        0,
      )} s; catalog: the demo's ${DEMO_CATALOG_DOMAINS} domains + ${
        extra.length
      } generated (${path.relative(
        ROOT,
        STATE_DIR,
      )}/extra-domains.yaml); log ${path.relative(ROOT, backend.logFile)}`,
    );
    const newPage = async () => {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 900 },
      });
      const page = await context.newPage();
      const scripts: Array<{ url: string; at: number }> = [];
      page.on('response', response => {
        if (response.request().resourceType() === 'script') {
          scripts.push({ url: response.url(), at: Date.now() });
        }
      });
      return { context, page, scripts };
    };

    // Warm-up, not measured: the catalog processes the generated file and
    // the overview polls it; wait until the page shows every domain.
    {
      const { context, page } = await newPage();
      await signIn(page, backend.baseUrl, 240_000);
      const warmDeadline = Date.now() + 300_000;
      let result: Measured = {};
      while (Date.now() < warmDeadline) {
        result = (await page.evaluate(
          `(${MEASURE_IN_PAGE})(${JSON.stringify({
            path: '/platform',
            rows: DOMAINS,
            timeoutMs: 35_000,
          })})`,
        )) as Measured;
        if (!result.error) break;
        await page.evaluate(`(() => {
          window.history.pushState({}, '', '/home');
          window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
        })()`);
      }
      if (result.error) {
        const shot = await keepScreenshot(page, 'warm-up-failure');
        console.log(
          `   FAIL (warm-up, 300 s): ${result.error} (screenshot ${shot})`,
        );
        return false;
      }
      await context.close();
      console.log(
        `   warm-up: the page showed all ${DOMAINS} domains ${(
          (Date.now() - startedAt) /
          1000
        ).toFixed(0)} s after the backend started`,
      );
    }

    console.log(`   ${machineLoad()}`);
    const tti: number[] = [];
    const shown: number[] = [];
    const cpu: number[] = [];
    const beyond = new Map<string, number>();
    let shellBytes = 0;
    let shellFiles = 0;
    let sortedBy = '';
    for (let run = 0; run < PAGE_RUNS; run++) {
      const { context, page, scripts } = await newPage();
      await signIn(page, backend.baseUrl);
      await scriptsSettled(scripts, 1_000, 30_000);
      const shell = new Set(scripts.map(s => new URL(s.url).pathname));
      // The main thread's CPU time, which other work on the machine does
      // not inflate the way it inflates the elapsed times.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metricsBefore = await mainThreadMetrics(cdp);
      const result = (await page.evaluate(
        `(${MEASURE_IN_PAGE})(${JSON.stringify({
          path: '/platform',
          rows: DOMAINS,
          timeoutMs: 30_000,
        })})`,
      )) as Measured;
      const metricsAfter = await mainThreadMetrics(cdp);
      await scriptsSettled(scripts, 500, 10_000);
      if (result.error) {
        const shot = await keepScreenshot(page, `run-${run + 1}-failure`);
        console.log(
          `   run ${run + 1}: FAIL: ${result.error} (screenshot ${shot})`,
        );
        return false;
      }
      await context.close();
      tti.push(result.interactiveMs!);
      shown.push(result.shownMs!);
      sortedBy = result.sortedBy!;
      if (run === 0) {
        for (const p of shell) {
          shellBytes += gzipSizeOf(p) ?? 0;
          shellFiles++;
        }
      }
      for (const s of scripts) {
        const p = new URL(s.url).pathname;
        if (!shell.has(p)) beyond.set(p, gzipSizeOf(p) ?? -1);
      }
      const at = (ms: number | undefined) =>
        ms === undefined ? '?' : `${ms.toFixed(0)} ms`;
      console.log(
        `   run ${run + 1}: interactive after ${at(
          result.interactiveMs,
        )} — scripts in by ${at(
          result.scriptsEndMs,
        )}, GET ${API_PATH} from ${at(result.apiStartMs)} to ${at(
          result.apiEndMs,
        )}, ${DOMAINS} rows shown at ${at(
          result.shownMs,
        )}, re-ordered by a click on "${result.sortedBy}" ${at(
          result.interactiveMs! - result.shownMs!,
        )} later; main thread CPU ${at(
          metricsAfter.ThreadTime - metricsBefore.ThreadTime,
        )} (script ${at(
          metricsAfter.ScriptDuration - metricsBefore.ScriptDuration,
        )}, style and layout ${at(
          metricsAfter.RecalcStyleDuration +
            metricsAfter.LayoutDuration -
            metricsBefore.RecalcStyleDuration -
            metricsBefore.LayoutDuration,
        )}), ${metricsAfter.Nodes} DOM nodes`,
      );
      cpu.push(metricsAfter.ThreadTime - metricsBefore.ThreadTime);
    }
    const med = median(tti);
    const max = Math.max(...tti);
    console.log(
      `   time to interactive (in-app navigation from /home to ${DOMAINS} rows re-ordered by a click on "${sortedBy}"), ${PAGE_RUNS} runs, fresh browser context each: median ${med.toFixed(
        0,
      )} ms, max ${max.toFixed(0)} ms (rows shown: median ${median(
        shown,
      ).toFixed(0)} ms); target < ${TTI_TARGET_MS} ms: ${
        med < TTI_TARGET_MS ? 'met' : 'MISSED'
      }, median/target ${(med / TTI_TARGET_MS).toFixed(
        2,
      )}; main thread CPU meanwhile: median ${median(cpu).toFixed(0)} ms`,
    );
    const files = [...beyond.entries()].sort((a, b) => b[1] - a[1]);
    const beyondTotal = files.reduce((n, [, b]) => n + Math.max(0, b), 0);
    console.log(
      `   JS /platform loads beyond the shell (${shellFiles} files, ${(
        shellBytes / 1024
      ).toFixed(1)} KiB gzipped, loaded by /home): ${files.length} files, ${(
        beyondTotal / 1024
      ).toFixed(1)} KiB gzipped (zlib default level, from packages/app/dist)`,
    );
    for (const [file, bytes] of files) {
      console.log(
        `     ${
          bytes < 0
            ? '   not in dist'
            : `${(bytes / 1024).toFixed(1)} KiB`.padStart(12)
        }  ${file}  ${contentsOf(file)}`,
      );
    }
    return med < TTI_TARGET_MS;
  } finally {
    await browser.close();
    await backend?.stop();
    await endpoint.close();
  }
}

async function main() {
  const which = parts();
  let ok = true;
  if (which.has('api')) ok = (await apiLatency()) && ok;
  if (which.has('page')) ok = (await pageInteractive()) && ok;
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
