/*
 * Health evaluation against the in-process local HTTPS Azure endpoint,
 * through the real SDK clients of the access layer:
 *
 *   1. one evaluation cycle over N domains × 20 signals (10 KQL log signals,
 *      10 platform metrics on 5 storage accounts per domain): wall time per
 *      cycle, Azure calls per cycle by route, calls against signals (metrics
 *      must be batched);
 *   2. freshness: the health plugin in a backend with the real scheduler at
 *      its default interval (60 s): time from a scenario change on the
 *      endpoint to the new state in the plugin's HTTP API, with the change
 *      made at several points of the evaluation cycle.
 *
 *   ./portal bench health
 *
 * Environment: BENCH_DOMAINS (default 200), BENCH_CYCLES (default 5),
 * BENCH_FRESHNESS_SAMPLES (default 4; 0 skips part 2).
 * Client and endpoint share the one core the benchmark is pinned to, so the
 * times include the endpoint's work.
 */
import fs from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
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
  type LocalAzureEndpoint,
  demoTenantSeed,
  startLocalAzureEndpoint,
} from '../../packages/azure-local-endpoint/src';
import { azureClientsServiceRef } from '../../plugins/azure-node/src';
import {
  type EntityHealthDetailResponse,
  type HealthModel,
  type HealthState,
  parseHealthModel,
} from '../../plugins/health-common/src';
import healthPlugin, {
  evaluateHealthModels,
} from '../../plugins/health-backend/src';
import { clientsFor, percentile, wholeNumber } from '../lib';

const DOMAINS = wholeNumber('BENCH_DOMAINS', 200, 1);
const CYCLES = wholeNumber('BENCH_CYCLES', 5, 1);
const FRESHNESS_SAMPLES = wholeNumber('BENCH_FRESHNESS_SAMPLES', 4, 0);
const LOG_SIGNALS = 10;
const STORAGE_ACCOUNTS = 5;
const REGIONS = ['westeurope', 'northeurope', 'eastus', 'westus2'];
/** Every tenth domain is scripted degraded, so the states are checked, not just counted. */
const DEGRADED_EVERY = 10;
const FRESHNESS_TARGET_MS = 60_000;

const mean = (values: number[]) =>
  values.reduce((a, b) => a + b, 0) / values.length;
const ms = (n: number) => `${n.toFixed(0)} ms`;

function guid(i: number) {
  const hex = (0x10000000 + i).toString(16).slice(-8);
  return `${hex}-0000-4000-8000-${(0xb0000000000 + i)
    .toString(16)
    .padStart(12, '0')}`;
}

interface BenchDomain {
  name: string;
  subscriptionId: string;
  region: string;
  workspace: string;
  storage: string[];
  degraded: boolean;
}

function benchDomains(count: number): BenchDomain[] {
  return Array.from({ length: count }, (_, i) => {
    const subscriptionId = guid(i);
    const name = `bench-${String(i).padStart(4, '0')}`;
    const group = `rg-dp-${name}`;
    return {
      name,
      subscriptionId,
      region: REGIONS[i % REGIONS.length],
      workspace: `/subscriptions/${subscriptionId}/resourceGroups/${group}-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-${name}`,
      storage: Array.from(
        { length: STORAGE_ACCOUNTS },
        (__, k) =>
          `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Storage/storageAccounts/st${name.replace(
            '-',
            '',
          )}${k}`,
      ),
      degraded: i % DEGRADED_EVERY === 0,
    };
  });
}

const logQuery = (k: number) =>
  `PipelineRuns_${k}_CL\n| where Status == "Failed"\n| summarize value = count() by bin(TimeGenerated, 15m)\n| top 1 by TimeGenerated`;

/** The model text, as a domain would write it; parsed like a catalog file. */
function modelText(d: BenchDomain): string {
  const lines = [
    'apiVersion: dataplatform.contoso.com/health-model/v1',
    'kind: HealthModel',
    'spec:',
    '  components:',
    '    - id: pipelines',
    '      signals:',
  ];
  for (let k = 0; k < LOG_SIGNALS; k++) {
    lines.push(
      `        - id: failures-${k}`,
      '          type: log',
      `          workspace: ${d.workspace}`,
      '          query: |',
      ...logQuery(k)
        .split('\n')
        .map(l => `            ${l}`),
      '          thresholds: { direction: above, degraded: 1, unhealthy: 5 }',
    );
  }
  lines.push('    - id: storage', '      dependsOn: []', '      signals:');
  d.storage.forEach((resource, k) => {
    lines.push(
      `        - id: availability-${k}`,
      '          type: metric',
      `          resources: [${resource}]`,
      `          region: ${d.region}`,
      '          namespace: Microsoft.Storage/storageAccounts',
      '          metric: Availability',
      '          aggregation: average',
      '          thresholds: { direction: below, degraded: 99.9, unhealthy: 99 }',
      `        - id: latency-${k}`,
      '          type: metric',
      `          resources: [${resource}]`,
      `          region: ${d.region}`,
      '          namespace: Microsoft.Storage/storageAccounts',
      '          metric: SuccessE2ELatency',
      '          aggregation: average',
      '          thresholds: { direction: above, degraded: 200, unhealthy: 1000 }',
    );
  });
  return `${lines.join('\n')}\n`;
}

function parse(text: string): HealthModel {
  const result = parseHealthModel(text);
  if (!result.valid) {
    throw new Error(
      `bench model is invalid: ${result.errors
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')}`,
    );
  }
  return result.model;
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
    const resourceGroupName = d.workspace.split('/')[4];
    seed.resourceGroups = [
      ...(seed.resourceGroups ?? []),
      {
        subscriptionId: d.subscriptionId,
        name: resourceGroupName,
        location: d.region,
      },
    ];
    seed.workspaces = [
      ...(seed.workspaces ?? []),
      {
        subscriptionId: d.subscriptionId,
        resourceGroupName,
        name: d.workspace.split('/').at(-1)!,
        location: d.region,
        retentionInDays: 90,
      },
    ];
  }
  const endpoint = await startLocalAzureEndpoint({ seed });
  for (const d of domains) {
    for (let k = 0; k < LOG_SIGNALS; k++) {
      endpoint.monitor.setLogSignal({
        workspace: d.workspace,
        query: logQuery(k),
        // A degraded domain has one pipeline failing now and then.
        script: { baseline: d.degraded && k === 0 ? 2 : 0 },
      });
    }
    for (const resource of d.storage) {
      endpoint.monitor.setMetric({
        resourceId: resource,
        region: d.region,
        metric: 'Availability',
        script: { baseline: 99.99 },
      });
      endpoint.monitor.setMetric({
        resourceId: resource,
        region: d.region,
        metric: 'SuccessE2ELatency',
        script: { baseline: 42 },
      });
    }
  }
  return endpoint;
}

async function routesSince(endpoint: LocalAzureEndpoint) {
  // A call is counted when its response finishes; let those events run.
  await new Promise(resolve => setImmediate(resolve));
  return endpoint.requests.snapshot().byRoute;
}

async function evaluationCycles(): Promise<boolean> {
  const domains = benchDomains(DOMAINS);
  const endpoint = await startEndpoint(domains);
  const clients = clientsFor(endpoint);
  const models = domains.map(d => ({
    entityRef: `domain:default/${d.name}`,
    kind: 'domain' as const,
    title: d.name,
    model: parse(modelText(d)),
  }));
  const signalCount = models.reduce(
    (n, m) => n + m.model.components.reduce((c, x) => c + x.signals.length, 0),
    0,
  );
  console.log(
    `1. Evaluation: ${DOMAINS} domains × ${
      signalCount / DOMAINS
    } signals = ${signalCount} signals per cycle`,
  );

  // One cycle to warm connections, JIT and the model caches.
  await evaluateHealthModels({ models, clients });
  const times: number[] = [];
  let ok = true;
  let last: Awaited<ReturnType<typeof evaluateHealthModels>> | undefined;
  let routes: Record<string, number> = {};
  for (let c = 0; c < CYCLES; c++) {
    endpoint.requests.clear();
    const started = performance.now();
    last = await evaluateHealthModels({
      models,
      clients,
      previous: last?.results,
    });
    times.push(performance.now() - started);
    routes = await routesSince(endpoint);
  }
  const out = last!;
  console.log(
    `   wall time per cycle: mean ${ms(mean(times))}, p95 ${ms(
      percentile(times, 0.95),
    )}, min ${ms(Math.min(...times))} (${CYCLES} cycles)`,
  );
  console.log(`   per signal: ${(mean(times) / signalCount).toFixed(2)} ms`);
  const total = Object.values(routes).reduce((a, b) => a + b, 0);
  console.log(`   Azure calls per cycle: ${total}`);
  for (const [route, n] of Object.entries(routes)) {
    console.log(`     ${String(n).padStart(6)}  ${route}`);
  }
  console.log(
    `   log signals ${out.signals.log} → ${out.calls.logs} queries (ratio ${(
      out.calls.logs / out.signals.log
    ).toFixed(2)}); metric signals ${out.signals.metric} → ${
      out.calls.metrics
    } batch calls (ratio ${(out.calls.metrics / out.signals.metric).toFixed(
      3,
    )}, ${(out.signals.metric / out.calls.metrics).toFixed(
      1,
    )} signals per call)`,
  );

  const states = new Map(out.summaries.map(s => [s.entityRef, s.state]));
  const wrong = domains.filter(
    d =>
      states.get(`domain:default/${d.name}`) !==
      (d.degraded ? 'degraded' : 'healthy'),
  );
  const unknown = out.summaries.reduce((n, s) => n + s.signalCounts.unknown, 0);
  if (wrong.length > 0 || unknown > 0) {
    console.log(
      `   FAIL: ${wrong.length} domains in an unexpected state (e.g. ${wrong
        .slice(0, 3)
        .map(d => `${d.name}: ${states.get(`domain:default/${d.name}`)}`)
        .join(', ')}), ${unknown} unknown signals`,
    );
    ok = false;
  } else {
    console.log(
      `   states as scripted: ${
        domains.filter(d => d.degraded).length
      } degraded, ${
        domains.filter(d => !d.degraded).length
      } healthy, 0 unknown signals`,
    );
  }
  await endpoint.close();
  return ok;
}

/** Seconds after a cycle starts reading at which the scenario changes. */
const FRESHNESS_PHASES = [0.5, 15, 30, 45];

async function freshness(): Promise<boolean> {
  const domains = benchDomains(DOMAINS);
  const [target] = domains;
  const endpoint = await startEndpoint(domains);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-health-'));
  await fs.mkdir(path.join(root, 'health'));
  const entities: Entity[] = [];
  for (const d of domains) {
    await fs.writeFile(
      path.join(root, 'health', `${d.name}.health.yaml`),
      modelText(d),
    );
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: d.name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(
            root,
            'domains.yaml',
          )}`,
          'dataplatform.contoso.com/health-model': `./health/${d.name}.health.yaml`,
        },
      },
      spec: { owner: 'group:default/platform-team' },
    });
  }
  const { server } = await startTestBackend({
    features: [
      healthPlugin,
      // The real scheduler: the task runs at its configured frequency.
      schedulerServiceFactory,
      createServiceFactory({
        service: azureClientsServiceRef,
        deps: {},
        factory: () => clientsFor(endpoint),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          dataplatform: {
            permissions: { platformTeam: 'group:default/platform-team' },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/api/dataplatform-health/entities/domain/default/${target.name}`;
  const headers = {
    Authorization: mockCredentials.user.header('user:default/priya.patel'),
  };
  const read = async (): Promise<HealthState | undefined> => {
    const res = await fetch(url, { headers });
    if (res.status === 404) return undefined;
    if (!res.ok) {
      throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    }
    return ((await res.json()) as EntityHealthDetailResponse).summary.state;
  };
  const sleep = (n: number) => new Promise(resolve => setTimeout(resolve, n));
  /** Polls until `check` holds; the time it took, or undefined past the deadline. */
  async function until(check: () => Promise<boolean>, deadlineMs: number) {
    const start = Date.now();
    for (;;) {
      if (await check()) return Date.now() - start;
      if (Date.now() - start > deadlineMs) return undefined;
      await sleep(100);
    }
  }
  /**
   * Waits for a cycle to start reading: Azure calls begin after a quiet
   * spell, as the evaluator only calls Azure during a cycle.
   */
  async function nextCycleStart() {
    let quietSince = Date.now();
    let seen = endpoint.requests.snapshot().total;
    for (;;) {
      await sleep(50);
      const total = endpoint.requests.snapshot().total;
      if (total !== seen) {
        if (Date.now() - quietSince > 3_000) return;
        seen = total;
        quietSince = Date.now();
      }
    }
  }

  console.log(
    `2. Freshness: the health plugin with the real scheduler at its default interval, evaluating the same ${DOMAINS} domains; the scenario changes ${FRESHNESS_PHASES.slice(
      0,
      FRESHNESS_SAMPLES,
    ).join(' s, ')} s after a cycle starts reading`,
  );
  if (
    (await until(async () => (await read()) !== undefined, 240_000)) ===
    undefined
  ) {
    console.log('   FAIL: the first evaluation never arrived');
    return false;
  }
  const samples: number[] = [];
  let ok = true;
  let failing = false;
  for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
    const phase = FRESHNESS_PHASES[i % FRESHNESS_PHASES.length];
    await nextCycleStart();
    await sleep(phase * 1000);
    failing = !failing;
    const want: HealthState = failing ? 'unhealthy' : 'degraded';
    endpoint.monitor.setLogSignal({
      workspace: target.workspace,
      query: logQuery(0),
      // Bench domain 0 is scripted degraded (2 failed runs); 9 makes it unhealthy.
      script: { baseline: failing ? 9 : 2 },
    });
    const changedAt = Date.now();
    const seen = await until(async () => (await read()) === want, 240_000);
    if (seen === undefined) {
      console.log(`   sample ${i + 1}: FAIL, state never became ${want}`);
      ok = false;
      continue;
    }
    const took = Date.now() - changedAt;
    samples.push(took);
    console.log(
      `   change ${phase} s into a cycle → ${want} in the API after ${ms(
        took,
      )}${took < FRESHNESS_TARGET_MS ? '' : ' (over the target)'}`,
    );
  }
  if (samples.length > 0) {
    const max = Math.max(...samples);
    console.log(
      `   freshness: mean ${ms(mean(samples))}, max ${ms(max)}; target < ${
        FRESHNESS_TARGET_MS / 1000
      } s: mean/target ${(mean(samples) / FRESHNESS_TARGET_MS).toFixed(
        2,
      )}, max/target ${(max / FRESHNESS_TARGET_MS).toFixed(2)}, ${
        samples.filter(t => t < FRESHNESS_TARGET_MS).length
      } of ${samples.length} samples within`,
    );
    console.log(
      '   (a change just after its signal was read waits for the next cycle: at most the interval plus the time a cycle takes)',
    );
  }
  await endpoint.close();
  await fs.rm(root, { recursive: true, force: true });
  return ok;
}

async function main() {
  let ok = await evaluationCycles();
  if (FRESHNESS_SAMPLES > 0) ok = (await freshness()) && ok;
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
