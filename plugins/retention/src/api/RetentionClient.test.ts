import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  estateResponse,
  hrDetail,
  hrSummary,
} from '../__testUtils__/fixtures';
import { RetentionClient } from './RetentionClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-retention';

const CSV =
  'verdict,domain,entity,area,check,category,resource,resource_id,required,actual,required_days,actual_days,reason,remediation,warning,source,portal_url\r\n' +
  'violation,domain:default/hr,domain:default/hr,retention,total-retention,audit-logs,log-dp-hr / AuditLogs,/x,"≥ 2,555 days (7 years)",30 days (workspace default),2555,30,r,m,,platform policy,https://portal.azure.com/\r\n';

/**
 * A file's text. Through FileReader: the test environment's File lacks
 * `text()`, and its Blob is not the global one.
 */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

function client(now?: () => Date) {
  return new RetentionClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
    now,
  });
}

describe('RetentionClient', () => {
  it('lists every evaluated entity as the signed-in user', async () => {
    const body = { items: [hrSummary()] };
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE}/entities`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(body);
      }),
    );

    await expect(client().getEntities()).resolves.toEqual(body);
    expect(authorization).toBe('Bearer user-token');
  });

  it('reads one entity by kind, namespace and name, lower-casing only the kind', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE}/entities/:kind/:namespace/:name`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(hrDetail());
      }),
    );

    const detail = await client().getEntity('Domain', 'default', 'hr');
    expect(detail.summary.entityRef).toBe('domain:default/hr');
    expect(detail.findings).toHaveLength(8);
    await client().getEntity('DataProduct', 'default', 'Employee Directory');
    expect(paths).toEqual([
      '/api/dataplatform-retention/entities/domain/default/hr',
      '/api/dataplatform-retention/entities/dataproduct/default/Employee%20Directory',
    ]);
  });

  it('asks for the estate findings with the chosen verdicts and domain', async () => {
    const searches: Array<Record<string, string>> = [];
    server.use(
      http.get(`${BASE}/findings`, ({ request }) => {
        searches.push(
          Object.fromEntries(new URL(request.url).searchParams.entries()),
        );
        return HttpResponse.json(estateResponse());
      }),
    );

    const all = await client().getFindings();
    expect(all.findings).toHaveLength(13);
    await client().getFindings({
      verdict: ['violation', 'at-risk'],
      domain: 'hr',
    });
    expect(searches).toEqual([
      { format: 'json' },
      { verdict: 'violation,at-risk', domain: 'hr', format: 'json' },
    ]);
  });

  it('refuses a verdict or domain the backend does not take, naming what is allowed', async () => {
    await expect(
      client().getFindings({ verdict: ['failing' as any] }),
    ).rejects.toThrow(
      "verdict must be one of violation, at-risk, unknown, compliant (got 'failing')",
    );
    await expect(
      client().downloadFindingsCsv({ domain: 'domain:default/hr' }),
    ).rejects.toThrow(
      "domain must be a domain name such as 'hr', not an entity ref (got 'domain:default/hr')",
    );
    await expect(client().getEntity('Domain', 'default', '')).rejects.toThrow(
      'name must not be empty',
    );
  });

  it('downloads the CSV as a file named as the backend says', async () => {
    let search = '';
    server.use(
      http.get(`${BASE}/findings`, ({ request }) => {
        search = new URL(request.url).search;
        return new HttpResponse(CSV, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition':
              'attachment; filename="retention-findings-2026-03-12.csv"',
          },
        });
      }),
    );

    const file = await client().downloadFindingsCsv({ verdict: ['violation'] });
    expect(search).toBe('?verdict=violation&format=csv');
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('retention-findings-2026-03-12.csv');
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(await readText(file)).toBe(CSV);
  });

  it('names the file by the date when the backend gives no name', async () => {
    server.use(
      http.get(
        `${BASE}/findings`,
        () =>
          new HttpResponse(CSV, {
            headers: { 'Content-Type': 'text/csv; charset=utf-8' },
          }),
      ),
    );

    const file = await client(
      () => new Date('2026-03-12T23:59:00Z'),
    ).downloadFindingsCsv();
    expect(file.name).toBe('retention-findings-2026-03-12.csv');
  });

  it('starts a scan with a POST', async () => {
    const methods: string[] = [];
    server.use(
      http.all(`${BASE}/scan`, ({ request }) => {
        methods.push(request.method);
        return HttpResponse.json({ triggered: true }, { status: 202 });
      }),
    );

    await expect(client().triggerScan()).resolves.toEqual({ triggered: true });
    expect(methods).toEqual(['POST']);
  });

  it('keeps the backend message and status of a refusal', async () => {
    server.use(
      http.get(`${BASE}/findings`, () =>
        errorResponse(
          403,
          'NotAllowedError',
          'not allowed to report on retention',
        ),
      ),
    );

    const error = await client()
      .downloadFindingsCsv()
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('not allowed to report on retention');
  });
});
