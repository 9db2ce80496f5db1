import {
  AzureConnectionInfo,
  AzureEstate,
  EstateSubscription,
  azurePortalManagementGroupUrl,
  azurePortalSubscriptionUrl,
  findTagProblems,
} from '@dataplatform/plugin-azure-common';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

export const localConnection: AzureConnectionInfo = {
  tenantId: TENANT_ID,
  resourceManagerEndpoint: 'http://localhost:7777',
  mode: 'local-endpoint',
  authenticationMethod: 'static-token',
  managementGroups: {
    root: 'mg-dataplatform',
    platform: 'mg-platform',
    domains: 'mg-domains',
    sandboxes: 'mg-sandboxes',
    decommissioned: 'mg-decommissioned',
  },
};

function group(
  id: string,
  displayName: string,
  parentId: string | undefined,
  role: AzureEstate['managementGroups'][number]['role'],
) {
  return {
    id,
    displayName,
    parentId,
    role,
    portalUrl: azurePortalManagementGroupUrl(TENANT_ID, id),
  };
}

function subscription(
  subscriptionId: string,
  displayName: string,
  managementGroupId: string | undefined,
  role: EstateSubscription['role'],
  tags: Record<string, string>,
  state = 'Enabled',
): EstateSubscription {
  return {
    subscriptionId,
    displayName,
    state,
    managementGroupId,
    role,
    tags,
    tagProblems: findTagProblems(tags),
    portalUrl: azurePortalSubscriptionUrl(TENANT_ID, subscriptionId),
  };
}

const goodTags = (domain: string, owner: string, costCenter: string) => ({
  domain,
  owner,
  costCenter,
  dataClassification: 'confidential',
  dataResidency: 'eu',
  environment: 'production',
});

export const estate: AzureEstate = {
  tenantId: TENANT_ID,
  fetchedAt: new Date(Date.now() - 2 * 60 * 1000).toISOString(),
  stale: false,
  managementGroups: [
    group(TENANT_ID, 'Tenant Root Group', undefined, undefined),
    group('mg-dataplatform', 'dataplatform', TENANT_ID, 'root'),
    group('mg-platform', 'platform', 'mg-dataplatform', 'platform'),
    group('mg-domains', 'domains', 'mg-dataplatform', 'domains'),
    group('mg-sandboxes', 'sandboxes', 'mg-dataplatform', 'sandboxes'),
    group(
      'mg-decommissioned',
      'decommissioned',
      'mg-dataplatform',
      'decommissioned',
    ),
  ],
  subscriptions: [
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000001',
      'Sales',
      'mg-domains',
      'domains',
      goodTags('sales', 'sales-owners', 'CC-1010'),
    ),
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000002',
      'HR',
      'mg-domains',
      'domains',
      {
        domain: 'hr',
        owner: 'hr-owners',
        dataClassification: 'restricted',
        dataResidency: 'eu',
        environment: 'production',
      },
    ),
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000003',
      'Platform shared',
      'mg-platform',
      'platform',
      goodTags('platform', 'platform-team', 'CC-0001'),
    ),
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000004',
      'Sandbox Alice',
      'mg-sandboxes',
      'sandboxes',
      {
        ...goodTags('sandbox-alice', 'alice', 'CC-2000'),
        environment: 'sandbox',
      },
    ),
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000005',
      'Old Marketing',
      'mg-decommissioned',
      'decommissioned',
      goodTags('marketing', 'marketing-owners', 'CC-3000'),
      'Disabled',
    ),
    subscription(
      'aaaaaaaa-0000-0000-0000-000000000006',
      'Pay-As-You-Go',
      undefined,
      'outside',
      {},
    ),
  ],
};

export const HR_COST_CENTER_PROBLEM =
  'tag "costCenter" is missing; allowed: CC- followed by four digits, e.g. CC-1010';
