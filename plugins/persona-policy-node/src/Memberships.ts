import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';

/**
 * Which groups a signed-in person belongs to, as their sign-in resolved it
 * (`ownershipEntityRefs`), for decisions the permission policy cannot make
 * alone because they depend on a resource's owner group.
 */
export class Memberships {
  constructor(
    private readonly userInfo: UserInfoService,
    /** Entity ref of the platform team's group. */
    readonly platformTeam: string,
  ) {}

  async isPlatformTeam(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<boolean> {
    const refs = await this.groupsOf(credentials);
    return refs.has(this.platformTeam.toLowerCase());
  }

  /**
   * Members of the group (a full entity ref such as
   * `group:default/finance-domain-owners`) and the platform team.
   */
  async isMemberOrPlatformTeam(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    groupRef: string | undefined,
  ): Promise<boolean> {
    const refs = await this.groupsOf(credentials);
    return (
      refs.has(this.platformTeam.toLowerCase()) ||
      (groupRef !== undefined && refs.has(groupRef.toLowerCase()))
    );
  }

  private async groupsOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) {
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    return new Set(ownershipEntityRefs.map(ref => ref.toLowerCase()));
  }
}
