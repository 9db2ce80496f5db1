import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  alertFeed,
  errorResponse,
  estate,
  FORBIDDEN_MESSAGE,
  genaiCost,
  salesCost,
} from '../__testUtils__/fixtures';
import { alertsSearch, CostClient } from './CostClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-cost';

function client() {
  return new CostClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

describe('CostClient', () => {
  it('reads a domain and a sandbox by name as the signed-in user', async () => {
    const seen: Array<{ path: string; authorization: string | null }> = [];
    server.use(
      http.get(`${BASE}/domains/:name`, ({ request }) => {
        seen.push({
          path: new URL(request.url).pathname,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(salesCost());
      }),
      http.get(`${BASE}/sandboxes/:name`, ({ request }) => {
        seen.push({
          path: new URL(request.url).pathname,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(genaiCost());
      }),
    );

    const domain = await client().getDomainCost('sales');
    expect(domain.state === 'ok' && domain.summary.monthToDate).toBe(12_000);
    const sandbox = await client().getSandboxCost('sandbox-genai-pilot');
    expect(sandbox.state === 'ok' && sandbox.daysUntilCap).toBe(3);
    expect(seen).toEqual([
      {
        path: '/api/dataplatform-cost/domains/sales',
        authorization: 'Bearer user-token',
      },
      {
        path: '/api/dataplatform-cost/sandboxes/sandbox-genai-pilot',
        authorization: 'Bearer user-token',
      },
    ]);
  });

  it('reads the estate', async () => {
    server.use(http.get(`${BASE}/estate`, () => HttpResponse.json(estate())));
    const answer = await client().getEstate();
    expect(answer.domains.map(d => d.name)).toEqual([
      'sales',
      'marketing',
      'finance',
      'operations-iot',
      'platform',
      'legacy',
    ]);
  });

  it('asks for alerts with the filters, comma-separated, and none when unfiltered', async () => {
    const searches: string[] = [];
    server.use(
      http.get(`${BASE}/alerts`, ({ request }) => {
        searches.push(new URL(request.url).search);
        return HttpResponse.json(alertFeed());
      }),
    );

    await client().getAlerts();
    await client().getAlerts({ kinds: [], statuses: [], domain: '' });
    await client().getAlerts({
      kinds: ['budget', 'anomaly'],
      statuses: ['active', 'resolved'],
      domain: 'operations-iot',
    });
    expect(searches).toEqual([
      '',
      '',
      '?kind=budget%2Canomaly&status=active%2Cresolved&domain=operations-iot',
    ]);
  });

  it('refuses filters and names the backend does not take, naming what is allowed', async () => {
    expect(() => alertsSearch({ kinds: ['credit' as any] })).toThrow(
      "kind must be one of budget, forecast, anomaly, other (got 'credit')",
    );
    expect(() => alertsSearch({ statuses: ['open' as any] })).toThrow(
      "status must be one of active, resolved, dismissed (got 'open')",
    );
    expect(() => alertsSearch({ domain: 'domain:default/sales' })).toThrow(
      "domain must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got 'domain:default/sales')",
    );
    await expect(client().getDomainCost('')).rejects.toThrow(
      "name must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got '')",
    );
  });

  it('asks for a refresh with a POST', async () => {
    const methods: string[] = [];
    server.use(
      http.all(`${BASE}/refresh`, ({ request }) => {
        methods.push(request.method);
        return HttpResponse.json({ state: 'started' }, { status: 202 });
      }),
    );

    await expect(client().refresh()).resolves.toEqual({ state: 'started' });
    expect(methods).toEqual(['POST']);
  });

  it('keeps the backend message and status of a refusal', async () => {
    server.use(
      http.get(`${BASE}/domains/sales`, () =>
        errorResponse(403, 'NotAllowedError', FORBIDDEN_MESSAGE),
      ),
    );

    const error = await client()
      .getDomainCost('sales')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe(FORBIDDEN_MESSAGE);
  });
});
