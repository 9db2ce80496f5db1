import { InputError } from '@backstage/errors';
import {
  DEMO_GROUPS,
  LocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import { BUILT_IN_ROLES } from '@dataplatform/plugin-provisioning-common';
import {
  actionContext,
  callsTo,
  CheckpointStore,
  failureOf,
  newSubscription,
  resetAzure,
  startAzure,
} from '../__testUtils__/actionTesting';
import {
  createAssignDomainRolesAction,
  plannedAssignment,
} from './assignDomainRoles';

const LOGISTICS_OWNERS = 'a0f3c9d2-6b1e-4f47-9a55-2c8e71d4b6e3';
const FINANCE = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
const ROLE_DEFINITION = (
  subscriptionId: string,
  role: keyof typeof BUILT_IN_ROLES,
) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;

describe('azure:rbac:assign-domain-roles', () => {
  let endpoint: LocalAzureEndpoint;
  let clients: DefaultAzureClients;
  let action: ReturnType<typeof createAssignDomainRolesAction>;
  let subscriptionId: string;

  beforeAll(async () => {
    ({ endpoint, clients } = await startAzure());
    action = createAssignDomainRolesAction({ clients });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    resetAzure(endpoint);
    subscriptionId = newSubscription(endpoint);
    endpoint.tenant.directory.add({
      objectId: LOGISTICS_OWNERS,
      displayName: 'Logistics Domain Owners',
      type: 'Group',
    });
    endpoint.requests.clear();
  });

  const input = () => ({
    subscriptionId,
    principalId: LOGISTICS_OWNERS,
    principalGroup: 'group:default/logistics-domain-owners',
  });

  /** Role GUIDs the principal holds at exactly the subscription. */
  const heldRoles = (subscription: string, principalId: string) =>
    endpoint.tenant.roleAssignments
      .list({ subscriptionId: subscription }, { atScope: true, principalId })
      .map(a => a.roleDefinitionGuid)
      .sort();

  it('assigns the domain owner roles under deterministic names', async () => {
    const step = actionContext(action, input());

    await step.run();

    const expected = (
      [
        'Contributor',
        'Monitoring Contributor',
        'Cost Management Reader',
      ] as const
    ).map(roleName => ({
      roleName,
      roleDefinitionId: ROLE_DEFINITION(subscriptionId, roleName),
      assignmentId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/${
        plannedAssignment(subscriptionId, roleName, LOGISTICS_OWNERS).name
      }`,
      created: true,
    }));
    expect(step.outputs()).toEqual({ assignments: expected });
    expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toEqual(
      [
        BUILT_IN_ROLES.Contributor,
        BUILT_IN_ROLES['Monitoring Contributor'],
        BUILT_IN_ROLES['Cost Management Reader'],
      ].sort(),
    );
    expect(step.store.ran).toEqual([
      `rbac.${subscriptionId}.${LOGISTICS_OWNERS}.Contributor`,
      `rbac.${subscriptionId}.${LOGISTICS_OWNERS}.Monitoring Contributor`,
      `rbac.${subscriptionId}.${LOGISTICS_OWNERS}.Cost Management Reader`,
    ]);
  });

  it('names an assignment from scope, role and principal only', () => {
    const a = plannedAssignment(subscriptionId, 'Reader', LOGISTICS_OWNERS);
    expect(
      plannedAssignment(subscriptionId, 'Reader', LOGISTICS_OWNERS),
    ).toEqual(a);
    expect(
      plannedAssignment(subscriptionId, 'Owner', LOGISTICS_OWNERS).name,
    ).not.toBe(a.name);
    expect(
      plannedAssignment(FINANCE, 'Reader', LOGISTICS_OWNERS).name,
    ).not.toBe(a.name);
    expect(
      plannedAssignment(subscriptionId, 'Reader', DEMO_GROUPS.contoso.objectId)
        .name,
    ).not.toBe(a.name);
  });

  it('assigns the roles it is given, for the principal type it is given', async () => {
    const servicePrincipal = '3d9f0c1a-5e2b-4c7d-8a6f-9b0e1d2c3a4b';
    endpoint.tenant.directory.add({
      objectId: servicePrincipal,
      displayName: 'pipeline',
      type: 'ServicePrincipal',
    });
    const step = actionContext(action, {
      ...input(),
      principalId: servicePrincipal,
      principalType: 'ServicePrincipal',
      roles: ['Reader', 'Log Analytics Contributor'],
    });
    await step.run();
    expect(
      step.outputs().assignments.map((a: any) => [a.roleName, a.created]),
    ).toEqual([
      ['Reader', true],
      ['Log Analytics Contributor', true],
    ]);
    expect(heldRoles(subscriptionId, servicePrincipal)).toEqual(
      [
        BUILT_IN_ROLES.Reader,
        BUILT_IN_ROLES['Log Analytics Contributor'],
      ].sort(),
    );
  });

  it.each([
    [
      'subscriptionId',
      { subscriptionId: 'finance' },
      /subscriptionId: "finance" is not allowed; allowed: a GUID/,
    ],
    [
      'principalId',
      { principalId: 'logistics-domain-owners' },
      /principalId: "logistics-domain-owners" is not allowed; allowed: a GUID/,
    ],
    [
      'principalGroup',
      { principalGroup: 'user:default/jane' },
      /principalGroup: "user:default\/jane" is not a group/,
    ],
    [
      'principalGroup',
      { principalGroup: undefined },
      /principalGroup: is required; allowed: a catalog group/,
    ],
    ['roles', { roles: [] }, /roles: has 0 items; allowed: 1 to 9/],
    [
      'roles[1]',
      { roles: ['Reader', 'Global Administrator'] },
      /roles\[1\]: "Global Administrator" is not allowed; allowed: Owner, Contributor, Reader/,
    ],
    [
      'roles[1]',
      { roles: ['Reader', 'Reader'] },
      /roles\[1\]: "Reader" is given twice/,
    ],
    [
      'principalType',
      { principalType: 'Robot' },
      /principalType: "Robot" is not allowed; allowed: Group, User, ServicePrincipal/,
    ],
  ])(
    'refuses a bad %s before any Azure call',
    async (_field, change, message) => {
      const step = actionContext(action, { ...input(), ...change });
      const failure = await failureOf(step.run);
      expect(failure).toBeInstanceOf(InputError);
      expect(failure.message).toMatch(
        /^Invalid input for azure:rbac:assign-domain-roles: /,
      );
      expect(failure.message).toMatch(message);
      expect(endpoint.requests.snapshot().total).toBe(0);
    },
  );

  it('in a dry run, says what it would assign and calls nothing', async () => {
    const step = actionContext(action, input(), { isDryRun: true });
    await step.run();
    expect(endpoint.requests.snapshot().total).toBe(0);
    expect(step.outputs().assignments).toEqual([
      expect.objectContaining({ roleName: 'Contributor', created: false }),
      expect.objectContaining({
        roleName: 'Monitoring Contributor',
        created: false,
      }),
      expect.objectContaining({
        roleName: 'Cost Management Reader',
        created: false,
      }),
    ]);
    expect(step.logged()).toContainEqual(
      `Dry run: would assign Contributor, Monitoring Contributor, Cost Management Reader on subscription ${subscriptionId} ` +
        `to group:default/logistics-domain-owners (group ${LOGISTICS_OWNERS}); nothing was assigned`,
    );
  });

  it('re-run from scratch finds its assignments by name and creates none twice', async () => {
    const first = actionContext(action, input());
    await first.run();
    endpoint.requests.clear();

    const second = actionContext(action, input(), {
      store: new CheckpointStore(),
    });
    await second.run();

    expect(second.outputs().assignments.map((a: any) => a.created)).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      second.outputs().assignments.map((a: any) => a.assignmentId),
    ).toEqual(first.outputs().assignments.map((a: any) => a.assignmentId));
    expect(callsTo(endpoint, /^PUT /)).toBe(0);
    expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toHaveLength(3);
  });

  it('keeps an assignment made under another name, reporting it (RoleAssignmentExists)', async () => {
    // The demo tenant gave the finance owners their roles under its own names.
    const finance = DEMO_GROUPS['finance-domain-owners'].objectId;
    const seeded = endpoint.tenant.roleAssignments
      .list(
        { subscriptionId: FINANCE },
        { atScope: true, principalId: finance },
      )
      .map(a => a.name);
    expect(seeded).toHaveLength(3);

    const step = actionContext(action, {
      subscriptionId: FINANCE,
      principalId: finance,
      principalGroup: 'finance-domain-owners',
    });
    await step.run();

    const { assignments } = step.outputs();
    expect(assignments.map((a: any) => a.created)).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      assignments.map((a: any) => a.assignmentId.split('/').pop()).sort(),
    ).toEqual([...seeded].sort());
    expect(heldRoles(FINANCE, finance)).toHaveLength(3);
    expect(step.logged()).toContainEqual(
      expect.stringMatching(
        /^group:default\/finance-domain-owners already has Contributor on subscription 45d320d6-9d7e-43c0-9d51-7ced0a5451d2 through assignment \/subscriptions\/.+ \(Azure answered RoleAssignmentExists\); keeping it$/,
      ),
    );
  });

  it('fails on any other refusal with the Azure error code', async () => {
    const unknownPrincipal = '11111111-2222-4333-8444-555555555555';
    const step = actionContext(action, {
      ...input(),
      principalId: unknownPrincipal,
    });
    const failure = await failureOf(step.run);
    expect(failure.message).toMatch(
      new RegExp(
        `^Assigning role Contributor on subscription ${subscriptionId} to group:default/logistics-domain-owners \\(group ${unknownPrincipal}\\): HTTP 400: PrincipalNotFound: `,
      ),
    );
    expect(step.store.values.size).toBe(0);
  });

  it('resumed after the first role was assigned, skips it', async () => {
    const store = new CheckpointStore({
      [`rbac.${subscriptionId}.${LOGISTICS_OWNERS}.Contributor`]: {
        assignmentId: plannedAssignment(
          subscriptionId,
          'Contributor',
          LOGISTICS_OWNERS,
        ).assignmentId,
        created: true,
      },
    });

    const step = actionContext(action, input(), { store });
    await step.run();

    expect(store.skipped).toEqual([
      `rbac.${subscriptionId}.${LOGISTICS_OWNERS}.Contributor`,
    ]);
    expect(callsTo(endpoint, /^PUT .*roleAssignments/)).toBe(2);
    expect(
      callsTo(endpoint, /^GET .*roleAssignments\/:roleAssignmentName/),
    ).toBe(2);
    expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toEqual(
      [
        BUILT_IN_ROLES['Monitoring Contributor'],
        BUILT_IN_ROLES['Cost Management Reader'],
      ].sort(),
    );
    expect(step.outputs().assignments[0]).toMatchObject({
      roleName: 'Contributor',
      created: true,
    });
  });

  describe('when Azure misbehaves', () => {
    it('retries a 503 and ends with one assignment per role', async () => {
      endpoint.faults.add({
        method: 'PUT',
        path: 'roleAssignments',
        kind: 'error',
        status: 503,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, /^PUT .*roleAssignments/)).toBe(4);
      expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toHaveLength(3);
    });

    it('waits out a 429 with Retry-After 0 and ends with one assignment per role', async () => {
      endpoint.faults.add({
        method: 'PUT',
        path: 'roleAssignments',
        kind: 'throttle',
        retryAfterSeconds: 0,
        times: 1,
      });
      await actionContext(action, input()).run();
      expect(callsTo(endpoint, /^PUT .*roleAssignments/)).toBe(4);
      expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toHaveLength(3);
    });

    it('fails the step naming the code when the errors persist, and assigns nothing', async () => {
      endpoint.faults.add({
        method: 'PUT',
        path: 'roleAssignments',
        kind: 'error',
        status: 500,
      });
      const step = actionContext(action, input());

      const failure = await failureOf(step.run);

      expect(failure.message).toMatch(
        new RegExp(
          `^Assigning role Contributor on subscription ${subscriptionId} to group:default/logistics-domain-owners \\(group ${LOGISTICS_OWNERS}\\): HTTP 500: InternalServerError: `,
        ),
      );
      expect(step.store.values.size).toBe(0);
      expect(step.outputs()).toEqual({});
      expect(heldRoles(subscriptionId, LOGISTICS_OWNERS)).toEqual([]);
    }, 60_000);
  });
});
