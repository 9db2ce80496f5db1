import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { ProvisioningClient } from '@dataplatform/plugin-provisioning-node';
import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf, INITIATOR } from '../__testUtils__/context';
import { createStartDomainProvisioningAction } from './startDomainProvisioning';

const input = {
  name: 'finance',
  description: 'Ledgers, invoices and forecasts of the finance department',
  ownerGroup: 'group:default/finance-domain-owners',
  costCenter: 'CC-1010',
  dataClassification: 'confidential' as const,
  dataResidency: 'eu' as const,
  primaryRegion: 'westeurope',
  monthlyBudget: 5000,
  recoveryTier: 'critical' as const,
};

describe('dataplatform:domain-request:start-provisioning', () => {
  let backend: FakeProvisioning;
  let action: ReturnType<typeof createStartDomainProvisioningAction>;
  beforeEach(async () => {
    backend = new FakeProvisioning();
    action = createStartDomainProvisioningAction({ client: backend });
    await backend.submitDomainRequest(input, { credentials: INITIATOR });
    backend.calls.length = 0;
  });

  it('passes an approved request through the gate for this task and outputs it for the later steps', async () => {
    backend.approve('dr-1', 'user:default/priya.patel');
    const approver = mockCredentials.user('user:default/priya.patel');
    const { ctx, outputs, checkpointKeys } = actionContext(
      { requestId: 'dr-1' },
      { initiator: approver, taskId: 'task-42' },
    );

    await action.handler(ctx);

    expect(backend.calls).toEqual([
      {
        method: 'startDomainProvisioning',
        args: ['dr-1', 'task-42'],
        credentials: approver,
      },
    ]);
    expect(checkpointKeys).toEqual(['provision.domain-request.dr-1']);
    expect(backend.domainRequests.get('dr-1')).toMatchObject({
      status: 'provisioning',
      provisioningTaskId: 'task-42',
    });
    expect(outputs()).toEqual({
      requestId: 'dr-1',
      name: 'finance',
      description: input.description,
      ownerGroup: 'group:default/finance-domain-owners',
      dataClassification: 'confidential',
      dataResidency: 'eu',
      costCenter: 'CC-1010',
      primaryRegion: 'westeurope',
      monthlyBudget: 5000,
      recoveryTier: 'critical',
      requestedBy: 'user:default/fatima.osei',
      approvedBy: 'user:default/priya.patel',
      approvedAt: '2026-11-24T09:30:00.000Z',
      plan: backend.domainRequests.get('dr-1')!.plan,
    });
  });

  it('outputs the title when the request has one', async () => {
    await backend.submitDomainRequest(
      { ...input, name: 'sales', title: 'Sales' },
      { credentials: INITIATOR },
    );
    backend.approve('dr-2');
    const { ctx, outputs } = actionContext({ requestId: 'dr-2' });
    await action.handler(ctx);
    expect(outputs().title).toBe('Sales');
  });

  it('fails the step with the backend message while the request awaits approval', async () => {
    const { ctx, outputs } = actionContext({ requestId: 'dr-1' });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.message).toBe(
      'domain request dr-1 is pending-approval: the platform team must approve it before anything is vended',
    );
    expect(backend.domainRequests.get('dr-1')!.status).toBe('pending-approval');
    expect(outputs()).toEqual({});
  });

  it("fails with the 409 message of the real backend's answer, through the real client", async () => {
    const message =
      'domain request dr-9 is pending-approval: the platform team must approve it before anything is vended';
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { name: 'ConflictError', message },
          request: { method: 'POST', url: '/' },
          response: { statusCode: 409 },
        }),
        {
          status: 409,
          statusText: 'Conflict',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    try {
      const client = new ProvisioningClient({
        discovery: mockServices.discovery(),
        auth: mockServices.auth({ pluginId: 'scaffolder' }),
      });
      const { ctx } = actionContext(
        { requestId: 'dr-9' },
        { taskId: 'task-3' },
      );

      const error = await failureOf(() =>
        createStartDomainProvisioningAction({ client }).handler(ctx),
      );

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.message).toBe(message);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      const [url, init] = fetchSpy.mock.calls[0];
      expect(url).toBe(
        'http://localhost:0/api/dataplatform-provisioning/domain-requests/dr-9/provisioning',
      );
      expect(init).toMatchObject({
        method: 'POST',
        body: JSON.stringify({ taskId: 'task-3' }),
      });
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('in a dry run reads the request and outputs it without marking it', async () => {
    const { ctx, outputs, checkpointKeys, logged } = actionContext(
      { requestId: 'dr-1' },
      { isDryRun: true },
    );

    await action.handler(ctx);

    expect(backend.calls.map(c => c.method)).toEqual(['getDomainRequest']);
    expect(backend.calls[0].credentials).toBe(INITIATOR);
    expect(checkpointKeys).toEqual([]);
    expect(backend.domainRequests.get('dr-1')!.status).toBe('pending-approval');
    expect(outputs()).toMatchObject({ requestId: 'dr-1', name: 'finance' });
    expect(outputs()).not.toHaveProperty('approvedBy');
    expect(logged()).toContain(
      'Dry run: domain request dr-1 (finance) is pending-approval',
    );
    expect(logged()).toContain(
      'Recovery tier critical (Critical): RPO 4 h, RTO 8 h',
    );
  });

  it.each([
    ['', 'requestId: is required'],
    ['dr-1/../x', 'requestId: "dr-1/../x" is not an id'],
  ])(
    'refuses the request id %j without calling the backend',
    async (requestId, why) => {
      const { ctx } = actionContext({ requestId });
      const error = await failureOf(() => action.handler(ctx));
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(why);
      expect(backend.calls).toEqual([]);
    },
  );
});
