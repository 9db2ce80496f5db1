import { BuiltInRole } from './builtInRoles';
import {
  RoleAssignment,
  subscriptionRoleDefinitionId,
} from '../tenant/authorization';

/** Microsoft.Authorization shapes (2022-04-01, the api-version of @azure/arm-authorization 9). */

export function roleAssignmentResource(a: RoleAssignment) {
  return {
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: subscriptionRoleDefinitionId(
        a.subscriptionId,
        a.roleDefinitionGuid,
      ),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      description: a.description ?? null,
      condition: null,
      conditionVersion: null,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
    },
  };
}

/** Built-in roles are answered at whatever scope they were asked for. */
export function roleDefinitionResource(
  role: BuiltInRole,
  subscriptionId?: string,
) {
  return {
    id: subscriptionId
      ? subscriptionRoleDefinitionId(subscriptionId, role.id)
      : `/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    name: role.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: role.actions,
          notActions: role.notActions,
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: '2024-01-01T00:00:00.0000000Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}
