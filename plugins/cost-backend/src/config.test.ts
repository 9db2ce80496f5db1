import { mockServices } from '@backstage/backend-test-utils';
import { readCostConfig } from './config';

const DEFAULTS = { managementGroup: 'mg-root' };

function read(cost?: unknown, permissions?: unknown) {
  return readCostConfig(
    mockServices.rootConfig({
      data: {
        dataplatform: {
          ...(cost !== undefined ? { cost } : {}),
          ...(permissions !== undefined ? { permissions } : {}),
        },
      },
    }),
    DEFAULTS,
  );
}

describe('readCostConfig', () => {
  it('defaults to the root management group, grouped by subscription, refreshed hourly', () => {
    expect(read()).toEqual({
      scope: {
        kind: 'managementGroup',
        id: 'mg-root',
        path: '/providers/Microsoft.Management/managementGroups/mg-root',
      },
      grouping: 'subscription',
      refresh: {
        intervalMinutes: 60,
        initialDelaySeconds: 10,
        timeoutMinutes: 30,
      },
      budgetConcurrency: 8,
      seriesLimit: 8,
      platformTeam: 'group:default/platform-team',
    });
  });

  it('takes a billing account scope, the domain-tag grouping and every number', () => {
    const config = read(
      {
        scope: { billingAccount: '1234:5678_2019-05-31' },
        grouping: 'domain-tag',
        refresh: {
          intervalMinutes: 240,
          initialDelaySeconds: 0,
          timeoutMinutes: 5,
        },
        budgetConcurrency: 2,
        seriesLimit: 20,
      },
      { platformTeam: 'platform-admins' },
    );
    expect(config).toEqual({
      scope: {
        kind: 'billingAccount',
        id: '1234:5678_2019-05-31',
        path: '/providers/Microsoft.Billing/billingAccounts/1234:5678_2019-05-31',
      },
      grouping: 'domain-tag',
      refresh: {
        intervalMinutes: 240,
        initialDelaySeconds: 0,
        timeoutMinutes: 5,
      },
      budgetConcurrency: 2,
      seriesLimit: 20,
      platformTeam: 'group:default/platform-admins',
    });
  });

  it('takes a configured management group instead of the root', () => {
    expect(
      read({ scope: { managementGroup: 'mg-dataplatform' } }).scope,
    ).toEqual({
      kind: 'managementGroup',
      id: 'mg-dataplatform',
      path: '/providers/Microsoft.Management/managementGroups/mg-dataplatform',
    });
  });

  it.each([
    [
      { refresh: { intervalMinutes: 0 } },
      'dataplatform.cost.refresh.intervalMinutes must be a whole number of minutes from 1 to 1440, got 0',
    ],
    [
      { refresh: { intervalMinutes: 1.5 } },
      'dataplatform.cost.refresh.intervalMinutes must be a whole number of minutes from 1 to 1440, got 1.5',
    ],
    [
      { refresh: { initialDelaySeconds: 3601 } },
      'dataplatform.cost.refresh.initialDelaySeconds must be a whole number of seconds from 0 to 3600, got 3601',
    ],
    [
      { refresh: { timeoutMinutes: 'soon' } },
      "dataplatform.cost.refresh.timeoutMinutes must be a whole number of minutes from 1 to 120, got 'soon'",
    ],
    [
      { budgetConcurrency: 33 },
      'dataplatform.cost.budgetConcurrency must be a whole number of subscriptions from 1 to 32, got 33',
    ],
    [
      { seriesLimit: 0 },
      'dataplatform.cost.seriesLimit must be a whole number of series from 1 to 20, got 0',
    ],
    [
      { grouping: 'tag' },
      "dataplatform.cost.grouping must be one of subscription, domain-tag, got 'tag'",
    ],
    [
      { scope: { managementGroup: 'mg-a', billingAccount: '123' } },
      'dataplatform.cost.scope must have exactly one of managementGroup or billingAccount, got both',
    ],
    [
      { scope: {} },
      'dataplatform.cost.scope must have exactly one of managementGroup or billingAccount, got neither',
    ],
    [
      { scope: { subscription: 'x' } },
      "dataplatform.cost.scope may only have managementGroup or billingAccount, got 'subscription'",
    ],
    [
      { scope: { managementGroup: 'mg/../x' } },
      "dataplatform.cost.scope.managementGroup must be a management group id (letters, digits, - _ . ( ), up to 90 characters), got 'mg/../x'",
    ],
    [
      { scope: { billingAccount: 'acct?x=1' } },
      "dataplatform.cost.scope.billingAccount must be a billing account id (letters, digits, : _ . -), got 'acct?x=1'",
    ],
  ])('refuses %j, naming the key and what is allowed', (cost, message) => {
    expect(() => read(cost)).toThrow(message);
  });

  it('refuses a platform team that is not a group', () => {
    expect(() =>
      read(undefined, { platformTeam: 'user:default/priya.patel' }),
    ).toThrow(
      "dataplatform.permissions.platformTeam must be a group entity ref such as group:default/platform-team, got 'user:default/priya.patel'",
    );
  });
});
