import https from 'node:https';
import { findTagProblems } from '@dataplatform/plugin-azure-common';
import { demoTenantSeed, DEMO_MANAGEMENT_GROUPS } from './tenant/demoTenant';
import { LocalAzureEndpoint, startLocalAzureEndpoint } from './server';
import { call } from './__testUtils__/call';

describe('local Azure endpoint', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 60_000 });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
  });

  it('answers unknown routes with an ARM-style 404', async () => {
    const res = await call(
      endpoint,
      'GET',
      '/providers/Microsoft.Nope/things?api-version=2024-01-01',
    );
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        code: 'NotFound',
        message:
          'The local Azure endpoint has no route for GET /providers/Microsoft.Nope/things.',
      },
    });
  });

  it('requires the api-version like Azure does', async () => {
    const res = await call(endpoint, 'GET', '/subscriptions');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('MissingApiVersionParameter');
  });

  it('refuses calls without a bearer token', async () => {
    const res = await call(
      endpoint,
      'GET',
      '/subscriptions?api-version=2022-12-01',
      { token: null },
    );
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('AuthenticationFailed');
  });

  it('answers an unknown subscription with SubscriptionNotFound', async () => {
    const res = await call(
      endpoint,
      'GET',
      '/subscriptions/00000000-0000-0000-0000-000000000000?api-version=2022-12-01',
    );
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('SubscriptionNotFound');
  });

  it('keeps a vended alias Accepted until provisioning time has passed, then materialises it', async () => {
    const put = await call(
      endpoint,
      'PUT',
      '/providers/Microsoft.Subscription/aliases/dp-domain-legal?api-version=2021-10-01',
      {
        body: {
          properties: {
            displayName: 'dp-domain-legal',
            workload: 'Production',
            billingScope: '/billingAccounts/x',
          },
        },
      },
    );
    expect(put.status).toBe(201);
    expect(put.json.properties.provisioningState).toBe('Accepted');
    const id = put.json.properties.subscriptionId;
    const before = await call(
      endpoint,
      'GET',
      `/subscriptions/${id}?api-version=2022-12-01`,
    );
    expect(before.status).toBe(404);

    // Re-PUT with another body: same alias, same subscription, 200 not 201.
    const again = await call(
      endpoint,
      'PUT',
      '/providers/Microsoft.Subscription/aliases/dp-domain-legal?api-version=2021-10-01',
      {
        body: {
          properties: {
            displayName: 'something else',
            workload: 'DevTest',
            billingScope: '/billingAccounts/y',
          },
        },
      },
    );
    expect(again.status).toBe(200);
    expect(again.json.properties.subscriptionId).toBe(id);
  });

  it('names the bad field of an alias request', async () => {
    const res = await call(
      endpoint,
      'PUT',
      '/providers/Microsoft.Subscription/aliases/dp-x?api-version=2021-10-01',
      {
        body: { properties: { workload: 'Production' } },
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidRequestContent');
    expect(res.json.error.message).toContain("'properties.displayName'");
    expect(endpoint.tenant.listAliases().map(a => a.name)).not.toContain(
      'dp-x',
    );
  });

  it('rejects an alias name Azure would reject', async () => {
    const res = await call(
      endpoint,
      'PUT',
      `/providers/Microsoft.Subscription/aliases/${'-bad'}?api-version=2021-10-01`,
      {
        body: { properties: { displayName: 'x', billingScope: '/b' } },
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidAliasName');
  });

  it('answers malformed JSON with InvalidRequestContent', async () => {
    const res = await new Promise<{ status: number; json: any }>(
      (resolve, reject) => {
        const req = https.request(
          new URL(
            '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406/providers/Microsoft.Resources/tags/default?api-version=2025-04-01',
            endpoint.url,
          ),
          {
            method: 'PUT',
            ca: endpoint.caCertificatePem,
            headers: {
              authorization: `Bearer ${endpoint.token}`,
              'content-type': 'application/json',
            },
          },
          r => {
            let t = '';
            r.on('data', c => (t += c));
            r.on('end', () =>
              resolve({ status: r.statusCode!, json: JSON.parse(t) }),
            );
          },
        );
        req.on('error', reject);
        req.end('{"properties": ');
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidRequestContent');
  });

  it('lists the subscriptions directly under a management group, in the published shape', async () => {
    const res = await call(
      endpoint,
      'GET',
      `/providers/Microsoft.Management/managementGroups/${DEMO_MANAGEMENT_GROUPS.sandboxes}/subscriptions?api-version=2021-04-01`,
    );
    expect(res.json.value).toEqual([
      {
        name: '9237d247-7c35-491e-a970-1ca587594fbc',
        id: `/providers/Microsoft.Management/managementGroups/${DEMO_MANAGEMENT_GROUPS.sandboxes}/subscriptions/9237d247-7c35-491e-a970-1ca587594fbc`,
        type: 'Microsoft.Management/managementGroups/subscriptions',
        properties: {
          displayName: 'dp-sandbox-genai-pilot',
          parent: {
            id: `/providers/Microsoft.Management/managementGroups/${DEMO_MANAGEMENT_GROUPS.sandboxes}`,
          },
          state: 'Active',
          tenant: endpoint.tenant.tenantId,
        },
      },
    ]);
  });

  describe('fault injection', () => {
    it('throttles matching routes with the requested retry header, a limited number of times', async () => {
      const fault = endpoint.faults.add({
        method: 'GET',
        path: '^/subscriptions$',
        kind: 'throttle',
        retryAfterSeconds: 7,
        retryHeader: 'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
        times: 1,
      });
      const first = await call(
        endpoint,
        'GET',
        '/subscriptions?api-version=2022-12-01',
      );
      expect(first.status).toBe(429);
      expect(
        first.headers[
          'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after'
        ],
      ).toBe('7');
      expect(first.headers['x-local-azure-fault']).toBe(fault.id);
      const second = await call(
        endpoint,
        'GET',
        '/subscriptions?api-version=2022-12-01',
      );
      expect(second.status).toBe(200);
    });

    it('sends retry delays in milliseconds for the -ms headers', async () => {
      endpoint.faults.add({
        path: 'aliases',
        kind: 'throttle',
        retryAfterSeconds: 1.5,
        retryHeader: 'retry-after-ms',
      });
      const res = await call(
        endpoint,
        'GET',
        '/providers/Microsoft.Subscription/aliases?api-version=2021-10-01',
      );
      expect(res.headers['retry-after-ms']).toBe('1500');
    });

    it('fails with the requested 5xx and leaves other routes alone', async () => {
      endpoint.faults.add({
        path: 'managementGroups',
        kind: 'error',
        status: 502,
      });
      const failing = await call(
        endpoint,
        'GET',
        '/providers/Microsoft.Management/managementGroups?api-version=2021-04-01',
      );
      expect(failing.status).toBe(502);
      expect(failing.json.error.code).toBe('InternalServerError');
      const other = await call(
        endpoint,
        'GET',
        '/subscriptions?api-version=2022-12-01',
      );
      expect(other.status).toBe(200);
    });

    it('breaks the body when asked for a malformed answer', async () => {
      endpoint.faults.add({ path: '^/subscriptions$', kind: 'malformed' });
      const res = await call(
        endpoint,
        'GET',
        '/subscriptions?api-version=2022-12-01',
      );
      expect(res.status).toBe(200);
      expect(res.json).toBeUndefined();
      expect(() => JSON.parse(res.text)).toThrow();
    });

    it('delays and then answers normally', async () => {
      endpoint.faults.add({
        path: '^/subscriptions$',
        kind: 'delay',
        delayMs: 300,
        times: 1,
      });
      const started = Date.now();
      const res = await call(
        endpoint,
        'GET',
        '/subscriptions?api-version=2022-12-01',
      );
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('is configured through the admin API, which names bad fields', async () => {
      const bad = await call(endpoint, 'POST', '/_admin/faults', {
        body: { path: '(', kind: 'throttle' },
        token: null,
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toMatch(
        /^path: not a valid regular expression/,
      );
      const noDelay = await call(endpoint, 'POST', '/_admin/faults', {
        body: { path: 'x', kind: 'delay' },
        token: null,
      });
      expect(noDelay.json.error.message).toBe(
        'delayMs: required when kind is delay',
      );

      const created = await call(endpoint, 'POST', '/_admin/faults', {
        body: { path: 'tags', kind: 'error' },
        token: null,
      });
      expect(created.status).toBe(201);
      const listed = await call(endpoint, 'GET', '/_admin/faults', {
        token: null,
      });
      expect(listed.json.faults.map((f: any) => f.id)).toEqual([
        created.json.id,
      ]);
      const removed = await call(
        endpoint,
        'DELETE',
        `/_admin/faults/${created.json.id}`,
        { token: null },
      );
      expect(removed.status).toBe(204);
      expect(endpoint.faults.list()).toEqual([]);
    });
  });

  describe('subscription cancel and enable', () => {
    const SALES = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';
    const op = (verb: string) =>
      call(
        endpoint,
        'POST',
        `/subscriptions/${SALES}/providers/Microsoft.Subscription/${verb}?api-version=2021-10-01`,
      );
    const putBudget = () =>
      call(
        endpoint,
        'PUT',
        `/subscriptions/${SALES}/providers/Microsoft.Consumption/budgets/b1?api-version=2021-10-01`,
        {
          body: {
            properties: {
              category: 'Cost',
              amount: 10,
              timeGrain: 'Monthly',
              timePeriod: { startDate: '2026-08-01T00:00:00Z' },
              notifications: {
                n: {
                  enabled: true,
                  operator: 'GreaterThan',
                  threshold: 90,
                  contactEmails: ['a@b.example'],
                },
              },
            },
          },
        },
      );

    it('disables a subscription, which then refuses writes, and enables it again', async () => {
      const cancelled = await op('cancel');
      expect(cancelled.status).toBe(200);
      expect(cancelled.json).toEqual({ subscriptionId: SALES });
      const read = await call(
        endpoint,
        'GET',
        `/subscriptions/${SALES}?api-version=2022-12-01`,
      );
      expect(read.json.state).toBe('Disabled');
      const refused = await putBudget();
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('ReadOnlyDisabledSubscription');

      // Cancelling twice is harmless.
      expect((await op('cancel')).status).toBe(200);
      const enabled = await op('enable');
      expect(enabled.json).toEqual({ subscriptionId: SALES });
      expect(endpoint.tenant.getSubscription(SALES).state).toBe('Enabled');
      expect((await putBudget()).status).toBe(201);
    });

    it('answers an unknown subscription with SubscriptionNotFound', async () => {
      const res = await call(
        endpoint,
        'POST',
        '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Subscription/cancel?api-version=2021-10-01',
      );
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('SubscriptionNotFound');
    });
  });

  it('collapses repeated slashes, as SDKs send them for scopes with a leading slash', async () => {
    const res = await call(
      endpoint,
      'GET',
      '//subscriptions/45d320d6-9d7e-43c0-9d51-7ced0a5451d2//providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()',
    );
    expect(res.status).toBe(200);
    expect(res.json.value).toHaveLength(3);
  });

  it('counts the new routes by template and lets faults hit them', async () => {
    endpoint.requests.clear();
    const path =
      '/subscriptions/45d320d6-9d7e-43c0-9d51-7ced0a5451d2/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance/tables?api-version=2025-07-01';
    expect((await call(endpoint, 'GET', path)).status).toBe(200);
    endpoint.faults.add({
      path: '/tables$',
      kind: 'throttle',
      retryAfterSeconds: 2,
      times: 1,
    });
    const throttled = await call(endpoint, 'GET', path);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(endpoint.requests.snapshot().byRoute).toEqual({
      'GET /subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/providers/Microsoft.OperationalInsights/workspaces/:workspaceName/tables': 1,
      [`GET ${path.split('?')[0]}`]: 1,
    });
  });

  it('seeds domain subscriptions that follow the tagging strategy, except the deliberate HR gap', () => {
    const problems = Object.fromEntries(
      demoTenantSeed()
        .subscriptions.filter(s => s.displayName.startsWith('dp-domain-'))
        .map(s => [s.displayName, findTagProblems(s.tags).map(p => p.key)]),
    );
    expect(problems).toEqual({
      'dp-domain-finance': [],
      'dp-domain-sales': [],
      'dp-domain-operations-iot': [],
      'dp-domain-hr': ['costCenter'],
      'dp-domain-marketing': [],
    });
  });
});
