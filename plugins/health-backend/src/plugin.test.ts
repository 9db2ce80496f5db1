import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import {
  FAILED_RUNS_QUERY,
  WORKSPACE,
  storageAccount,
} from './__testUtils__/models';
import {
  BASE,
  LEDGER_QUERY,
  SALES_QUERY,
  TestBackend,
  USERS,
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

    it.each(ROUTES)(
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
      const res = await get(backend, '/entities/domain/default/escaping');
      expect(res.status).toBe(200);
      expect(res.body.summary.state).toBe('unknown');
      expect(res.body.summary.modelError.message).toBe(
        "dataplatform.contoso.com/health-model: '../../../etc/passwd' resolves outside catalog/, the directory of the entity's catalog file",
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
      expect(broken.modelError?.message).toContain(
        'dataplatform.contoso.com/health-model: catalog/health/crm-broken.health.yaml is not a valid health model',
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
            'stfinancelake',
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
});
