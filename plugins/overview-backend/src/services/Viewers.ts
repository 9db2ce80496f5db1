import {
  BackstageCredentials,
  BackstageUserInfo,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Memberships } from '@dataplatform/plugin-persona-policy-node';

/** Who is asking, as far as the rows they may see go. */
export interface Viewer {
  userEntityRef: string;
  /** In the platform team: sees every row. */
  platformTeam: boolean;
  /** Every group sign-in resolved for them (lower-case refs). */
  groups: ReadonlySet<string>;
}

/** A row is for its owner group's members and the platform team (as `Memberships.isMemberOrPlatformTeam`). */
export function maySee(
  viewer: Viewer,
  ownerGroup: string | undefined,
): boolean {
  return (
    viewer.platformTeam ||
    (ownerGroup !== undefined && viewer.groups.has(ownerGroup.toLowerCase()))
  );
}

/** Whether one of the viewer's own groups owns the row (the platform team is no exception). */
export function ownsRow(
  viewer: Viewer,
  ownerGroup: string | undefined,
): boolean {
  return (
    ownerGroup !== undefined && viewer.groups.has(ownerGroup.toLowerCase())
  );
}

/**
 * One look-up of a caller's groups per request: the platform-team check
 * and the groups come from the same answer. The credentials object is the
 * request's own, so the answer goes with it.
 */
export function oncePerRequest(userInfo: UserInfoService): UserInfoService {
  const answers = new WeakMap<object, Promise<BackstageUserInfo>>();
  return {
    getUserInfo(credentials) {
      let answer = answers.get(credentials);
      if (!answer) {
        answer = userInfo.getUserInfo(credentials);
        answers.set(credentials, answer);
      }
      return answer;
    },
  };
}

/** Builds the {@link Viewer} of a request. */
export class Viewers {
  private readonly userInfo: UserInfoService;
  private readonly memberships: Memberships;

  constructor(userInfo: UserInfoService, platformTeam: string) {
    this.userInfo = oncePerRequest(userInfo);
    this.memberships = new Memberships(this.userInfo, platformTeam);
  }

  async of(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<Viewer> {
    const [platformTeam, info] = await Promise.all([
      this.memberships.isPlatformTeam(credentials),
      this.userInfo.getUserInfo(credentials),
    ]);
    return {
      userEntityRef: credentials.principal.userEntityRef.toLowerCase(),
      platformTeam,
      groups: new Set(info.ownershipEntityRefs.map(ref => ref.toLowerCase())),
    };
  }
}
