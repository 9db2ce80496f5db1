import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { FakeProvisioning } from '../__testUtils__/FakeProvisioning';
import { actionContext, failureOf } from '../__testUtils__/context';
import { createPublishCatalogEntitiesAction } from './publishCatalogEntities';

const contract = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
`;

const product = {
  apiVersion: 'dataplatform.contoso.com/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders' },
  spec: {
    domain: 'sales',
    outputPorts: [{ name: 'table', contract: 'api:default/orders' }],
  },
};

const api = (definition: unknown, extra: object = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders', namespace: 'sales', ...extra },
  spec: {
    type: 'odcs',
    lifecycle: 'development',
    owner: 'group:sales-owners',
    definition,
  },
});

const documents = (...docs: unknown[]) =>
  docs.map(d => yaml.stringify(d)).join('---\n');

describe('dataplatform:catalog:publish', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  let backend: FakeProvisioning;

  beforeEach(() => {
    backend = new FakeProvisioning();
    mockDir.setContent({
      'secret.txt': 'host secret',
      workspace: {
        'catalog-info.yaml': documents(
          product,
          api({ $text: './contract.odcs.yaml' }),
        ),
        'contract.odcs.yaml': contract,
      },
    });
  });

  function action(catalogPublishing?: object) {
    return createPublishCatalogEntitiesAction({
      client: backend,
      config: mockServices.rootConfig({
        data: catalogPublishing
          ? { dataplatform: { provisioning: { catalogPublishing } } }
          : {},
      }),
    });
  }

  function run(
    input: { filePath: string; key: string },
    options: {
      isDryRun?: boolean;
      catalogPublishing?: object;
      user?: { ref?: string } | null;
    } = {},
  ) {
    const context = actionContext(input, {
      workspacePath,
      isDryRun: options.isDryRun,
      user: options.user,
    });
    return {
      ...context,
      run: () => action(options.catalogPublishing).handler(context.ctx),
    };
  }

  it('publishes the entities to the portal with $text inlined, as the scaffolder for the initiator, under a checkpoint', async () => {
    const step = run({
      filePath: './catalog-info.yaml',
      key: 'data-product:orders',
    });

    await step.run();

    expect(backend.calls).toEqual([
      {
        method: 'putPublishedEntities',
        args: [
          'data-product:orders',
          [product, api(contract)],
          'task-7',
          'user:default/fatima.osei',
        ],
        // The store takes entities from the scaffolder, not from people.
        credentials: undefined,
      },
    ]);
    expect(step.checkpointKeys).toEqual(['publish.data-product:orders']);
    expect(step.outputs()).toEqual({
      mode: 'portal',
      entityRefs: ['dataproduct:default/orders', 'api:sales/orders'],
    });
  });

  it("refuses to replace another person's set, naming who published it", async () => {
    await run(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { user: { ref: 'user:default/marco.rossi' } },
    ).run();

    const takeover = run({
      filePath: 'catalog-info.yaml',
      key: 'data-product:orders',
    });
    const error = await failureOf(takeover.run);

    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'data-product:orders was published by user:default/marco.rossi; only they can replace it',
    );
    expect(takeover.outputs()).toEqual({});
    expect(backend.published.get('data-product:orders')?.initiatedBy).toBe(
      'user:default/marco.rossi',
    );
  });

  it('names no initiator for a task without an author', async () => {
    await run(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { user: null },
    ).run();

    expect(backend.calls.map(c => c.args[3])).toEqual([undefined]);
    expect(backend.published.get('data-product:orders')).not.toHaveProperty(
      'initiatedBy',
    );
  });

  it("fails with the store's refusal and sets no outputs", async () => {
    jest
      .spyOn(backend, 'putPublishedEntities')
      .mockRejectedValue(
        new Error(
          'entities[1].kind: "Template" is not allowed; allowed: Domain, DataProduct, API, Resource, Component, System',
        ),
      );
    const step = run({
      filePath: 'catalog-info.yaml',
      key: 'data-product:orders',
    });

    await expect(step.run()).rejects.toThrow(
      'entities[1].kind: "Template" is not allowed',
    );
    expect(step.outputs()).toEqual({});
  });

  it('defaults to portal mode, and reads an explicit one the same way', async () => {
    const step = run(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { catalogPublishing: { mode: 'portal' } },
    );
    await step.run();
    expect(backend.published.get('data-product:orders')?.entities).toHaveLength(
      2,
    );
  });

  it('reads $text beside the YAML file, in a folder of the workspace, anywhere in the entity', async () => {
    mockDir.addContent({
      'workspace/domain/catalog-info.yaml': yaml.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: {
          name: 'finance',
          description: { $text: './docs/summary.md' },
          links: [{ url: 'https://x', title: { $text: '../title.txt' } }],
        },
        spec: { owner: 'group:default/finance-domain-owners' },
      }),
      'workspace/domain/docs/summary.md': 'Ledgers and forecasts',
      'workspace/title.txt': 'Dashboard',
    });
    const step = run({
      filePath: 'domain/catalog-info.yaml',
      key: 'domain:finance',
    });

    await step.run();

    const [entity] = backend.published.get('domain:finance')!.entities as any[];
    expect(entity.metadata.description).toBe('Ledgers and forecasts');
    expect(entity.metadata.links).toEqual([
      { url: 'https://x', title: 'Dashboard' },
    ]);
  });

  it.each([
    ['../secret.txt', 'leads outside the task workspace'],
    ['./../../secret.txt', 'leads outside the task workspace'],
    [mockDir.resolve('secret.txt'), 'must be a path relative to the YAML file'],
    [
      'https://example.com/contract.yaml',
      'must be a path relative to the YAML file',
    ],
  ])('refuses $text %s and publishes nothing', async (ref, why) => {
    mockDir.addContent({
      'workspace/catalog-info.yaml': documents(product, api({ $text: ref })),
    });
    const step = run({
      filePath: 'catalog-info.yaml',
      key: 'data-product:orders',
    });

    const error = await failureOf(step.run);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      `catalog-info.yaml document 2: spec.definition: $text ${ref}`,
    );
    expect(error.message).toContain(why);
    expect(backend.calls).toEqual([]);
    expect(step.outputs()).toEqual({});
  });

  it('refuses a $text symlink that points outside the workspace', async () => {
    mockDir.addContent({
      'workspace/linked.txt': ({ symlink }) =>
        symlink(mockDir.resolve('secret.txt')),
      'workspace/catalog-info.yaml': documents(api({ $text: './linked.txt' })),
    });
    const step = run({ filePath: 'catalog-info.yaml', key: 'api:orders' });
    await expect(step.run()).rejects.toThrow(
      'catalog-info.yaml document 1: spec.definition: $text ./linked.txt leads outside the task workspace',
    );
    expect(backend.calls).toEqual([]);
  });

  it('refuses an entity file that is a symlink to a file outside the workspace', async () => {
    mockDir.addContent({
      'outside.yaml': documents(product),
      'workspace/linked.yaml': ({ symlink }) =>
        symlink(mockDir.resolve('outside.yaml')),
    });
    const step = run({ filePath: 'linked.yaml', key: 'data-product:orders' });
    await expect(step.run()).rejects.toThrow(
      'filePath linked.yaml leads outside the task workspace',
    );
    expect(backend.calls).toEqual([]);
  });

  it('refuses an oversized $text file by its size', async () => {
    mockDir.addContent({
      'workspace/huge.txt': 'x'.repeat(1024 * 1024 + 1),
      'workspace/catalog-info.yaml': documents(api({ $text: './huge.txt' })),
    });
    const step = run({ filePath: 'catalog-info.yaml', key: 'api:orders' });
    await expect(step.run()).rejects.toThrow(
      'catalog-info.yaml document 1: spec.definition: $text ./huge.txt is 1048577 bytes; at most 1048576 bytes (1 MiB) are accepted',
    );
  });

  it('names a $text file that is missing', async () => {
    mockDir.addContent({
      'workspace/catalog-info.yaml': documents(api({ $text: './gone.yaml' })),
    });
    const step = run({ filePath: 'catalog-info.yaml', key: 'api:orders' });
    await expect(step.run()).rejects.toThrow(
      'catalog-info.yaml document 1: spec.definition: $text ./gone.yaml: there is no such file in the task workspace',
    );
  });

  it('refuses $yaml in portal mode, which has no files to resolve it from', async () => {
    mockDir.addContent({
      'workspace/catalog-info.yaml': documents(
        api({ $yaml: './contract.odcs.yaml' }),
      ),
    });
    const step = run({ filePath: 'catalog-info.yaml', key: 'api:orders' });
    await expect(step.run()).rejects.toThrow(
      "catalog-info.yaml document 1: spec.definition uses $yaml, which the portal's entity store cannot resolve",
    );
  });

  it('refuses a file outside the workspace', async () => {
    const step = run({ filePath: '../secret.txt', key: 'x' });
    const error = await failureOf(step.run);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'filePath ../secret.txt leads outside the task workspace; give a file inside it, such as ./catalog-info.yaml',
    );
  });

  it('names each document that is not an entity', async () => {
    mockDir.addContent({
      'workspace/catalog-info.yaml': documents(
        product,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { title: 'x' },
        },
        ['a list'],
        { metadata: { name: 'y' } },
      ),
    });
    const step = run({
      filePath: 'catalog-info.yaml',
      key: 'data-product:orders',
    });

    const error = await failureOf(step.run);

    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'catalog-info.yaml holds invalid entities: ' +
        'catalog-info.yaml document 2: metadata.name is required; ' +
        'catalog-info.yaml document 3: is not an entity; expected a mapping with apiVersion, kind and metadata.name; ' +
        'catalog-info.yaml document 4: apiVersion, kind are required',
    );
    expect(backend.calls).toEqual([]);
  });

  it('names a document that is not YAML, and a file without entities', async () => {
    mockDir.addContent({
      'workspace/broken.yaml': 'kind: [unclosed',
      'workspace/empty.yaml': '---\n',
    });
    await expect(
      run({ filePath: 'broken.yaml', key: 'x' }).run(),
    ).rejects.toThrow('broken.yaml document 1: not valid YAML');
    await expect(
      run({ filePath: 'empty.yaml', key: 'x' }).run(),
    ).rejects.toThrow('empty.yaml holds no entities');
  });

  it.each([
    ['Domain:Finance', '"Domain:Finance" is not allowed'],
    ['', 'is required'],
    [`a${'b'.repeat(200)}`, `"a${'b'.repeat(200)}" is not allowed`],
  ])('refuses the key %j without reading or publishing', async (key, why) => {
    const step = run({ filePath: 'catalog-info.yaml', key });
    const error = await failureOf(step.run);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(`key: ${why}`);
    expect(error.message).toContain('allowed: lowercase letters, digits');
    expect(backend.calls).toEqual([]);
  });

  it('in a dry run checks and inlines everything but publishes nothing', async () => {
    const step = run(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { isDryRun: true },
    );

    await step.run();

    expect(backend.calls).toEqual([]);
    expect(step.checkpointKeys).toEqual([]);
    expect(step.outputs()).toEqual({
      mode: 'portal',
      entityRefs: ['dataproduct:default/orders', 'api:sales/orders'],
    });

    mockDir.addContent({
      'workspace/catalog-info.yaml': documents(api({ $text: '../secret.txt' })),
    });
    await expect(
      run(
        { filePath: 'catalog-info.yaml', key: 'x' },
        { isDryRun: true },
      ).run(),
    ).rejects.toThrow('leads outside the task workspace');
  });

  describe('in pull-request mode', () => {
    const catalogPublishing = {
      mode: 'pull-request',
      repoUrl: 'github.com?owner=contoso&repo=dataplatform-catalog',
      targetPath: 'catalog/provisioned',
    };

    it('outputs where the next step proposes the entities, and publishes nothing itself', async () => {
      mockDir.addContent({
        // $yaml is fine here: the catalog resolves it beside the file in the repository.
        'workspace/catalog-info.yaml': documents(
          product,
          api({ $yaml: './contract.odcs.yaml' }),
        ),
      });
      const step = run(
        { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
        { catalogPublishing },
      );

      await step.run();

      expect(backend.calls).toEqual([]);
      expect(step.checkpointKeys).toEqual([]);
      expect(step.outputs()).toEqual({
        mode: 'pull-request',
        entityRefs: ['dataproduct:default/orders', 'api:sales/orders'],
        repoUrl: 'github.com?owner=contoso&repo=dataplatform-catalog',
        targetPath: 'catalog/provisioned',
        branchName: 'provision/data-product-orders',
      });
    });

    it('names the missing config keys', async () => {
      const step = run(
        { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
        { catalogPublishing: { mode: 'pull-request', targetPath: 'catalog' } },
      );
      await expect(step.run()).rejects.toThrow(
        'dataplatform.provisioning.catalogPublishing.repoUrl must be set when dataplatform.provisioning.catalogPublishing.mode is pull-request',
      );

      const neither = run(
        { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
        { catalogPublishing: { mode: 'pull-request' } },
      );
      await expect(neither.run()).rejects.toThrow(
        'dataplatform.provisioning.catalogPublishing.repoUrl and dataplatform.provisioning.catalogPublishing.targetPath must be set',
      );
      expect(backend.calls).toEqual([]);
    });
  });

  it('names an unknown mode and what is allowed', async () => {
    const step = run(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { catalogPublishing: { mode: 'git' } },
    );
    await expect(step.run()).rejects.toThrow(
      'dataplatform.provisioning.catalogPublishing.mode is "git"; allowed: portal, pull-request',
    );
  });

  it('publishes once when a resumed task replays the step', async () => {
    const first = run({
      filePath: 'catalog-info.yaml',
      key: 'data-product:orders',
    });
    await first.run();
    const resumed = actionContext(
      { filePath: 'catalog-info.yaml', key: 'data-product:orders' },
      { workspacePath, checkpoints: first.checkpoints },
    );
    await action().handler(resumed.ctx);
    expect(backend.mutations()).toHaveLength(1);
  });
});
