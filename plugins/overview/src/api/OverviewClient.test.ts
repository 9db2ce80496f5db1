import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  ESTATE_WORST_FIRST,
  me,
  myDomains,
  platformHome,
  salesDomain,
} from '../__testUtils__/fixtures';
import { OverviewClient } from './OverviewClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-overview';

function client() {
  return new OverviewClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

describe('OverviewClient', () => {
  it('reads the platform home, unfiltered and with the filters in the query', async () => {
    const seen: Array<{ search: string; authorization: string | null }> = [];
    server.use(
      http.get(`${BASE}/domains`, ({ request }) => {
        seen.push({
          search: new URL(request.url).search,
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(platformHome());
      }),
    );

    const all = await client().getPlatformHome();
    expect(all.rows.map(row => row.name)).toEqual(ESTATE_WORST_FIRST);
    await client().getPlatformHome({});
    await client().getPlatformHome({
      q: 'sales',
      attention: ['critical', 'warning'],
      concern: ['cost'],
    });

    expect(seen.map(s => s.authorization)).toEqual([
      'Bearer user-token',
      'Bearer user-token',
      'Bearer user-token',
    ]);
    expect(seen[0].search).toBe('');
    expect(seen[1].search).toBe('');
    const filtered = new URLSearchParams(seen[2].search);
    expect(filtered.get('q')).toBe('sales');
    expect(filtered.get('attention')).toBe('critical,warning');
    expect(filtered.get('concern')).toBe('cost');
  });

  it('reads one domain by name, the caller and their domains', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        const path = new URL(request.url).pathname;
        paths.push(path);
        if (path.endsWith('/domains/sales')) {
          return HttpResponse.json(salesDomain());
        }
        if (path.endsWith('/me')) {
          return HttpResponse.json(me('domain-owner', ['sales']));
        }
        return HttpResponse.json(myDomains());
      }),
    );

    const domain = await client().getDomain('sales');
    expect(domain.row.title).toBe('Sales');
    expect(domain.owner?.members.map(m => m.email)).toEqual([
      'alice@contoso.com',
    ]);
    await expect(client().getMe()).resolves.toEqual({
      persona: 'domain-owner',
      landingPath: '/my-domains',
      domains: ['sales'],
    });
    const mine = await client().getMyDomains();
    expect(mine.rows.map(row => row.name)).toEqual(['sales', 'marketing']);
    expect(mine.requests.map(r => r.id)).toEqual([
      'dr-2026-0042',
      'sl-2026-0107',
    ]);
    expect(paths).toEqual([
      '/api/dataplatform-overview/domains/sales',
      '/api/dataplatform-overview/me',
      '/api/dataplatform-overview/me/domains',
    ]);
  });

  it('refuses a domain name the backend would not take, before calling it', async () => {
    const calls = jest.fn();
    server.use(
      http.get(`${BASE}/*`, () => {
        calls();
        return HttpResponse.json({});
      }),
    );
    await expect(client().getDomain('domain:default/sales')).rejects.toThrow(
      "name must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got 'domain:default/sales')",
    );
    await expect(client().getDomain('')).rejects.toThrow(
      "name must be an entity name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, such as 'sales' (got '')",
    );
    expect(calls).not.toHaveBeenCalled();
  });

  it('keeps the status and the message of a refusal', async () => {
    const message =
      "attention must be one or more of critical, warning, unknown, ok (comma-separated), got 'bad'";
    server.use(
      http.get(`${BASE}/domains`, () =>
        errorResponse(400, 'InputError', message),
      ),
      http.get(`${BASE}/domains/nowhere`, () =>
        errorResponse(
          404,
          'NotFoundError',
          "no Domain named 'nowhere' in the catalog",
        ),
      ),
    );

    const bad = await client()
      .getPlatformHome({ attention: ['critical'] })
      .catch(e => e);
    expect(ResponseError.is(bad)).toBe(true);
    expect(bad.statusCode).toBe(400);
    expect(bad.cause.message).toBe(message);

    const missing = await client()
      .getDomain('nowhere')
      .catch(e => e);
    expect(missing.statusCode).toBe(404);
    expect(missing.cause.message).toBe(
      "no Domain named 'nowhere' in the catalog",
    );
  });
});
