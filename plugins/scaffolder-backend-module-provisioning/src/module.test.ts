import { createServiceFactory } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { provisioningClientServiceRef } from '@dataplatform/plugin-provisioning-node';
import { FakeProvisioning } from './__testUtils__/FakeProvisioning';
import { scaffolderModuleProvisioning } from './module';

describe('scaffolder module provisioning', () => {
  it('registers the six provisioning actions, each supporting dry runs', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModuleProvisioning,
        createServiceFactory({
          service: provisioningClientServiceRef,
          deps: {},
          factory: () => new FakeProvisioning(),
        }),
      ],
    });

    expect(actions.map(a => a.id).sort()).toEqual([
      'dataplatform:catalog:publish',
      'dataplatform:domain-request:record-result',
      'dataplatform:domain-request:start-provisioning',
      'dataplatform:domain-request:submit',
      'dataplatform:sandbox-lease:activate',
      'dataplatform:sandbox-lease:create',
    ]);
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
    }
    const publish = actions.find(a => a.id === 'dataplatform:catalog:publish');
    expect(publish?.schema?.input).toMatchObject({
      type: 'object',
      properties: { filePath: { type: 'string' }, key: { type: 'string' } },
      required: ['filePath', 'key'],
    });
  });

  it('starts with the default client when none is replaced', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [scaffolderModuleProvisioning],
    });
    expect(actions).toHaveLength(6);
  });
});
