import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  InMemoryPermissionAudienceRegistry,
  permissionAudiencesServiceRef,
} from '@dataplatform/plugin-persona-policy-node';
import {
  EntityRetentionDetail,
  EntityRetentionSummary,
  EstateFindingsResponse,
  compareVerdicts,
  countVerdicts,
} from '@dataplatform/plugin-retention-common';
import request from 'supertest';
import { SUBSCRIPTIONS } from './__testUtils__/azure';
import { demoCatalog } from './__testUtils__/catalog';
import { INVALID_POLICY_YAML } from './__testUtils__/policies';
import {
  BASE,
  TestBackend,
  USERS,
  startRetentionBackend,
} from './__testUtils__/testBackend';

const HR_AUDIT_LOGS = `/subscriptions/${SUBSCRIPTIONS.hr}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr/tables/AuditLogs`;
const CSV_HEADER =
  'verdict,domain,entity,area,check,category,resource,resource_id,required,actual,required_days,actual_days,reason,remediation,warning,source,portal_url';

/** Waits for what `read` returns to satisfy `done`, checking until a deadline. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

describe('dataplatform-retention backend plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  const start = (
    options: Partial<Parameters<typeof startRetentionBackend>[0]> = {},
  ) =>
    startRetentionBackend({
      endpoint,
      databases,
      entities: demoCatalog(),
      ...options,
    });

  const get = (backend: TestBackend, route: string, user: string) =>
    request(backend.server)
      .get(`${BASE}${route}`)
      .set('authorization', mockCredentials.user.header(user));

  const runs = async (backend: TestBackend) => {
    const [{ n }] = await backend.knex('retention_runs').count({ n: '*' });
    return Number(n);
  };

  /** Triggers a scan the way the page does and waits for its run to be stored. */
  async function scan(backend: TestBackend) {
    const before = await runs(backend);
    const res = await request(backend.server)
      .post(`${BASE}/scan`)
      .set('authorization', mockCredentials.user.header(USERS.priya));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ triggered: true });
    await until(
      () => runs(backend),
      n => n > before,
      'the scan run',
    );
  }

  describe('start-up', () => {
    it('schedules one global scan task on the configured interval', async () => {
      const backend = await start({ config: { intervalSeconds: 600 } });
      expect(backend.tasks).toHaveLength(1);
      expect(backend.tasks[0]).toMatchObject({
        id: 'dataplatform-retention-scan',
        scope: 'global',
        frequency: { seconds: 600 },
        initialDelay: { seconds: 5 },
      });
    });

    it('declares read for every signed-in person and the estate report for the platform team', async () => {
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
        { permission: 'dataplatform.retention.read', audience: 'signed-in' },
        {
          permission: 'dataplatform.retention.report',
          audience: 'platform-team',
        },
      ]);
    });

    it.each([
      [
        { intervalSeconds: 10 },
        'dataplatform.retention.intervalSeconds must be a whole number of seconds from 30 to 86400, got 10',
      ],
      [
        { subscriptionConcurrency: 64 },
        'dataplatform.retention.subscriptionConcurrency must be a whole number of subscriptions from 1 to 32, got 64',
      ],
    ])('refuses %j at start-up, naming the key', async (config, message) => {
      await expect(start({ config })).rejects.toThrow(message);
    });

    it('refuses to start on an invalid policy file, listing every error path', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'retention-plugin-'));
      try {
        const file = path.join(dir, 'retention-policy.yaml');
        await fs.writeFile(file, INVALID_POLICY_YAML);
        const failure = await start({ config: { policyFile: file } }).then(
          () => undefined,
          e => e as Error,
        );
        expect(failure?.message).toContain(`${file}: 2 errors`);
        expect(failure?.message).toContain(
          '/spec/categories/1/require/interactiveDays: interactiveDays applies to Log Analytics tables only',
        );
        expect(failure?.message).toContain(
          '/spec/overrides/0/reason: relaxes totalDays.min from 3650 to 2555: give a reason',
        );
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('who may call', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await start();
    });

    it.each(['/entities', '/entities/domain/default/hr', '/findings'])(
      'GET %s refuses callers without credentials',
      async route => {
        const res = await request(backend.server)
          .get(`${BASE}${route}`)
          .set('authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      },
    );

    it('answers 403 to someone outside the platform team on the estate findings and scans', async () => {
      const res = await get(backend, '/findings', USERS.diego);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'Only the platform team may see retention across the estate (dataplatform.retention.report).',
      });
      const csv = await get(backend, '/findings?format=csv', USERS.diego);
      expect(csv.status).toBe(403);
      const post = await request(backend.server)
        .post(`${BASE}/scan`)
        .set('authorization', mockCredentials.user.header(USERS.diego));
      expect(post.status).toBe(403);
      expect(await runs(backend)).toBe(0);
    });

    it('lets every signed-in person read, and says when an entity was not evaluated yet', async () => {
      const list = await get(backend, '/entities', USERS.diego);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [] });
      const detail = await get(
        backend,
        '/entities/domain/default/hr',
        USERS.diego,
      );
      expect(detail.status).toBe(404);
      expect(detail.body.error.message).toBe(
        'no retention evaluation for domain:default/hr yet',
      );
    });
  });

  describe('after a scan of the demo tenant', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      endpoint.tenant.reset();
      endpoint.faults.clear();
      backend = await start();
      await scan(backend);
    });

    it('lists domains and data products worst first, hr among the violations', async () => {
      const res = await get(backend, '/entities', USERS.diego);
      expect(res.status).toBe(200);
      const items = res.body.items as EntityRetentionSummary[];
      expect(items.map(i => i.entityRef).sort()).toEqual([
        'dataproduct:default/crm-opportunities',
        'dataproduct:default/employee-directory',
        'domain:default/finance',
        'domain:default/hr',
        'domain:default/operations-iot',
        'domain:default/sales',
      ]);
      for (let i = 1; i < items.length; i++) {
        expect(
          compareVerdicts(items[i - 1].verdict, items[i].verdict),
        ).toBeLessThanOrEqual(0);
      }
      const hr = items.find(i => i.entityRef === 'domain:default/hr')!;
      expect(hr).toMatchObject({
        kind: 'Domain',
        title: 'Hr',
        verdict: 'violation',
        stale: false,
        dataProductCount: 1,
      });
      expect(hr.counts.violation).toBeGreaterThanOrEqual(1);
      expect(items[0].verdict).toBe('violation');
    });

    it('gives another backend plugin the same list as people, and keeps the rest of the routes to people', async () => {
      const asService = await request(backend.server)
        .get(`${BASE}/entities`)
        .set('authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      const citizen = await get(backend, '/entities', USERS.diego);
      const platform = await get(backend, '/entities', USERS.priya);
      expect(asService.body.items).toHaveLength(6);
      expect(asService.body).toEqual(platform.body);
      expect(citizen.body).toEqual(platform.body);
      for (const route of ['/entities/domain/default/hr', '/findings']) {
        const res = await request(backend.server)
          .get(`${BASE}${route}`)
          .set('authorization', mockCredentials.service.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          "This endpoint does not allow 'service' credentials",
        );
      }
    });

    it("shows hr's AuditLogs table at the workspace default as a violation", async () => {
      const res = await get(
        backend,
        '/entities/domain/default/hr',
        USERS.diego,
      );
      expect(res.status).toBe(200);
      const body = res.body as EntityRetentionDetail;
      expect(body.summary.entityRef).toBe('domain:default/hr');
      const auditLogs = body.findings.find(
        f => f.check === 'total-retention' && f.resourceId === HR_AUDIT_LOGS,
      );
      expect(auditLogs).toMatchObject({
        entityRef: 'domain:default/hr',
        area: 'retention',
        category: 'audit-logs',
        resourceName: 'log-dp-hr / AuditLogs',
        verdict: 'violation',
        requiredDays: 3650,
        actualDays: 30,
        actual: '30 days (workspace default)',
        source: 'platform policy',
      });
      expect(auditLogs!.remediation).toContain('AuditLogs');
      expect(auditLogs!.remediation).toContain('log-dp-hr');
      expect(body.findings[0].verdict).toBe('violation');
      expect(body.dataProducts?.map(p => p.entityRef)).toEqual([
        'dataproduct:default/employee-directory',
      ]);
      expect(body.recovery).toMatchObject({
        rpo: 'P1D',
        rto: 'PT12H',
        strategy: 'backup-restore',
      });
      expect(body.timelines.some(t => t.resourceId === HR_AUDIT_LOGS)).toBe(
        true,
      );
    });

    it("shows sales' bronze-cleanup rule deleting raw data too early", async () => {
      const res = await get(
        backend,
        '/entities/domain/default/sales',
        USERS.diego,
      );
      const bronze = (res.body as EntityRetentionDetail).findings.find(
        f =>
          f.check === 'total-retention' &&
          f.resourceName === 'stsalesdata / bronze',
      );
      expect(bronze).toMatchObject({ verdict: 'violation', actualDays: 2555 });
      expect(bronze!.actual).toContain('bronze-cleanup');
    });

    it('gives the platform team every finding as JSON, worst first, with the last scan', async () => {
      const res = await get(backend, '/findings', USERS.priya);
      expect(res.status).toBe(200);
      const body = res.body as EstateFindingsResponse;
      expect(body.counts).toEqual(countVerdicts(body.findings));
      expect(body.counts.violation).toBeGreaterThan(0);
      for (let i = 1; i < body.findings.length; i++) {
        expect(
          compareVerdicts(
            body.findings[i - 1].verdict,
            body.findings[i].verdict,
          ),
        ).toBeLessThanOrEqual(0);
      }
      expect(body.findings).toContainEqual(
        expect.objectContaining({
          entityRef: 'domain:default/hr',
          domainRef: 'domain:default/hr',
          resourceId: HR_AUDIT_LOGS,
          verdict: 'violation',
        }),
      );
      const product = body.findings.find(
        f => f.entityRef === 'dataproduct:default/employee-directory',
      );
      expect(product?.domainRef).toBe('domain:default/hr');
      expect(body.lastScan).toMatchObject({ subscriptions: 4 });
      // Four subscriptions: each lists workspaces, tables of one workspace
      // and its accounts, and reads every account and audit container.
      expect(body.lastScan!.azureCalls).toBeGreaterThanOrEqual(4 * 3);
      expect(Date.parse(body.evaluatedAt!)).not.toBeNaN();
    });

    it('filters the findings by verdict and domain', async () => {
      const res = await get(
        backend,
        '/findings?verdict=violation,at-risk&domain=hr',
        USERS.priya,
      );
      expect(res.status).toBe(200);
      const body = res.body as EstateFindingsResponse;
      expect(body.findings.length).toBeGreaterThan(0);
      expect(new Set(body.findings.map(f => f.verdict)).has('compliant')).toBe(
        false,
      );
      expect(new Set(body.findings.map(f => f.domainRef))).toEqual(
        new Set(['domain:default/hr']),
      );
      expect(body.counts.compliant).toBe(0);
      expect(body.counts.unknown).toBe(0);
    });

    it('exports the findings as CSV to download', async () => {
      const res = await get(backend, '/findings?format=csv', USERS.priya);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="retention-findings-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(res.headers['content-disposition']).toContain(
        new Date().toISOString().slice(0, 10),
      );
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      const hrRow = lines.find(line => line.includes(HR_AUDIT_LOGS));
      expect(hrRow).toMatch(
        /^violation,domain:default\/hr,domain:default\/hr,retention,total-retention,audit-logs,log-dp-hr \/ AuditLogs,/,
      );
      const json = await get(backend, '/findings', USERS.priya);
      // One row per finding, after the header, and a final line end.
      expect(lines).toHaveLength(json.body.findings.length + 2);
      expect(lines.at(-1)).toBe('');
    });

    it.each([
      [
        '/findings?verdict=bad',
        "verdict must be a comma-separated list of violation, at-risk, unknown, compliant (got 'bad'; not allowed: 'bad')",
      ],
      [
        '/findings?verdict=violation,ok',
        "verdict must be a comma-separated list of violation, at-risk, unknown, compliant (got 'violation,ok'; not allowed: 'ok')",
      ],
      ['/findings?format=xml', "format must be one of json, csv (got 'xml')"],
      [
        '/findings?domain=group:default/hr',
        "domain must be a domain name such as hr, or a domain entity ref such as domain:default/hr (got 'group:default/hr')",
      ],
    ])('answers 400 to %s, naming the parameter', async (route, message) => {
      const res = await get(backend, route, USERS.priya);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError', message });
    });
  });

  describe('when a later scan cannot read Azure', () => {
    let backend: TestBackend;
    let first: Record<string, EntityRetentionDetail>;
    const detail = async (name: string) =>
      (await get(backend, `/entities/domain/default/${name}`, USERS.diego))
        .body as EntityRetentionDetail;

    beforeEach(async () => {
      backend = await start();
      await scan(backend);
      first = { hr: await detail('hr'), sales: await detail('sales') };
    });

    it('keeps each resource’s last known verdict when the lists answer but every read of a resource fails', async () => {
      const before = first.hr.findings.filter(f => f.area === 'retention');
      expect(before.length).toBeGreaterThan(0);
      expect(before.every(f => f.verdict !== 'unknown')).toBe(true);
      for (const route of [
        '/tables$',
        '/managementPolicies/default$',
        '/immutabilityPolicies/default$',
      ]) {
        endpoint.faults.add({ path: route, kind: 'error', status: 501 });
      }
      await scan(backend);

      const second = await detail('hr');
      expect(second.summary.evaluatedAt > first.hr.summary.evaluatedAt).toBe(
        true,
      );
      const after = new Map(second.findings.map(f => [f.id, f]));
      for (const was of before) {
        expect(after.get(was.id)).toMatchObject({
          verdict: 'unknown',
          lastKnown: {
            verdict: was.verdict,
            actual: was.actual,
            at: first.hr.summary.evaluatedAt,
          },
        });
      }
      expect(
        after.get(
          before.find(
            f =>
              f.check === 'total-retention' && f.resourceId === HR_AUDIT_LOGS,
          )!.id,
        ),
      ).toMatchObject({
        lastKnown: {
          verdict: 'violation',
          actual: '30 days (workspace default)',
        },
      });
      expect(second.summary.verdict).not.toBe('compliant');
    });

    it('turns every retention finding unknown when every call fails, keeping what it knew of the domain as a whole', async () => {
      // Every Resource Manager call fails, without the SDK's retries.
      endpoint.faults.add({
        path: '^/subscriptions/',
        kind: 'error',
        status: 501,
      });
      await scan(backend);

      const second = await detail('sales');
      const retention = second.findings.filter(f => f.area === 'retention');
      expect(retention.length).toBeGreaterThan(0);
      for (const finding of retention) {
        expect(finding.verdict).toBe('unknown');
        expect(finding.reason).toContain('HTTP 501');
      }
      // Findings about the domain as a whole keep their identity across
      // scans, so they carry what was known before the outage.
      const standby = (d: EntityRetentionDetail) =>
        d.findings.find(
          f => f.check === 'secondary-region' && f.resourceId === undefined,
        );
      expect(standby(first.sales)?.verdict).not.toBe('unknown');
      expect(standby(second)).toMatchObject({
        verdict: 'unknown',
        lastKnown: {
          verdict: standby(first.sales)!.verdict,
          actual: standby(first.sales)!.actual,
          at: first.sales.summary.evaluatedAt,
        },
      });
    });
  });
});
