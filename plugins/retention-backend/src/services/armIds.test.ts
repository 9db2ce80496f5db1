import { isSubscriptionId, parseArmResourceId } from './armIds';

describe('parseArmResourceId', () => {
  it('takes subscription, resource group and name from a resource id, whatever the case of its segments', () => {
    expect(
      parseArmResourceId(
        '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406/resourcegroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthraudit',
      ),
    ).toEqual({
      subscriptionId: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
      resourceGroupName: 'rg-hr-data-prod',
      name: 'sthraudit',
    });
    // A child resource: its own name is the last segment.
    expect(
      parseArmResourceId(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr/tables/AuditLogs',
      ),
    ).toEqual({
      subscriptionId: 's',
      resourceGroupName: 'rg',
      name: 'AuditLogs',
    });
  });

  it.each([
    undefined,
    '',
    '/subscriptions/s/providers/Microsoft.Storage/storageAccounts/st',
    '/subscriptions/s/resourceGroups/rg',
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts',
  ])('refuses %p, which names no resource in a resource group', id => {
    expect(parseArmResourceId(id)).toBeUndefined();
  });
});

describe('isSubscriptionId', () => {
  it('accepts GUIDs only', () => {
    expect(isSubscriptionId('60E9F4AA-84c0-4103-b35e-39abddbf9406')).toBe(true);
    expect(isSubscriptionId('dp-domain-hr')).toBe(false);
    expect(isSubscriptionId('60e9f4aa-84c0-4103-b35e-39abddbf940')).toBe(false);
  });
});
