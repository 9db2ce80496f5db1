/*
 * Cost: Azure calls per refresh and the estate overview's latency.
 *
 *   ./portal bench cost
 *
 * (Run in the order 2, 1.)
 *
 * 1. Calls per refresh. The cost collector of the backend, through the real
 *    SDK clients of the access layer, against the in-process local HTTPS
 *    endpoint with 50 and with 500 domain subscriptions (BENCH_SIZES), each
 *    with a 90-day cost history and a monthly budget. Prints Cost Management
 *    requests by route (queries, nextLink pages, forecast, alerts),
 *    Consumption budget calls, wall time, and the naive count (a query, a
 *    forecast and an alert list per subscription). Exits 1 unless the Cost
 *    Management queries per refresh are the same for every size.
 *
 * 2. Estate overview latency. The cost backend plugin (real scheduler, the
 *    first refresh at start) with 200 domains (BENCH_DOMAINS) serves
 *    GET /api/dataplatform-cost/estate to 1,000 users, each on their own
 *    keep-alive connection sending one request a second at spread moments
 *    (paced-load.js, in a child process on the other core), for
 *    BENCH_SECONDS (default 30); then autocannon saturates it with 100
 *    connections and no rate limit. Prints p50/p99/max latency
 *    and throughput. Exits 1 when p99 misses the 50 ms target or any
 *    request fails.
 *
 * BENCH_PINS_ITSELF: the backend runs on core 0 and the load generator on
 * core 1 (the machine has two), so the load does not steal the server's
 * core.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { AddressInfo } from 'node:net';
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
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  type LocalAzureEndpoint,
  demoTenantSeed,
  startLocalAzureEndpoint,
} from '../../packages/azure-local-endpoint/src';
import { azureClientsServiceRef } from '../../plugins/azure-node/src';
import costPlugin from '../../plugins/cost-backend/src';
import { CostCollector } from '../../plugins/cost-backend/src/services/CostCollector';
import type { EstateCost } from '../../plugins/cost-common/src';
import { clientsFor, hasTaskset, wholeNumber } from '../lib';

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES ?? '50,500';
  const values = raw.split(',').map(s => Number(s.trim()));
  if (values.length < 2 || values.some(v => !Number.isInteger(v) || v < 1)) {
    throw new Error(
      `BENCH_SIZES is "${raw}"; allowed: two or more whole numbers, comma-separated, such as 50,500`,
    );
  }
  return values;
}

const DOMAINS = wholeNumber('BENCH_DOMAINS', 200, 1);
const SECONDS = wholeNumber('BENCH_SECONDS', 30, 5);
const USERS = 1000;
const P99_TARGET_MS = 50;
const PLATFORM_ENGINEER = 'user:default/priya.patel';
const PLATFORM_TEAM = 'group:default/platform-team';

function guid(i: number) {
  const hex = (0x30000000 + i).toString(16).slice(-8);
  return `${hex}-0000-4000-8000-${(0xc0000000000 + i)
    .toString(16)
    .padStart(12, '0')}`;
}

interface BenchDomain {
  name: string;
  subscriptionId: string;
}

function benchDomains(count: number): BenchDomain[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bench-${String(i).padStart(4, '0')}`,
    subscriptionId: guid(i),
  }));
}

/** N domain subscriptions with a cost history and a budget, besides the demo estate. */
async function startEndpoint(domains: BenchDomain[]) {
  const seed = demoTenantSeed();
  seed.costProfiles = { ...(seed.costProfiles ?? {}) };
  seed.budgets = [...(seed.budgets ?? [])];
  domains.forEach((d, i) => {
    seed.subscriptions.push({
      subscriptionId: d.subscriptionId,
      displayName: `dp-domain-${d.name}`,
      managementGroupId: DEMO_MANAGEMENT_GROUPS.domains,
      tags: { domain: d.name, environment: 'production' },
    });
    const runRate = 2_000 + (i % 37) * 750;
    seed.costProfiles![d.subscriptionId] = {
      monthlyRunRate: runRate,
      weekendFactor: 0.6,
      monthlyGrowth: (i % 5) * 0.03,
      noise: 0.05,
      ...(i % 11 === 0
        ? { anomalies: [{ daysAgo: 3 + (i % 7), factor: 4 }] }
        : {}),
    };
    seed.budgets!.push({
      subscriptionId: d.subscriptionId,
      name: `budget-dp-domain-${d.name}`,
      // Every third domain is forecast over its budget.
      amount: Math.round(runRate * (i % 3 === 0 ? 0.9 : 1.2)),
      timeGrain: 'Monthly',
      notifications: {
        actual80: {
          enabled: true,
          operator: 'GreaterThanOrEqualTo',
          threshold: 80,
          thresholdType: 'Actual',
          contactEmails: [`${d.name}@contoso.example`],
        },
        forecast100: {
          enabled: true,
          operator: 'GreaterThanOrEqualTo',
          threshold: 100,
          thresholdType: 'Forecasted',
          contactEmails: [`${d.name}@contoso.example`],
        },
      },
    });
  });
  return startLocalAzureEndpoint({ seed });
}

function callsByKind(endpoint: LocalAzureEndpoint) {
  const { byRoute } = endpoint.requests.snapshot();
  const sum = (test: (route: string) => boolean) =>
    Object.entries(byRoute)
      .filter(([route]) => test(route))
      .reduce((total, [, n]) => total + n, 0);
  return {
    costManagement: sum(r => /Microsoft\.CostManagement/i.test(r)),
    query: sum(r => /Microsoft\.CostManagement\/query/i.test(r)),
    forecast: sum(r => /Microsoft\.CostManagement\/forecast/i.test(r)),
    alerts: sum(r => /Microsoft\.CostManagement\/alerts/i.test(r)),
    budgets: sum(r => /Microsoft\.Consumption\/budgets/i.test(r)),
  };
}

async function callsPerRefresh(): Promise<boolean> {
  console.log(
    '1. Azure calls per refresh (one management-group scope, grouped by SubscriptionId)',
  );
  const rows: Array<{
    size: number;
    calls: ReturnType<typeof callsByKind>;
    queries: number;
    pages: number;
    ms: number;
    stale: string[];
  }> = [];
  for (const size of sizes()) {
    const domains = benchDomains(size);
    const endpoint = await startEndpoint(domains);
    try {
      const azure = clientsFor(endpoint);
      const collector = new CostCollector({
        azure,
        scope: {
          kind: 'managementGroup',
          id: DEMO_PLATFORM_MANAGEMENT_GROUPS.root,
          path: `/providers/Microsoft.Management/managementGroups/${DEMO_PLATFORM_MANAGEMENT_GROUPS.root}`,
        },
        grouping: 'subscription',
        budgetConcurrency: 8,
      });
      endpoint.requests.clear();
      const start = performance.now();
      const snapshot = await collector.collect({
        subscriptions: domains.map(d => d.subscriptionId),
      });
      const ms = performance.now() - start;
      const calls = callsByKind(endpoint);
      const usage = (snapshot as { usage?: { pages?: number } }).usage;
      const pages = usage?.pages ?? calls.query;
      const stale =
        (snapshot as { staleReasons?: string[] }).staleReasons ?? [];
      const seen = Object.keys(
        (snapshot as { usage: { groups: Record<string, unknown> } }).usage
          .groups,
      );
      const missing = domains.filter(d => !seen.includes(d.subscriptionId));
      if (missing.length > 0) {
        stale.push(`${missing.length} subscriptions without usage`);
      }
      rows.push({
        size,
        calls,
        // A query's first page is what the quota charges as a query; the
        // rest are its nextLink pages.
        queries: 1,
        pages,
        ms,
        stale,
      });
    } finally {
      await endpoint.close();
    }
  }
  let ok = true;
  for (const r of rows) {
    const queryLike = r.calls.costManagement - (r.calls.query - r.queries);
    console.log(
      `   ${String(r.size).padStart(
        4,
      )} subscriptions: Cost Management requests ${
        r.calls.costManagement
      } (query ${r.queries} + nextLink pages ${
        r.calls.query - r.queries
      }, forecast ${r.calls.forecast}, alerts ${
        r.calls.alerts
      }) → ${queryLike} queries per refresh; Consumption budget lists ${
        r.calls.budgets
      }; naive per-subscription Cost Management calls ${
        3 * r.size
      } (query + forecast + alerts each), ratio naive/ours ${(
        (3 * r.size) /
        r.calls.costManagement
      ).toFixed(1)}×; wall ${(r.ms / 1000).toFixed(2)} s`,
    );
    if (r.stale.length > 0) {
      console.log(
        `      FAIL: the refresh was not clean: ${r.stale.join('; ')}`,
      );
      ok = false;
    }
  }
  const queryCounts = rows.map(
    r => r.calls.costManagement - (r.calls.query - r.queries),
  );
  if (new Set(queryCounts).size !== 1) {
    console.log(
      `   FAIL: Cost Management queries per refresh differ by size: ${queryCounts.join(
        ' vs ',
      )}`,
    );
    ok = false;
  } else {
    console.log(
      `   Cost Management queries per refresh: ${queryCounts.join(
        ' = ',
      )} for ${rows
        .map(r => r.size)
        .join(
          ' and ',
        )} subscriptions (nextLink pages grow with rows: 90 days × subscriptions / 5,000 rows a page)`,
    );
  }
  return ok;
}

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

/** Runs autocannon in a child process on core 1 and returns its figures. */
function load(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  overallRate?: number;
  seconds: number;
}): Promise<LoadResult> {
  return runChild(['node', '-e', autocannonScript, JSON.stringify(options)]);
}

/** USERS people, one request a second each, at spread moments (paced-load.js). */
function pacedLoad(options: {
  url: string;
  headers: Record<string, string>;
  users: number;
  seconds: number;
}): Promise<LoadResult> {
  return runChild([
    'node',
    path.join(__dirname, 'paced-load.js'),
    JSON.stringify(options),
  ]);
}

const autocannonScript = `
    const autocannon = require('autocannon');
    const o = JSON.parse(process.argv[1]);
    autocannon({
      url: o.url,
      headers: o.headers,
      connections: o.connections,
      ...(o.overallRate ? { overallRate: o.overallRate } : {}),
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
      if (code !== 0) reject(new Error(`autocannon exited with ${code}`));
      else {
        const used = process.cpuUsage(cpuBefore);
        resolve({
          ...(JSON.parse(out) as LoadResult),
          serverCpuMs: (used.user + used.system) / 1000,
        });
      }
    });
  });
}

function cpuShare(ms: number | undefined, seconds: number): string {
  return ms === undefined ? '?' : `${Math.round(ms / (seconds * 10))}%`;
}

async function estateLatency(): Promise<boolean> {
  const domains = benchDomains(DOMAINS);
  const endpoint = await startEndpoint(domains);
  const entities: Entity[] = domains.map(d => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: d.name,
      namespace: 'default',
      annotations: {
        'dataplatform.contoso.com/azure-subscription-id': d.subscriptionId,
      },
    },
    spec: { owner: `group:default/${d.name}-domain-owners` },
  }));
  const { server } = await startTestBackend({
    features: [
      costPlugin,
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
            return {
              userEntityRef,
              ownershipEntityRefs: [userEntityRef, PLATFORM_TEAM],
            };
          },
        }),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          dataplatform: {
            permissions: { platformTeam: PLATFORM_TEAM },
            cost: { refresh: { initialDelaySeconds: 0, intervalMinutes: 60 } },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  // The backend (and the local endpoint in it) on core 0; the load on core 1.
  if (hasTaskset()) {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], {
      stdio: 'ignore',
    });
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/api/dataplatform-cost/estate`;
  // As Chromium sends them: the overview is served compressed.
  const headers = {
    Authorization: mockCredentials.user.header(PLATFORM_ENGINEER),
    'Accept-Encoding': 'gzip, deflate, br, zstd',
  };
  const deadline = Date.now() + 180_000;
  let estate: EstateCost | undefined;
  for (;;) {
    const res = await fetch(url, { headers });
    if (res.ok) {
      const body = (await res.json()) as EstateCost;
      if (body.data.asOf && body.domains.length === DOMAINS) {
        estate = body;
        break;
      }
    }
    if (Date.now() > deadline) break;
    await new Promise(r => setTimeout(r, 250));
  }
  if (!estate) {
    console.log(
      '   FAIL: the first refresh never produced the estate overview',
    );
    await endpoint.close();
    return false;
  }
  const bytes = Buffer.byteLength(JSON.stringify(estate));
  const compressed = Number(
    (await fetch(url, { headers })).headers.get('content-length') ?? 0,
  );
  const withFigures = estate.domains.filter(d => d.summary).length;
  console.log(
    `2. Estate overview: ${
      estate.domains.length
    } domains (${withFigures} with figures), ${(bytes / 1024).toFixed(
      0,
    )} KiB of JSON, ${(compressed / 1024).toFixed(
      0,
    )} KiB gzipped on the wire; backend on core 0, autocannon on core 1`,
  );
  // What the backend's own event loop went through meanwhile: a stall there
  // (a long garbage collection, say) delays every request in flight.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
  const paced = await pacedLoad({
    url,
    headers,
    users: USERS,
    seconds: SECONDS,
  });
  loopDelay.disable();
  gcObserver.disconnect();
  const failures = paced.non2xx + paced.errors + paced.timeouts;
  console.log(
    `   ${USERS} users × 1 req/s (own keep-alive connection each, spread over the second) for ${SECONDS} s: ${
      paced.requests
    } requests, ${paced.throughput.toFixed(0)} req/s; latency p50 ${
      paced.p50
    } ms, p90 ${paced.p90} ms, p99 ${paced.p99} ms, max ${
      paced.max
    } ms (target p99 < ${P99_TARGET_MS} ms: ${
      paced.p99 < P99_TARGET_MS ? 'met' : 'MISSED'
    }); failed ${failures}; CPU: backend ${cpuShare(
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
  const saturated = await load({
    url,
    headers,
    connections: 100,
    seconds: Math.min(SECONDS, 15),
  });
  console.log(
    `   saturation (100 connections, no rate limit, ${Math.min(
      SECONDS,
      15,
    )} s): ${saturated.throughput.toFixed(0)} req/s on one core; p50 ${
      saturated.p50
    } ms, p99 ${saturated.p99} ms; failed ${
      saturated.non2xx + saturated.errors + saturated.timeouts
    }; headroom ${(saturated.throughput / USERS).toFixed(
      1,
    )}× the 1,000 req/s of the target load; CPU: backend ${cpuShare(
      saturated.serverCpuMs,
      Math.min(SECONDS, 15),
    )}, load generator ${cpuShare(saturated.loadCpuMs, Math.min(SECONDS, 15))}`,
  );
  await endpoint.close();
  return paced.p99 < P99_TARGET_MS && failures === 0;
}

async function main() {
  // Latency first: the 500-subscription refresh leaves a heap whose
  // collection would otherwise land in the middle of the measurement.
  const latency = await estateLatency();
  const calls = await callsPerRefresh();
  process.exit(calls && latency ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
