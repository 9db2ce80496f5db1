import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { estate, localConnection } from '../testing/fixtures';
import { AzureEstateClient } from './AzureEstateClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-azure';

function client() {
  return new AzureEstateClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

function backstageError(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-azure/estate' },
      response: { statusCode: status },
    },
    { status },
  );
}

describe('AzureEstateClient', () => {
  it('reads the connection from the backend plugin, as the signed-in user', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE}/connection`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(localConnection);
      }),
    );

    await expect(client().getConnection()).resolves.toEqual(localConnection);
    expect(authorization).toBe('Bearer user-token');
  });

  it('reads the estate', async () => {
    server.use(http.get(`${BASE}/estate`, () => HttpResponse.json(estate)));

    await expect(client().getEstate()).resolves.toEqual(estate);
  });

  it('asks for a refresh with a POST and returns the new reading', async () => {
    const method = jest.fn();
    server.use(
      http.all(`${BASE}/estate/refresh`, ({ request }) => {
        method(request.method);
        return HttpResponse.json(estate, { status: 202 });
      }),
    );

    await expect(client().refreshEstate()).resolves.toEqual(estate);
    expect(method).toHaveBeenCalledWith('POST');
  });

  it('turns a 403 into a ResponseError that keeps the status and the server error', async () => {
    server.use(
      http.get(`${BASE}/estate`, () =>
        backstageError(403, 'NotAllowedError', 'not in a permitted group'),
      ),
    );

    const error = await client()
      .getEstate()
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
    expect(error.cause.message).toBe('not in a permitted group');
  });

  it('turns a 503 without any reading into a ResponseError', async () => {
    server.use(
      http.get(`${BASE}/estate`, () =>
        backstageError(503, 'ServiceUnavailableError', 'Azure unreachable'),
      ),
    );

    const error = await client()
      .getEstate()
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.cause.name).toBe('ServiceUnavailableError');
  });

  it('refuses a refresh for people outside the platform team', async () => {
    server.use(
      http.post(`${BASE}/estate/refresh`, () =>
        backstageError(403, 'NotAllowedError', 'platform team only'),
      ),
    );

    await expect(client().refreshEstate()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });

  it('keeps non-JSON failures readable', async () => {
    server.use(
      http.get(
        `${BASE}/estate`,
        () => new HttpResponse('Bad Gateway', { status: 502 }),
      ),
    );

    await expect(client().getEstate()).rejects.toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('Bad Gateway'),
    });
  });
});
