import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { PermissionAudienceRegistry } from '@dataplatform/plugin-persona-policy-node';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Decides every permission by the audience its plugin declared and the
 * user's group memberships. Permissions nobody declared (Backstage's own,
 * such as reading the catalog) stay allowed to signed-in users, as in a
 * stock Backstage.
 */
export class PersonaPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      audiences: PermissionAudienceRegistry;
      userInfo: UserInfoService;
      platformTeam: string;
      domainOwnerGroups: () => Promise<Set<string>>;
    },
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const audience = this.options.audiences.audienceOf(request.permission.name);
    if (!audience) return ALLOW;
    if (!user) return DENY;
    if (audience === 'signed-in') return ALLOW;

    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    const memberOf = new Set(ownershipEntityRefs);
    if (memberOf.has(this.options.platformTeam)) return ALLOW;
    if (audience === 'platform-team') return DENY;

    const owners = await this.options.domainOwnerGroups();
    return [...memberOf].some(ref => owners.has(ref)) ? ALLOW : DENY;
  }
}
