import { ArmError } from '../arm/errors';
import { BuiltInRole, findBuiltInRole } from '../arm/builtInRoles';
import { key, TenantContext } from './context';
import { isGuid } from './ids';
import { ResourceGroups } from './resourceGroups';
import { PrincipalSeed, PrincipalType } from './types';

export type Principal = PrincipalSeed;

/** The Entra ID directory, as far as role assignments need it: who exists. */
export class Directory {
  private readonly principals = new Map<string, Principal>();

  clear(): void {
    this.principals.clear();
  }

  add(principal: Principal): Principal {
    const stored = { ...principal, objectId: principal.objectId.toLowerCase() };
    this.principals.set(stored.objectId, stored);
    return stored;
  }

  find(objectId: string): Principal | undefined {
    return this.principals.get(objectId.toLowerCase());
  }

  list(): Principal[] {
    return [...this.principals.values()];
  }
}

export const PRINCIPAL_TYPES = [
  'User',
  'Group',
  'ServicePrincipal',
  'ForeignGroup',
  'Device',
] as const;

export interface RoleAssignment {
  name: string;
  /** `/subscriptions/{id}` or `/subscriptions/{id}/resourceGroups/{name}`. */
  scope: string;
  subscriptionId: string;
  roleDefinitionGuid: string;
  principalId: string;
  principalType: PrincipalType;
  description?: string;
  createdOn: string;
  updatedOn: string;
}

export interface RoleAssignmentRequest {
  roleDefinitionId: string;
  principalId: string;
  principalType?: string;
  description?: string;
}

/** A scope the endpoint serves role assignments at. */
export interface AssignmentScope {
  subscriptionId: string;
  resourceGroupName?: string;
}

const ROLE_DEFINITION_ID =
  /^(?:\/subscriptions\/([^/]+))?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i;

/** The canonical id Resource Manager answers with for a role at a subscription. */
export const subscriptionRoleDefinitionId = (
  subscriptionId: string,
  guid: string,
) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** Accepts both the subscription-scoped and the tenant-scoped form of a built-in role's id. */
export function resolveRoleDefinition(roleDefinitionId: string): BuiltInRole {
  const match = ROLE_DEFINITION_ID.exec(roleDefinitionId.trim());
  const role =
    match && isGuid(match[2]) ? findBuiltInRole(match[2]) : undefined;
  if (!role) {
    throw new ArmError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${roleDefinitionId}' does not exist.`,
    );
  }
  return role;
}

export type RoleAssignmentFilter = { atScope: boolean; principalId?: string };

/**
 * Parses the `$filter`s Resource Manager supports on role assignment lists:
 * `atScope()`, `principalId eq '{id}'` and both joined with `and`.
 */
export function parseRoleAssignmentFilter(
  filter: string | undefined,
): RoleAssignmentFilter {
  const result: RoleAssignmentFilter = { atScope: false };
  if (!filter?.trim()) return result;
  for (const clause of filter.split(/\s+and\s+/i)) {
    const principal = /^\s*principalId\s+eq\s+'([^']+)'\s*$/i.exec(clause);
    if (/^\s*atScope\(\)\s*$/i.test(clause)) {
      result.atScope = true;
    } else if (principal) {
      result.principalId = principal[1].toLowerCase();
    } else {
      throw new ArmError(
        400,
        'UnsupportedQuery',
        `The filter '${filter}' is not supported. Supported filters are 'atScope()' and "principalId eq '{value}'", alone or joined with 'and'.`,
      );
    }
  }
  return result;
}

/** Microsoft.Authorization/roleAssignments at subscription and resource-group scope. */
export class RoleAssignments {
  private readonly assignments = new Map<string, RoleAssignment>();

  constructor(
    private readonly context: TenantContext,
    private readonly resourceGroups: ResourceGroups,
    private readonly directory: Directory,
  ) {}

  clear(): void {
    this.assignments.clear();
  }

  /** The canonical scope string; the subscription (and group) must exist. */
  scopeOf(scope: AssignmentScope): string {
    const { subscriptionId } = this.context.getSubscription(
      scope.subscriptionId,
    );
    if (!scope.resourceGroupName) return `/subscriptions/${subscriptionId}`;
    const group = this.resourceGroups.get(
      subscriptionId,
      scope.resourceGroupName,
    );
    return `/subscriptions/${subscriptionId}/resourceGroups/${group.name}`;
  }

  get(scope: AssignmentScope, name: string): RoleAssignment {
    const assignment = this.assignments.get(key(this.scopeOf(scope), name));
    if (!assignment) {
      throw new ArmError(
        404,
        'RoleAssignmentNotFound',
        `The role assignment '${name}' is not found.`,
      );
    }
    return assignment;
  }

  /**
   * Assignments visible at a scope: those at it, above it (inherited) and,
   * unless `atScope()` is asked for, below it.
   */
  list(scope: AssignmentScope, filter: RoleAssignmentFilter): RoleAssignment[] {
    const at = key(this.scopeOf(scope));
    return [...this.assignments.values()].filter(a => {
      const s = key(a.scope);
      const atOrAbove = at === s || at.startsWith(`${s}/`);
      const below = s.startsWith(`${at}/`);
      if (!(atOrAbove || (!filter.atScope && below))) return false;
      return !filter.principalId || a.principalId === filter.principalId;
    });
  }

  /**
   * PUT: role assignments cannot be changed, only created. Re-creating the
   * same one under the same name is harmless; anything else that collides is
   * refused.
   */
  create(
    scope: AssignmentScope,
    name: string,
    request: RoleAssignmentRequest,
  ): { assignment: RoleAssignment; created: boolean } {
    if (!isGuid(name)) {
      throw new ArmError(
        400,
        'InvalidRoleAssignmentId',
        `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
      );
    }
    this.context.writableSubscription(scope.subscriptionId);
    const canonicalScope = this.scopeOf(scope);
    const role = resolveRoleDefinition(request.roleDefinitionId);
    const principal = this.directory.find(request.principalId);
    if (!principal) {
      throw new ArmError(
        400,
        'PrincipalNotFound',
        `Principal ${request.principalId.replace(
          /-/g,
          '',
        )} does not exist in the directory ${
          this.context.tenantId
        }. Check that you have the correct principal ID.`,
      );
    }
    if (request.principalType && request.principalType !== principal.type) {
      throw new ArmError(
        400,
        'UnmatchedPrincipalType',
        `The PrincipalType '${request.principalType}' of the request does not match the PrincipalType '${principal.type}' of principal ${principal.objectId}.`,
      );
    }
    const sameName = this.assignments.get(key(canonicalScope, name));
    if (sameName) {
      if (
        sameName.roleDefinitionGuid === role.id &&
        sameName.principalId === principal.objectId
      ) {
        return { assignment: sameName, created: false };
      }
      throw new ArmError(
        409,
        'RoleAssignmentUpdateNotPermitted',
        `Tenant ID, application ID, principal ID, and scope are not allowed to be updated: role assignment '${name}' already exists with other properties.`,
      );
    }
    const duplicate = [...this.assignments.values()].find(
      a =>
        key(a.scope) === key(canonicalScope) &&
        a.roleDefinitionGuid === role.id &&
        a.principalId === principal.objectId,
    );
    if (duplicate) {
      throw new ArmError(
        409,
        'RoleAssignmentExists',
        `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name.replace(
          /-/g,
          '',
        )}.`,
      );
    }
    const now = new Date(this.context.now()).toISOString();
    const assignment: RoleAssignment = {
      name: name.toLowerCase(),
      scope: canonicalScope,
      subscriptionId: canonicalScope.split('/')[2],
      roleDefinitionGuid: role.id,
      principalId: principal.objectId,
      principalType: principal.type,
      description: request.description,
      createdOn: now,
      updatedOn: now,
    };
    this.assignments.set(key(canonicalScope, name), assignment);
    return { assignment, created: true };
  }

  /** The deleted assignment, or undefined when there was none. */
  delete(scope: AssignmentScope, name: string): RoleAssignment | undefined {
    this.context.writableSubscription(scope.subscriptionId);
    const k = key(this.scopeOf(scope), name);
    const assignment = this.assignments.get(k);
    this.assignments.delete(k);
    return assignment;
  }

  /** Drops assignments at a deleted resource group and below it. */
  removeScope(scope: string): void {
    const gone = key(scope);
    for (const [k, a] of this.assignments) {
      const s = key(a.scope);
      if (s === gone || s.startsWith(`${gone}/`)) this.assignments.delete(k);
    }
  }
}
