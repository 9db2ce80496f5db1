import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  SchedulerServiceTaskScheduleDefinition,
  ServiceFactory,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import { Knex } from 'knex';
import { healthPlugin } from '../plugin';
import { clientsFor } from './azure';
import {
  FAILED_RUNS_QUERY,
  FINANCE_MODEL_YAML,
  INVALID_MODEL_YAML,
  SALES_WORKSPACE,
  WORKSPACE,
  storageAccount,
} from './models';

export const BASE = '/api/dataplatform-health';

export const USERS = {
  fatima: 'user:default/fatima.osei',
  marco: 'user:default/marco.rossi',
  priya: 'user:default/priya.patel',
  diego: 'user:default/diego.alvarez',
  amara: 'user:default/amara.nwosu',
} as const;

/** Who is in which group, as sign-in would resolve it. */
export const MEMBERSHIPS: Record<string, string[]> = {
  [USERS.fatima]: ['group:default/finance-domain-owners'],
  [USERS.marco]: ['group:default/sales-domain-owners'],
  [USERS.priya]: ['group:default/platform-team'],
  [USERS.diego]: ['group:default/data-citizens'],
  [USERS.amara]: ['group:default/fraud-team'],
};

export const LEDGER_QUERY = `LedgerPostings_CL
| summarize value = datetime_diff('minute', now(), max(TimeGenerated))`;
export const SALES_QUERY = `CrmOpportunities_CL
| summarize value = countif(Status == "Failed")`;

const ledgerModel = `apiVersion: dataplatform.contoso.com/health-model/v1
kind: HealthModel
spec:
  components:
    - id: freshness
      signals:
        - id: lag
          type: log
          workspace: ${WORKSPACE}
          query: |
${LEDGER_QUERY.split('\n')
  .map(l => `            ${l}`)
  .join('\n')}
          thresholds: { direction: above, degraded: 1, unhealthy: 5 }
`;

const salesModel = `apiVersion: dataplatform.contoso.com/health-model/v1
kind: HealthModel
spec:
  rollup: weighted
  components:
    - id: crm
      signals:
        - id: failed-loads
          type: log
          workspace: ${SALES_WORKSPACE}
          query: |
${SALES_QUERY.split('\n')
  .map(l => `            ${l}`)
  .join('\n')}
          thresholds: { direction: above, unhealthy: 3 }
`;

/** A Domain or DataProduct read from the catalog file `location`. */
export function entity(
  kind: 'Domain' | 'DataProduct',
  name: string,
  location: string,
  spec: Record<string, string>,
  model?: string,
): Entity {
  return {
    apiVersion:
      kind === 'Domain'
        ? 'backstage.io/v1alpha1'
        : 'dataplatform.contoso.com/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      title: name
        .split('-')
        .map(w => `${w[0].toUpperCase()}${w.slice(1)}`)
        .join(' '),
      annotations: {
        'backstage.io/managed-by-location': `file:${location}`,
        ...(model ? { 'dataplatform.contoso.com/health-model': model } : {}),
      },
    },
    spec,
  };
}

/**
 * A catalog directory in a temporary folder: finance (own model, one
 * product), sales (own model, one product with an invalid model) and hr
 * (no model at all).
 */
export async function writeCatalog(): Promise<{
  dir: string;
  entities: Entity[];
  cleanup(): Promise<void>;
}> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'health-backend-'));
  const dir = path.join(root, 'catalog');
  await fs.mkdir(path.join(dir, 'health'), { recursive: true });
  const files: Record<string, string> = {
    'finance.health.yaml': FINANCE_MODEL_YAML,
    'general-ledger.health.yaml': ledgerModel,
    'sales.health.yaml': salesModel,
    'crm-broken.health.yaml': INVALID_MODEL_YAML,
  };
  for (const [name, text] of Object.entries(files)) {
    await fs.writeFile(path.join(dir, 'health', name), text);
  }
  const domains = path.join(dir, 'domains.yaml');
  const products = path.join(dir, 'data-products.yaml');
  const entities = [
    entity(
      'Domain',
      'finance',
      domains,
      { owner: 'group:default/finance-domain-owners' },
      './health/finance.health.yaml',
    ),
    entity(
      'Domain',
      'sales',
      domains,
      { owner: 'group:default/sales-domain-owners' },
      './health/sales.health.yaml',
    ),
    entity('Domain', 'hr', domains, {
      owner: 'group:default/hr-domain-owners',
    }),
    entity(
      'DataProduct',
      'general-ledger',
      products,
      {
        domain: 'domain:default/finance',
        owner: 'group:default/finance-domain-owners',
      },
      './health/general-ledger.health.yaml',
    ),
    entity(
      'DataProduct',
      'crm-broken',
      products,
      { domain: 'sales', owner: 'group:default/sales-domain-owners' },
      './health/crm-broken.health.yaml',
    ),
  ];
  return {
    dir,
    entities,
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** Scripts the demo answers: finance failing (unhealthy), the ledger late (degraded), sales fine. */
export function scriptScenario(endpoint: LocalAzureEndpoint) {
  endpoint.monitor.clear();
  endpoint.monitor.setLogSignal({
    workspace: WORKSPACE,
    query: FAILED_RUNS_QUERY,
    script: { baseline: 7 },
  });
  endpoint.monitor.setLogSignal({
    workspace: WORKSPACE,
    query: LEDGER_QUERY,
    script: { baseline: 3 },
  });
  endpoint.monitor.setLogSignal({
    workspace: SALES_WORKSPACE,
    query: SALES_QUERY,
    script: { baseline: 0 },
  });
  endpoint.monitor.setMetric({
    resourceId: storageAccount('stfinancedata'),
    region: 'westeurope',
    metric: 'Availability',
    unit: 'Percent',
    script: { baseline: 99.99 },
  });
}

type Task = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (abortSignal: AbortSignal) => Promise<void>;
};

export interface TestBackend {
  server: import('http').Server;
  knex: Knex;
  /** The tasks the plugin scheduled; none runs by itself. */
  tasks: Task[];
  /** Runs the evaluation task once, as the scheduler would, with its abort signal. */
  runCycle(abortSignal?: AbortSignal): Promise<void>;
}

/**
 * The plugin in a test backend against the local Azure endpoint, with the
 * catalog given, people in MEMBERSHIPS and a scheduler that only records.
 */
export async function startHealthBackend(options: {
  endpoint: LocalAzureEndpoint;
  databases: TestDatabases;
  entities: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Under `dataplatform`, e.g. `{ health: { intervalSeconds: 30 } }`. */
  config?: Record<string, Record<string, number | string>>;
  /** Service factories replacing the ones set up here, by service id. */
  services?: ServiceFactory[];
}): Promise<TestBackend> {
  const knex = await options.databases.init('SQLITE_3');
  const scheduler = mockServices.scheduler.mock();
  const defaults: ServiceFactory[] = [
    createServiceFactory({
      service: azureClientsServiceRef,
      deps: {},
      factory: () => clientsFor(options.endpoint),
    }),
    mockServices.database.factory({ knex }),
    mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    scheduler.factory,
    mockServices.urlReader.factory(),
    mockServices.rootConfig.factory({
      data: {
        dataplatform: {
          permissions: { platformTeam: 'group:default/platform-team' },
          ...options.config,
        },
      },
    }),
    catalogServiceMock.factory({ entities: options.entities }),
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
            ownershipEntityRefs: [
              userEntityRef,
              ...(MEMBERSHIPS[userEntityRef] ?? []),
            ],
          };
        },
      }),
    }),
  ];
  const replaced = new Set((options.services ?? []).map(f => f.service.id));
  const { server } = await startTestBackend({
    features: [
      healthPlugin,
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...(options.services ?? []),
    ],
  });
  const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task as Task);
  return {
    server,
    knex,
    tasks,
    runCycle: async (abortSignal = new AbortController().signal) => {
      const task = tasks.find(t => t.id === 'dataplatform-health-evaluate');
      if (!task) throw new Error('the evaluation task was not scheduled');
      await task.fn(abortSignal);
    },
  };
}
