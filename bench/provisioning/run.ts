/*
 * Provisioning against the in-process local HTTPS Azure endpoint, through
 * the real SDK clients of the access layer:
 *
 *   1. vending N domains with the four scaffolder actions, as the
 *      provision-data-domain template chains them (fresh task);
 *   2. the same N domains again with empty checkpoint stores (the task
 *      started over after a killed backend), then the endpoint is checked
 *      for exactly one subscription, budget, workspace and assignment per
 *      role of each domain (exit 1 otherwise);
 *   3. the same N domains with the first run's checkpoint stores (a task
 *      recovered with its checkpoints);
 *   4. the sandbox lease reconciler over M leased sandbox subscriptions:
 *      a steady run, then one where 10% of the leases have ended.
 *
 *   ./portal bench provisioning
 *
 * Environment: BENCH_DOMAINS (default 50), BENCH_LEASES (default 200).
 * Client and endpoint share the one core the benchmark is pinned to, so the
 * times include the endpoint's work.
 */
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  type LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '../../packages/azure-local-endpoint/src';
import { DefaultAzureClients } from '../../plugins/azure-node/src';
import {
  BUILT_IN_ROLES,
  DOMAIN_OWNER_ROLES,
  type DomainPlan,
  type DomainRequestInput,
  type OwnerGroupFacts,
  type SandboxLease,
  type SandboxLeaseInput,
  buildDomainPlan,
  buildSandboxPlan,
  formatProblems,
  sandboxResourceNames,
  validateDomainRequestInput,
  validateSandboxLeaseInput,
} from '../../plugins/provisioning-common/src';
import { SandboxLeaseReconciler } from '../../plugins/provisioning-backend/src/services/sandboxLeases/SandboxLeaseReconciler';
import { InMemorySandboxLeaseRepository } from '../../plugins/provisioning-backend/src/services/sandboxLeases/SandboxLeaseRepository.test-helpers';
import type { ReconcileSummary } from '../../plugins/provisioning-backend/src/services/sandboxLeases/types';
import { CheckpointStore } from '../../plugins/scaffolder-backend-module-azure/src/__testUtils__/actionTesting';
import { createAssignDomainRolesAction } from '../../plugins/scaffolder-backend-module-azure/src/actions/assignDomainRoles';
import { createBudgetAction } from '../../plugins/scaffolder-backend-module-azure/src/actions/createBudget';
import { createWorkspaceAction } from '../../plugins/scaffolder-backend-module-azure/src/actions/createWorkspace';
import { createVendSubscriptionAction } from '../../plugins/scaffolder-backend-module-azure/src/actions/vendSubscription';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new Error(
      `${name} is "${raw}"; allowed: a whole number from 1 to 100000`,
    );
  }
  return value;
}

const DOMAINS = positiveInteger('BENCH_DOMAINS', 50);
const LEASES = positiveInteger('BENCH_LEASES', 200);
/** Domains vended (and re-run) before measuring, so the figures are of warm code. */
const WARMUP_DOMAINS = 2;
const STEADY_RUNS = 3;
const EXPIRED_SHARE = 0.1;
const DAY_MS = 86_400_000;
const BILLING_SCOPE =
  '/providers/Microsoft.Billing/billingAccounts/7c69a373-demo/enrollmentAccounts/dataplatform';
const MUTATING = /^(PUT|PATCH|POST|DELETE) /;

/**
 * Drops info and debug; warnings and errors go to stderr, so a benchmark
 * that quietly went wrong still shows it.
 */
const logger: LoggerService = {
  info: () => {},
  debug: () => {},
  warn: message => console.error(`warn: ${message}`),
  error: message => console.error(`error: ${message}`),
  child: () => logger,
};

type Routes = Record<string, number>;

async function callsSince(endpoint: LocalAzureEndpoint): Promise<Routes> {
  // The endpoint counts a call when its response has finished; let those
  // events run before reading.
  await new Promise(resolve => setImmediate(resolve));
  return endpoint.requests.snapshot().byRoute;
}

const sum = (routes: Routes, filter: (route: string) => boolean = () => true) =>
  Object.entries(routes)
    .filter(([route]) => filter(route))
    .reduce((total, [, n]) => total + n, 0);
const mutations = (routes: Routes) => sum(routes, r => MUTATING.test(r));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
const mean = (values: number[]) =>
  values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => percentile(values, 0.5);

function clientsFor(endpoint: LocalAzureEndpoint) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
  });
}

/** An owner group known to the endpoint's directory, as the catalog would name it. */
function ownerGroup(
  endpoint: LocalAzureEndpoint,
  name: string,
): OwnerGroupFacts {
  const principalId = randomUUID();
  endpoint.tenant.directory.add({
    objectId: principalId,
    displayName: name,
    type: 'Group',
    mail: `${name}@contoso.example`,
  });
  return {
    ref: `group:default/${name}`,
    principalId,
    email: `${name}@contoso.example`,
  };
}

interface Domain {
  input: DomainRequestInput;
  plan: DomainPlan;
}

function domain(endpoint: LocalAzureEndpoint, name: string): Domain {
  const owner = ownerGroup(endpoint, `${name}-domain-owners`);
  const input: DomainRequestInput = {
    name,
    description: `Benchmark domain ${name}, vended by bench/provisioning.`,
    ownerGroup: owner.ref,
    costCenter: 'CC-1010',
    dataClassification: 'confidential',
    dataResidency: 'eu',
    primaryRegion: 'westeurope',
    monthlyBudget: 2500,
    recoveryTier: 'standard',
  };
  const problems = validateDomainRequestInput(input);
  if (problems.length > 0) {
    throw new Error(`bench domain ${name}: ${formatProblems(problems)}`);
  }
  return {
    input,
    plan: buildDomainPlan(input, {
      managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
      owner,
      requestId: randomUUID(),
    }),
  };
}

/** The four Azure actions, built on clients of their own: a backend that just started. */
function domainActions(endpoint: LocalAzureEndpoint) {
  const clients = clientsFor(endpoint);
  return {
    vend: createVendSubscriptionAction({
      clients,
      billingScope: BILLING_SCOPE,
    }),
    budget: createBudgetAction({ clients }),
    roles: createAssignDomainRolesAction({ clients }),
    workspace: createWorkspaceAction({ clients }),
  };
}

/** Runs one step's handler as the scaffolder would, with the task's checkpoint store. */
async function runStep(
  action: { handler: (ctx: any) => Promise<void> },
  input: Record<string, unknown>,
  store: CheckpointStore,
): Promise<Record<string, any>> {
  const outputs: Record<string, any> = {};
  await action.handler({
    input,
    logger,
    isDryRun: false,
    checkpoint: store.checkpoint,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    workspacePath: '/nonexistent/bench-provisioning',
    task: { id: 'bench-provisioning' },
    step: { id: 'bench', name: 'bench' },
  });
  return outputs;
}

/** The Azure steps of templates/provision-data-domain, with the same inputs. */
async function provision(
  actions: ReturnType<typeof domainActions>,
  { input, plan }: Domain,
  store: CheckpointStore,
): Promise<string> {
  const subscription = await runStep(
    actions.vend,
    {
      aliasName: plan.subscription.aliasName,
      displayName: plan.subscription.displayName,
      managementGroup: 'domains',
      workload: 'Production',
      tags: plan.subscription.tags,
    },
    store,
  );
  const subscriptionId: string = subscription.subscriptionId;
  await runStep(
    actions.budget,
    {
      subscriptionId,
      budgetName: plan.budget.name,
      amount: plan.budget.amount,
      contactEmails: plan.budget.contactEmails,
    },
    store,
  );
  await runStep(
    actions.roles,
    {
      subscriptionId,
      principalId: plan.roleAssignments[0].principalId,
      principalGroup: input.ownerGroup,
    },
    store,
  );
  await runStep(
    actions.workspace,
    {
      subscriptionId,
      resourceGroupName: plan.workspace.resourceGroupName,
      workspaceName: plan.workspace.name,
      region: plan.workspace.region,
      retentionInDays: plan.workspace.retentionInDays,
      auditTables: plan.workspace.auditTables,
      auditTotalRetentionInDays: plan.workspace.auditTotalRetentionInDays,
      tags: plan.subscription.tags,
    },
    store,
  );
  return subscriptionId;
}

interface VendingRun {
  times: number[];
  routes: Routes;
  stores: CheckpointStore[];
  subscriptionIds: string[];
}

async function vendAll(
  endpoint: LocalAzureEndpoint,
  domains: Domain[],
  storeFor: (index: number) => CheckpointStore,
): Promise<VendingRun> {
  const actions = domainActions(endpoint);
  endpoint.requests.clear();
  const run: VendingRun = {
    times: [],
    routes: {},
    stores: [],
    subscriptionIds: [],
  };
  for (const [index, d] of domains.entries()) {
    const store = storeFor(index);
    const started = performance.now();
    run.subscriptionIds.push(await provision(actions, d, store));
    run.times.push(performance.now() - started);
    run.stores.push(store);
  }
  run.routes = await callsSince(endpoint);
  return run;
}

/** What a task recovered after a crash gets back: the stored checkpoint values. */
const recovered = (store: CheckpointStore) =>
  new CheckpointStore(Object.fromEntries(store.values));

/**
 * Counts at the endpoint, read from its tenant: one subscription per alias
 * display name, and in it exactly one budget, one workspace and one
 * assignment of each owner role to the owner group.
 */
function verifyDomains(endpoint: LocalAzureEndpoint, domains: Domain[]) {
  const { tenant } = endpoint;
  const problems: string[] = [];
  const totals = { subscriptions: 0, budgets: 0, workspaces: 0, roles: 0 };
  const subscriptions = tenant.listSubscriptions();
  for (const { plan } of domains) {
    const name = plan.subscription.displayName;
    const matching = subscriptions.filter(s => s.displayName === name);
    totals.subscriptions += matching.length;
    if (matching.length !== 1) {
      problems.push(`${name}: ${matching.length} subscriptions, expected 1`);
      continue;
    }
    const { subscriptionId } = matching[0];
    const budgets = tenant.budgets.list(subscriptionId);
    const workspaces = tenant.logAnalytics.listInSubscription(subscriptionId);
    const assignments = tenant.roleAssignments.list(
      { subscriptionId },
      {
        atScope: false,
        principalId: plan.roleAssignments[0].principalId.toLowerCase(),
      },
    );
    totals.budgets += budgets.length;
    totals.workspaces += workspaces.length;
    totals.roles += assignments.length;
    if (budgets.length !== 1 || budgets[0].name !== plan.budget.name) {
      problems.push(
        `${name}: budgets [${budgets.map(b => b.name)}], expected [${
          plan.budget.name
        }]`,
      );
    }
    if (workspaces.length !== 1 || workspaces[0].name !== plan.workspace.name) {
      problems.push(
        `${name}: workspaces [${workspaces.map(w => w.name)}], expected [${
          plan.workspace.name
        }]`,
      );
    }
    for (const role of DOMAIN_OWNER_ROLES) {
      const n = assignments.filter(
        a => a.roleDefinitionGuid === BUILT_IN_ROLES[role],
      ).length;
      if (n !== 1)
        problems.push(`${name}: ${n} assignments of ${role}, expected 1`);
    }
    if (assignments.length !== DOMAIN_OWNER_ROLES.length) {
      problems.push(
        `${name}: ${assignments.length} role assignments for the owner group, expected ${DOMAIN_OWNER_ROLES.length}`,
      );
    }
  }
  return { problems, totals };
}

/**
 * A running lease with its sandbox at the endpoint, as provisioning leaves
 * it: the alias under the sandboxes group with the lease's tags, its budget,
 * and the owner group's Contributor (and Reader) on it.
 */
function leasedSandbox(
  endpoint: LocalAzureEndpoint,
  index: number,
  now: Date,
  owner: OwnerGroupFacts,
  endsInDays: number,
): SandboxLease {
  const { tenant } = endpoint;
  const id = randomUUID();
  const start = new Date(now.getTime() - 20 * DAY_MS);
  const input: SandboxLeaseInput = {
    name: `bench-sandbox-${index}`,
    purpose: 'Benchmark sandbox of bench/provisioning',
    ownerGroup: owner.ref,
    costCenter: 'CC-1020',
    dataResidency: 'eu',
    durationDays: 20 + endsInDays,
    budgetCap: 500,
  };
  const problems = validateSandboxLeaseInput(input);
  if (problems.length > 0) {
    throw new Error(`bench lease ${input.name}: ${formatProblems(problems)}`);
  }
  const plan = buildSandboxPlan(input, {
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    owner,
    start,
    leaseId: id,
  });
  const names = sandboxResourceNames(input.name);
  const { alias } = tenant.createAlias(names.aliasName, {
    displayName: names.subscriptionDisplayName,
    workload: 'DevTest',
    managementGroupId: DEMO_MANAGEMENT_GROUPS.sandboxes,
    tags: plan.subscription.tags,
  });
  const subscriptionId = alias.subscriptionId;
  tenant.budgets.createOrUpdate(subscriptionId, plan.budget.name, {
    category: 'Cost',
    amount: plan.budget.amount,
    timeGrain: 'Monthly',
    timePeriod: {
      startDate: `${start.toISOString().slice(0, 8)}01`,
      endDate: plan.expiresOn,
    },
    notifications: Object.fromEntries(
      plan.budget.notifications.map(n => [
        `${n.thresholdType}_GreaterThan_${n.threshold}_Percent`,
        {
          enabled: true,
          operator: 'GreaterThan' as const,
          threshold: n.threshold,
          thresholdType: n.thresholdType,
          contactEmails: plan.budget.contactEmails,
          contactGroups: [],
          contactRoles: [],
        },
      ]),
    ),
  });
  for (const role of ['Contributor', 'Reader'] as const) {
    tenant.roleAssignments.create({ subscriptionId }, randomUUID(), {
      roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`,
      principalId: owner.principalId,
      principalType: 'Group',
    });
  }
  return {
    id,
    input,
    plan,
    state: 'active',
    requestedBy: 'user:default/bench',
    createdAt: start.toISOString(),
    expiresAt: new Date(now.getTime() + endsInDays * DAY_MS).toISOString(),
    extensionsUsed: 0,
    subscriptionId,
    history: [
      {
        at: start.toISOString(),
        state: 'active',
        note: 'activated',
        by: 'scheduler',
      },
    ],
    updatedAt: start.toISOString(),
  };
}

interface ReconcileRun {
  ms: number;
  routes: Routes;
  summary: ReconcileSummary;
}

async function reconcileOnce(
  endpoint: LocalAzureEndpoint,
  reconciler: SandboxLeaseReconciler,
): Promise<ReconcileRun> {
  endpoint.requests.clear();
  const started = performance.now();
  const summary = await reconciler.reconcileAll();
  const ms = performance.now() - started;
  return { ms, routes: await callsSince(endpoint), summary };
}

async function benchLeases(endpoint: LocalAzureEndpoint) {
  const { tenant } = endpoint;
  let now = new Date();
  const expiring = Math.max(1, Math.round(LEASES * EXPIRED_SHARE));
  // Owners hold a few sandboxes each, as the policy allows.
  const owners = Array.from({ length: Math.ceil(LEASES / 3) }, (_, i) =>
    ownerGroup(endpoint, `bench-team-${i}-domain-owners`),
  );
  // The first `expiring` leases end in 10 days, the others in 60: after
  // 11 days those have ended and the others are still far from their
  // warning window.
  const leases = Array.from({ length: LEASES }, (_, i) =>
    leasedSandbox(
      endpoint,
      i,
      now,
      owners[i % owners.length],
      i < expiring ? 10 : 60,
    ),
  );
  const repository = new InMemorySandboxLeaseRepository(leases);
  const reconciler = new SandboxLeaseReconciler({
    clients: clientsFor(endpoint),
    repository,
    notifier: { notifyOwner: async () => {} },
    logger,
    now: () => now,
  });

  const failIf = (run: ReconcileRun, label: string, transitions: number) => {
    const { summary } = run;
    if (summary.checked !== LEASES || summary.errors.length > 0) {
      throw new Error(
        `${label}: checked ${
          summary.checked
        } of ${LEASES} leases, errors: ${summary.errors
          .slice(0, 3)
          .map(e => `${e.leaseId}: ${e.message}`)
          .join('; ')}`,
      );
    }
    if (summary.transitions.length !== transitions) {
      throw new Error(
        `${label}: ${summary.transitions.length} state changes, expected ${transitions}`,
      );
    }
  };

  // The first run builds an SDK client per subscription; measured are the
  // runs after it, as the scheduled task runs in a backend that has been up.
  failIf(await reconcileOnce(endpoint, reconciler), 'warm-up run', 0);
  const steady: ReconcileRun[] = [];
  for (let i = 0; i < STEADY_RUNS; i++) {
    const run = await reconcileOnce(endpoint, reconciler);
    failIf(run, 'steady run', 0);
    steady.push(run);
  }

  now = new Date(now.getTime() + 11 * DAY_MS);
  const expiry = await reconcileOnce(endpoint, reconciler);
  // active → expired → decommissioned for each ended lease.
  failIf(expiry, 'expiry run', expiring * 2);
  const stillThere = leases.slice(0, expiring).filter(l => {
    const s = tenant.getSubscription(l.subscriptionId!);
    return (
      s.managementGroupId !== DEMO_MANAGEMENT_GROUPS.decommissioned ||
      s.state === 'Enabled'
    );
  });
  if (stillThere.length > 0) {
    throw new Error(
      `expiry run: ${stillThere.length} ended sandboxes are not cancelled under ${DEMO_MANAGEMENT_GROUPS.decommissioned}`,
    );
  }
  const steadyMedian = steady.find(
    r => r.ms === median(steady.map(s => s.ms)),
  )!;
  return { steady: steadyMedian, expiry, expiring };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const per = (n: number, d: number) => (n / d).toFixed(1);
const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);

/** Route templates, shortened to fit a terminal (see the legend printed with them). */
function shortRoute(route: string): string {
  return route
    .replace('/subscriptions/:subscriptionId', '/{sub}')
    .replace('/resourcegroups/:resourceGroupName', '/{rg}')
    .replace(/\/providers\/Microsoft\./g, '/')
    .replace('/managementGroups/:groupId', '/managementGroups/{mg}');
}
const ROUTE_LEGEND =
  '{sub} = /subscriptions/:subscriptionId, {rg} = /resourcegroups/:resourceGroupName, /X = /providers/Microsoft.X';

function routeTable(
  columns: Array<{ label: string; routes: Routes; per: number }>,
  indent = '    ',
) {
  const all = [...new Set(columns.flatMap(c => Object.keys(c.routes)))].sort(
    (a, b) =>
      a.slice(a.indexOf(' ')).localeCompare(b.slice(b.indexOf(' '))) ||
      a.localeCompare(b),
  );
  const width = Math.max(...all.map(r => shortRoute(r).length), 10) + 2;
  const lines = [
    `${indent}${pad('route', width)}${columns
      .map(c => lpad(c.label, 10))
      .join('')}`,
  ];
  for (const route of all) {
    lines.push(
      `${indent}${pad(shortRoute(route), width)}${columns
        .map(c => lpad(per(c.routes[route] ?? 0, c.per), 10))
        .join('')}`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  try {
    const warmup = Array.from({ length: WARMUP_DOMAINS }, (_, i) =>
      domain(endpoint, `bench-warmup-${i}`),
    );
    await vendAll(endpoint, warmup, () => new CheckpointStore());
    await vendAll(endpoint, warmup, () => new CheckpointStore());

    const domains = Array.from({ length: DOMAINS }, (_, i) =>
      domain(endpoint, `bench-domain-${i}`),
    );
    const first = await vendAll(endpoint, domains, () => new CheckpointStore());
    const rerun = await vendAll(endpoint, domains, () => new CheckpointStore());
    const afterRerun = verifyDomains(endpoint, domains);
    const resumed = await vendAll(endpoint, domains, i =>
      recovered(first.stores[i]),
    );
    const afterResume = verifyDomains(endpoint, domains);
    const sameSubscriptions = [rerun, resumed].every(r =>
      r.subscriptionIds.every((id, i) => id === first.subscriptionIds[i]),
    );

    const leases = await benchLeases(endpoint);

    const rows = [
      ['first run', first],
      ['re-run, empty checkpoints', rerun],
      ['resumed, first checkpoints', resumed],
    ] as const;
    console.log(
      `Provisioning on the local HTTPS Azure endpoint with the real SDK clients (${process.version}, client and endpoint on one core): ${DOMAINS} domains, ${LEASES} sandbox leases`,
    );
    console.log(
      `  ${pad('vending a domain (4 actions)', 30)}${lpad('mean', 10)}${lpad(
        'p95',
        10,
      )}${lpad('calls', 8)}${lpad('mutations', 11)}  (per domain)`,
    );
    for (const [label, run] of rows) {
      console.log(
        `    ${pad(label, 28)}${lpad(ms(mean(run.times)), 10)}${lpad(
          ms(percentile(run.times, 0.95)),
          10,
        )}${lpad(per(sum(run.routes), DOMAINS), 8)}${lpad(
          per(mutations(run.routes), DOMAINS),
          11,
        )}`,
      );
    }
    console.log(`  Azure calls per domain, by route (${ROUTE_LEGEND})`);
    console.log(
      routeTable([
        { label: 'first', routes: first.routes, per: DOMAINS },
        { label: 're-run', routes: rerun.routes, per: DOMAINS },
        { label: 'resumed', routes: resumed.routes, per: DOMAINS },
      ]),
    );
    const t = afterRerun.totals;
    const countsMet =
      afterRerun.problems.length === 0 &&
      afterResume.problems.length === 0 &&
      sameSubscriptions;
    console.log(
      `  at the endpoint after the re-run: ${t.subscriptions} subscriptions, ${t.budgets} budgets, ${t.workspaces} workspaces, ${t.roles} role assignments ` +
        `for ${DOMAINS} domains (exactly one each, ${
          DOMAIN_OWNER_ROLES.length
        } roles): ${countsMet ? 'met' : 'NOT met'}`,
    );

    const { steady, expiry, expiring } = leases;
    console.log(
      `  ${pad(`lease reconciler, ${LEASES} leases`, 30)}${lpad(
        'per run',
        10,
      )}${lpad('per lease', 11)}${lpad('calls', 8)}${lpad(
        'mutations',
        11,
      )}  (per lease)`,
    );
    for (const [label, run] of [
      [`steady (median of ${STEADY_RUNS})`, steady],
      [`${expiring} ended (decommission)`, expiry],
    ] as const) {
      console.log(
        `    ${pad(label, 28)}${lpad(ms(run.ms), 10)}${lpad(
          ms(run.ms / LEASES),
          11,
        )}${lpad(per(sum(run.routes), LEASES), 8)}${lpad(
          per(mutations(run.routes), LEASES),
          11,
        )}`,
      );
    }
    console.log('  Azure calls per lease, by route');
    console.log(
      routeTable([
        { label: 'steady', routes: steady.routes, per: LEASES },
        { label: 'ended', routes: expiry.routes, per: LEASES },
        {
          label: '+/ended',
          routes: subtract(expiry.routes, steady.routes),
          per: expiring,
        },
      ]),
    );
    const ratio = (a: number, b: number) =>
      b === 0 ? '∞' : `${(a / b).toFixed(2)}×`;
    console.log(
      `  ratios: re-run/first time ${ratio(
        mean(rerun.times),
        mean(first.times),
      )}, calls ${ratio(
        sum(rerun.routes),
        sum(first.routes),
      )}, mutations ${ratio(
        mutations(rerun.routes),
        mutations(first.routes),
      )}; ` +
        `resumed mutations ${per(
          mutations(resumed.routes),
          DOMAINS,
        )}/domain; ` +
        `lease run with ${expiring} of ${LEASES} ended / steady ${ratio(
          expiry.ms,
          steady.ms,
        )}`,
    );

    if (!countsMet) {
      for (const [when, problems] of [
        ['after the re-run', afterRerun.problems],
        ['after the resumed run', afterResume.problems],
      ] as const) {
        for (const problem of problems.slice(0, 10)) {
          console.error(`  ${when}: ${problem}`);
        }
      }
      if (!sameSubscriptions) {
        console.error(
          '  a re-run or resumed task answered with another subscription than the first run',
        );
      }
      return 1;
    }
    return 0;
  } finally {
    await endpoint.close();
  }
}

/** Calls of `a` beyond those of `b`, by route (what the ended leases added). */
function subtract(a: Routes, b: Routes): Routes {
  return Object.fromEntries(
    Object.entries(a)
      .map(([route, n]) => [route, n - (b[route] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
