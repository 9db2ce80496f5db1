import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf, INITIATOR } from '../__testUtils__/context';
import { createActivateSandboxLeaseAction } from './activateSandboxLease';

const subscriptionId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('dataplatform:sandbox-lease:activate', () => {
  let backend: FakeProvisioning;
  let action: ReturnType<typeof createActivateSandboxLeaseAction>;
  beforeEach(async () => {
    backend = new FakeProvisioning();
    action = createActivateSandboxLeaseAction({ client: backend });
    await backend.createSandboxLease(
      {
        name: 'churn-ideas',
        purpose: 'Try churn models on synthetic customer data',
        ownerGroup: 'group:default/sales-owners',
        costCenter: 'CC-2020',
        dataResidency: 'eu',
        durationDays: 30,
        budgetCap: 500,
      },
      { credentials: INITIATOR },
    );
    backend.calls.length = 0;
  });

  it('starts the lease with its subscription, under a checkpoint', async () => {
    const { ctx, outputs, checkpointKeys } = actionContext({
      leaseId: 'sl-1',
      subscriptionId,
    });

    await action.handler(ctx);

    expect(backend.calls).toEqual([
      {
        method: 'activateSandboxLease',
        args: ['sl-1', subscriptionId],
        credentials: INITIATOR,
      },
    ]);
    expect(checkpointKeys).toEqual(['activate.sandbox-lease.sl-1']);
    expect(outputs()).toEqual({
      state: 'active',
      entityRef: 'resource:default/sandbox-churn-ideas',
    });
  });

  it('refuses a subscription id that is not a GUID and a missing lease id, without calling the backend', async () => {
    const { ctx } = actionContext({
      leaseId: '',
      subscriptionId: 'dp-sandbox-x',
    });
    const error = await failureOf(() => action.handler(ctx));
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Cannot activate the lease: leaseId: is required; ' +
        'subscriptionId: "dp-sandbox-x" is not a subscription id; expected a GUID such as 00000000-0000-0000-0000-000000000000',
    );
    expect(backend.calls).toEqual([]);
  });

  it('changes nothing in a dry run', async () => {
    const { ctx, checkpointKeys } = actionContext(
      { leaseId: 'sl-1', subscriptionId },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(backend.calls).toEqual([]);
    expect(checkpointKeys).toEqual([]);
    expect(backend.leases.get('sl-1')!.state).toBe('provisioning');
  });

  it("fails with the backend's conflict for a lease that is no longer provisioning", async () => {
    await backend.activateSandboxLease('sl-1', subscriptionId, {
      credentials: INITIATOR,
    });
    const { ctx } = actionContext({
      leaseId: 'sl-1',
      subscriptionId: '00000000-0000-0000-0000-000000000001',
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'sandbox lease sl-1 is active',
    );
  });
});
