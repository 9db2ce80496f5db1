import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  financeDetail,
  history,
  platformItems,
} from '../__testUtils__/fixtures';
import { HealthClient } from './HealthClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-health';

function client() {
  return new HealthClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

describe('HealthClient', () => {
  it('lists every entity as the signed-in user', async () => {
    const body = {
      items: platformItems(),
      lastCycleAt: '2026-03-12T12:00:00.000Z',
    };
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE}/entities`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(body);
      }),
    );

    await expect(client().listEntities()).resolves.toEqual(body);
    expect(authorization).toBe('Bearer user-token');
  });

  it('reads one entity by its ref, as a string or a compound ref', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE}/entities/:kind/:namespace/:name`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(financeDetail(true));
      }),
    );

    const detail = await client().getEntityHealth('domain:default/finance');
    expect(detail.summary.entityRef).toBe('domain:default/finance');
    await client().getEntityHealth({
      kind: 'DataProduct',
      namespace: 'default',
      name: 'General Ledger',
    });
    expect(paths).toEqual([
      '/api/dataplatform-health/entities/domain/default/finance',
      '/api/dataplatform-health/entities/dataproduct/default/General%20Ledger',
    ]);
  });

  it('asks for the history of the chosen window', async () => {
    const windows: Array<string | null> = [];
    server.use(
      http.get(
        `${BASE}/entities/domain/default/finance/history`,
        ({ request }) => {
          const window = new URL(request.url).searchParams.get('window');
          windows.push(window);
          return HttpResponse.json(history(window === '30d' ? '30d' : '24h'));
        },
      ),
    );

    const day = await client().getEntityHistory(
      'domain:default/finance',
      '24h',
    );
    const month = await client().getEntityHistory(
      'domain:default/finance',
      '30d',
    );
    expect(windows).toEqual(['24h', '30d']);
    expect(day.buckets).toHaveLength(96);
    expect(month.buckets).toHaveLength(30);
    expect(month.slo.errorBudgetMinutes).toBe(43.2);
  });

  it('refuses a window the backend does not know, naming the allowed ones', async () => {
    await expect(
      client().getEntityHistory('domain:default/finance', '7d' as any),
    ).rejects.toThrow("window must be one of 24h, 30d (got '7d')");
  });

  it('keeps the backend message of a failure', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/finance`, () =>
        errorResponse(403, 'NotAllowedError', 'not allowed to read health'),
      ),
    );

    const error = await client()
      .getEntityHealth('domain:default/finance')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('not allowed to read health');
  });

  it('keeps non-JSON failures readable', async () => {
    server.use(
      http.get(
        `${BASE}/entities`,
        () => new HttpResponse('Bad Gateway', { status: 502 }),
      ),
    );

    await expect(client().listEntities()).rejects.toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('Bad Gateway'),
    });
  });
});
