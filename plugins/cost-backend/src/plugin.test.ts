import {
  SchedulerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  LocalAzureEndpoint,
  demoTenantSeed,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  addDays,
  CostAlertFeed,
  DomainCost,
  EstateCost,
  SandboxCost,
} from '@dataplatform/plugin-cost-common';
import {
  InMemoryPermissionAudienceRegistry,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import request from 'supertest';
import {
  COST_PATHS,
  SUBSCRIPTIONS,
  costManagementRequests,
} from './__testUtils__/azure';
import { demoCatalog, domain } from './__testUtils__/catalog';
import {
  BASE,
  TestBackend,
  USERS,
  get,
  refresh,
  startCostBackend,
} from './__testUtils__/testBackend';
import { utcDay } from './services/days';

const RETRY_HEADERS = [
  'retry-after',
  'retry-after-ms',
  'x-ms-retry-after-ms',
  'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after',
];

const snapshots = async (backend: TestBackend) => {
  const [{ n }] = await backend.knex('cost_snapshots').count({ n: '*' });
  return Number(n);
};

describe('dataplatform-cost backend plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({
      aliasProvisioningMs: 0,
      // One page per query: every Cost Management call of a refresh counted is one part.
      costQueryPageSize: 100_000,
    });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  const start = (
    options: Partial<Parameters<typeof startCostBackend>[0]> = {},
  ) =>
    startCostBackend({
      endpoint,
      databases,
      entities: demoCatalog(),
      ...options,
    });

  describe('start-up', () => {
    it('schedules one global refresh task on the configured interval', async () => {
      const backend = await start({
        config: {
          refresh: {
            intervalMinutes: 240,
            initialDelaySeconds: 30,
            timeoutMinutes: 10,
          },
        },
      });
      expect(backend.tasks).toHaveLength(1);
      expect(backend.tasks[0]).toMatchObject({
        id: 'dataplatform-cost-refresh',
        scope: 'global',
        frequency: { minutes: 240 },
        initialDelay: { seconds: 30 },
        timeout: { minutes: 10 },
      });
    });

    it('declares domain cost for domain owners and the estate for the platform team', async () => {
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
        {
          permission: 'dataplatform.cost.domain.read',
          audience: 'domain-owners',
        },
        {
          permission: 'dataplatform.cost.estate.read',
          audience: 'platform-team',
        },
      ]);
    });

    it('refuses an invalid setting at start-up, naming the key', async () => {
      await expect(
        start({ config: { refresh: { intervalMinutes: 0 } } }),
      ).rejects.toThrow(
        'dataplatform.cost.refresh.intervalMinutes must be a whole number of minutes from 1 to 1440, got 0',
      );
    });
  });

  describe('who may call, before the first refresh', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await start();
    });

    it.each([
      ['GET', '/domains/finance'],
      ['GET', '/sandboxes/sandbox-genai-pilot'],
      ['GET', '/estate'],
      ['GET', '/alerts'],
      ['POST', '/refresh'],
    ])('%s %s refuses callers without credentials', async (method, route) => {
      const res = await request(backend.server)
        [method === 'GET' ? 'get' : 'post'](`${BASE}${route}`)
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it("lets the platform team and the domain's owners see a domain, answering pending before the first refresh", async () => {
      for (const user of [USERS.priya, USERS.fatima]) {
        const res = await get(backend, '/domains/finance', user);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          state: 'pending',
          entityRef: 'domain:default/finance',
          name: 'finance',
          data: { stale: false, staleReasons: [] },
        });
      }
    });

    it('refuses a data citizen by permission, and a domain owner on another domain by ownership', async () => {
      const citizen = await get(backend, '/domains/finance', USERS.diego);
      expect(citizen.status).toBe(403);
      expect(citizen.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'You are not allowed to see the cost of domains and sandboxes (dataplatform.cost.domain.read)',
      });
      const other = await get(backend, '/domains/sales', USERS.fatima);
      expect(other.status).toBe(403);
      expect(other.body.error.message).toBe(
        'The cost of domain:default/sales is visible to group:default/sales-domain-owners and the platform team only',
      );
    });

    it("lets the sandbox's owner group and the platform team see a sandbox, and nobody else", async () => {
      expect(
        (await get(backend, '/sandboxes/sandbox-genai-pilot', USERS.marco)).body
          .state,
      ).toBe('pending');
      expect(
        (await get(backend, '/sandboxes/sandbox-genai-pilot', USERS.priya))
          .status,
      ).toBe(200);
      const fatima = await get(
        backend,
        '/sandboxes/sandbox-genai-pilot',
        USERS.fatima,
      );
      expect(fatima.status).toBe(403);
      expect(fatima.body.error.message).toBe(
        'The cost of resource:default/sandbox-genai-pilot is visible to group:default/sales-domain-owners and the platform team only',
      );
      expect(
        (await get(backend, '/sandboxes/sandbox-genai-pilot', USERS.diego))
          .status,
      ).toBe(403);
    });

    it.each([USERS.fatima, USERS.diego])(
      'keeps the estate, the alert feed and refreshes to the platform team (refusing %s)',
      async user => {
        for (const route of ['/estate', '/alerts']) {
          const res = await get(backend, route, user);
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            'Only the platform team may see the cost of the estate (dataplatform.cost.estate.read)',
          );
        }
        const post = await request(backend.server)
          .post(`${BASE}/refresh`)
          .set('authorization', mockCredentials.user.header(user));
        expect(post.status).toBe(403);
        expect(await snapshots(backend)).toBe(0);
        expect(costManagementRequests(endpoint).total).toBe(0);
      },
    );

    it('gives the platform team the estate and the feed, empty before the first refresh', async () => {
      const estate = await get(backend, '/estate', USERS.priya);
      expect(estate.status).toBe(200);
      expect(estate.body).toMatchObject({
        currency: 'USD',
        data: { stale: false, staleReasons: [] },
        totals: { monthToDate: 0, forecastMonthEnd: null, activeAlerts: 0 },
      });
      expect(estate.body.domains).toHaveLength(7);
      const alerts = await get(backend, '/alerts', USERS.priya);
      expect(alerts.status).toBe(200);
      expect(alerts.body.alerts).toEqual([]);
    });

    it('serves the estate compressed to clients that accept gzip, plain to others, and 304 when unchanged', async () => {
      const gzipped = await get(backend, '/estate', USERS.priya).set(
        'accept-encoding',
        'gzip, deflate, br',
      );
      expect(gzipped.status).toBe(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
      const plain = await get(backend, '/estate', USERS.priya).set(
        'accept-encoding',
        'identity',
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      // supertest inflates the gzipped body: both carry the same overview.
      expect(gzipped.body).toEqual(plain.body);
      expect(plain.body.domains).toHaveLength(7);
      const again = await get(backend, '/estate', USERS.priya).set(
        'if-none-match',
        plain.headers.etag,
      );
      expect(again.status).toBe(304);
    });

    it.each([
      [
        '/domains/-finance',
        "name must be the name of a Domain (1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit), got '-finance'",
      ],
      [
        '/sandboxes/sandbox%20genai',
        "name must be the name of an innovation sandbox (1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit), got 'sandbox genai'",
      ],
      [
        '/alerts?kind=budget,spike',
        "Invalid kind 'spike'; allowed values: budget, forecast, anomaly, other",
      ],
      [
        '/alerts?status=open',
        "Invalid status 'open'; allowed values: active, resolved, dismissed",
      ],
      [
        '/alerts?severity=high',
        "Unknown query parameter 'severity'; allowed parameters: kind, status, domain",
      ],
    ])('answers 400 to %s, naming the field', async (route, message) => {
      const res = await get(backend, route, USERS.priya);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ name: 'InputError', message });
    });

    it.each([
      ['/domains/nope', "No Domain named 'nope' in the catalog"],
      [
        '/sandboxes/finance',
        "No innovation sandbox named 'finance' in the catalog (a Resource with spec.type azure-sandbox)",
      ],
    ])('answers 404 to %s', async (route, message) => {
      const res = await get(backend, route, USERS.priya);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ name: 'NotFoundError', message });
    });

    it('explains a domain without a usable subscription annotation instead of showing nothing', async () => {
      const missing = await get(backend, '/domains/research', USERS.priya);
      expect(missing.status).toBe(200);
      expect(missing.body).toEqual({
        state: 'no-subscription',
        entityRef: 'domain:default/research',
        name: 'research',
        annotation: 'dataplatform.contoso.com/azure-subscription-id',
        problem:
          'The Domain has no dataplatform.contoso.com/azure-subscription-id annotation; add it with the id of its Azure subscription (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)',
      });
      const invalid = await get(backend, '/domains/logistics', USERS.priya);
      expect(invalid.body).toMatchObject({
        state: 'no-subscription',
        problem:
          "The Domain's dataplatform.contoso.com/azure-subscription-id annotation is 'dp-domain-logistics', which is not a subscription id (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)",
      });
    });
  });

  describe('after a refresh of the demo tenant', () => {
    let backend: TestBackend;
    const today = utcDay(new Date());
    beforeAll(async () => {
      endpoint.tenant.reset();
      endpoint.faults.clear();
      backend = await start();
      await refresh(backend);
    });

    it("shows finance its month to date, budget, Azure's forecast and the runaway day six days ago", async () => {
      const res = await get(backend, '/domains/finance', USERS.fatima);
      expect(res.status).toBe(200);
      const finance = res.body as DomainCost;
      expect(finance).toMatchObject({
        state: 'ok',
        subscriptionId: SUBSCRIPTIONS.finance,
        data: { stale: false, staleReasons: [] },
      });
      expect(finance.daily).toHaveLength(90);
      expect(finance.daily.at(-1)?.date).toBe(today);
      expect(finance.summary).toMatchObject({
        budget: 25_000,
        budgetName: 'budget-dp-domain-finance',
        forecastSource: 'azure-budget',
      });
      expect(finance.summary.monthToDate).toBeGreaterThan(0);
      expect(finance.budgets[0].notifications).toHaveLength(4);
      expect(finance.alerts).toContainEqual(
        expect.objectContaining({
          kind: 'anomaly',
          status: 'active',
          id: `anomaly:${SUBSCRIPTIONS.finance}:${addDays(today, -6)}`,
          domain: 'finance',
        }),
      );
      expect(Date.parse(finance.data.asOf!)).not.toBeNaN();
      expect(finance.costAnalysisUrl).toContain('costanalysis');
    });

    it('ranks sales, forecast over its budget, above finance in the estate', async () => {
      const res = await get(backend, '/estate', USERS.priya);
      expect(res.status).toBe(200);
      const estate = res.body as EstateCost;
      const names = estate.domains.map(d => d.name);
      const sales = estate.domains.find(d => d.name === 'sales')!;
      expect(['over-budget', 'forecast-over-budget']).toContain(
        sales.summary?.risk,
      );
      expect(names.indexOf('sales')).toBeLessThan(names.indexOf('finance'));
      expect(names.slice(-2).sort()).toEqual(['logistics', 'research']);
      expect(estate.totals.monthToDate).toBeGreaterThan(0);
      expect(estate.totals.forecastMonthEnd).toBeGreaterThanOrEqual(
        estate.totals.monthToDate,
      );
      expect(estate.totals.budget).toBe(
        25_000 + 15_000 + 30_000 + 8_000 + 12_000,
      );
      expect(estate.daily.points).toHaveLength(90);
    });

    it('gives another backend plugin the whole estate, as the platform team sees it, and people what they saw before', async () => {
      const asService = await request(backend.server)
        .get(`${BASE}/estate`)
        .set('authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      const platform = await get(backend, '/estate', USERS.priya);
      expect(asService.body).toEqual(platform.body);
      expect(asService.headers.etag).toBe(platform.headers.etag);
      expect((asService.body as EstateCost).domains).toHaveLength(7);
      for (const user of [USERS.fatima, USERS.diego]) {
        expect((await get(backend, '/estate', user)).status).toBe(403);
      }
      // Only the estate: a service still may not read one domain or the feed.
      for (const route of ['/domains/finance', '/alerts']) {
        const res = await request(backend.server)
          .get(`${BASE}${route}`)
          .set('authorization', mockCredentials.service.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'service' credentials",
        );
      }
    });

    it('answers 304 to an estate request that already has the current ETag', async () => {
      const first = await get(backend, '/estate', USERS.priya);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"\d+-[0-9a-f]{16}"$/);
      const again = await get(backend, '/estate', USERS.priya).set(
        'if-none-match',
        etag,
      );
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      // The ETag does not let anyone else past the permission check.
      const citizen = await get(backend, '/estate', USERS.diego).set(
        'if-none-match',
        etag,
      );
      expect(citizen.status).toBe(403);
    });

    it('projects the genai sandbox to its 500 cap', async () => {
      const res = await get(
        backend,
        '/sandboxes/sandbox-genai-pilot',
        USERS.marco,
      );
      expect(res.status).toBe(200);
      const genai = res.body as SandboxCost;
      expect(genai).toMatchObject({
        state: 'ok',
        cap: 500,
        capSource: 'annotation',
        expiresOn: '2099-01-31',
      });
      expect(genai.dailyRate).toBeGreaterThan(15);
      expect(genai.dailyRate).toBeLessThan(23);
      expect(genai.capReachedOn).toBe(
        genai.daysUntilCap === null ? null : addDays(today, genai.daysUntilCap),
      );
    });

    it('feeds the alerts, filtered by domain and kind', async () => {
      const all = (await get(backend, '/alerts', USERS.priya))
        .body as CostAlertFeed;
      expect(all.counts.byKind.anomaly).toBeGreaterThanOrEqual(1);
      const finance = (
        await get(backend, '/alerts?domain=finance&kind=anomaly', USERS.priya)
      ).body as CostAlertFeed;
      expect(finance.alerts.length).toBeGreaterThanOrEqual(1);
      expect(
        finance.alerts.every(
          a => a.domain === 'finance' && a.kind === 'anomaly',
        ),
      ).toBe(true);
      expect(finance.counts).toEqual(all.counts);
    });

    it('says already-running when a refresh is under way', async () => {
      const busy = await start({
        services: [
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: (): SchedulerService => ({
              scheduleTask: async () => {},
              triggerTask: async id => {
                throw new ConflictError(`Task ${id} is currently running`);
              },
              cancelTask: async () => {},
              getScheduledTasks: async () => [],
              createScheduledTaskRunner: () => ({ run: async () => {} }),
            }),
          }),
        ],
      });
      const res = await request(busy.server)
        .post(`${BASE}/refresh`)
        .set('authorization', mockCredentials.user.header(USERS.priya));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ state: 'already-running' });
    });
  });

  describe('when Azure fails after a good refresh', () => {
    /**
     * Refreshes once with Azure answering, injects the fault, refreshes
     * again and returns what finance's owner sees then, with what they saw
     * before.
     */
    async function refreshThrough(
      faults: Array<Parameters<LocalAzureEndpoint['faults']['add']>[0]>,
      clients: { maxWaitSeconds?: number; requestTimeoutSeconds?: number } = {},
    ) {
      const backend = await start({ clients });
      await refresh(backend);
      const before = (await get(backend, '/domains/finance', USERS.fatima))
        .body as DomainCost;
      expect(before.data.stale).toBe(false);
      for (const fault of faults) endpoint.faults.add(fault);
      await refresh(backend);
      expect(await snapshots(backend)).toBe(2);
      const res = await get(backend, '/domains/finance', USERS.fatima);
      expect(res.status).toBe(200);
      // Every route keeps answering; the estate's views use every part.
      for (const route of ['/estate', '/alerts']) {
        const other = await get(backend, route, USERS.priya);
        expect(other.status).toBe(200);
        expect(other.body.data.stale).toBe(true);
      }
      const sandbox = await get(
        backend,
        '/sandboxes/sandbox-genai-pilot',
        USERS.priya,
      );
      expect(sandbox.status).toBe(200);
      return { before, after: res.body as DomainCost, sandbox: sandbox.body };
    }

    /**
     * Checks that the second refresh kept the first one's daily cost and
     * says it is stale; returns its reasons.
     */
    function lastGoodReasons(before: DomainCost, after: DomainCost) {
      expect(after.state).toBe('ok');
      expect(after.daily).toEqual(before.daily);
      expect(after.data.asOf).toBe(before.data.asOf);
      expect(after.data.stale).toBe(true);
      expect(after.data.lastAttemptAt! > before.data.lastAttemptAt!).toBe(true);
      return after.data.staleReasons;
    }

    it.each(RETRY_HEADERS)(
      'serves the last good snapshot when Cost Management throttles with %s beyond the wait allowed',
      async header => {
        const { before, after } = await refreshThrough(
          [
            {
              path: 'Microsoft\\.CostManagement/',
              kind: 'throttle',
              retryAfterSeconds: 5,
              retryHeader: header,
            },
          ],
          { maxWaitSeconds: 1 },
        );
        expect(lastGoodReasons(before, after)).toContainEqual(
          expect.stringMatching(
            /^usage: Cost Management quota for this tenant is used up; Azure asks to wait 5 s/,
          ),
        );
      },
    );

    it('waits out a short throttle and reads everything', async () => {
      const backend = await start({ clients: { maxWaitSeconds: 10 } });
      endpoint.faults.add({
        path: COST_PATHS.query,
        kind: 'throttle',
        retryAfterSeconds: 1,
        retryHeader: 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
        times: 1,
      });
      await refresh(backend);
      const res = await get(backend, '/domains/finance', USERS.fatima);
      expect(res.body).toMatchObject({
        state: 'ok',
        data: { stale: false, staleReasons: [] },
      });
      // The throttled call and its retry.
      expect(
        Object.entries(costManagementRequests(endpoint).byRoute)
          .filter(([route]) => route.endsWith('/query'))
          .reduce((sum, [, n]) => sum + n, 0),
      ).toBe(2);
    });

    it('serves the last good snapshot when Cost Management answers 500', async () => {
      const { before, after } = await refreshThrough([
        { path: 'Microsoft\\.CostManagement/', kind: 'error', status: 500 },
      ]);
      expect(lastGoodReasons(before, after)).toContainEqual(
        expect.stringMatching(/^usage: HTTP 500: InternalServerError: /),
      );
      expect(after.data.staleReasons).toContainEqual(
        expect.stringMatching(/^alerts: HTTP 500/),
      );
      // Azure's budget forecast still comes from Consumption, which answered.
      expect(after.summary.forecastSource).toBe('azure-budget');
    });

    it('serves the last good snapshot when the cost query times out', async () => {
      const { before, after } = await refreshThrough(
        [{ path: COST_PATHS.query, kind: 'delay', delayMs: 2500 }],
        { requestTimeoutSeconds: 1 },
      );
      expect(lastGoodReasons(before, after)).toContainEqual(
        expect.stringMatching(/^usage: Azure did not answer within 1 s/),
      );
      // The other parts answered in time.
      expect(after.data.staleReasons).toHaveLength(1);
    });

    it('serves the last good snapshot when the cost query answers broken JSON', async () => {
      const { before, after } = await refreshThrough([
        { path: COST_PATHS.query, kind: 'malformed' },
      ]);
      expect(lastGoodReasons(before, after)).toContainEqual(
        expect.stringMatching(/^usage: HTTP 200: PARSE_ERROR: /),
      );
    });

    it('serves the last good snapshot when the next page of the cost query does not exist', async () => {
      const { before, after } = await refreshThrough([
        { path: COST_PATHS.query, kind: 'dangling-next-link' },
      ]);
      expect(lastGoodReasons(before, after)).toContainEqual(
        expect.stringMatching(
          /^usage: HTTP 404: NotFound: The page this nextLink points to does not exist or has expired/,
        ),
      );
    });

    it("keeps a subscription's budgets when only its budget list fails", async () => {
      const { before, after, sandbox } = await refreshThrough([
        {
          path: `/subscriptions/${SUBSCRIPTIONS.finance}/providers/${COST_PATHS.budgets}`,
          kind: 'error',
          status: 501,
        },
      ]);
      expect(after.budgets).toEqual(before.budgets);
      // The sandbox's own budgets were read: it is not stale.
      expect(sandbox.data).toMatchObject({ stale: false, staleReasons: [] });
      // As of when the kept budgets were read: during the first refresh.
      expect(after.data.asOf! <= before.data.lastAttemptAt!).toBe(true);
      expect(after.data.staleReasons).toEqual([
        expect.stringMatching(
          new RegExp(`^budgets of ${SUBSCRIPTIONS.finance}: HTTP 501`),
        ),
      ]);
    });
  });

  it('serves the stored snapshot at once after a restart, without asking Azure', async () => {
    const first = await start();
    await refresh(first);
    const before = (await get(first, '/domains/finance', USERS.fatima))
      .body as DomainCost;
    const estateBefore = await get(first, '/estate', USERS.priya);
    await first.stop();
    endpoint.requests.clear();

    const restarted = await start({ knex: first.knex });
    const after = await get(restarted, '/domains/finance', USERS.fatima);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    const estateAfter = await get(restarted, '/estate', USERS.priya);
    expect(estateAfter.headers.etag).toBe(estateBefore.headers.etag);
    expect(endpoint.requests.snapshot().total).toBe(0);
  });

  it('makes as many Cost Management calls for 50 domain subscriptions as for 5', async () => {
    // A tenant with 45 more domain subscriptions, each with its own cost.
    const extra = Array.from(
      { length: 45 },
      (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    );
    const seed = demoTenantSeed();
    seed.subscriptions.push(
      ...extra.map((subscriptionId, i) => ({
        subscriptionId,
        displayName: `dp-domain-${i + 1}`,
        managementGroupId: DEMO_PLATFORM_MANAGEMENT_GROUPS.domains,
        tags: {},
      })),
    );
    seed.costProfiles = {
      ...seed.costProfiles,
      ...Object.fromEntries(extra.map(sub => [sub, { monthlyRunRate: 3_000 }])),
    };
    const large = await startLocalAzureEndpoint({
      aliasProvisioningMs: 0,
      seed,
      costQueryPageSize: 100_000,
    });
    try {
      const budgetCalls = () =>
        Object.entries(large.requests.snapshot().byRoute)
          .filter(([route]) => route.includes('Microsoft.Consumption/budgets'))
          .reduce((sum, [, n]) => sum + n, 0);

      const five = await start({ endpoint: large });
      await refresh(five);
      const forFive = costManagementRequests(large);
      expect(budgetCalls()).toBe(6);

      large.requests.clear();
      const fifty = await start({
        endpoint: large,
        entities: [
          ...demoCatalog(),
          ...extra.map((sub, i) => domain(`domain-${i + 1}`, sub)),
        ],
      });
      await refresh(fifty);
      const forFifty = costManagementRequests(large);
      expect(forFive.total).toBe(3);
      expect(forFifty).toEqual(forFive);
      // Budgets are per subscription, from Consumption: they are what grows.
      expect(budgetCalls()).toBe(51);
      const estate = (await get(fifty, '/estate', USERS.priya))
        .body as EstateCost;
      expect(
        estate.domains.find(d => d.name === 'domain-45')?.summary?.monthToDate,
      ).toBeGreaterThan(0);
    } finally {
      await large.close();
    }
  });
});
