import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, exampleSteps, render } from '../__testUtils__/context';
import { createSubmitDomainRequestAction } from './submitDomainRequest';
import { examples } from './submitDomainRequest.examples';

const id = 'dataplatform:domain-request:submit';

describe(`${id} examples`, () => {
  const backend = new FakeProvisioning();
  const action = createSubmitDomainRequestAction({ client: backend });

  async function runExample(n: number, context: Record<string, unknown> = {}) {
    const [step] = exampleSteps(examples[n], id);
    const run = actionContext(render(step.input, context));
    await action.handler(run.ctx);
    return run.outputs();
  }

  it('has examples with a description and one step of the action each', () => {
    expect(examples).toHaveLength(2);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(exampleSteps(example, id)).toHaveLength(1);
    }
  });

  it('submits what the form gave, leaving out an unset title', async () => {
    const outputs = await runExample(0, {
      parameters: {
        name: 'finance',
        title: '',
        description: 'Ledgers, invoices and forecasts',
        ownerGroup: 'finance-domain-owners',
        costCenter: 'CC-1010',
        dataClassification: 'confidential',
        dataResidency: 'eu',
        primaryRegion: 'northeurope',
        monthlyBudget: 5000,
        recoveryTier: 'standard',
      },
    });
    expect(outputs).toMatchObject({
      status: 'pending-approval',
      requestUrl: `/provisioning/domain-requests/${outputs.requestId}`,
    });
    expect(outputs.plan.region).toEqual({
      primary: 'northeurope',
      paired: 'westeurope',
      pairedRegionInResidency: true,
    });
  });

  it('submits the fixed mission-critical request', async () => {
    const outputs = await runExample(1);
    expect(outputs.status).toBe('pending-approval');
    expect(outputs.plan.recovery).toEqual({
      tier: 'mission-critical',
      rpoHours: 0.25,
      rtoHours: 1,
    });
    expect(outputs.plan.subscription.aliasName).toBe('dp-domain-treasury');
  });
});
