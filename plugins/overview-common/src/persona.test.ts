import {
  LANDING_PATHS,
  overviewPermissions,
  overviewReadPermission,
  personaOf,
} from './index';

describe('personaOf', () => {
  it('puts the platform team first, then domain owners, then everyone else', () => {
    expect(personaOf({ platformTeam: true, ownsDomain: true })).toBe(
      'platform-team',
    );
    expect(personaOf({ platformTeam: true, ownsDomain: false })).toBe(
      'platform-team',
    );
    expect(personaOf({ platformTeam: false, ownsDomain: true })).toBe(
      'domain-owner',
    );
    expect(personaOf({ platformTeam: false, ownsDomain: false })).toBe(
      'data-citizen',
    );
  });

  it('lands each persona on its page', () => {
    expect(
      LANDING_PATHS[personaOf({ platformTeam: false, ownsDomain: false })],
    ).toBe('/data-products');
    expect(
      LANDING_PATHS[personaOf({ platformTeam: false, ownsDomain: true })],
    ).toBe('/my-domains');
    expect(
      LANDING_PATHS[personaOf({ platformTeam: true, ownsDomain: true })],
    ).toBe('/platform');
  });
});

describe('overviewReadPermission', () => {
  it('is a basic read permission named dataplatform.overview.read', () => {
    expect(overviewReadPermission).toEqual({
      type: 'basic',
      name: 'dataplatform.overview.read',
      attributes: { action: 'read' },
    });
    expect(overviewPermissions).toEqual([overviewReadPermission]);
  });
});
