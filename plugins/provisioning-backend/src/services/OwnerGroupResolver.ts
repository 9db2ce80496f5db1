import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FieldProblem,
  GROUP_OBJECT_ID_ANNOTATION,
  OwnerGroupFacts,
  toGroupRef,
} from '@dataplatform/plugin-provisioning-common';
import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';

export type OwnerGroupResolution =
  | { owner: OwnerGroupFacts; problems: [] }
  | { owner?: undefined; problems: FieldProblem[] };

/**
 * Finds what provisioning needs to know about an owner group in the
 * catalog: its Entra ID group (role assignments go to it) and its email
 * (budget alerts go there).
 */
export class OwnerGroupResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async resolve(
    ownerGroup: string,
    field = 'ownerGroup',
  ): Promise<OwnerGroupResolution> {
    const ref = toGroupRef(ownerGroup);
    // The plugin's own credentials: whether a group exists must not depend
    // on what the caller happens to be allowed to read.
    const group = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!group) {
      return {
        problems: [
          {
            field,
            message: `unknown group "${ownerGroup}"; pick a group from the catalog`,
          },
        ],
      };
    }

    const problems: FieldProblem[] = [];
    const principalId =
      group.metadata.annotations?.[GROUP_OBJECT_ID_ANNOTATION];
    if (!principalId) {
      problems.push({
        field,
        message: `${ref} has no Entra ID group (annotation ${GROUP_OBJECT_ID_ANNOTATION}), which Azure roles are assigned to; ask the platform team to link it`,
      });
    } else if (!GUID_PATTERN.test(principalId)) {
      problems.push({
        field,
        message: `${ref} has annotation ${GROUP_OBJECT_ID_ANNOTATION} "${principalId}", which is not an Entra ID object id (a GUID)`,
      });
    }
    const profile = (
      group.spec as { profile?: { email?: unknown } } | undefined
    )?.profile;
    const email =
      typeof profile?.email === 'string' ? profile.email.trim() : '';
    if (!email) {
      problems.push({
        field,
        message: `${ref} has no email (spec.profile.email), which budget alerts are sent to; add one to the group`,
      });
    }
    if (problems.length > 0 || !principalId) return { problems };
    return { owner: { ref, principalId, email }, problems: [] };
  }
}
