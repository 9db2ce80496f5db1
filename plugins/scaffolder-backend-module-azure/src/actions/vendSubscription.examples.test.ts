import {
  DEMO_MANAGEMENT_GROUPS,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  actionContext,
  render,
  resetAzure,
  startAzure,
  stepsOf,
} from '../__testUtils__/actionTesting';
import {
  createVendSubscriptionAction,
  VEND_ACTION_ID,
} from './vendSubscription';
import { examples } from './vendSubscription.examples';

describe('azure:subscription:vend examples', () => {
  let endpoint: LocalAzureEndpoint;
  let action: ReturnType<typeof createVendSubscriptionAction>;

  beforeAll(async () => {
    let clients;
    ({ endpoint, clients } = await startAzure());
    action = createVendSubscriptionAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => resetAzure(endpoint));

  const parameters = [
    {
      name: 'logistics',
      costCenter: 'CC-1060',
      dataClassification: 'confidential',
      dataResidency: 'eu',
    },
    {
      name: 'forecasting',
      domain: 'sales',
      costCenter: 'CC-1020',
      dataResidency: 'us',
      expiresOn: '2027-02-28',
    },
  ];

  it('has a described example with one vend step for each case tested here', () => {
    expect(examples).toHaveLength(parameters.length);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(
        stepsOf(example).filter(s => s.action === VEND_ACTION_ID),
      ).toHaveLength(1);
    }
  });

  it.each(
    examples.map((example, i) => [i, example.description, example] as const),
  )(
    'example %i (%s) parses, dry-runs without calls and vends',
    async (i, _description, example) => {
      const steps = stepsOf(example);
      const vend = steps.find(s => s.action === VEND_ACTION_ID)!;
      const input = render(vend.input, { parameters: parameters[i] }) as Record<
        string,
        any
      >;

      const dryRun = actionContext(action, input, { isDryRun: true });
      await dryRun.run();
      expect(endpoint.requests.snapshot().total).toBe(0);

      const step = actionContext(action, input);
      await step.run();
      const { subscriptionId, created } = step.outputs();
      expect(created).toBe(true);
      const subscription = endpoint.tenant.getSubscription(subscriptionId);
      expect(subscription.displayName).toBe(input.displayName);
      expect(subscription.managementGroupId).toBe(
        DEMO_MANAGEMENT_GROUPS[
          input.managementGroup as 'domains' | 'sandboxes'
        ],
      );
      expect(subscription.tags).toEqual(input.tags);
      expect(endpoint.tenant.getAlias(input.aliasName).workload).toBe(
        input.workload ?? 'Production',
      );

      // Later steps read the outputs the way the scaffolder renders them.
      const later = steps.slice(steps.indexOf(vend) + 1);
      for (const s of later) {
        const rendered = JSON.stringify(
          render(s.input, {
            parameters: parameters[i],
            steps: { [vend.id]: { output: step.outputs() } },
          }),
        );
        expect(rendered).toContain(subscriptionId);
      }
    },
  );
});
