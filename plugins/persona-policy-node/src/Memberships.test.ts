import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Memberships } from './Memberships';

describe('Memberships', () => {
  const userInfo = mockServices.userInfo({
    ownershipEntityRefs: [
      'user:default/fatima.osei',
      'group:default/Finance-Domain-Owners',
    ],
  });
  const credentials = mockCredentials.user('user:default/fatima.osei');

  it('answers from the groups sign-in resolved, ignoring case', async () => {
    const memberships = new Memberships(
      userInfo,
      'group:default/platform-team',
    );
    await expect(memberships.isPlatformTeam(credentials)).resolves.toBe(false);
    await expect(
      memberships.isMemberOrPlatformTeam(
        credentials,
        'group:default/finance-domain-owners',
      ),
    ).resolves.toBe(true);
    await expect(
      memberships.isMemberOrPlatformTeam(
        credentials,
        'group:default/sales-domain-owners',
      ),
    ).resolves.toBe(false);
    await expect(
      memberships.isMemberOrPlatformTeam(credentials, undefined),
    ).resolves.toBe(false);
  });

  it('lets the platform team act for any group', async () => {
    const memberships = new Memberships(
      userInfo,
      'group:default/finance-domain-owners',
    );
    await expect(memberships.isPlatformTeam(credentials)).resolves.toBe(true);
    await expect(
      memberships.isMemberOrPlatformTeam(
        credentials,
        'group:default/sales-domain-owners',
      ),
    ).resolves.toBe(true);
  });
});
