import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleDataContracts } from './module';

describe('scaffolder module data-contracts', () => {
  it('registers data-contract:validate with the scaffolder', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [scaffolderModuleDataContracts],
    });

    expect(actions.map(a => a.id)).toEqual(['data-contract:validate']);
    expect(actions[0].supportsDryRun).toBe(true);
    expect(actions[0].schema?.input).toMatchObject({
      type: 'object',
      properties: {
        path: { type: 'string' },
        failOnInvalid: { type: 'boolean' },
      },
    });
  });
});
