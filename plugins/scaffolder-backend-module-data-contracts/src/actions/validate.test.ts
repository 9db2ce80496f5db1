import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createValidateDataContractAction } from './validate';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('data-contract:validate', () => {
  const action = createValidateDataContractAction();
  type Input = Parameters<typeof action.handler>[0]['input'];

  // The workspace is a folder of the mock directory, so that a file can lie
  // just outside it.
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');

  beforeEach(() => {
    mockDir.setContent({
      'outside.odcs.yaml': fixture('orders.odcs.yaml'),
      workspace: {
        'catalog/contracts/orders.odcs.yaml': fixture('orders.odcs.yaml'),
        'catalog/contracts/orders-invalid.odcs.yaml': fixture(
          'orders-invalid.odcs.yaml',
        ),
      },
    });
  });

  function context(input: Input, extra: { isDryRun?: boolean } = {}) {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({ input, workspacePath, logger }),
      ...extra,
    };
    return { ctx, logger, outputs: () => outputsOf(ctx.output as jest.Mock) };
  }

  function outputsOf(output: jest.Mock): Record<string, unknown> {
    return Object.fromEntries(output.mock.calls);
  }

  it('passes a valid contract file and outputs the verdict', async () => {
    const { ctx, logger, outputs } = context({
      path: './catalog/contracts/orders.odcs.yaml',
    });

    await action.handler(ctx);

    expect(outputs()).toEqual({
      valid: true,
      apiVersion: 'v3.1.0',
      errorCount: 0,
      errors: [],
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Data contract ./catalog/contracts/orders.odcs.yaml is a valid ODCS contract',
      ),
    );
  });

  it('fails on an invalid contract with an InputError naming the file and each error path', async () => {
    const { ctx, logger, outputs } = context({
      path: 'catalog/contracts/orders-invalid.odcs.yaml',
    });

    const failure = await action.handler(ctx).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(failure).toBeInstanceOf(InputError);
    const message = (failure as Error).message;
    expect(message).toMatch(
      /^Data contract catalog\/contracts\/orders-invalid\.odcs\.yaml is invalid \(\d+ errors\):\n/,
    );
    expect(message).toMatch(/^ {2}\/status: .+$/m);
    expect(message).toMatch(
      /^ {2}\/schema\/0\/properties\/0\/logicalType: .+$/m,
    );
    expect(message).not.toMatch(/and \d+ more/);

    // The outputs are set all the same, and every error reaches the log.
    const { errors, errorCount, valid } = outputs() as {
      errors: { path: string; message: string }[];
      errorCount: number;
      valid: boolean;
    };
    expect(valid).toBe(false);
    expect(errorCount).toBe(errors.length);
    expect(errors.map(e => e.path)).toEqual(
      expect.arrayContaining(['/status', '/schema/0/properties/0/logicalType']),
    );
    for (const e of errors) {
      expect(logger.warn).toHaveBeenCalledWith(`${e.path}: ${e.message}`);
    }
  });

  it('lists the first 20 errors in the failure and counts the rest', async () => {
    const contract = yaml.parse(fixture('orders.odcs.yaml'));
    contract.schema[0].properties = Array.from({ length: 25 }, (_, i) => ({
      name: `column_${i}`,
      logicalType: 'text',
    }));
    const { ctx } = context({ contract });

    const failure = await action.handler(ctx).catch((e: Error) => e);

    expect(failure).toBeInstanceOf(InputError);
    const lines = (failure as Error).message.split('\n');
    expect(lines[0]).toBe('The inline data contract is invalid (25 errors):');
    expect(lines.slice(1, 21)).toEqual(
      Array.from({ length: 20 }, (_, i) =>
        expect.stringMatching(
          new RegExp(`^ {2}/schema/0/properties/${i}/logicalType: `),
        ),
      ),
    );
    expect(lines.slice(21)).toEqual(['  and 5 more']);
  });

  it.each([
    ['neither', {}, 'neither was given'],
    [
      'both',
      { path: './catalog/contracts/orders.odcs.yaml', contract: 'kind: x' },
      'both were given',
    ],
  ])('rejects %s of path and contract', async (_, input, why) => {
    const { ctx } = context(input);
    const failure = await action.handler(ctx).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toContain(
      "exactly one of the inputs 'path'",
    );
    expect((failure as Error).message).toContain("'contract'");
    expect((failure as Error).message).toContain(why);
  });

  it.each([
    '../outside.odcs.yaml',
    './catalog/../../outside.odcs.yaml',
    join(mockDir.path, 'outside.odcs.yaml'),
  ])('rejects the path %s, which leads outside the workspace', async path => {
    const { ctx, outputs } = context({ path });
    const failure = await action.handler(ctx).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toContain(
      'leads outside the task workspace',
    );
    expect(outputs()).toEqual({});
  });

  it('rejects a symlink in the workspace that points outside it', async () => {
    mockDir.addContent({
      'workspace/linked.odcs.yaml': ({ symlink }) =>
        symlink(mockDir.resolve('outside.odcs.yaml')),
    });
    const { ctx } = context({ path: 'linked.odcs.yaml' });
    await expect(action.handler(ctx)).rejects.toThrow(
      'leads outside the task workspace',
    );
  });

  it('names a missing file', async () => {
    const { ctx } = context({ path: 'catalog/contracts/missing.odcs.yaml' });
    await expect(action.handler(ctx)).rejects.toThrow(
      "Cannot read the contract file 'catalog/contracts/missing.odcs.yaml' in the task workspace: there is no such file",
    );
  });

  it('rejects a directory given as the path', async () => {
    const { ctx } = context({ path: 'catalog/contracts' });
    await expect(action.handler(ctx)).rejects.toThrow(
      "The contract path 'catalog/contracts' is not a file",
    );
  });

  it('judges an oversized file by its size', async () => {
    mockDir.addContent({
      'workspace/huge.odcs.yaml': `description: ${'x'.repeat(3 * 1024 * 1024)}`,
    });
    const { ctx, outputs } = context({
      path: 'huge.odcs.yaml',
      failOnInvalid: false,
    });
    await action.handler(ctx);
    expect(outputs()).toEqual({
      valid: false,
      errorCount: 1,
      errors: [
        {
          path: '/',
          message: 'the file is 3.0 MiB; at most 2.0 MiB is accepted',
        },
      ],
    });
  });

  it('accepts the contract as an object, as a template parameter gives it', async () => {
    const { ctx, outputs } = context({
      contract: yaml.parse(fixture('orders.odcs.yaml')),
    });
    await action.handler(ctx);
    expect(outputs()).toMatchObject({ valid: true, errorCount: 0 });
  });

  it('accepts the contract as YAML or JSON text', async () => {
    const asYaml = context({ contract: fixture('orders.odcs.yaml') });
    const asJson = context({
      contract: JSON.stringify(yaml.parse(fixture('orders.odcs.yaml'))),
    });
    await action.handler(asYaml.ctx);
    await action.handler(asJson.ctx);
    expect(asYaml.outputs()).toMatchObject({ valid: true });
    expect(asJson.outputs()).toMatchObject({ valid: true });
  });

  it('reports text that is not YAML as an invalid contract', async () => {
    const { ctx, outputs } = context({
      contract: 'apiVersion: [unclosed',
      failOnInvalid: false,
    });
    await action.handler(ctx);
    expect(outputs()).toMatchObject({
      valid: false,
      errors: [{ path: '/', message: expect.any(String) }],
    });
  });

  it('with failOnInvalid false, outputs the errors and succeeds', async () => {
    const { ctx, logger, outputs } = context({
      contract: fixture('orders-invalid.odcs.yaml'),
      failOnInvalid: false,
    });

    await action.handler(ctx);

    const out = outputs() as { errors: { path: string }[] };
    expect(out).toMatchObject({
      valid: false,
      apiVersion: 'v3.1.0',
      errorCount: out.errors.length,
    });
    expect(out.errors.map(e => e.path)).toEqual(
      expect.arrayContaining(['/status', '/schema/0/properties/0/logicalType']),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The inline data contract is not a valid ODCS contract: \d+ errors$/,
      ),
    );
  });

  it('does the same work in a dry run', async () => {
    const valid = context(
      { path: './catalog/contracts/orders.odcs.yaml' },
      { isDryRun: true },
    );
    await action.handler(valid.ctx);
    expect(valid.outputs()).toMatchObject({ valid: true, errorCount: 0 });

    const invalid = context(
      { path: './catalog/contracts/orders-invalid.odcs.yaml' },
      { isDryRun: true },
    );
    await expect(action.handler(invalid.ctx)).rejects.toThrow(InputError);
  });
});
