import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { DEMO_GROUPS } from '../tenant/demoTenant';
import { call } from '../__testUtils__/call';
import {
  CANCELLED_SANDBOX,
  FINANCE,
  GENAI_SANDBOX,
  PLATFORM_MANAGEMENT,
} from '../__testUtils__/ids';

const API = 'api-version=2022-04-01';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const CITIZENS = DEMO_GROUPS['data-citizens'].objectId;
const PLATFORM_TEAM = DEMO_GROUPS['platform-team'].objectId;
const NAME = '3f2b6a4e-9c1d-4e8f-a7b0-5d6c4e3f2a10';

const sub = (id = PLATFORM_MANAGEMENT) => `/subscriptions/${id}`;
const assignmentPath = (scope: string, name: string, query = '') =>
  `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?${API}${query}`;
const listPath = (scope: string, filter?: string) =>
  `${scope}/providers/Microsoft.Authorization/roleAssignments?${API}${
    filter ? `&$filter=${encodeURIComponent(filter)}` : ''
  }`;
const roleId = (guid: string, subscriptionId = PLATFORM_MANAGEMENT) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

describe('role assignments and definitions', () => {
  let endpoint: LocalAzureEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => endpoint.tenant.reset());

  const assign = (
    scope: string,
    name: string,
    properties: Record<string, unknown>,
  ) =>
    call(endpoint, 'PUT', assignmentPath(scope, name), {
      body: { properties },
    });

  it('creates an assignment (201) and answers an identical re-PUT with the same one', async () => {
    const created = await assign(sub(), NAME, {
      roleDefinitionId: roleId(READER),
      principalId: CITIZENS,
      principalType: 'Group',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: `${sub()}/providers/Microsoft.Authorization/roleAssignments/${NAME}`,
      name: NAME,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: roleId(READER),
        principalId: CITIZENS,
        principalType: 'Group',
        scope: sub(),
      },
    });

    // The tenant-wide form of the role id means the same role.
    const again = await assign(sub(), NAME, {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
      principalId: CITIZENS,
    });
    expect(again.status).toBe(201);
    expect(again.json.properties.createdOn).toBe(
      created.json.properties.createdOn,
    );

    const list = await call(endpoint, 'GET', listPath(sub(), 'atScope()'));
    expect(list.json.value.map((a: any) => a.name)).toEqual([NAME]);
  });

  it('refuses the same role for the same principal under another name', async () => {
    await assign(sub(), NAME, {
      roleDefinitionId: roleId(READER),
      principalId: CITIZENS,
    });
    const duplicate = await assign(
      sub(),
      'a1b2c3d4-0000-4000-8000-000000000001',
      {
        roleDefinitionId: roleId(READER),
        principalId: CITIZENS,
      },
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('RoleAssignmentExists');
    expect(duplicate.json.error.message).toContain(NAME.replace(/-/g, ''));
  });

  it('refuses to change an assignment through its name', async () => {
    await assign(sub(), NAME, {
      roleDefinitionId: roleId(READER),
      principalId: CITIZENS,
    });
    const changed = await assign(sub(), NAME, {
      roleDefinitionId: roleId(CONTRIBUTOR),
      principalId: CITIZENS,
    });
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe('RoleAssignmentUpdateNotPermitted');
  });

  it.each([
    [
      'InvalidRoleAssignmentId',
      'not-a-guid',
      { roleDefinitionId: roleId(READER), principalId: CITIZENS },
    ],
    [
      'RoleDefinitionDoesNotExist',
      NAME,
      {
        roleDefinitionId: roleId('11111111-2222-4333-8444-555555555555'),
        principalId: CITIZENS,
      },
    ],
    [
      'RoleDefinitionDoesNotExist',
      NAME,
      { roleDefinitionId: 'Reader', principalId: CITIZENS },
    ],
    [
      'PrincipalNotFound',
      NAME,
      {
        roleDefinitionId: roleId(READER),
        principalId: '99999999-9999-4999-8999-999999999999',
      },
    ],
    [
      'UnmatchedPrincipalType',
      NAME,
      {
        roleDefinitionId: roleId(READER),
        principalId: CITIZENS,
        principalType: 'User',
      },
    ],
  ])('answers 400 %s', async (code, name, properties) => {
    const res = await assign(sub(), name, properties);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(
      endpoint.tenant.roleAssignments.list(
        { subscriptionId: PLATFORM_MANAGEMENT },
        { atScope: false },
      ),
    ).toEqual([]);
  });

  it('names a missing property', async () => {
    const res = await assign(sub(), NAME, { roleDefinitionId: roleId(READER) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('InvalidRequestContent');
    expect(res.json.error.message).toContain("'properties.principalId'");
  });

  it('lists by scope: atScope() includes inherited, no filter includes below, principalId filters', async () => {
    const rgScope = `${sub(FINANCE)}/resourceGroups/rg-dp-finance-monitoring`;
    const rgAssignment = await assign(rgScope, NAME, {
      roleDefinitionId: roleId(READER, FINANCE),
      principalId: CITIZENS,
    });
    expect(rgAssignment.status).toBe(201);
    expect(rgAssignment.json.properties.scope).toBe(rgScope);

    const names = async (path: string) =>
      (await call(endpoint, 'GET', path)).json.value.map(
        (a: any) => a.properties.principalId,
      );
    const owners = DEMO_GROUPS['finance-domain-owners'].objectId;

    // Seeded: three roles for the finance owners at the subscription.
    expect(await names(listPath(sub(FINANCE), 'atScope()'))).toEqual([
      owners,
      owners,
      owners,
    ]);
    expect(await names(listPath(sub(FINANCE)))).toEqual([
      owners,
      owners,
      owners,
      CITIZENS,
    ]);
    expect(await names(listPath(rgScope, 'atScope()'))).toEqual([
      owners,
      owners,
      owners,
      CITIZENS,
    ]);
    expect(
      await names(listPath(sub(FINANCE), `principalId eq '${CITIZENS}'`)),
    ).toEqual([CITIZENS]);
    expect(
      await names(
        listPath(sub(FINANCE), `atScope() and principalId eq '${CITIZENS}'`),
      ),
    ).toEqual([]);

    const bad = await call(
      endpoint,
      'GET',
      listPath(sub(FINANCE), "roleName eq 'Reader'"),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('UnsupportedQuery');
  });

  it('needs the resource group of a resource-group scope', async () => {
    const res = await assign(`${sub()}/resourceGroups/rg-missing`, NAME, {
      roleDefinitionId: roleId(READER),
      principalId: CITIZENS,
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('ResourceGroupNotFound');
  });

  it('deletes with 200 and the assignment, then 204', async () => {
    await assign(sub(), NAME, {
      roleDefinitionId: roleId(READER),
      principalId: PLATFORM_TEAM,
    });
    const deleted = await call(endpoint, 'DELETE', assignmentPath(sub(), NAME));
    expect(deleted.status).toBe(200);
    expect(deleted.json.properties.principalId).toBe(PLATFORM_TEAM);
    expect(
      (await call(endpoint, 'GET', assignmentPath(sub(), NAME))).status,
    ).toBe(404);
    expect(
      (await call(endpoint, 'DELETE', assignmentPath(sub(), NAME))).status,
    ).toBe(204);
  });

  it('refuses assignments in a disabled subscription', async () => {
    const res = await assign(sub(CANCELLED_SANDBOX), NAME, {
      roleDefinitionId: roleId(READER, CANCELLED_SANDBOX),
      principalId: CITIZENS,
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('ReadOnlyDisabledSubscription');
  });

  it('seeds the owner roles of each domain and the sandbox', async () => {
    const roles = async (subscriptionId: string) =>
      (
        await call(endpoint, 'GET', listPath(sub(subscriptionId), 'atScope()'))
      ).json.value.map((a: any) => [
        a.properties.roleDefinitionId.split('/').pop(),
        a.properties.principalId,
      ]);
    const finance = DEMO_GROUPS['finance-domain-owners'].objectId;
    expect(await roles(FINANCE)).toEqual([
      [CONTRIBUTOR, finance],
      ['749f88d5-cbae-40b8-bcfc-e573ddc772fa', finance],
      ['72fafb9e-0641-4937-9268-a91bfd8191a3', finance],
    ]);
    expect(await roles(GENAI_SANDBOX)).toEqual([
      [CONTRIBUTOR, DEMO_GROUPS['sales-domain-owners'].objectId],
    ]);
  });

  describe('role definitions', () => {
    it('reads a built-in role at subscription and tenant scope', async () => {
      const atSub = await call(
        endpoint,
        'GET',
        `${sub()}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}?${API}`,
      );
      expect(atSub.json).toMatchObject({
        id: roleId(CONTRIBUTOR),
        name: CONTRIBUTOR,
        type: 'Microsoft.Authorization/roleDefinitions',
        properties: {
          roleName: 'Contributor',
          type: 'BuiltInRole',
          assignableScopes: ['/'],
        },
      });
      const atRoot = await call(
        endpoint,
        'GET',
        `/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}?${API}`,
      );
      expect(atRoot.json.id).toBe(
        `/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}`,
      );
      const unknown = await call(
        endpoint,
        'GET',
        `${sub()}/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-4333-8444-555555555555?${API}`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('RoleDefinitionDoesNotExist');
    });

    it('filters by role name', async () => {
      const res = await call(
        endpoint,
        'GET',
        `${sub()}/providers/Microsoft.Authorization/roleDefinitions?${API}&$filter=${encodeURIComponent(
          "roleName eq 'Cost Management Reader'",
        )}`,
      );
      expect(res.json.value.map((r: any) => r.name)).toEqual([
        '72fafb9e-0641-4937-9268-a91bfd8191a3',
      ]);
      const all = await call(
        endpoint,
        'GET',
        `${sub()}/providers/Microsoft.Authorization/roleDefinitions?${API}`,
      );
      expect(all.json.value).toHaveLength(9);
    });
  });
});
