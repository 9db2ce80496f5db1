import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, exampleSteps, render } from '../__testUtils__/context';
import { createPublishCatalogEntitiesAction } from './publishCatalogEntities';
import { examples } from './publishCatalogEntities.examples';

const id = 'dataplatform:catalog:publish';

describe(`${id} examples`, () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const domain = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'finance' },
    spec: { owner: 'group:default/finance-domain-owners' },
  };
  const contract = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\n';

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': [
          {
            apiVersion: 'dataplatform.contoso.com/v1alpha1',
            kind: 'DataProduct',
            metadata: { name: 'orders' },
            spec: { domain: 'sales' },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'API',
            metadata: { name: 'orders' },
            spec: {
              type: 'odcs',
              definition: { $text: './contract.odcs.yaml' },
            },
          },
        ]
          .map(d => yaml.stringify(d))
          .join('---\n'),
        'contract.odcs.yaml': contract,
        'domain/catalog-info.yaml': yaml.stringify(domain),
      },
    });
  });

  function runExample(n: number, catalogPublishing: object = {}) {
    const backend = new FakeProvisioning();
    const [step] = exampleSteps(examples[n], id);
    const run = actionContext(
      render(step.input, {
        parameters: { name: 'orders' },
        steps: { approval: { output: { name: 'finance' } } },
      }),
      { workspacePath },
    );
    const action = createPublishCatalogEntitiesAction({
      client: backend,
      config: mockServices.rootConfig({
        data: { dataplatform: { provisioning: { catalogPublishing } } },
      }),
    });
    return { backend, ...run, run: () => action.handler(run.ctx) };
  }

  it('has examples with a description and one step of the action each', () => {
    expect(examples).toHaveLength(2);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(exampleSteps(example, id)).toHaveLength(1);
    }
  });

  it('publishes the data product and its inlined contract in portal mode, skipping the pull request', async () => {
    const example = runExample(0, { mode: 'portal' });
    await example.run();

    const published = example.backend.published.get('data-product:orders');
    expect((published?.entities[1] as any).spec.definition).toBe(contract);
    const outputs = example.outputs();
    expect(outputs.entityRefs).toEqual([
      'dataproduct:default/orders',
      'api:default/orders',
    ]);
    const { steps } = yaml.parse(examples[0].example);
    expect(steps[1].if).toBe(
      "${{ steps.publish.output.mode === 'pull-request' }}",
    );
    expect(outputs.mode).not.toBe('pull-request');
  });

  it('hands the pull-request step its inputs in pull-request mode', async () => {
    const example = runExample(0, {
      mode: 'pull-request',
      repoUrl: 'github.com?owner=contoso&repo=catalog',
      targetPath: 'catalog/data-products',
    });
    await example.run();

    expect(example.backend.calls).toEqual([]);
    const { steps } = yaml.parse(examples[0].example);
    expect(
      render(steps[1].input, {
        steps: { publish: { output: example.outputs() } },
      }),
    ).toMatchObject({
      repoUrl: 'github.com?owner=contoso&repo=catalog',
      branchName: 'provision/data-product-orders',
      targetPath: 'catalog/data-products',
    });
  });

  it('publishes the domain under its own key', async () => {
    const example = runExample(1);
    await example.run();
    expect(example.backend.published.get('domain:finance')?.entities).toEqual([
      domain,
    ]);
  });
});
