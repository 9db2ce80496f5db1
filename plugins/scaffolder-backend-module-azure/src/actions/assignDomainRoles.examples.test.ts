import { LocalAzureEndpoint } from '@dataplatform/azure-local-endpoint';
import {
  BUILT_IN_ROLES,
  BuiltInRoleName,
} from '@dataplatform/plugin-provisioning-common';
import {
  actionContext,
  newSubscription,
  render,
  resetAzure,
  startAzure,
  stepsOf,
} from '../__testUtils__/actionTesting';
import {
  createAssignDomainRolesAction,
  RBAC_ACTION_ID,
} from './assignDomainRoles';
import { examples } from './assignDomainRoles.examples';

const OWNERS = 'a0f3c9d2-6b1e-4f47-9a55-2c8e71d4b6e3';
const AUDITORS = 'c41e8b7a-2f6d-4a9e-b3c5-7d1f0e2a9b68';

describe('azure:rbac:assign-domain-roles examples', () => {
  let endpoint: LocalAzureEndpoint;
  let action: ReturnType<typeof createAssignDomainRolesAction>;

  beforeAll(async () => {
    let clients;
    ({ endpoint, clients } = await startAzure());
    action = createAssignDomainRolesAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    resetAzure(endpoint);
    endpoint.tenant.directory.add({
      objectId: OWNERS,
      displayName: 'Logistics Domain Owners',
      type: 'Group',
    });
    endpoint.tenant.directory.add({
      objectId: AUDITORS,
      displayName: 'Platform Auditors',
      type: 'Group',
    });
  });

  const expectedRoles: Array<Record<string, BuiltInRoleName[]>> = [
    {
      [OWNERS]: [
        'Contributor',
        'Monitoring Contributor',
        'Cost Management Reader',
      ],
    },
    {
      [OWNERS]: ['Contributor'],
      [AUDITORS]: ['Reader', 'Cost Management Reader'],
    },
  ];

  it('has described examples whose every step assigns roles', () => {
    expect(examples).toHaveLength(expectedRoles.length);
    for (const example of examples) {
      expect(example.description).toBeTruthy();
      expect(stepsOf(example).every(s => s.action === RBAC_ACTION_ID)).toBe(
        true,
      );
    }
  });

  it.each(
    examples.map((example, i) => [i, example.description, example] as const),
  )(
    'example %i (%s) parses, dry-runs without calls and assigns its roles',
    async (i, _description, example) => {
      const subscriptionId = newSubscription(endpoint);
      endpoint.requests.clear();
      const context = {
        parameters: {
          subscriptionId,
          ownerGroupObjectId: OWNERS,
          ownerGroup: 'group:default/logistics-domain-owners',
          auditorsObjectId: AUDITORS,
        },
        steps: { vend: { output: { subscriptionId } } },
      };
      const inputs = stepsOf(example).map(s => render(s.input, context));

      for (const input of inputs) {
        await actionContext(action, input, { isDryRun: true }).run();
      }
      expect(endpoint.requests.snapshot().total).toBe(0);

      for (const input of inputs) {
        await actionContext(action, input).run();
      }
      for (const [principalId, roles] of Object.entries(expectedRoles[i])) {
        const held = endpoint.tenant.roleAssignments
          .list({ subscriptionId }, { atScope: true, principalId })
          .map(a => a.roleDefinitionGuid)
          .sort();
        expect(held).toEqual(roles.map(r => BUILT_IN_ROLES[r]).sort());
      }
    },
  );
});
