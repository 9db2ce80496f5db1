import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf, INITIATOR } from '../__testUtils__/context';
import { createRecordDomainResultAction } from './recordDomainResult';

const subscriptionId = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const workspaceResourceId = `/subscriptions/${subscriptionId}/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance`;

describe('dataplatform:domain-request:record-result', () => {
  let backend: FakeProvisioning;
  let action: ReturnType<typeof createRecordDomainResultAction>;
  beforeEach(async () => {
    backend = new FakeProvisioning();
    action = createRecordDomainResultAction({ client: backend });
    await backend.submitDomainRequest(
      {
        name: 'finance',
        description: 'Ledgers, invoices and forecasts',
        ownerGroup: 'group:default/finance-domain-owners',
        costCenter: 'CC-1010',
        dataClassification: 'confidential',
        dataResidency: 'eu',
        primaryRegion: 'westeurope',
        monthlyBudget: 5000,
        recoveryTier: 'standard',
      },
      { credentials: INITIATOR },
    );
    backend.approve('dr-1');
    await backend.startDomainProvisioning('dr-1', 'task-7', {
      credentials: INITIATOR,
    });
    backend.calls.length = 0;
  });

  it('records what was provisioned, under a checkpoint, on behalf of the initiator', async () => {
    const { ctx, outputs, checkpointKeys } = actionContext({
      requestId: 'dr-1',
      subscriptionId,
      workspaceResourceId,
      domainEntityRef: 'domain:default/finance',
    });

    await action.handler(ctx);

    expect(backend.calls).toEqual([
      {
        method: 'recordDomainResult',
        args: [
          'dr-1',
          {
            status: 'provisioned',
            subscriptionId,
            workspaceResourceId,
            domainEntityRef: 'domain:default/finance',
          },
        ],
        credentials: INITIATOR,
      },
    ]);
    expect(checkpointKeys).toEqual(['record.domain-request.dr-1']);
    expect(outputs()).toEqual({ status: 'provisioned' });
    expect(backend.domainRequests.get('dr-1')).toMatchObject({
      status: 'provisioned',
      subscriptionId,
      domainEntityRef: 'domain:default/finance',
    });
  });

  it('leaves out an empty workspace id', async () => {
    const { ctx } = actionContext({
      requestId: 'dr-1',
      subscriptionId,
      workspaceResourceId: '',
      domainEntityRef: 'domain:default/finance',
    });
    await action.handler(ctx);
    expect(backend.calls[0].args[1]).not.toHaveProperty('workspaceResourceId');
  });

  it('refuses bad values, naming each field, without calling the backend', async () => {
    const { ctx } = actionContext({
      requestId: 'dr-1',
      subscriptionId: 'not-a-guid',
      workspaceResourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log`,
      domainEntityRef: 'component:default/finance',
    });

    const error = await failureOf(() => action.handler(ctx));

    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Cannot record the provisioning result: ' +
        'subscriptionId: "not-a-guid" is not a subscription id; expected a GUID such as 00000000-0000-0000-0000-000000000000; ' +
        "workspaceResourceId: lies in subscription 00000000-0000-0000-0000-000000000000, not in the domain's subscription not-a-guid; " +
        'domainEntityRef: "component:default/finance" is not a Domain entity ref such as domain:default/finance',
    );
    expect(backend.calls).toEqual([]);
  });

  it('refuses something that is not a workspace resource id', async () => {
    const { ctx } = actionContext({
      requestId: 'dr-1',
      subscriptionId,
      workspaceResourceId: 'log-dp-finance',
      domainEntityRef: 'domain:default/finance',
    });
    const error = await failureOf(() => action.handler(ctx));
    expect(error.message).toContain(
      'workspaceResourceId: "log-dp-finance" is not a Log Analytics workspace resource id',
    );
    expect(backend.calls).toEqual([]);
  });

  it('records nothing in a dry run', async () => {
    const { ctx, checkpointKeys, logged } = actionContext(
      {
        requestId: 'dr-1',
        subscriptionId,
        workspaceResourceId,
        domainEntityRef: 'domain:default/finance',
      },
      { isDryRun: true },
    );

    await action.handler(ctx);

    expect(backend.calls).toEqual([]);
    expect(checkpointKeys).toEqual([]);
    expect(backend.domainRequests.get('dr-1')!.status).toBe('provisioning');
    expect(logged()).toContain(
      `Dry run: would record domain request dr-1 as provisioned with subscription ${subscriptionId}`,
    );
  });

  it("fails with the backend's message when the request is not provisioning", async () => {
    await backend.recordDomainResult(
      'dr-1',
      { status: 'failed', failure: 'SubscriptionQuotaExceeded' },
      { credentials: INITIATOR },
    );
    const { ctx } = actionContext({
      requestId: 'dr-1',
      subscriptionId,
      domainEntityRef: 'domain:default/finance',
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'domain request dr-1 is failed; a result can only be recorded while it is provisioning',
    );
  });
});
