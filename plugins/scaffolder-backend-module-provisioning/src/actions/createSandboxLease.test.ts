import { mockCredentials } from '@backstage/backend-test-utils';
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

    // Only the create: the backend validates it, and a separate validation
    // would refuse a resumed task's replay (see below).
    expect(backend.calls.map(c => [c.method, c.credentials])).toEqual([
      ['createSandboxLease', INITIATOR],
    ]);
    expect(backend.calls[0].args[0]).toEqual(valid);
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

  it("fails with the backend's refusal of what only it knows, opening no lease", async () => {
    const { ctx, checkpoints, outputs } = actionContext({
      ...valid,
      ownerGroup: 'group:default/ghosts',
    });
    const error = await failureOf(() => action.handler(ctx));
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'ownerGroup: unknown group "group:default/ghosts"; pick a group from the catalog',
    );
    expect(backend.leases.size).toBe(0);
    // Nothing stored, so a retry asks the backend again.
    expect(checkpoints.size).toBe(0);
    expect(outputs()).toEqual({});
  });

  it("refuses a name another person's lease holds", async () => {
    await action.handler(actionContext(valid).ctx);
    const { ctx } = actionContext(valid, {
      initiator: mockCredentials.user('user:default/marco.rossi'),
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.message).toBe(
      'name: "churn-ideas" is already used by sandbox lease sl-1 (provisioning); choose another name',
    );
    expect(backend.leases.size).toBe(1);
  });

  it('in a dry run refuses what only the backend knows, naming the field', async () => {
    await action.handler(actionContext(valid).ctx);
    const { ctx, outputs } = actionContext(valid, { isDryRun: true });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.message).toBe(
      'The sandbox lease churn-ideas cannot be created: name: "churn-ideas" is already used by sandbox lease sl-1 (provisioning); choose another name',
    );
    expect(outputs()).toEqual({});
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

  describe('when a resumed task replays the step after the lease was opened', () => {
    let first: ReturnType<typeof actionContext>;
    beforeEach(async () => {
      first = actionContext(valid);
      await action.handler(first.ctx);
      backend.calls.length = 0;
    });

    it("finds the name held by the task's own lease, so validating first would refuse the replay", async () => {
      expect(
        (await backend.validateSandboxLease(valid as any)).problems,
      ).toEqual([
        {
          field: 'name',
          message:
            '"churn-ideas" is already used by sandbox lease sl-1 (provisioning); choose another name',
        },
      ]);
    });

    it('takes the lease from the checkpoint', async () => {
      const resumed = actionContext(valid, { checkpoints: first.checkpoints });

      await action.handler(resumed.ctx);

      expect(backend.calls).toEqual([]);
      expect(backend.leases.size).toBe(1);
      expect(resumed.outputs()).toMatchObject({
        leaseId: 'sl-1',
        expiresOn: '2026-12-24',
      });
    });

    it('gets the same lease back from the backend without a checkpoint', async () => {
      const resumed = actionContext(valid);

      await action.handler(resumed.ctx);

      expect(backend.calls.map(c => c.method)).toEqual(['createSandboxLease']);
      expect(backend.leases.size).toBe(1);
      expect(resumed.outputs()).toMatchObject({
        leaseId: 'sl-1',
        expiresOn: '2026-12-24',
      });
      expect(resumed.outputs().plan.subscription.tags.leaseId).toBe('sl-1');
    });
  });
});
