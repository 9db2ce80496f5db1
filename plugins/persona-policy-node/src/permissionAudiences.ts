import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Permission } from '@backstage/plugin-permission-common';

/**
 * Who a permission is meant for. The persona policy turns this into a
 * decision from the user's group memberships.
 * - `signed-in`: any signed-in person (data citizens included);
 * - `domain-owners`: members of a group that owns a Domain, and the platform team;
 * - `platform-team`: the platform team only.
 */
export const PERMISSION_AUDIENCES = [
  'signed-in',
  'domain-owners',
  'platform-team',
] as const;
export type PermissionAudience = (typeof PERMISSION_AUDIENCES)[number];

/**
 * Where backend plugins declare the audience of each of their permissions.
 * Root-scoped so that every plugin of the backend registers into the one
 * registry the permission policy reads.
 */
export interface PermissionAudienceRegistry {
  register(audience: PermissionAudience, permissions: Permission[]): void;
  audienceOf(permissionName: string): PermissionAudience | undefined;
  list(): Array<{ permission: string; audience: PermissionAudience }>;
}

export class InMemoryPermissionAudienceRegistry
  implements PermissionAudienceRegistry
{
  private readonly audiences = new Map<string, PermissionAudience>();

  register(audience: PermissionAudience, permissions: Permission[]) {
    if (!PERMISSION_AUDIENCES.includes(audience)) {
      throw new Error(
        `Unknown permission audience '${audience}'; allowed: ${PERMISSION_AUDIENCES.join(', ')}`,
      );
    }
    for (const permission of permissions) {
      const existing = this.audiences.get(permission.name);
      if (existing && existing !== audience) {
        throw new Error(
          `Permission '${permission.name}' is already registered for '${existing}', cannot register it for '${audience}'`,
        );
      }
      this.audiences.set(permission.name, audience);
    }
  }

  audienceOf(permissionName: string) {
    return this.audiences.get(permissionName);
  }

  list() {
    return [...this.audiences.entries()].map(([permission, audience]) => ({
      permission,
      audience,
    }));
  }
}

export const permissionAudiencesServiceRef =
  createServiceRef<PermissionAudienceRegistry>({
    id: 'dataplatform.permission-audiences',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new InMemoryPermissionAudienceRegistry(),
      }),
  });
