import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { toGroupRef } from '@dataplatform/plugin-provisioning-common';

/** Which groups a signed-in person belongs to, as their sign-in resolved it. */
export class Memberships {
  constructor(
    private readonly userInfo: UserInfoService,
    readonly platformTeam: string,
  ) {}

  async isPlatformTeam(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) {
    const refs = await this.groupsOf(credentials);
    return refs.has(this.platformTeam.toLowerCase());
  }

  /** Members of the group and the platform team may act for the group. */
  async mayActFor(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    group: string,
  ): Promise<boolean> {
    const refs = await this.groupsOf(credentials);
    return (
      refs.has(toGroupRef(group)) || refs.has(this.platformTeam.toLowerCase())
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
