import {
  effectiveRetention,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import {
  actionContext,
  newSubscription,
  render,
  resetAzure,
  startAzure,
  stepsOf,
} from '../__testUtils__/actionTesting';
import { createWorkspaceAction, WORKSPACE_ACTION_ID } from './createWorkspace';
import { examples } from './createWorkspace.examples';

describe('azure:monitor:create-workspace examples', () => {
  let endpoint: LocalAzureEndpoint;
  let action: ReturnType<typeof createWorkspaceAction>;

  beforeAll(async () => {
    let clients;
    ({ endpoint, clients } = await startAzure());
    action = createWorkspaceAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => resetAzure(endpoint));

  const expected = [
    {
      retentionInDays: 90,
      tables: {
        AzureActivity: 3653,
        AuditLogs: 3653,
        LAQueryLogs: 3653,
        StorageBlobLogs: 3653,
      },
    },
    { retentionInDays: 365, tables: { AzureActivity: 2556, AuditLogs: 2556 } },
  ];

  it('has described examples with one workspace step each', () => {
    expect(examples).toHaveLength(expected.length);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(
        stepsOf(example).filter(s => s.action === WORKSPACE_ACTION_ID),
      ).toHaveLength(1);
    }
  });

  it.each(
    examples.map((example, i) => [i, example.description, example] as const),
  )(
    'example %i (%s) parses, dry-runs without calls and creates its workspace',
    async (i, _description, example) => {
      const subscriptionId = newSubscription(endpoint);
      endpoint.requests.clear();
      const context = {
        parameters: {
          subscriptionId,
          name: 'logistics',
          primaryRegion: 'northeurope',
          costCenter: 'CC-1060',
        },
        steps: { vend: { output: { subscriptionId } } },
      };
      const step = stepsOf(example).find(
        s => s.action === WORKSPACE_ACTION_ID,
      )!;
      const input = render(step.input, context) as Record<string, any>;

      const dryRun = actionContext(action, input, { isDryRun: true });
      await dryRun.run();
      expect(endpoint.requests.snapshot().total).toBe(0);

      const run = actionContext(action, input);
      await run.run();
      const workspace = endpoint.tenant.logAnalytics.get(
        subscriptionId,
        input.resourceGroupName,
        input.workspaceName,
      );
      expect(workspace).toMatchObject({
        location: input.region,
        retentionInDays: expected[i].retentionInDays,
      });
      for (const [table, total] of Object.entries(expected[i].tables)) {
        expect(
          effectiveRetention(
            workspace,
            endpoint.tenant.logAnalytics.getTable(workspace, table),
          ).totalRetentionInDays,
        ).toBe(total);
      }
      const { customerId, ...rest } = run.outputs();
      expect(customerId).toBe(workspace.customerId);
      expect(rest).toEqual(dryRun.outputs());
    },
  );
});
