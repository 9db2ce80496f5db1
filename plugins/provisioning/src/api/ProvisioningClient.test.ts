import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  domainRequests,
  errorResponse,
  financeRequest,
  leases,
} from '../__testUtils__/fixtures';
import { ProvisioningClient } from './ProvisioningClient';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backstage.test/api/dataplatform-provisioning';

function client() {
  return new ProvisioningClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

describe('ProvisioningClient', () => {
  it('lists domain requests as the signed-in user, filtered by status when asked', async () => {
    const seen: Array<{ status: string | null; authorization: string | null }> =
      [];
    server.use(
      http.get(`${BASE}/domain-requests`, ({ request }) => {
        seen.push({
          status: new URL(request.url).searchParams.get('status'),
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json({ items: domainRequests });
      }),
    );

    await expect(client().listDomainRequests()).resolves.toEqual(
      domainRequests,
    );
    await client().listDomainRequests({
      status: ['pending-approval', 'failed'],
    });
    expect(seen).toEqual([
      { status: null, authorization: 'Bearer user-token' },
      { status: 'pending-approval,failed', authorization: 'Bearer user-token' },
    ]);
  });

  it('posts a decision with its comment, and leaves the comment out when there is none', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${BASE}/domain-requests/req-finance/decision`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ ...financeRequest, status: 'approved' });
        },
      ),
    );

    const approved = await client().decide('req-finance', 'approve');
    await client().decide('req-finance', 'reject', 'not this quarter');
    expect(approved.status).toBe('approved');
    expect(bodies).toEqual([
      { decision: 'approve' },
      { decision: 'reject', comment: 'not this quarter' },
    ]);
  });

  it('keeps the backend message of a refused decision', async () => {
    server.use(
      http.post(`${BASE}/domain-requests/req-finance/decision`, () =>
        errorResponse(
          409,
          'ConflictError',
          'another platform engineer must approve',
        ),
      ),
    );

    const error = await client()
      .decide('req-finance', 'approve')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('another platform engineer must approve');
  });

  it('restarts provisioning and extends a lease with POSTs', async () => {
    const { active } = leases();
    const calls: Array<{ path: string; body: unknown }> = [];
    server.use(
      http.post(
        `${BASE}/domain-requests/:id/provision`,
        async ({ request }) => {
          calls.push({ path: new URL(request.url).pathname, body: null });
          return HttpResponse.json(financeRequest);
        },
      ),
      http.post(`${BASE}/sandbox-leases/:id/extension`, async ({ request }) => {
        calls.push({
          path: new URL(request.url).pathname,
          body: await request.json(),
        });
        return HttpResponse.json({ ...active, extensionsUsed: 1 });
      }),
    );

    await client().retryProvisioning('req-finance');
    const extended = await client().extendLease('lease-forecast', 14);
    expect(extended.extensionsUsed).toBe(1);
    expect(calls).toEqual([
      {
        path: '/api/dataplatform-provisioning/domain-requests/req-finance/provision',
        body: null,
      },
      {
        path: '/api/dataplatform-provisioning/sandbox-leases/lease-forecast/extension',
        body: { days: 14 },
      },
    ]);
  });

  it('asks whether a domain name is free', async () => {
    const answer = {
      available: false,
      problems: [
        {
          field: 'name',
          message: '"sales" is taken: domain:default/sales exists',
        },
      ],
    };
    server.use(
      http.get(`${BASE}/domain-names/sales/availability`, () =>
        HttpResponse.json(answer),
      ),
    );

    await expect(client().domainNameAvailability('sales')).resolves.toEqual(
      answer,
    );
  });

  it('checks a sandbox name through the lease validation, keeping only the name problems', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE}/sandbox-leases/validate`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          problems: [
            { field: 'name', message: '"churn" is used by lease lease-churn' },
            { field: 'purpose', message: 'is required (10-500 characters)' },
            { field: 'ownerGroup', message: 'must be a catalog group' },
          ],
        });
      }),
    );

    await expect(client().sandboxNameAvailability('churn')).resolves.toEqual({
      available: false,
      problems: [
        { field: 'name', message: '"churn" is used by lease lease-churn' },
      ],
    });
    expect(body).toEqual({ input: { name: 'churn' } });
  });

  it('reads the Azure tenant from the Azure backend plugin', async () => {
    server.use(
      http.get('http://backstage.test/api/dataplatform-azure/connection', () =>
        HttpResponse.json({ tenantId: 'tenant-1', mode: 'azure' }),
      ),
    );

    await expect(client().getAzureTenantId()).resolves.toBe('tenant-1');
  });

  it('keeps non-JSON failures readable', async () => {
    server.use(
      http.get(
        `${BASE}/sandbox-leases/lease-x`,
        () => new HttpResponse('Bad Gateway', { status: 502 }),
      ),
    );

    await expect(client().getSandboxLease('lease-x')).rejects.toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('Bad Gateway'),
    });
  });
});
