import { mockServices } from '@backstage/backend-test-utils';

/** What `mockServices.rootConfig` takes as data. */
type JsonObject = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig>[0]>['data']
>;
import { readOverviewConfig } from './config';

function read(dataplatform: JsonObject = {}) {
  return readOverviewConfig(
    mockServices.rootConfig({ data: { dataplatform } }),
  );
}

describe('readOverviewConfig', () => {
  it('polls every 20 seconds with a 10 second timeout, for the default platform team, by default', () => {
    expect(read()).toEqual({
      refresh: { intervalSeconds: 20, timeoutSeconds: 10 },
      platformTeam: 'group:default/platform-team',
    });
  });

  it('takes every setting, the shared platform team and the Azure tenant', () => {
    expect(
      read({
        overview: { refresh: { intervalSeconds: 3600, timeoutSeconds: 120 } },
        permissions: { platformTeam: 'Platform-Admins' },
        azure: { tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1' },
      }),
    ).toEqual({
      refresh: { intervalSeconds: 3600, timeoutSeconds: 120 },
      platformTeam: 'group:default/platform-admins',
      tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1',
    });
    expect(
      read({ overview: { refresh: { intervalSeconds: 5, timeoutSeconds: 1 } } })
        .refresh,
    ).toEqual({ intervalSeconds: 5, timeoutSeconds: 1 });
  });

  it.each([
    [
      { overview: { refresh: { intervalSeconds: 4 } } },
      'dataplatform.overview.refresh.intervalSeconds must be a whole number of seconds from 5 to 3600, got 4',
    ],
    [
      { overview: { refresh: { intervalSeconds: 'often' } } },
      "dataplatform.overview.refresh.intervalSeconds must be a whole number of seconds from 5 to 3600, got 'often'",
    ],
    [
      { overview: { refresh: { timeoutSeconds: 0 } } },
      'dataplatform.overview.refresh.timeoutSeconds must be a whole number of seconds from 1 to 120, got 0',
    ],
    [
      { overview: { refresh: { timeoutSeconds: 2.5 } } },
      'dataplatform.overview.refresh.timeoutSeconds must be a whole number of seconds from 1 to 120, got 2.5',
    ],
    [
      { permissions: { platformTeam: 'user:default/priya.patel' } },
      "dataplatform.permissions.platformTeam must be a group entity ref such as group:default/platform-team, got 'user:default/priya.patel'",
    ],
    [
      { azure: { tenantId: 'contoso/evil' } },
      "dataplatform.azure.tenantId must be a tenant id (a GUID) or the tenant's domain name, got 'contoso/evil'",
    ],
  ])('refuses %j naming the key and what is allowed', (config, message) => {
    expect(() => read(config as JsonObject)).toThrow(message);
  });
});
