import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf, INITIATOR } from '../__testUtils__/context';
import {
  createCreateSandboxLeaseAction,
  DRY_RUN_LEASE_ID,
} from './createSandboxLease';

const valid = {
  name: 'churn-ideas',
  purpose: 'Try churn models on synthetic customer data',
  ownerGroup: 'group:default/sales-owners',
  costCenter: 'CC-2020',
  dataResidency: 'eu',
  durationDays: 30,
  budgetCap: 500,
};

describe('dataplatform:sandbox-lease:create', () => {
  let backend: FakeProvisioning;
  let action: ReturnType<typeof createCreateSandboxLeaseAction>;
  beforeEach(() => {
    // The fake backend's clock: 2026-11-24.
    backend = new FakeProvisioning();
    action = createCreateSandboxLeaseAction({ client: backend });
  });

  it('opens the lease on behalf of the initiator and outputs a plan tagged with the lease id', async () => {
    const { ctx, outputs, checkpointKeys } = actionContext(valid);

    await action.handler(ctx);

    expect(backend.calls.map(c => [c.method, c.credentials])).toEqual([
      ['validateSandboxLease', INITIATOR],
      ['createSandboxLease', INITIATOR],
    ]);
    expect(backend.calls[1].args[0]).toEqual(valid);
    expect(checkpointKeys).toEqual(['create.sandbox-lease.churn-ideas']);
    const out = outputs();
    expect(out.leaseId).toBe('sl-1');
    expect(out.expiresOn).toBe('2026-12-24');
    expect(out.plan.subscription.tags).toMatchObject({
      leaseId: 'sl-1',
      expiresOn: '2026-12-24',
      environment: 'sandbox',
      dataClassification: 'internal',
    });
    expect(out.plan.entityRef).toBe('resource:default/sandbox-churn-ideas');
  });

  it('refuses a lease outside the policy before calling the backend, naming the fields and the limits', async () => {
    const { ctx } = actionContext({
      ...valid,
      durationDays: 120,
      budgetCap: 9000,
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'The sandbox lease is outside the policy or invalid: ' +
        'durationDays: 120 days is outside the policy; allowed: 1 to 90 days; ' +
        'budgetCap: 9000 is above the maximum of 5000; ask the platform team for more',
    );
    expect(backend.calls).toEqual([]);
  });

  it('refuses what only the backend knows without opening a lease', async () => {
    const { ctx } = actionContext({
      ...valid,
      ownerGroup: 'group:default/ghosts',
    });
    const error = await failureOf(() => action.handler(ctx));
    expect(error.message).toBe(
      'The sandbox lease churn-ideas cannot be created: ownerGroup: unknown group "group:default/ghosts"; pick a group from the catalog',
    );
    expect(backend.mutations()).toEqual([]);
  });

  it('in a dry run shows the plan and opens nothing', async () => {
    const { ctx, outputs, logged, checkpointKeys } = actionContext(valid, {
      isDryRun: true,
    });

    await action.handler(ctx);

    expect(backend.mutations()).toEqual([]);
    expect(checkpointKeys).toEqual([]);
    expect(outputs()).toMatchObject({ expiresOn: '2026-12-24' });
    // The placeholder lets a template dry run reach its later steps.
    expect(outputs()).toMatchObject({ leaseId: DRY_RUN_LEASE_ID });
    const log = logged();
    expect(log).toContain(
      'Subscription alias dp-sandbox-churn-ideas ("dp-sandbox-churn-ideas") in management group mg-dataplatform-sandboxes',
    );
    expect(log).toContain(
      'Budget cap budget-dp-sandbox-churn-ideas: 500 per month, frozen at the cap',
    );
    expect(log).toContain(
      'Lease ends 2026-12-24; catalog entity resource:default/sandbox-churn-ideas',
    );
  });

  it('does not open a second lease when a resumed task replays the step', async () => {
    const first = actionContext(valid);
    await action.handler(first.ctx);
    const resumed = actionContext(valid, { checkpoints: first.checkpoints });
    await action.handler(resumed.ctx);
    expect(backend.leases.size).toBe(1);
    expect(resumed.outputs().leaseId).toBe('sl-1');
  });
});
