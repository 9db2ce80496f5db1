import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  DomainRequestInput,
  SandboxLeaseInput,
} from '@dataplatform/plugin-provisioning-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ProvisioningClient, ProvisioningService } from './ProvisioningClient';

const base = 'http://localhost:0/api/dataplatform-provisioning';

const domainInput: DomainRequestInput = {
  name: 'finance',
  description: 'Finance data: ledgers, invoices and forecasts',
  ownerGroup: 'group:default/finance-domain-owners',
  costCenter: 'CC-1010',
  dataClassification: 'confidential',
  dataResidency: 'eu',
  primaryRegion: 'westeurope',
  monthlyBudget: 5000,
  recoveryTier: 'standard',
};

const leaseInput: SandboxLeaseInput = {
  name: 'churn-ideas',
  purpose: 'Try churn models on synthetic data',
  ownerGroup: 'group:default/sales-owners',
  costCenter: 'CC-2020',
  dataResidency: 'eu',
  durationDays: 30,
  budgetCap: 500,
};

interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

describe('ProvisioningClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const recorded: Recorded[] = [];
  beforeEach(() => {
    recorded.length = 0;
    // Echoes what it was asked, so each test sees exactly what went over the wire.
    server.use(
      http.all(`${base}/*`, async ({ request }) => {
        const text = await request.text();
        const entry: Recorded = {
          method: request.method,
          path: new URL(request.url).pathname.slice(
            '/api/dataplatform-provisioning'.length,
          ),
          authorization: request.headers.get('authorization'),
          contentType: request.headers.get('content-type'),
          body: text ? JSON.parse(text) : undefined,
        };
        recorded.push(entry);
        return HttpResponse.json({ echoed: entry.path });
      }),
    );
  });

  function client(pluginId = 'scaffolder') {
    return new ProvisioningClient({
      discovery: mockServices.discovery(),
      auth: mockServices.auth({ pluginId }),
    });
  }

  it.each<
    [
      string,
      (c: ProvisioningService) => Promise<unknown>,
      { method: string; path: string; body?: unknown },
    ]
  >([
    [
      'validateDomainRequest',
      c => c.validateDomainRequest(domainInput),
      {
        method: 'POST',
        path: '/domain-requests/validate',
        body: { input: domainInput },
      },
    ],
    [
      'submitDomainRequest',
      c => c.submitDomainRequest(domainInput),
      {
        method: 'POST',
        path: '/domain-requests',
        body: { input: domainInput },
      },
    ],
    [
      'getDomainRequest',
      c => c.getDomainRequest('dr-1'),
      { method: 'GET', path: '/domain-requests/dr-1' },
    ],
    [
      'startDomainProvisioning',
      c => c.startDomainProvisioning('dr-1', 'task-9'),
      {
        method: 'POST',
        path: '/domain-requests/dr-1/provisioning',
        body: { taskId: 'task-9' },
      },
    ],
    [
      'startDomainProvisioning without a task',
      c => c.startDomainProvisioning('dr-1'),
      { method: 'POST', path: '/domain-requests/dr-1/provisioning', body: {} },
    ],
    [
      'recordDomainResult',
      c =>
        c.recordDomainResult('dr-1', {
          status: 'provisioned',
          subscriptionId: '00000000-0000-0000-0000-000000000001',
          domainEntityRef: 'domain:default/finance',
        }),
      {
        method: 'POST',
        path: '/domain-requests/dr-1/result',
        body: {
          status: 'provisioned',
          subscriptionId: '00000000-0000-0000-0000-000000000001',
          domainEntityRef: 'domain:default/finance',
        },
      },
    ],
    [
      'domainNameAvailability',
      c => c.domainNameAvailability('finance'),
      { method: 'GET', path: '/domain-names/finance/availability' },
    ],
    [
      'validateSandboxLease',
      c => c.validateSandboxLease(leaseInput),
      {
        method: 'POST',
        path: '/sandbox-leases/validate',
        body: { input: leaseInput },
      },
    ],
    [
      'createSandboxLease',
      c => c.createSandboxLease(leaseInput),
      { method: 'POST', path: '/sandbox-leases', body: { input: leaseInput } },
    ],
    [
      'getSandboxLease',
      c => c.getSandboxLease('sl-1'),
      { method: 'GET', path: '/sandbox-leases/sl-1' },
    ],
    [
      'activateSandboxLease',
      c => c.activateSandboxLease('sl-1', 'sub-1'),
      {
        method: 'POST',
        path: '/sandbox-leases/sl-1/activation',
        body: { subscriptionId: 'sub-1' },
      },
    ],
    [
      'putPublishedEntities',
      c =>
        c.putPublishedEntities('domain:finance', [
          { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain' },
        ]),
      {
        method: 'PUT',
        path: '/published-entities/domain%3Afinance',
        body: {
          entities: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Domain' }],
        },
      },
    ],
    [
      'putPublishedEntities with the publishing task',
      c => c.putPublishedEntities('domain:finance', [], { taskId: 'task-9' }),
      {
        method: 'PUT',
        path: '/published-entities/domain%3Afinance',
        body: { entities: [], taskId: 'task-9' },
      },
    ],
    [
      'putPublishedEntities for the person who ran the task',
      c =>
        c.putPublishedEntities('domain:finance', [], {
          taskId: 'task-9',
          initiatedBy: 'user:default/fatima.osei',
        }),
      {
        method: 'PUT',
        path: '/published-entities/domain%3Afinance',
        body: {
          entities: [],
          taskId: 'task-9',
          initiatedBy: 'user:default/fatima.osei',
        },
      },
    ],
    [
      'listCatalogEntities',
      c => c.listCatalogEntities(),
      { method: 'GET', path: '/catalog-entities' },
    ],
  ])('%s calls its route and returns the answer', async (_, call, expected) => {
    const answer = await call(client());

    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      method: expected.method,
      path: expected.path,
      body: expected.body,
      contentType: expected.body === undefined ? null : 'application/json',
    });
    expect(answer).toEqual({ echoed: expected.path });
  });

  it('escapes ids so they cannot change the route', async () => {
    await client().getDomainRequest('../sandbox-leases/x?y');
    expect(recorded[0].path).toBe(
      '/domain-requests/..%2Fsandbox-leases%2Fx%3Fy',
    );
  });

  it('calls on behalf of the given user, with a token for the provisioning backend', async () => {
    const initiator = mockCredentials.user('user:default/alice');

    await client().submitDomainRequest(domainInput, { credentials: initiator });

    expect(recorded[0].authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: initiator,
        targetPluginId: 'dataplatform-provisioning',
      })}`,
    );
  });

  it('calls as the calling plugin when no credentials are given', async () => {
    await client('catalog').listCatalogEntities();

    expect(recorded[0].authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'dataplatform-provisioning',
      })}`,
    );
  });

  it('throws a ResponseError carrying the backend message of a 409', async () => {
    const message =
      'domain request dr-1 is pending-approval: the platform team must approve it before anything is vended';
    server.use(
      http.post(`${base}/domain-requests/dr-1/provisioning`, () =>
        HttpResponse.json(
          {
            error: { name: 'ConflictError', message },
            request: {
              method: 'POST',
              url: '/api/dataplatform-provisioning/domain-requests/dr-1/provisioning',
            },
            response: { statusCode: 409 },
          },
          { status: 409, statusText: 'Conflict' },
        ),
      ),
    );

    const error = await client()
      .startDomainProvisioning('dr-1', 'task-1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseError);
    const responseError = error as ResponseError;
    expect(responseError.message).toBe(message);
    expect(responseError.statusCode).toBe(409);
    expect(responseError.cause.name).toBe('ConflictError');
  });

  it('keeps the field problems of a 400 InputError readable', async () => {
    const message =
      'ownerGroup: unknown group "nobody"; pick a group from the catalog; costCenter: must be CC- followed by four digits, e.g. CC-1010';
    server.use(
      http.post(`${base}/domain-requests`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    await expect(
      client().submitDomainRequest(domainInput),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      message,
      statusCode: 400,
      cause: expect.objectContaining({ name: 'InputError' }),
    });
  });

  it('reports a non-JSON failure with its status and text', async () => {
    server.use(
      http.get(`${base}/catalog-entities`, () =>
        HttpResponse.text('upstream timed out', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
      ),
    );

    await expect(client().listCatalogEntities()).rejects.toThrow(
      'Request failed with status 502 Bad Gateway, upstream timed out',
    );
  });

  it('names the route when the backend cannot be reached', async () => {
    server.use(
      http.get(`${base}/catalog-entities`, () => HttpResponse.error()),
    );

    await expect(client().listCatalogEntities()).rejects.toThrow(
      `Cannot reach the provisioning backend (GET ${base}/catalog-entities)`,
    );
  });
});
