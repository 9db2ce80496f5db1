import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, exampleSteps, render } from '../__testUtils__/context';
import { createCreateSandboxLeaseAction } from './createSandboxLease';
import { examples } from './createSandboxLease.examples';

const id = 'dataplatform:sandbox-lease:create';

describe(`${id} examples`, () => {
  const backend = new FakeProvisioning();
  const action = createCreateSandboxLeaseAction({ client: backend });

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

  it('opens a lease from the form, whose plan the vending step reads', async () => {
    const outputs = await runExample(0, {
      parameters: {
        name: 'churn-ideas',
        purpose: 'Try churn models on synthetic customer data',
        ownerGroup: 'group:default/sales-owners',
        costCenter: 'CC-2020',
        dataResidency: 'eu',
        durationDays: 30,
        budgetCap: 500,
      },
    });
    expect(
      render('${{ steps.lease.output.plan.subscription.tags }}', {
        steps: { lease: { output: outputs } },
      }),
    ).toMatchObject({ leaseId: outputs.leaseId, expiresOn: '2026-12-24' });
  });

  it('opens the fixed hackathon lease', async () => {
    const outputs = await runExample(1);
    expect(outputs).toMatchObject({ expiresOn: '2026-12-08' });
    expect(outputs.plan.budget.amount).toBe(200);
  });
});
