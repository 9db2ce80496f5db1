import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import {
  actionContext,
  exampleSteps,
  INITIATOR,
  render,
} from '../__testUtils__/context';
import { createActivateSandboxLeaseAction } from './activateSandboxLease';
import { examples } from './activateSandboxLease.examples';

const id = 'dataplatform:sandbox-lease:activate';

describe(`${id} examples`, () => {
  it('starts the lease the earlier steps opened and vended', async () => {
    const backend = new FakeProvisioning();
    const lease = await backend.createSandboxLease(
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

    expect(examples).toHaveLength(1);
    expect(examples[0].description).toBeTruthy();
    const [step] = exampleSteps(examples[0], id);
    const run = actionContext(
      render(step.input, {
        steps: {
          lease: { output: { leaseId: lease.id } },
          subscription: {
            output: { subscriptionId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' },
          },
        },
      }),
    );
    await createActivateSandboxLeaseAction({ client: backend }).handler(
      run.ctx,
    );

    expect(run.outputs()).toEqual({
      state: 'active',
      entityRef: 'resource:default/sandbox-churn-ideas',
    });
    expect(backend.leases.get(lease.id)?.subscriptionId).toBe(
      '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    );
  });
});
