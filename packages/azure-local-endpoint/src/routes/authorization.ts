import { Request, Router } from 'express';
import { z } from 'zod';
import {
  roleAssignmentResource,
  roleDefinitionResource,
} from '../arm/authorization';
import {
  BUILT_IN_ROLE_DEFINITIONS,
  findBuiltInRole,
} from '../arm/builtInRoles';
import { ArmError } from '../arm/errors';
import { parseBody } from '../arm/validation';
import {
  AssignmentScope,
  parseRoleAssignmentFilter,
} from '../tenant/authorization';
import { Tenant } from '../tenant/Tenant';

const roleAssignmentBody = z.object({
  properties: z.object({
    roleDefinitionId: z.string().min(1),
    principalId: z.string().min(1),
    principalType: z.string().nullish(),
    description: z.string().nullish(),
    condition: z.string().nullish(),
    conditionVersion: z.string().nullish(),
  }),
});

const scopeOf = (req: Request): AssignmentScope => ({
  subscriptionId: req.params.subscriptionId,
  resourceGroupName: req.params.resourceGroupName,
});

function roleNameFilter(filter: unknown): string | undefined {
  if (typeof filter !== 'string' || !filter.trim()) return undefined;
  const match = /^\s*roleName\s+eq\s+'([^']*)'\s*$/i.exec(filter);
  if (!match) {
    throw new ArmError(
      400,
      'UnsupportedQuery',
      `The filter '${filter}' is not supported. Supported filter: "roleName eq '{value}'".`,
    );
  }
  return match[1];
}

/**
 * Microsoft.Authorization: role assignments at subscription and resource-group
 * scope (2022-04-01), and the built-in role definitions they refer to.
 */
export function authorizationRoutes(tenant: Tenant): Router {
  const router = Router();
  const scopes = [
    '/subscriptions/:subscriptionId',
    '/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName',
  ];

  for (const scope of scopes) {
    const assignments = `${scope}/providers/Microsoft.Authorization/roleAssignments`;

    router.get(assignments, (req, res) => {
      const filter = parseRoleAssignmentFilter(
        typeof req.query.$filter === 'string' ? req.query.$filter : undefined,
      );
      res.json({
        value: tenant.roleAssignments
          .list(scopeOf(req), filter)
          .map(roleAssignmentResource),
        nextLink: null,
      });
    });

    router.get(`${assignments}/:roleAssignmentName`, (req, res) => {
      res.json(
        roleAssignmentResource(
          tenant.roleAssignments.get(
            scopeOf(req),
            req.params.roleAssignmentName,
          ),
        ),
      );
    });

    // Assignments are immutable: a repeated identical PUT answers 201 with the
    // existing one, as Azure does, so callers can retry blindly.
    router.put(`${assignments}/:roleAssignmentName`, (req, res) => {
      tenant.writableSubscription(scopeOf(req).subscriptionId);
      const { properties } = parseBody(roleAssignmentBody, req.body);
      const { assignment } = tenant.roleAssignments.create(
        scopeOf(req),
        req.params.roleAssignmentName,
        {
          roleDefinitionId: properties.roleDefinitionId,
          principalId: properties.principalId,
          principalType: properties.principalType ?? undefined,
          description: properties.description ?? undefined,
        },
      );
      res.status(201).json(roleAssignmentResource(assignment));
    });

    router.delete(`${assignments}/:roleAssignmentName`, (req, res) => {
      const deleted = tenant.roleAssignments.delete(
        scopeOf(req),
        req.params.roleAssignmentName,
      );
      if (deleted) res.status(200).json(roleAssignmentResource(deleted));
      else res.status(204).end();
    });
  }

  // Role definitions: at the tenant root, a subscription or a resource group.
  for (const scope of ['', ...scopes]) {
    const definitions = `${scope}/providers/Microsoft.Authorization/roleDefinitions`;
    const subscriptionOf = (req: Request) => {
      if (!req.params.subscriptionId) return undefined;
      const scoped = scopeOf(req);
      tenant.roleAssignments.scopeOf(scoped);
      return tenant.getSubscription(scoped.subscriptionId).subscriptionId;
    };

    router.get(definitions, (req, res) => {
      const subscriptionId = subscriptionOf(req);
      const roleName = roleNameFilter(req.query.$filter);
      res.json({
        value: BUILT_IN_ROLE_DEFINITIONS.filter(
          r =>
            roleName === undefined ||
            r.roleName.toLowerCase() === roleName.toLowerCase(),
        ).map(r => roleDefinitionResource(r, subscriptionId)),
        nextLink: null,
      });
    });

    router.get(`${definitions}/:roleDefinitionId`, (req, res) => {
      const subscriptionId = subscriptionOf(req);
      const role = findBuiltInRole(req.params.roleDefinitionId);
      if (!role) {
        throw new ArmError(
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${req.params.roleDefinitionId}' does not exist.`,
        );
      }
      res.json(roleDefinitionResource(role, subscriptionId));
    });
  }

  return router;
}
