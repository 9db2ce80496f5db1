import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';

/** Which groups a signed-in person belongs to, as their sign-in resolved it. */
export class Memberships {
  constructor(
    private readonly userInfo: UserInfoService,
    readonly platformTeam: string,
  ) {}

  /**
   * Whether the person may see the definitions (queries, resources) of a
   * model: members of the entity's owner group and the platform team.
   */
  async maySeeDefinitions(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    owner: string | undefined,
  ): Promise<boolean> {
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    const refs = new Set(ownershipEntityRefs.map(ref => ref.toLowerCase()));
    return (
      refs.has(this.platformTeam.toLowerCase()) ||
      (owner !== undefined && refs.has(owner.toLowerCase()))
    );
  }
}
