import { createPermission } from '@backstage/plugin-permission-common';
import { InMemoryPermissionAudienceRegistry } from './permissionAudiences';

const refresh = createPermission({ name: 'x.refresh', attributes: { action: 'update' } });

describe('InMemoryPermissionAudienceRegistry', () => {
  it('remembers the audience of each registered permission', () => {
    const registry = new InMemoryPermissionAudienceRegistry();
    registry.register('platform-team', [refresh]);
    expect(registry.audienceOf('x.refresh')).toBe('platform-team');
    expect(registry.audienceOf('x.other')).toBeUndefined();
    expect(registry.list()).toEqual([{ permission: 'x.refresh', audience: 'platform-team' }]);
  });

  it('refuses to register one permission for two audiences', () => {
    const registry = new InMemoryPermissionAudienceRegistry();
    registry.register('platform-team', [refresh]);
    expect(() => registry.register('signed-in', [refresh])).toThrow(
      "Permission 'x.refresh' is already registered for 'platform-team', cannot register it for 'signed-in'",
    );
  });

  it('refuses an unknown audience, listing the allowed ones', () => {
    const registry = new InMemoryPermissionAudienceRegistry();
    expect(() => registry.register('admins' as any, [refresh])).toThrow(
      "Unknown permission audience 'admins'; allowed: signed-in, domain-owners, platform-team",
    );
  });
});
