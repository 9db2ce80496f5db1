import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import {
  actionContext,
  exampleSteps,
  failureOf,
  INITIATOR,
  render,
} from '../__testUtils__/context';
import { createStartDomainProvisioningAction } from './startDomainProvisioning';
import { examples } from './startDomainProvisioning.examples';

const id = 'dataplatform:domain-request:start-provisioning';

describe(`${id} examples`, () => {
  let backend: FakeProvisioning;
  beforeEach(async () => {
    backend = new FakeProvisioning();
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
  });

  function step(n: number) {
    const [found] = exampleSteps(examples[n], id);
    const run = actionContext(
      render(found.input, { parameters: { requestId: 'dr-1' } }),
    );
    const action = createStartDomainProvisioningAction({ client: backend });
    return { ...run, run: () => action.handler(run.ctx) };
  }

  it('has examples with a description and one step of the action each', () => {
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(exampleSteps(example, id)).toHaveLength(1);
    }
  });

  it.each([
    [
      0,
      '${{ steps.approval.output.plan.subscription.aliasName }}',
      'dp-domain-finance',
    ],
    [1, '${{ steps.approval.output.approvedBy }}', 'user:default/priya.patel'],
  ])(
    'example %i refuses the pending request, and once approved gives the later steps %s',
    async (n, expression, expected) => {
      const pending = step(n);
      expect((await failureOf(pending.run)).message).toContain(
        'the platform team must approve it before anything is vended',
      );

      backend.approve('dr-1');
      const approved = step(n);
      await approved.run();

      expect(examples[n].example).toContain(expression);
      expect(
        render(expression, {
          steps: { approval: { output: approved.outputs() } },
        }),
      ).toBe(expected);
      expect(approved.outputs()).toMatchObject({
        name: 'finance',
        requestedBy: 'user:default/fatima.osei',
        approvedAt: '2026-11-24T09:30:00.000Z',
      });
    },
  );
});
