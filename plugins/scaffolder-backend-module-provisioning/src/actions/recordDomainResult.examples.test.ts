import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import {
  actionContext,
  exampleSteps,
  INITIATOR,
  render,
} from '../__testUtils__/context';
import { createRecordDomainResultAction } from './recordDomainResult';
import { examples } from './recordDomainResult.examples';

const id = 'dataplatform:domain-request:record-result';
const subscriptionId = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

describe(`${id} examples`, () => {
  it('records the outputs of the earlier steps on the request', async () => {
    const backend = new FakeProvisioning();
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
    const workspaceResourceId = `/subscriptions/${subscriptionId}/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance`;

    expect(examples).toHaveLength(1);
    expect(examples[0].description).toBeTruthy();
    const [step] = exampleSteps(examples[0], id);
    const run = actionContext(
      render(step.input, {
        steps: {
          approval: { output: { requestId: 'dr-1', name: 'finance' } },
          subscription: { output: { subscriptionId } },
          workspace: { output: { workspaceResourceId } },
        },
      }),
    );
    await createRecordDomainResultAction({ client: backend }).handler(run.ctx);

    expect(run.outputs()).toEqual({ status: 'provisioned' });
    expect(backend.domainRequests.get('dr-1')).toMatchObject({
      subscriptionId,
      workspaceResourceId,
      domainEntityRef: 'domain:default/finance',
    });
  });
});
