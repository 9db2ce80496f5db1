import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  EntityHealthListResponse,
} from '@dataplatform/plugin-health-common';
import {
  InMemoryPermissionAudienceRegistry,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import { Entity } from '@backstage/catalog-model';
import { azureClientsServiceRef } from '@dataplatform/plugin-azure-node';
import request from 'supertest';
import {
  azureRestError,
  clientsFor,
  rejectingQueries,
} from './__testUtils__/azure';
import fs from 'node:fs/promises';
import { join } from 'node:path';
import {
  FAILED_RUNS_QUERY,
  FINANCE_MODEL_YAML,
  SALES_SUBSCRIPTION,
  SUBSCRIPTION,
  WORKSPACE,
  storageAccount,
} from './__testUtils__/models';
import {
  BASE,
  LEDGER_QUERY,
  MEMBERSHIPS,
  SALES_QUERY,
  TestBackend,
  USERS,
  entity,
  scriptScenario,
  startHealthBackend,
  writeCatalog,
} from './__testUtils__/testBackend';

const ROUTES = [
  '/entities',
  '/entities/domain/default/finance',
  '/entities/domain/default/finance/history?window=24h',
];

/** Words only the model files' queries contain. */
const QUERY_WORDS = [
  'ADFPipelineRun',
  'LedgerPostings_CL',
  'CrmOpportunities_CL',
];

describe('dataplatform-health backend plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;
  let catalog: Awaited<ReturnType<typeof writeCatalog>>;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
    catalog = await writeCatalog();
  });
  afterAll(async () => {
    await endpoint.close();
    await catalog.cleanup();
  });
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    scriptScenario(endpoint);
  });

  const start = (
    options: Partial<Parameters<typeof startHealthBackend>[0]> = {},
  ) =>
    startHealthBackend({
      endpoint,
      databases,
      entities: catalog.entities,
      ...options,
    });

  const get = (
    backend: TestBackend,
    path: string,
    user: string = USERS.diego,
  ) =>
    request(backend.server)
      .get(`${BASE}${path}`)
      .set('authorization', mockCredentials.user.header(user));

  describe('who may call', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await start();
    });

    it.each(ROUTES)(
      'GET %s refuses callers without credentials',
      async path => {
        const res = await request(backend.server)
          .get(`${BASE}${path}`)
          .set('authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      },
    );

    it.each(ROUTES.filter(path => path !== '/entities'))(
      'GET %s refuses services: it answers people',
      async path => {
        const res = await request(backend.server)
          .get(`${BASE}${path}`)
          .set('authorization', mockCredentials.service.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'service' credentials",
        );
      },
    );
  });

  it.each(ROUTES)(
    'GET %s answers 403 when the permission policy denies',
    async path => {
      const backend = await start({ permission: AuthorizeResult.DENY });
      await backend.runCycle();
      const res = await get(backend, path, USERS.priya);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'You are not allowed to read health (dataplatform.health.read).',
      });
    },
  );

  it('declares its permission for every signed-in person', async () => {
    const audiences = new InMemoryPermissionAudienceRegistry();
    await start({
      services: [
        createServiceFactory({
          service: permissionAudiencesServiceRef,
          deps: {},
          factory: () => audiences,
        }),
      ],
    });
    expect(audiences.list()).toEqual([
      { permission: 'dataplatform.health.read', audience: 'signed-in' },
    ]);
  });

  it('tells open pages when a cycle has finished, without health data', async () => {
    const published: unknown[] = [];
    const backend = await start({
      services: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: unknown) => {
              published.push(signal);
            },
          }),
        }),
      ],
    });
    expect(published).toHaveLength(0);
    await backend.runCycle();
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'dataplatform-health',
        message: { evaluatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      },
    ]);
  });

  describe('the evaluation schedule', () => {
    it('runs every minute by default, once across instances, right after start-up', async () => {
      const backend = await start();
      expect(backend.tasks).toHaveLength(1);
      expect(backend.tasks[0]).toMatchObject({
        id: 'dataplatform-health-evaluate',
        scope: 'global',
        frequency: { seconds: 60 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 0 },
      });
    });

    it('gives a long read deadline room before the task times out', async () => {
      const backend = await start({
        config: {
          health: { intervalSeconds: 3600, readTimeoutSeconds: 3000 },
        },
      });
      expect(backend.tasks[0]).toMatchObject({
        frequency: { seconds: 3600 },
        timeout: { seconds: 3120 },
      });
    });

    it('stops reading and stores nothing when the scheduler stops the task', async () => {
      endpoint.faults.add({ path: '/query$', kind: 'delay', delayMs: 8_000 });
      const backend = await start();
      const controller = new AbortController();
      const started = Date.now();
      const cycle = backend.runCycle(controller.signal);
      controller.abort(new Error('the task timed out'));
      await expect(cycle).rejects.toThrow(
        /^The health cycle was stopped before it finished reading Azure/,
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      const res = await get(backend, '/entities');
      expect(res.body).toEqual({ items: [] });
    });

    it('follows dataplatform.health.intervalSeconds', async () => {
      const backend = await start({
        config: { health: { intervalSeconds: 300 } },
      });
      expect(backend.tasks[0].frequency).toEqual({ seconds: 300 });
    });

    it.each([
      [
        { health: { intervalSeconds: 5 } },
        'dataplatform.health.intervalSeconds must be a whole number of seconds from 10 to 3600, got 5',
      ],
      [
        { health: { logQueryConcurrency: 10 } },
        'dataplatform.health.logQueryConcurrency must be a whole number of queries from 1 to 5, got 10',
      ],
      [
        { health: { readTimeoutSeconds: 60 } },
        'dataplatform.health.readTimeoutSeconds must be a whole number of seconds from 5 to 3600, and less than dataplatform.health.intervalSeconds (60), got 60',
      ],
    ])('refuses %j at start-up, naming the key', async (config, message) => {
      await expect(start({ config })).rejects.toThrow(message);
    });

    it('keeps a cycle going when the catalog holds an entity whose model cannot be read', async () => {
      const escaping: Entity = {
        ...catalog.entities[0],
        metadata: {
          ...catalog.entities[0].metadata,
          name: 'escaping',
          annotations: {
            ...catalog.entities[0].metadata.annotations,
            'dataplatform.contoso.com/health-model': '../../../etc/passwd',
          },
        },
      };
      const backend = await start({
        entities: [...catalog.entities, escaping],
      });
      await backend.runCycle();
      const res = await get(
        backend,
        '/entities/domain/default/escaping',
        USERS.fatima,
      );
      expect(res.status).toBe(200);
      expect(res.body.summary.state).toBe('unknown');
      expect(res.body.summary.modelError.message).toBe(
        "dataplatform.contoso.com/health-model: '../../../etc/passwd' resolves outside catalog/, the directory of the entity's catalog file",
      );
      // Anyone else reads the file's name, not the path it was given.
      const other = await get(backend, '/entities/domain/default/escaping');
      expect(other.body.summary.modelError.message).toBe(
        "dataplatform.contoso.com/health-model: 'passwd' resolves outside catalog/, the directory of the entity's catalog file",
      );
      const finance = await get(backend, '/entities/domain/default/finance');
      expect(finance.body.summary.state).toBe('unhealthy');
    });
  });

  describe('when Log Analytics rejects a query and quotes it', () => {
    /** The query's own text and the table only it names. */
    const LEDGER_TEXT = JSON.stringify(LEDGER_QUERY).slice(1, -1);
    const LEDGER_WORD = 'LedgerPostings_CL';
    let backend: TestBackend;

    beforeAll(async () => {
      scriptScenario(endpoint);
      let rejecting = false;
      backend = await start({
        services: [
          createServiceFactory({
            service: azureClientsServiceRef,
            deps: {},
            factory: () =>
              rejectingQueries(clientsFor(endpoint), query =>
                rejecting && query.includes(LEDGER_WORD)
                  ? azureRestError(
                      400,
                      'BadArgumentError',
                      `Query could not be parsed at 'datetime_diff' on line [2,20]: ${query}`,
                    )
                  : undefined,
              ),
          }),
        ],
      });
      // A good read first, so the failed one carries a last known value.
      await backend.runCycle();
      rejecting = true;
      await backend.runCycle();
    });

    const ledgerSignal = (body: EntityHealthDetailResponse) =>
      body.children[0].result!.components[0].signals[0];

    it.each([
      ['the domain', '/entities/domain/default/finance'],
      ['the product', '/entities/dataproduct/default/general-ledger'],
      ['the list', '/entities'],
    ])(
      'shows %s to someone who may not see definitions without the query text',
      async (_what, path) => {
        const res = await get(backend, path, USERS.diego);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(LEDGER_WORD);
        expect(res.text).not.toContain(LEDGER_TEXT);
        expect(res.text).not.toContain('datetime_diff');
        expect(res.text).not.toContain('"detail"');
      },
    );

    it('tells everyone the status and code, with the last known value', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.diego,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(false);
      const signal = ledgerSignal(body);
      expect(signal).toMatchObject({
        state: 'unknown',
        explanation: 'query failed: HTTP 400 BadArgumentError',
        lastKnown: { value: 3 },
      });
      expect(signal).not.toHaveProperty('detail');
      expect(body.summary.topCauses).toContain(
        'General Ledger (unknown): freshness: lag: query failed: HTTP 400 BadArgumentError',
      );
    });

    it('gives the owner Azure’s words in the detail', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.fatima,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(true);
      expect(ledgerSignal(body)).toMatchObject({
        explanation: 'query failed: HTTP 400 BadArgumentError',
        detail: `HTTP 400: BadArgumentError: Query could not be parsed at 'datetime_diff' on line [2,20]: ${LEDGER_QUERY}\n`,
      });
      const product = await get(
        backend,
        '/entities/dataproduct/default/general-ledger',
        USERS.priya,
      );
      expect(
        (product.body as EntityHealthDetailResponse).result!.components[0]
          .signals[0].detail,
      ).toContain(LEDGER_QUERY);
    });
  });

  describe('after an evaluation', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      scriptScenario(endpoint);
      backend = await start();
      await backend.runCycle();
    });

    it('lists every entity with a model, and domains of products with one, worst first', async () => {
      const res = await get(backend, '/entities');
      expect(res.status).toBe(200);
      const body = res.body as EntityHealthListResponse;
      expect(body.items.map(i => [i.entityRef, i.state, i.stale])).toEqual([
        ['domain:default/finance', 'unhealthy', false],
        ['dataproduct:default/general-ledger', 'degraded', false],
        // Both unknown: the one with a score first.
        ['domain:default/sales', 'unknown', false],
        ['dataproduct:default/crm-broken', 'unknown', false],
      ]);
      expect(Date.parse(body.lastCycleAt!)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      const broken = body.items[3];
      expect(broken.modelError?.errors.map(e => e.path)).toEqual([
        '/spec/colour',
        '/spec/components/1/signals/0/aggregation',
      ]);
      // Someone who does not own it reads the file's name, not its path.
      expect(broken.modelError?.message).toContain(
        'dataplatform.contoso.com/health-model: crm-broken.health.yaml is not a valid health model',
      );
      const sales = body.items[2];
      expect(sales).toMatchObject({ title: 'Sales', score: 1 });
      expect(sales.topCauses).toEqual(['Crm Broken (unknown)']);
      // Causes and states are shown to everyone; queries are not.
      for (const word of QUERY_WORDS) expect(res.text).not.toContain(word);
    });

    it('hides definitions from someone who neither owns the domain nor is in the platform team', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.diego,
      );
      expect(res.status).toBe(200);
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(false);
      expect(body.definitions).toBeUndefined();
      expect(body.summary).toMatchObject({
        entityRef: 'domain:default/finance',
        state: 'unhealthy',
      });
      expect(body.result?.components.map(c => [c.id, c.state])).toEqual([
        ['ingestion', 'unhealthy'],
        ['storage', expect.any(String)],
      ]);
      expect(
        body.children.map(c => [c.summary.entityRef, c.result?.state]),
      ).toEqual([['dataproduct:default/general-ledger', 'degraded']]);
      for (const word of QUERY_WORDS) expect(res.text).not.toContain(word);
      expect(res.text).not.toContain('"query"');
      expect(res.text).not.toContain(WORKSPACE);
    });

    it('hides another domain’s definitions from a domain owner', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/sales',
        USERS.fatima,
      );
      expect(res.body.definitionsVisible).toBe(false);
      expect(res.body.definitions).toBeUndefined();
      for (const word of QUERY_WORDS) expect(res.text).not.toContain(word);
    });

    it('shows the owner the definitions of the domain and its products, with portal links', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.fatima,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(true);
      expect(body.definitions?.map(d => [d.entityRef, d.source])).toEqual([
        ['domain:default/finance', 'catalog/health/finance.health.yaml'],
        [
          'dataproduct:default/general-ledger',
          'catalog/health/general-ledger.health.yaml',
        ],
      ]);
      const [finance, ledger] = body.definitions!;
      expect(finance.signals).toEqual([
        {
          key: 'ingestion/pipeline-failures',
          signal: expect.objectContaining({
            type: 'log',
            query: `${FAILED_RUNS_QUERY}\n`,
          }),
          portalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource${WORKSPACE}/logs`,
        },
        {
          key: 'storage/availability',
          signal: expect.objectContaining({
            type: 'metric',
            metric: 'Availability',
          }),
          portalUrl: `https://portal.azure.com/#@${DEMO_TENANT_ID}/resource${storageAccount(
            'stfinancedata',
          )}/metrics`,
        },
      ]);
      expect(finance.model.components.map(c => c.id)).toEqual([
        'ingestion',
        'storage',
      ]);
      expect(ledger.signals[0].signal).toMatchObject({
        query: `${LEDGER_QUERY}\n`,
      });
    });

    it('shows the platform team every definition', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/sales',
        USERS.priya,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(true);
      // The broken product has no model to show.
      expect(body.definitions?.map(d => d.entityRef)).toEqual([
        'domain:default/sales',
      ]);
      expect(body.definitions?.[0].signals[0].signal).toMatchObject({
        query: `${SALES_QUERY}\n`,
      });
      expect(body.children.map(c => [c.summary.entityRef, c.result])).toEqual([
        ['dataproduct:default/crm-broken', undefined],
      ]);
    });

    it('shows a product’s owner its definitions on the product', async () => {
      const res = await get(
        backend,
        '/entities/dataproduct/default/general-ledger',
        USERS.fatima,
      );
      expect(res.status).toBe(200);
      expect(res.body.definitionsVisible).toBe(true);
      expect(res.body.children).toEqual([]);
      expect(res.body.summary.domainRef).toBe('domain:default/finance');
    });

    it('answers 404 naming an entity it does not know', async () => {
      for (const path of [
        '/entities/domain/default/hr',
        '/entities/domain/default/hr/history?window=24h',
      ]) {
        const res = await get(backend, path);
        expect(res.status).toBe(404);
        expect(res.body.error.name).toBe('NotFoundError');
        expect(res.body.error.message).toMatch(
          /^The health backend has no evaluation of domain:default\/hr: /,
        );
      }
    });

    it.each(['7d', '24H', ''])(
      'refuses the history window %p, naming the allowed ones',
      async window => {
        const res = await get(
          backend,
          `/entities/domain/default/finance/history?window=${window}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual({
          name: 'InputError',
          message: `window must be one of 24h, 30d (got '${window}')`,
        });
      },
    );

    it.each([
      ['24h', 96, 15 * 60_000],
      ['30d', 30, 86_400_000],
    ])(
      'answers the %s history in %d buckets with the 30-day SLO',
      async (window, count, bucketMs) => {
        const res = await get(
          backend,
          `/entities/domain/default/finance/history?window=${window}`,
        );
        expect(res.status).toBe(200);
        const body = res.body as EntityHealthHistoryResponse;
        expect(body.entityRef).toBe('domain:default/finance');
        expect(body.window).toBe(window);
        expect(body.buckets).toHaveLength(count);
        for (const bucket of body.buckets) {
          expect(Date.parse(bucket.end) - Date.parse(bucket.start)).toBe(
            bucketMs,
          );
        }
        // The one evaluation falls in the last bucket; before it, nothing was seen.
        expect(body.buckets[count - 1].state).toBe('unhealthy');
        expect(body.buckets[0]).toMatchObject({ state: 'unknown' });
        expect(body.buckets[0].availability).toBeUndefined();
        expect(body.slo).toMatchObject({
          objective: 0.999,
          windowDays: 30,
          errorBudgetMinutes: 43.2,
        });
        expect(body.slo.unhealthyMinutes).toBeGreaterThan(0);
        expect(body.slo.availability).toBe(0);
      },
    );

    it('names products by title in a domain’s causes', async () => {
      const res = await get(backend, '/entities/domain/default/finance');
      const body = res.body as EntityHealthDetailResponse;
      expect(body.summary.topCauses).toContain(
        'General Ledger (degraded): freshness: lag: 3 ≥ degraded threshold 1 (unhealthy ≥ 5)',
      );
      expect(res.text).not.toContain('dataproduct:default/general-ledger (');
    });

    it('marks a summary stale when its last evaluation is older than three intervals', async () => {
      await backend
        .knex('health_latest')
        .where('entity_ref', 'domain:default/sales')
        .update({ evaluated_at: new Date(Date.now() - 181_000) });
      const res = await get(backend, '/entities');
      const stale = Object.fromEntries(
        (res.body as EntityHealthListResponse).items.map(i => [
          i.entityRef,
          i.stale,
        ]),
      );
      expect(stale).toEqual({
        'domain:default/finance': false,
        'dataproduct:default/general-ledger': false,
        'domain:default/sales': true,
        'dataproduct:default/crm-broken': false,
      });
    });
  });

  describe('when evaluations are stale', () => {
    let backend: TestBackend;
    const lastSeen = new Date(Date.now() - 10 * 60_000);
    const since = `not evaluated since ${lastSeen
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ')} UTC`;

    beforeAll(async () => {
      scriptScenario(endpoint);
      backend = await start();
      await backend.runCycle();
      // The evaluator stopped ten minutes ago for finance and its product.
      await backend
        .knex('health_latest')
        .whereIn('entity_ref', [
          'domain:default/finance',
          'dataproduct:default/general-ledger',
        ])
        .update({ evaluated_at: lastSeen });
    });

    it('lists a stale entity as unknown, with the state it last had and since when', async () => {
      const res = await get(backend, '/entities');
      const items = (res.body as EntityHealthListResponse).items;
      const finance = items.find(
        i => i.entityRef === 'domain:default/finance',
      )!;
      expect(finance).toMatchObject({
        state: 'unknown',
        lastState: 'unhealthy',
        stale: true,
      });
      expect(finance.topCauses).toEqual([
        since,
        expect.stringMatching(
          /^Ledger ingestion: Failed pipeline runs: 7 runs/,
        ),
        expect.stringMatching(/^General Ledger \(degraded\): /),
      ]);
      const sales = items.find(i => i.entityRef === 'domain:default/sales')!;
      expect(sales.stale).toBe(false);
      expect(sales).not.toHaveProperty('lastState');
      // Unhealthy was ten minutes ago: nobody knows it now.
      expect(items.filter(i => i.state === 'unhealthy')).toEqual([]);
    });

    it('shows a stale entity and its stale products as unknown in the detail', async () => {
      const res = await get(backend, '/entities/domain/default/finance');
      const body = res.body as EntityHealthDetailResponse;
      expect(body.summary).toMatchObject({
        state: 'unknown',
        lastState: 'unhealthy',
        stale: true,
      });
      expect(body.summary.topCauses[0]).toBe(since);
      expect(body.children.map(c => c.summary)).toEqual([
        expect.objectContaining({
          entityRef: 'dataproduct:default/general-ledger',
          state: 'unknown',
          lastState: 'degraded',
          stale: true,
          topCauses: [since, expect.stringMatching(/^freshness: lag: 3/)],
        }),
      ]);
    });
  });

  describe('with a product another group owns', () => {
    const GHOST_WORKSPACE = WORKSPACE.replace('log-dp-finance', 'log-dp-fraud');
    let backend: TestBackend;

    beforeAll(async () => {
      scriptScenario(endpoint);
      await fs.writeFile(
        join(catalog.dir, 'health', 'fraud-scores.health.yaml'),
        `apiVersion: dataplatform.contoso.com/health-model/v1
kind: HealthModel
spec:
  components:
    - id: scoring
      signals:
        - id: failed-scorings
          type: log
          workspace: ${GHOST_WORKSPACE}
          query: FraudScoring_CL | summarize value = countif(Failed)
          thresholds: { direction: above, unhealthy: 5 }
`,
      );
      backend = await start({
        entities: [
          ...catalog.entities,
          entity(
            'DataProduct',
            'fraud-scores',
            join(catalog.dir, 'data-products.yaml'),
            {
              domain: 'domain:default/finance',
              owner: 'group:default/fraud-team',
            },
            './health/fraud-scores.health.yaml',
          ),
        ],
      });
      await backend.runCycle();
    });

    const fraudSignal = (body: EntityHealthDetailResponse) =>
      body.children.find(
        c => c.summary.entityRef === 'dataproduct:default/fraud-scores',
      )!.result!.components[0].signals[0];

    it('shows the domain’s owners their own definitions but not the product’s', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.fatima,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(true);
      expect(body.definitions?.map(d => d.entityRef)).toEqual([
        'domain:default/finance',
        'dataproduct:default/general-ledger',
      ]);
      expect(fraudSignal(body)).toMatchObject({
        state: 'unknown',
        explanation: 'query failed: HTTP 404 WorkspaceNotFound',
      });
      expect(fraudSignal(body)).not.toHaveProperty('detail');
      expect(res.text).not.toContain('FraudScoring_CL');
      expect(res.text).not.toContain('log-dp-fraud');
    });

    it('shows the product’s owners its definitions on the domain, and not the domain’s', async () => {
      const res = await get(
        backend,
        '/entities/domain/default/finance',
        USERS.amara,
      );
      const body = res.body as EntityHealthDetailResponse;
      expect(body.definitionsVisible).toBe(false);
      expect(body.definitions?.map(d => d.entityRef)).toEqual([
        'dataproduct:default/fraud-scores',
      ]);
      expect(fraudSignal(body).detail).toContain('log-dp-fraud');
      expect(res.text).not.toContain('ADFPipelineRun');
      expect(res.text).not.toContain('LedgerPostings_CL');
    });
  });

  describe('model errors', () => {
    let backend: TestBackend;
    const other = `/subscriptions/${SALES_SUBSCRIPTION}/resourceGroups/rg-sales-data/providers/Microsoft.Storage/storageAccounts/stsalesdata`;

    beforeAll(async () => {
      scriptScenario(endpoint);
      await fs.writeFile(
        join(catalog.dir, 'health', 'mixed.health.yaml'),
        FINANCE_MODEL_YAML.replace(
          `resources: [${storageAccount('stfinancedata')}]`,
          `resources: [${storageAccount('stfinancedata')}, ${other}]`,
        ).replace('aggregation: average', 'aggregation: avg'),
      );
      // A link to itself: reading it fails with the server's absolute path.
      await fs.symlink(
        'loop.health.yaml',
        join(catalog.dir, 'health', 'loop.health.yaml'),
      );
      const products = join(catalog.dir, 'data-products.yaml');
      const owned = {
        domain: 'sales',
        owner: 'group:default/sales-domain-owners',
      };
      backend = await start({
        entities: [
          ...catalog.entities,
          entity(
            'DataProduct',
            'mixed',
            products,
            owned,
            './health/mixed.health.yaml',
          ),
          entity(
            'DataProduct',
            'loop',
            products,
            owned,
            './health/loop.health.yaml',
          ),
        ],
      });
      await backend.runCycle();
    });

    const summaryOf = async (user: string, name: string) => {
      const res = await get(backend, '/entities', user);
      return {
        text: res.text,
        summary: (res.body as EntityHealthListResponse).items.find(
          i => i.entityRef === `dataproduct:default/${name}`,
        )!,
      };
    };

    it('give the owners every value, path and id', async () => {
      const { summary } = await summaryOf(USERS.marco, 'mixed');
      expect(summary.modelError?.message).toContain(
        'catalog/health/mixed.health.yaml is not a valid health model',
      );
      expect(summary.modelError?.errors).toEqual(
        expect.arrayContaining([
          {
            path: '/spec/components/1/signals/0/aggregation',
            message:
              "must be one of average, minimum, maximum, total, count (got 'avg')",
          },
          {
            path: '/spec/components/1/signals/0/resources/1',
            message: `must be in subscription ${SUBSCRIPTION} like resources/0: one metric signal reads one subscription (got ${SALES_SUBSCRIPTION})`,
          },
        ]),
      );
      const loop = await summaryOf(USERS.marco, 'loop');
      expect(loop.summary.modelError?.message).toContain(catalog.dir);
    });

    it('gives another backend plugin the list as the platform team sees it, and people what they saw before', async () => {
      const asService = await request(backend.server)
        .get(`${BASE}/entities`)
        .set('authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      const platform = await get(backend, '/entities', USERS.priya);
      expect(asService.body).toEqual(platform.body);
      const mixed = (asService.body as EntityHealthListResponse).items.find(
        i => i.entityRef === 'dataproduct:default/mixed',
      )!;
      expect(mixed.modelError?.message).toContain(
        'catalog/health/mixed.health.yaml is not a valid health model',
      );
      // People still get their own view: the citizen the same entities, redacted.
      const citizen = await get(backend, '/entities', USERS.diego);
      const refs = (body: EntityHealthListResponse) =>
        body.items.map(i => i.entityRef);
      expect(refs(citizen.body)).toEqual(refs(asService.body));
      expect(citizen.text).not.toContain('catalog/health');
      const owner = await summaryOf(USERS.marco, 'mixed');
      expect(owner.summary).toEqual(mixed);
    });

    it('give everyone else the pointers and what is allowed, without values or paths', async () => {
      const owners = await summaryOf(USERS.marco, 'mixed');
      const { summary, text } = await summaryOf(USERS.diego, 'mixed');
      expect(summary.modelError?.errors.map(e => e.path)).toEqual(
        owners.summary.modelError?.errors.map(e => e.path),
      );
      expect(summary.modelError?.errors).toEqual(
        expect.arrayContaining([
          {
            path: '/spec/components/1/signals/0/aggregation',
            message: 'must be one of average, minimum, maximum, total, count',
          },
          {
            path: '/spec/components/1/signals/0/resources/1',
            message:
              'must be in subscription … like resources/0: one metric signal reads one subscription',
          },
        ]),
      );
      expect(summary.modelError?.message).toMatch(
        /^dataplatform\.contoso\.com\/health-model: mixed\.health\.yaml is not a valid health model: /,
      );
      // The cause is one line, naming the file as the message does.
      expect(summary.topCauses[0]).toBe(
        'dataplatform.contoso.com/health-model: mixed.health.yaml is not a valid health model (2 errors)',
      );
      for (const hidden of [
        SUBSCRIPTION,
        SALES_SUBSCRIPTION,
        "'avg'",
        'catalog/health',
        catalog.dir,
      ]) {
        expect(text).not.toContain(hidden);
      }

      const loop = await summaryOf(USERS.diego, 'loop');
      expect(loop.summary.modelError?.message).toMatch(
        /^dataplatform\.contoso\.com\/health-model: 'loop\.health\.yaml' cannot be read: ELOOP: .*'loop\.health\.yaml'$/,
      );
      expect(loop.text).not.toContain(catalog.dir);
    });
  });

  it('looks up the caller’s groups once per request, however many owners a page has', async () => {
    const asked: string[] = [];
    const backend = await start({
      services: [
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials) {
              const { userEntityRef } = credentials.principal as {
                userEntityRef: string;
              };
              asked.push(userEntityRef);
              return {
                userEntityRef,
                ownershipEntityRefs: [
                  userEntityRef,
                  ...MEMBERSHIPS[userEntityRef],
                ],
              };
            },
          }),
        }),
      ],
    });
    await backend.runCycle();
    const res = await get(backend, '/entities', USERS.marco);
    // Finance and sales have different owners, and marco owns sales only.
    expect(new Set(res.body.items.map((i: any) => i.entityRef)).size).toBe(4);
    expect(asked).toEqual([USERS.marco]);
  });

  it('puts the error budget left on every summary, as the SLO reports it', async () => {
    scriptScenario(endpoint);
    const backend = await start();
    await backend.runCycle();
    const res = await get(backend, '/entities');
    const items = (res.body as EntityHealthListResponse).items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      // One evaluation has held no time yet: the whole budget is left.
      expect(item.errorBudgetRemainingFraction).toBe(1);
    }
  });
});
