import {
  azureError,
  FINANCE,
  PLATFORM_MANAGEMENT,
  useLocalAzureEndpoint,
} from '../__testUtils__/localEndpoint';

const SCOPE = `/subscriptions/${PLATFORM_MANAGEMENT}`;
const READER = `${SCOPE}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const DATA_CITIZENS = '5f0d7c3e-2b8a-4e61-9c4d-3a7e1b9f6d20';
const NAME = '6d1c0b9a-8f7e-4d6c-9b5a-4e3d2c1b0a99';

/** `@azure/arm-authorization` through the access layer, against the local endpoint. */
describe('role assignments through the SDK', () => {
  const local = useLocalAzureEndpoint();
  const auth = () => local.clients.authorization(PLATFORM_MANAGEMENT);
  const reader = {
    roleDefinitionId: READER,
    principalId: DATA_CITIZENS,
    principalType: 'Group' as const,
  };

  it('creates idempotently by name, reads, lists by principal and deletes', async () => {
    const created = await auth().roleAssignments.create(SCOPE, NAME, reader);
    expect(created).toMatchObject({
      name: NAME,
      scope: SCOPE,
      roleDefinitionId: READER,
      principalId: DATA_CITIZENS,
    });
    const again = await auth().roleAssignments.create(SCOPE, NAME, reader);
    expect(again.id).toBe(created.id);

    expect((await auth().roleAssignments.get(SCOPE, NAME)).principalType).toBe(
      'Group',
    );
    const found = [];
    for await (const a of auth().roleAssignments.listForScope(SCOPE, {
      filter: `principalId eq '${DATA_CITIZENS}'`,
    })) {
      found.push(a.name);
    }
    expect(found).toEqual([NAME]);

    const deleted = await auth().roleAssignments.delete(SCOPE, NAME);
    expect(deleted.principalId).toBe(DATA_CITIZENS);
    const remaining = [];
    for await (const a of auth().roleAssignments.listForScope(SCOPE, {
      filter: 'atScope()',
    }))
      remaining.push(a);
    expect(remaining).toEqual([]);
  });

  it('refuses a second assignment of the same role to the same principal', async () => {
    await auth().roleAssignments.create(SCOPE, NAME, reader);
    expect(
      await azureError(
        auth().roleAssignments.create(
          SCOPE,
          'c0ffee00-1234-4abc-8def-000000000001',
          reader,
        ),
      ),
    ).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });
  });

  it('refuses unknown roles and principals', async () => {
    expect(
      await azureError(
        auth().roleAssignments.create(SCOPE, NAME, {
          ...reader,
          principalId: '12345678-1234-4234-8234-123456789012',
        }),
      ),
    ).toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' });
    expect(
      await azureError(
        auth().roleAssignments.create(SCOPE, NAME, {
          ...reader,
          roleDefinitionId: `${SCOPE}/providers/Microsoft.Authorization/roleDefinitions/12345678-1234-4234-8234-123456789012`,
        }),
      ),
    ).toMatchObject({ statusCode: 400, code: 'RoleDefinitionDoesNotExist' });
  });

  it('finds built-in roles by name', async () => {
    const roles = [];
    for await (const r of local.clients
      .authorization(FINANCE)
      .roleDefinitions.list(`/subscriptions/${FINANCE}`, {
        filter: "roleName eq 'Monitoring Contributor'",
      })) {
      roles.push([r.name, r.roleName, r.roleType]);
    }
    expect(roles).toEqual([
      [
        '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
        'Monitoring Contributor',
        'BuiltInRole',
      ],
    ]);
    const contributor = await auth().roleDefinitions.get(
      SCOPE,
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
    );
    expect(contributor.roleName).toBe('Contributor');
  });
});
