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
import { examples } from './validate.examples';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

/**
 * Fills in `${{ parameters.x }}` the way the scaffolder does for these plain
 * expressions: a sole expression keeps the parameter's value, one inside
 * other text becomes text.
 */
function render(value: unknown, parameters: Record<string, unknown>): unknown {
  const expression = /\$\{\{\s*parameters\.(\w+)\s*\}\}/g;
  if (typeof value === 'string') {
    const sole = value.match(/^\$\{\{\s*parameters\.(\w+)\s*\}\}$/);
    return sole
      ? parameters[sole[1]]
      : value.replace(expression, (_, name) => String(parameters[name]));
  }
  if (Array.isArray(value)) {
    return value.map(v => render(v, parameters));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, parameters)]),
    );
  }
  return value;
}

describe('data-contract:validate examples', () => {
  const action = createValidateDataContractAction();
  type Input = Parameters<typeof action.handler>[0]['input'];
  const workspace = createMockDirectory();

  function validateStep(example: number, parameters = {}) {
    const { steps } = yaml.parse(examples[example].example) as {
      steps: { action: string; input: unknown }[];
    };
    const step = steps.find(s => s.action === 'data-contract:validate');
    expect(step).toBeDefined();
    const ctx = createMockActionContext({
      input: render(step!.input, parameters) as Input,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock(),
    });
    const outputs = () =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { run: () => action.handler(ctx), outputs };
  }

  it('has examples with a description and one validate step each', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      const { steps } = yaml.parse(example.example);
      expect(
        steps.filter((s: any) => s.action === 'data-contract:validate'),
      ).toHaveLength(1);
    }
  });

  it('checks the contract a skeleton brings, and fails the task when it is invalid', async () => {
    workspace.setContent({
      'catalog/contracts/orders.odcs.yaml': fixture('orders.odcs.yaml'),
    });
    const valid = validateStep(0);
    await valid.run();
    expect(valid.outputs()).toMatchObject({ valid: true, errorCount: 0 });

    workspace.setContent({
      'catalog/contracts/orders.odcs.yaml': fixture('orders-invalid.odcs.yaml'),
    });
    await expect(validateStep(0).run()).rejects.toThrow(InputError);
  });

  it('reports on a pasted contract without failing', async () => {
    const step = validateStep(1, {
      contract: fixture('orders-invalid.odcs.yaml'),
    });
    await step.run();
    expect(step.outputs()).toMatchObject({
      valid: false,
      errors: expect.arrayContaining([
        expect.objectContaining({ path: '/status' }),
      ]),
    });
  });

  it('checks a contract composed from parameters', async () => {
    const step = validateStep(2, {
      contractId: 'a6c1f0d2-orders',
      name: 'orders',
      domain: 'sales',
    });
    await step.run();
    expect(step.outputs()).toMatchObject({
      valid: true,
      apiVersion: 'v3.1.0',
      errorCount: 0,
    });
  });
});
