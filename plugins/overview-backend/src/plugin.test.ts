import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DomainOverviewResponse,
  MeResponse,
  MyDomainsResponse,
  PlatformHomeResponse,
  SourceStatus,
} from '@dataplatform/plugin-overview-common';
import {
  InMemoryPermissionAudienceRegistry,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import request from 'supertest';
import {
  GROUPS,
  USERS,
  catalogEntities,
  costBody,
  dayFrom,
  retentionBody,
} from './__testUtils__/fixtures';
import {
  BASE,
  TestBackend,
  defaultUpstreams,
  get,
  startOverviewBackend,
  userInfoFactory,
} from './__testUtils__/testBackend';
import { MODEL_ERROR_CAUSE } from './services/rows';
import { NO_VISIBLE_ROWS } from './services/views';

const ROUTES = ['/domains', '/domains/finance', '/me', '/me/domains'];
const TIME = '(?:\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2} UTC';

function sourceOf(sources: SourceStatus[], concern: string) {
  return sources.find(s => s.concern === concern)!;
}

function names(body: { rows: Array<{ name: string }> }) {
  return body.rows.map(r => r.name);
}

describe('dataplatform-overview backend plugin', () => {
  describe('start-up', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startOverviewBackend();
    });

    it('schedules one poll per instance every 20 seconds, run at start', async () => {
      expect(backend.tasks).toHaveLength(1);
      expect(backend.tasks[0]).toMatchObject({
        id: 'dataplatform-overview-refresh',
        scope: 'local',
        frequency: { seconds: 20 },
        timeout: { seconds: 3 },
      });
      expect(backend.tasks[0].initialDelay).toBeUndefined();
      // The first poll already ran: each plugin was asked once.
      for (const route of Object.values(backend.upstreams)) {
        expect(route.requests).toHaveLength(1);
      }
    });

    it("asks each plugin with the overview's own service token, and provisioning only for unfinished work", () => {
      const { upstreams } = backend;
      for (const route of Object.values(upstreams)) {
        expect(route.requests[0].principal).toBe(
          'plugin:dataplatform-overview',
        );
        expect(route.requests[0].authorization).toMatch(/^Bearer /);
      }
      expect(upstreams.domainRequests.requests[0].query).toBe(
        '?status=pending-approval,approved,provisioning,failed',
      );
      expect(upstreams.sandboxLeases.requests[0].query).toBe(
        '?state=provisioning,expiring,frozen,needs-attention',
      );
    });

    it('declares its permission for every signed-in person', async () => {
      const audiences = new InMemoryPermissionAudienceRegistry();
      await startOverviewBackend({
        services: [
          createServiceFactory({
            service: permissionAudiencesServiceRef,
            deps: {},
            factory: () => audiences,
          }),
        ],
      });
      expect(audiences.list()).toEqual([
        { permission: 'dataplatform.overview.read', audience: 'signed-in' },
      ]);
    });

    it('refuses an invalid setting at start-up, naming the key', async () => {
      await expect(
        startOverviewBackend({ config: { refresh: { intervalSeconds: 2 } } }),
      ).rejects.toThrow(
        'dataplatform.overview.refresh.intervalSeconds must be a whole number of seconds from 5 to 3600, got 2',
      );
    });
  });

  describe('who may call', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startOverviewBackend();
    });

    it.each(ROUTES)(
      'GET %s refuses callers without credentials',
      async route => {
        const res = await request(backend.server)
          .get(`${BASE}${route}`)
          .set('authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      },
    );

    it.each(ROUTES)(
      'GET %s refuses services: it answers people',
      async route => {
        const res = await request(backend.server)
          .get(`${BASE}${route}`)
          .set('authorization', mockCredentials.service.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'service' credentials",
        );
      },
    );

    it.each(ROUTES)(
      'GET %s answers 403 when the permission policy denies',
      async route => {
        const denied = await startOverviewBackend({
          permission: AuthorizeResult.DENY,
        });
        const res = await get(denied, route, USERS.priya);
        expect(res.status).toBe(403);
        expect(res.body.error).toEqual({
          name: 'NotAllowedError',
          message:
            'You are not allowed to read the overview of domains (dataplatform.overview.read)',
        });
      },
    );
  });

  describe('with every source answering', () => {
    let backend: TestBackend;
    const asked: string[] = [];
    beforeAll(async () => {
      backend = await startOverviewBackend({
        services: [userInfoFactory(asked)],
      });
    });

    it('gives the platform team every domain, worst first, with counts and every source current', async () => {
      const res = await get(backend, '/domains', USERS.priya);
      expect(res.status).toBe(200);
      const body = res.body as PlatformHomeResponse;
      expect(body.rows.map(r => [r.name, r.attention, r.rank])).toEqual([
        ['finance', 'critical', 0],
        ['hr', 'critical', 1],
        ['sales', 'warning', 2],
      ]);
      expect(body.visibleTotal).toBe(3);
      expect(body.emptyReason).toBeUndefined();
      expect(body.counts).toEqual({
        domains: 3,
        byAttention: { critical: 2, warning: 1, unknown: 0, ok: 0 },
        unhealthy: 1,
        degraded: 0,
        overBudget: 1,
        costAtRisk: 0,
        retentionViolations: 1,
        contractErrors: 2,
        sandboxesOpen: 2,
        sandboxesExpiringSoon: 2,
      });
      expect(
        body.sources.map(s => [s.concern, s.source, s.state, s.reasons]),
      ).toEqual([
        ['health', 'dataplatform-health', 'ok', []],
        ['cost', 'dataplatform-cost', 'ok', []],
        ['retention', 'dataplatform-retention', 'ok', []],
        ['contracts', 'catalog', 'ok', []],
        ['sandboxes', 'catalog', 'ok', []],
      ]);
      expect(sourceOf(body.sources, 'cost').dataAsOf).toBe(
        '2026-11-24T08:00:00.000Z',
      );
      expect(sourceOf(body.sources, 'health').dataAsOf).toBe(
        '2026-11-24T11:01:30.000Z',
      );
      expect(Date.now() - Date.parse(body.sources[0].asOf!)).toBeLessThan(
        60_000,
      );
      const finance = body.rows[0];
      expect(finance.cost).toMatchObject({
        risk: 'over-budget',
        monthToDate: 11200,
      });
      expect(finance.health).toMatchObject({ state: 'unhealthy' });
      expect(res.headers['cache-control']).toBe('private, no-cache');
    });

    it("shows a domain owner only their domain's row, cost included", async () => {
      const res = await get(backend, '/domains', USERS.fatima);
      const body = res.body as PlatformHomeResponse;
      expect(names(body)).toEqual(['finance']);
      expect(body.visibleTotal).toBe(1);
      expect(body.counts.domains).toBe(1);
      expect(body.counts.overBudget).toBe(1);
      expect(body.rows[0].cost).toMatchObject({ risk: 'over-budget' });
      expect((await get(backend, '/domains', USERS.marco)).body.rows).toEqual([
        expect.objectContaining({ name: 'sales', rank: 2 }),
      ]);
    });

    it('shows a data citizen no row, zero counts and why', async () => {
      const res = await get(backend, '/domains', USERS.diego);
      expect(res.status).toBe(200);
      const body = res.body as PlatformHomeResponse;
      expect(body.rows).toEqual([]);
      expect(body.visibleTotal).toBe(0);
      expect(body.counts).toMatchObject({
        domains: 0,
        byAttention: { critical: 0, warning: 0, unknown: 0, ok: 0 },
        overBudget: 0,
      });
      expect(body.emptyReason).toBe(NO_VISIBLE_ROWS);
      expect(body.emptyReason).toMatch(
        /^No domain is owned by a group you are in, and you are not in the platform team; /,
      );
    });

    it('looks up who is asking once per request', async () => {
      asked.length = 0;
      await get(backend, '/domains', USERS.marco);
      await get(backend, '/domains/finance', USERS.diego);
      expect(asked).toEqual([USERS.marco, USERS.diego]);
    });

    it.each([
      ['?q=FIN', ['finance']],
      ['?q=sales%20domain%20owners', ['sales']],
      ['?attention=warning', ['sales']],
      ['?attention=critical,warning', ['finance', 'hr', 'sales']],
      ['?concern=retention', ['hr', 'sales']],
      ['?concern=health&concern=sandboxes', ['finance', 'sales']],
      ['?attention=critical&concern=cost', ['finance']],
    ])(
      'filters %s to %j, counting over every visible row',
      async (query, expected) => {
        const res = await get(backend, `/domains${query}`, USERS.priya);
        expect(res.status).toBe(200);
        const body = res.body as PlatformHomeResponse;
        expect(names(body)).toEqual(expected);
        expect(body.visibleTotal).toBe(3);
        expect(body.counts.domains).toBe(3);
      },
    );

    it('filters only within the rows the person may see', async () => {
      const res = await get(
        backend,
        '/domains?attention=critical',
        USERS.marco,
      );
      expect(res.body.rows).toEqual([]);
      expect(res.body.visibleTotal).toBe(1);
      expect(res.body.emptyReason).toBeUndefined();
    });

    it.each([
      [
        '?attention=bad',
        "attention must be one or more of critical, warning, unknown, ok (comma-separated), got 'bad'",
      ],
      [
        '?concern=health,money',
        "concern must be one or more of health, cost, retention, contracts, sandboxes (comma-separated), got 'money'",
      ],
      [
        '?sort=name',
        "Unknown query parameter 'sort'; allowed parameters: q, attention, concern",
      ],
      [`?q=${'x'.repeat(101)}`, 'q must be at most 100 characters, got 101'],
    ])(
      'answers 400 to %s naming the field and what is allowed',
      async (query, message) => {
        const res = await get(backend, `/domains${query}`, USERS.priya);
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual({ name: 'InputError', message });
      },
    );

    it("serves the platform team's answer compressed, with an ETag, and 304 when the client has it", async () => {
      const gzipped = await get(backend, '/domains', USERS.priya).set(
        'accept-encoding',
        'gzip',
      );
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
      const plain = await get(backend, '/domains', USERS.priya).set(
        'accept-encoding',
        'identity',
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.body).toEqual(plain.body);
      const etag = plain.headers.etag;
      expect(etag).toMatch(/^W\/"[0-9a-f]{20}"$/);
      const again = await get(backend, '/domains', USERS.priya).set(
        'if-none-match',
        etag,
      );
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      // A poll that changes nothing but the poll times keeps the ETag…
      await backend.poll();
      const afterPoll = await get(backend, '/domains', USERS.priya);
      expect(afterPoll.headers.etag).toBe(etag);
      expect(afterPoll.body.generatedAt).not.toBe(plain.body.generatedAt);
      expect(
        (await get(backend, '/domains', USERS.priya).set('if-none-match', etag))
          .status,
      ).toBe(304);
      // …and one that changes what is shown changes it.
      backend.upstreams.retention.fail(500);
      await backend.poll();
      const changed = await get(backend, '/domains', USERS.priya).set(
        'if-none-match',
        etag,
      );
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      backend.upstreams.retention.ok(retentionBody());
      await backend.poll();
      expect((await get(backend, '/domains', USERS.priya)).headers.etag).toBe(
        etag,
      );
    });

    it("tags each person's own answer too, and never lets an ETag past the checks", async () => {
      const first = await get(backend, '/domains', USERS.fatima);
      expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]{20}-[0-9a-f]{20}"$/);
      const filtered = await get(backend, '/domains?q=fin', USERS.fatima);
      expect(filtered.headers.etag).not.toBe(first.headers.etag);
      const again = await get(backend, '/domains', USERS.fatima).set(
        'if-none-match',
        first.headers.etag,
      );
      expect(again.status).toBe(304);
      const platform = await get(backend, '/domains', USERS.priya);
      const other = await get(backend, '/domains', USERS.marco).set(
        'if-none-match',
        platform.headers.etag,
      );
      expect(other.status).toBe(200);
      expect(names(other.body)).toEqual(['sales']);
    });

    it("shows anyone a domain's page, with the cost restricted to its owners and the platform team", async () => {
      const res = await get(backend, '/domains/finance', USERS.diego);
      expect(res.status).toBe(200);
      const body = res.body as DomainOverviewResponse;
      expect(body.row.cost).toEqual({
        attention: 'unknown',
        text: 'Restricted',
        unavailable:
          'Cost is visible to Finance Domain Owners and the platform team',
        href: '/catalog/default/domain/finance/cost',
      });
      expect(res.text).not.toContain('11200');
      expect(body.row.reasons.some(r => r.startsWith('Cost'))).toBe(false);
      expect(body.row.health).toMatchObject({ state: 'unhealthy' });
      expect(body.row.attention).toBe('critical');
      for (const user of [USERS.fatima, USERS.priya]) {
        const owner = await get(backend, '/domains/finance', user);
        expect(owner.body.row.cost).toMatchObject({
          risk: 'over-budget',
          monthToDate: 11200,
        });
        expect(owner.body.row.reasons).toContain(
          'Cost: over budget (112% of budget)',
        );
      }
    });

    it("gives a domain's page its data products, sandboxes, owner with members and requests in progress", async () => {
      const finance = (await get(backend, '/domains/finance', USERS.diego))
        .body as DomainOverviewResponse;
      expect(
        finance.dataProducts.map(p => [p.name, p.contracts[0].status]),
      ).toEqual([
        ['deal-fraud-scores', 'invalid'],
        ['general-ledger-postings', 'valid'],
      ]);
      expect(finance.sandboxes).toEqual([
        expect.objectContaining({
          name: 'sandbox-forecast-lab',
          expiresOn: dayFrom(new Date(), -2),
          daysLeft: -2,
          budgetCap: 1000,
        }),
      ]);
      expect(finance.owner).toMatchObject({
        entityRef: GROUPS.finance,
        title: 'Finance Domain Owners',
        members: [
          {
            entityRef: USERS.fatima,
            title: 'Fatima Osei',
            email: 'fatima.osei@contoso.example',
            href: '/catalog/default/user/fatima.osei',
          },
        ],
      });
      expect(finance.requests).toEqual([]);
      expect(finance.sources.map(s => s.source)).toEqual([
        'dataplatform-health',
        'dataplatform-cost',
        'dataplatform-retention',
        'catalog',
        'catalog',
        'dataplatform-provisioning',
      ]);

      const sales = (await get(backend, '/domains/sales', USERS.marco))
        .body as DomainOverviewResponse;
      expect(sales.requests.map(r => [r.kind, r.id])).toEqual([
        ['sandbox-lease', 'sl-genai'],
      ]);
      expect(sales.sandboxes.map(s => s.name)).toEqual([
        'sandbox-genai-pilot',
        'sandbox-old-poc',
      ]);
      const hr = (await get(backend, '/domains/hr', USERS.diego))
        .body as DomainOverviewResponse;
      expect(hr.requests).toEqual([
        expect.objectContaining({
          kind: 'domain-request',
          id: 'dr-hr',
          status: 'failed',
          href: '/provisioning/domain-requests/dr-hr',
        }),
      ]);
      expect(hr.row.cost).toMatchObject({ text: 'Restricted' });
    });

    it('answers 404 for a domain the catalog does not have, and 400 for a name that cannot be one', async () => {
      const missing = await get(backend, '/domains/logistics', USERS.priya);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({
        name: 'NotFoundError',
        message: "no Domain named 'logistics' in the catalog",
      });
      const bad = await get(backend, '/domains/-finance', USERS.priya);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        "name must be the name of a Domain (1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit), got '-finance'",
      );
    });

    it.each([
      [
        USERS.priya,
        { persona: 'platform-team', landingPath: '/platform', domains: [] },
      ],
      [
        USERS.fatima,
        {
          persona: 'domain-owner',
          landingPath: '/my-domains',
          domains: ['finance'],
        },
      ],
      [
        USERS.marco,
        {
          persona: 'domain-owner',
          landingPath: '/my-domains',
          domains: ['sales'],
        },
      ],
      [
        USERS.diego,
        { persona: 'data-citizen', landingPath: '/data-products', domains: [] },
      ],
    ])('lands %s where their persona lands', async (user, expected) => {
      const res = await get(backend, '/me', user);
      expect(res.status).toBe(200);
      expect(res.body as MeResponse).toEqual(expected);
    });

    it("gives a domain owner their domains and the requests they made or their group's", async () => {
      const res = await get(backend, '/me/domains', USERS.marco);
      const body = res.body as MyDomainsResponse;
      expect(body.persona).toBe('domain-owner');
      expect(names(body)).toEqual(['sales']);
      expect(body.rows[0].cost).toMatchObject({ risk: 'on-track' });
      expect(body.requests.map(r => r.id)).toEqual([
        'sl-genai',
        'dr-logistics',
      ]);
      expect(sourceOf(body.sources, 'sandboxes').source).toBe('catalog');
      expect(body.sources.at(-1)).toMatchObject({
        source: 'dataplatform-provisioning',
        state: 'ok',
      });
    });

    it('gives the platform team the domains of their own groups only, and their own requests', async () => {
      const body = (await get(backend, '/me/domains', USERS.priya))
        .body as MyDomainsResponse;
      expect(body.persona).toBe('platform-team');
      expect(body.rows).toEqual([]);
      expect(body.requests.map(r => r.id)).toEqual(['dr-hr']);
      const citizen = (await get(backend, '/me/domains', USERS.diego))
        .body as MyDomainsResponse;
      expect(citizen).toMatchObject({
        persona: 'data-citizen',
        rows: [],
        requests: [],
      });
    });
  });

  describe('when a source fails', () => {
    it('marks only the cost column stale after a good answer, keeping its figures and saying why', async () => {
      const backend = await startOverviewBackend();
      backend.upstreams.cost.fail(503, 'Cost Management is throttled');
      await backend.poll();
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      const cost = sourceOf(body.sources, 'cost');
      expect(cost.state).toBe('stale');
      expect(cost.reasons).toHaveLength(1);
      expect(cost.reasons[0]).toMatch(
        new RegExp(
          `^dataplatform-cost answered HTTP 503: ServiceUnavailableError: Cost Management is throttled at ${TIME}; showing the answer of ${TIME}$`,
        ),
      );
      const finance = body.rows.find(r => r.name === 'finance')!;
      expect(finance.cost).toMatchObject({
        attention: 'critical',
        risk: 'over-budget',
        monthToDate: 11200,
        stale: cost.reasons[0],
      });
      expect(finance.reasons).toContain(
        'Cost: over budget (112% of budget) (last known)',
      );
      for (const concern of ['health', 'retention', 'contracts', 'sandboxes']) {
        expect(sourceOf(body.sources, concern).state).toBe('ok');
      }
      expect((finance.health as { stale?: string }).stale).toBeUndefined();
      // Answering again makes it current.
      backend.upstreams.cost.ok(costBody());
      await backend.poll();
      const again = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(sourceOf(again.sources, 'cost')).toMatchObject({
        state: 'ok',
        reasons: [],
      });
      expect(again.rows[0].cost).not.toHaveProperty('stale');
    });

    it('gives every row an UnavailableCell for a column whose plugin never answered, the rest working', async () => {
      const upstreams = defaultUpstreams();
      upstreams.retention.fail(500, 'database is down');
      const backend = await startOverviewBackend({ upstreams });
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      const retention = sourceOf(body.sources, 'retention');
      expect(retention.state).toBe('failing');
      expect(retention.asOf).toBeUndefined();
      expect(retention.reasons[0]).toMatch(
        new RegExp(
          `^dataplatform-retention answered HTTP 500: ServiceUnavailableError: database is down at ${TIME}; nothing read from it since the overview started$`,
        ),
      );
      expect(body.rows).toHaveLength(3);
      for (const row of body.rows) {
        expect(row.retention).toEqual({
          attention: 'unknown',
          text: 'Unavailable',
          unavailable: expect.stringMatching(
            /^dataplatform-retention has not answered since the overview started: dataplatform-retention answered HTTP 500/,
          ),
          href: `/catalog/default/domain/${row.name}/retention`,
        });
        expect(row.health).not.toHaveProperty('unavailable');
        expect(row.cost).not.toHaveProperty('unavailable');
      }
      expect(body.counts.retentionViolations).toBe(0);
    });

    it('says a plugin that does not answer in time is failing, and does not wait for it', async () => {
      const upstreams = defaultUpstreams();
      upstreams.health.hang();
      const started = Date.now();
      const backend = await startOverviewBackend({ upstreams });
      // The first poll gave up on health after the 1 s timeout.
      expect(Date.now() - started).toBeLessThan(15_000);
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(sourceOf(body.sources, 'health')).toMatchObject({
        state: 'failing',
        reasons: [
          expect.stringMatching(
            /^dataplatform-health did not answer within 1 s at /,
          ),
        ],
      });
      expect(body.rows[0].health).toMatchObject({ text: 'Unavailable' });
      expect(sourceOf(body.sources, 'cost').state).toBe('ok');
    });

    it('keeps the cost answer on a 304, sending back the ETag it was given', async () => {
      const backend = await startOverviewBackend();
      await backend.poll();
      const { requests } = backend.upstreams.cost;
      expect(requests.map(r => r.ifNoneMatch)).toEqual([undefined, '"1-cost"']);
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(sourceOf(body.sources, 'cost').state).toBe('ok');
      expect(body.rows[0].cost).toMatchObject({ risk: 'over-budget' });
    });

    it('marks the cost column stale when the cost plugin says its own data is stale, with its reasons', async () => {
      const backend = await startOverviewBackend();
      const estate = costBody();
      estate.data = {
        asOf: '2026-11-24T04:00:00.000Z',
        stale: true,
        staleReasons: ['Cost Management query: throttled (HTTP 429)'],
      };
      backend.upstreams.cost.ok(estate, '"2-cost"');
      await backend.poll();
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      const reason =
        'dataplatform-cost shows figures read before its last refresh failed: Cost Management query: throttled (HTTP 429)';
      expect(sourceOf(body.sources, 'cost')).toMatchObject({
        state: 'stale',
        dataAsOf: '2026-11-24T04:00:00.000Z',
        reasons: [reason],
      });
      expect(
        body.rows.every(r => (r.cost as { stale?: string }).stale === reason),
      ).toBe(true);
    });

    it('marks a stale health item and says so in the source, without passing on model paths', async () => {
      const backend = await startOverviewBackend();
      backend.upstreams.health.ok({
        items: [
          {
            entityRef: 'domain:default/finance',
            kind: 'domain',
            title: 'Finance',
            state: 'unknown',
            lastState: 'unhealthy',
            stale: true,
            signalCounts: { healthy: 0, degraded: 0, unhealthy: 2, unknown: 0 },
            topCauses: ['not evaluated since 2026-11-24 02:31 UTC'],
          },
          {
            entityRef: 'domain:default/sales',
            kind: 'domain',
            title: 'Sales',
            state: 'unknown',
            stale: false,
            signalCounts: { healthy: 0, degraded: 0, unhealthy: 0, unknown: 1 },
            modelError: { message: 'x', errors: [] },
            topCauses: [
              "dataplatform.contoso.com/health-model: '/srv/portal/catalog/health/sales.health.yaml' cannot be read",
            ],
          },
        ],
      });
      await backend.poll();
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(sourceOf(body.sources, 'health')).toMatchObject({
        state: 'stale',
        reasons: [
          'dataplatform-health has not evaluated 1 entity lately (Finance); they show their last known state',
        ],
      });
      const rows = Object.fromEntries(body.rows.map(r => [r.name, r]));
      expect(rows.finance.health).toMatchObject({
        state: 'unhealthy',
        attention: 'critical',
        stale: 'not evaluated since 2026-11-24 02:31 UTC',
      });
      expect(rows.sales.health).toMatchObject({
        topCauses: [MODEL_ERROR_CAUSE],
      });
      expect(JSON.stringify(body)).not.toContain('/srv/portal');
    });

    it('keeps the previous domains when the catalog fails, marking its columns stale', async () => {
      const backend = await startOverviewBackend();
      jest
        .spyOn(backend.catalog, 'getEntities')
        .mockRejectedValue(new Error('catalog database unavailable'));
      await backend.poll();
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(names(body)).toEqual(['finance', 'hr', 'sales']);
      for (const concern of ['contracts', 'sandboxes']) {
        const source = sourceOf(body.sources, concern);
        expect(source.state).toBe('stale');
        expect(source.reasons[0]).toMatch(
          new RegExp(
            `^the catalog could not be read: Error: catalog database unavailable at ${TIME}; showing the answer of ${TIME}$`,
          ),
        );
      }
      expect(body.rows[0].contracts).toMatchObject({
        invalid: 1,
        stale: expect.stringContaining('catalog database unavailable'),
      });
      expect(sourceOf(body.sources, 'health').state).toBe('ok');
      expect((await get(backend, '/me', USERS.fatima)).body.persona).toBe(
        'domain-owner',
      );
    });

    it('gives up on a catalog that does not answer in time, keeping the previous domains', async () => {
      const backend = await startOverviewBackend();
      jest
        .spyOn(backend.catalog, 'getEntities')
        .mockReturnValue(new Promise(() => {}));
      await backend.poll();
      const body = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(body.rows).toHaveLength(3);
      expect(sourceOf(body.sources, 'contracts').reasons[0]).toMatch(
        /^the catalog could not be read: Error: the catalog did not answer within 1 s at /,
      );
    });

    it('says why there are no rows when the catalog never answered, and cannot tell a domain owner from a citizen', async () => {
      const catalog = catalogServiceMock({
        entities: catalogEntities(new Date()),
      });
      jest
        .spyOn(catalog, 'getEntities')
        .mockRejectedValue(new Error('catalog database unavailable'));
      const backend = await startOverviewBackend({ catalog });
      const home = (await get(backend, '/domains', USERS.priya))
        .body as PlatformHomeResponse;
      expect(home.rows).toEqual([]);
      expect(home.emptyReason).toBe(
        'The catalog has not answered since the overview started (the catalog could not be read: Error: catalog database unavailable), so no domain can be shown yet',
      );
      expect(sourceOf(home.sources, 'contracts').state).toBe('failing');
      const domainPage = await get(backend, '/domains/finance', USERS.fatima);
      expect(domainPage.status).toBe(503);
      expect(domainPage.body.error.message).toBe(home.emptyReason);
      expect((await get(backend, '/me', USERS.fatima)).status).toBe(503);
      expect((await get(backend, '/me', USERS.priya)).body).toEqual({
        persona: 'platform-team',
        landingPath: '/platform',
        domains: [],
      });
    });

    it('shows no requests when provisioning never answered, and says so in the sources', async () => {
      const upstreams = defaultUpstreams();
      upstreams.sandboxLeases.fail(502);
      const backend = await startOverviewBackend({ upstreams });
      const body = (await get(backend, '/me/domains', USERS.marco))
        .body as MyDomainsResponse;
      expect(body.requests.map(r => r.id)).toEqual(['dr-logistics']);
      expect(body.sources.at(-1)).toMatchObject({
        source: 'dataplatform-provisioning',
        state: 'failing',
        reasons: [
          expect.stringMatching(/^dataplatform-provisioning answered HTTP 502/),
        ],
      });
      expect(body.rows[0].sandboxes).toMatchObject({ open: 1 });
    });
  });

  describe('responses', () => {
    it('never carry a token or secret, even when a failing plugin quotes one', async () => {
      const backend = await startOverviewBackend();
      const jwt =
        'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbHVnaW4ifQ.c2lnbmF0dXJlLXZhbHVl';
      backend.upstreams.cost.fail(
        503,
        `upstream said: Authorization: Bearer ${jwt} for https://st.blob.core.windows.net/c?sv=2024&sig=AbC%2Bsecret123 password=hunter2`,
      );
      backend.upstreams.retention.fail(500, `token=${jwt}`);
      await backend.poll();
      const serviceTokens = Object.values(backend.upstreams)
        .flatMap(route => route.requests)
        .map(r => r.authorization!.replace(/^Bearer /, ''));
      expect(serviceTokens.length).toBeGreaterThan(0);
      const bodies: string[] = [];
      for (const user of Object.values(USERS)) {
        for (const route of [
          ...ROUTES,
          '/domains/sales',
          '/domains/hr',
          '/domains?attention=critical',
        ]) {
          const res = await get(backend, route, user).set(
            'accept-encoding',
            'identity',
          );
          expect(res.status).toBe(200);
          bodies.push(res.text);
        }
      }
      const costReason = sourceOf(JSON.parse(bodies[0]).sources, 'cost')
        .reasons[0];
      expect(costReason).toContain('[redacted]');
      for (const text of bodies) {
        for (const needle of [
          'eyJ',
          'Bearer',
          'secret',
          'password',
          'sig=',
          'hunter2',
          ...serviceTokens,
        ]) {
          expect(text).not.toContain(needle);
        }
        expect(text.toLowerCase()).not.toContain('token');
      }
    });
  });
});
