import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf, INITIATOR } from '../__testUtils__/context';
import { createSubmitDomainRequestAction } from './submitDomainRequest';

const valid = {
  name: 'finance',
  title: 'Finance',
  description: 'Ledgers, invoices and forecasts of the finance department',
  ownerGroup: 'group:default/finance-domain-owners',
  costCenter: 'CC-1010',
  dataClassification: 'confidential',
  dataResidency: 'eu',
  primaryRegion: 'westeurope',
  monthlyBudget: 5000,
  recoveryTier: 'standard',
};

describe('dataplatform:domain-request:submit', () => {
  let backend: FakeProvisioning;
  let action: ReturnType<typeof createSubmitDomainRequestAction>;
  beforeEach(() => {
    backend = new FakeProvisioning();
    action = createSubmitDomainRequestAction({ client: backend });
  });

  it('checks the request with the backend and submits it on behalf of the initiator', async () => {
    const { ctx, outputs, checkpointKeys } = actionContext(valid);

    await action.handler(ctx);

    // Only the submit: the backend validates it, and a separate validation
    // would refuse a resumed task's replay (see below).
    expect(backend.calls.map(c => c.method)).toEqual(['submitDomainRequest']);
    for (const call of backend.calls) {
      expect(call.credentials).toBe(INITIATOR);
      expect(call.args[0]).toEqual(valid);
    }
    expect(checkpointKeys).toEqual(['submit.domain-request.finance']);
    const out = outputs();
    expect(out).toMatchObject({
      requestId: 'dr-1',
      status: 'pending-approval',
      requestUrl: '/provisioning/domain-requests/dr-1',
    });
    expect(out.plan).toEqual(backend.domainRequests.get('dr-1')!.plan);
    expect(out.plan.subscription.tags.requestId).toBe('dr-1');
    expect(backend.domainRequests.get('dr-1')!.requestedBy).toBe(
      'user:default/fatima.osei',
    );
  });

  it('refuses invalid fields before calling the backend, naming each field and what is allowed', async () => {
    const { ctx, outputs } = actionContext({
      ...valid,
      name: 'Finance Team',
      costCenter: '1010',
      primaryRegion: 'eastus',
      monthlyBudget: 50,
      recoveryTier: 'gold',
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^The domain request is invalid: /);
    expect(error.message).toContain(
      'name: "Finance Team" breaks Azure naming rules',
    );
    expect(error.message).toContain(
      'costCenter: must be CC- followed by four digits, e.g. CC-1010',
    );
    expect(error.message).toContain(
      'primaryRegion: eastus is outside the EU residency; allowed: westeurope',
    );
    expect(error.message).toContain(
      'monthlyBudget: 50 is below the minimum of 100',
    );
    expect(error.message).toContain(
      'recoveryTier: "gold" is not allowed; allowed: standard, critical, mission-critical',
    );
    expect(backend.calls).toEqual([]);
    expect(outputs()).toEqual({});
  });

  it("fails with the backend's refusal of what only it can tell (an unknown owner group), filing nothing", async () => {
    const { ctx, checkpoints, outputs } = actionContext({
      ...valid,
      ownerGroup: 'group:default/nobody',
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'ownerGroup: unknown group "group:default/nobody"; pick a group from the catalog',
    );
    expect(backend.domainRequests.size).toBe(0);
    // Nothing stored, so a retry asks the backend again.
    expect(checkpoints.size).toBe(0);
    expect(outputs()).toEqual({});
  });

  it('refuses a name another open request holds', async () => {
    await action.handler(actionContext(valid).ctx);
    const { ctx } = actionContext(valid, {
      initiator: mockCredentials.user('user:default/marco.rossi'),
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.message).toBe(
      'name: "finance" is already asked for by domain request dr-1 (pending-approval, by user:default/fatima.osei); choose another name',
    );
    expect(backend.domainRequests.size).toBe(1);
  });

  it('in a dry run refuses what only the backend can tell, naming the field', async () => {
    const { ctx, outputs } = actionContext(
      { ...valid, ownerGroup: 'group:default/nobody' },
      { isDryRun: true },
    );

    const error = await failureOf(() => action.handler(ctx));

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'The domain request finance cannot be submitted: ownerGroup: unknown group "group:default/nobody"; pick a group from the catalog',
    );
    expect(backend.mutations()).toEqual([]);
    expect(outputs()).toEqual({});
  });

  it('in a dry run logs and outputs the plan, and submits nothing', async () => {
    const { ctx, outputs, logged, checkpointKeys } = actionContext(valid, {
      isDryRun: true,
    });

    await action.handler(ctx);

    expect(backend.calls.map(c => c.method)).toEqual(['validateDomainRequest']);
    expect(checkpointKeys).toEqual([]);
    expect(Object.keys(outputs())).toEqual(['plan']);
    expect(outputs().plan.subscription.aliasName).toBe('dp-domain-finance');
    const log = logged();
    for (const line of [
      'Subscription alias dp-domain-finance ("dp-domain-finance") in management group mg-dataplatform-domains',
      'Tags: domain=finance, owner=finance-domain-owners, costCenter=CC-1010, dataClassification=confidential, dataResidency=eu, environment=production, recoveryTier=standard',
      'Budget budget-dp-domain-finance: 5000 per month; alerts at 50% actual, 80% actual, 100% actual, 100% forecasted to finance-owners@contoso.com',
      'Roles for group:default/finance-domain-owners (11111111-1111-1111-1111-111111111111): Contributor, Monitoring Contributor, Cost Management Reader',
      'Log Analytics workspace log-dp-finance in resource group rg-dp-finance-monitoring (westeurope): 90 days interactive retention; AzureActivity, AuditLogs, LAQueryLogs, StorageBlobLogs kept 3653 days in total',
      'Region westeurope, paired with northeurope',
      'Recovery tier standard (Standard): RPO 36 h, RTO 24 h',
    ]) {
      expect(log).toContain(line);
    }
  });

  it('says when the paired region lies outside the residency', async () => {
    const { ctx, logged } = actionContext(
      {
        ...valid,
        dataResidency: 'south-america',
        primaryRegion: 'brazilsouth',
      },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(logged()).toContain(
      'Region brazilsouth, paired with southcentralus (outside the data residency: geo-redundant replication stays off)',
    );
  });

  it('leaves out an empty title, as an unset optional form field renders', async () => {
    const { ctx } = actionContext({ ...valid, title: '' });
    await action.handler(ctx);
    expect(backend.domainRequests.get('dr-1')!.input).not.toHaveProperty(
      'title',
    );
  });

  describe('when a resumed task replays the step after the request was filed', () => {
    let first: ReturnType<typeof actionContext>;
    beforeEach(async () => {
      first = actionContext(valid);
      await action.handler(first.ctx);
      backend.calls.length = 0;
    });

    it("finds the name held by the task's own request, so validating first would refuse the replay", async () => {
      expect(
        (await backend.validateDomainRequest(valid as any)).problems,
      ).toEqual([
        {
          field: 'name',
          message:
            '"finance" is already asked for by domain request dr-1 (pending-approval, by user:default/fatima.osei); choose another name',
        },
      ]);
    });

    it('takes the request from the checkpoint', async () => {
      const resumed = actionContext(valid, { checkpoints: first.checkpoints });

      await action.handler(resumed.ctx);

      expect(backend.calls).toEqual([]);
      expect(resumed.outputs()).toMatchObject({
        requestId: 'dr-1',
        status: 'pending-approval',
      });
      expect(backend.domainRequests.size).toBe(1);
    });

    it('gets the same request back from the backend without a checkpoint', async () => {
      const resumed = actionContext(valid);

      await action.handler(resumed.ctx);

      expect(backend.calls.map(c => c.method)).toEqual(['submitDomainRequest']);
      expect(resumed.outputs()).toMatchObject({
        requestId: 'dr-1',
        status: 'pending-approval',
        requestUrl: '/provisioning/domain-requests/dr-1',
      });
      expect(resumed.outputs().plan.subscription.tags.requestId).toBe('dr-1');
      expect(backend.domainRequests.size).toBe(1);
    });
  });
});
