import { TenantSeed } from './types';

/** The demo tenant's id; fixed so links and tests are stable across restarts. */
export const DEMO_TENANT_ID = '7c69a373-b08d-46be-806d-a881ce6a31b1';

/** Management group ids of the demo hierarchy (tenant root → dataplatform → roles). */
export const DEMO_MANAGEMENT_GROUPS = {
  root: DEMO_TENANT_ID,
  dataplatform: 'mg-dataplatform',
  platform: 'mg-dataplatform-platform',
  domains: 'mg-dataplatform-domains',
  sandboxes: 'mg-dataplatform-sandboxes',
  decommissioned: 'mg-dataplatform-decommissioned',
} as const;

/** The demo hierarchy as the portal's `dataplatform.azure.managementGroups` config names it. */
export const DEMO_PLATFORM_MANAGEMENT_GROUPS = {
  root: DEMO_MANAGEMENT_GROUPS.dataplatform,
  platform: DEMO_MANAGEMENT_GROUPS.platform,
  domains: DEMO_MANAGEMENT_GROUPS.domains,
  sandboxes: DEMO_MANAGEMENT_GROUPS.sandboxes,
  decommissioned: DEMO_MANAGEMENT_GROUPS.decommissioned,
};

const domainTags = (
  domain: string,
  costCenter: string,
  dataClassification: string,
  dataResidency: string,
) => ({
  domain,
  owner: `${domain}-domain-owners`,
  costCenter,
  dataClassification,
  dataResidency,
  environment: 'production',
});

/**
 * The demo organisation's Azure estate: the platform's own subscriptions, one
 * subscription per business domain (vended through aliases earlier), an
 * active innovation sandbox and a decommissioned one.
 */
export function demoTenantSeed(): TenantSeed {
  const mg = DEMO_MANAGEMENT_GROUPS;
  return {
    tenantId: DEMO_TENANT_ID,
    managementGroups: [
      { id: mg.root, displayName: 'Tenant Root Group' },
      { id: mg.dataplatform, displayName: 'Data Platform', parentId: mg.root },
      { id: mg.platform, displayName: 'Platform', parentId: mg.dataplatform },
      { id: mg.domains, displayName: 'Data Domains', parentId: mg.dataplatform },
      { id: mg.sandboxes, displayName: 'Innovation Sandboxes', parentId: mg.dataplatform },
      { id: mg.decommissioned, displayName: 'Decommissioned', parentId: mg.dataplatform },
    ],
    subscriptions: [
      {
        subscriptionId: 'cf42f937-d5b8-4963-acb4-c9cc14578aaf',
        displayName: 'dp-platform-management',
        managementGroupId: mg.platform,
        tags: {
          domain: 'platform',
          owner: 'platform-team',
          costCenter: 'CC-1000',
          dataClassification: 'internal',
          dataResidency: 'eu',
          environment: 'production',
        },
      },
      {
        subscriptionId: 'fe3b0f4a-c886-4d05-9942-50c195c096f6',
        displayName: 'dp-platform-connectivity',
        managementGroupId: mg.platform,
        tags: {
          domain: 'platform',
          owner: 'platform-team',
          costCenter: 'CC-1000',
          dataClassification: 'internal',
          dataResidency: 'eu',
          environment: 'production',
        },
      },
      {
        subscriptionId: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
        displayName: 'dp-domain-finance',
        aliasName: 'dp-domain-finance',
        managementGroupId: mg.domains,
        tags: domainTags('finance', 'CC-1010', 'confidential', 'eu'),
      },
      {
        subscriptionId: 'f4edd3dc-be05-4698-b2c9-ab09209df5f1',
        displayName: 'dp-domain-sales',
        aliasName: 'dp-domain-sales',
        managementGroupId: mg.domains,
        tags: domainTags('sales', 'CC-1020', 'internal', 'us'),
      },
      {
        subscriptionId: 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c',
        displayName: 'dp-domain-operations-iot',
        aliasName: 'dp-domain-operations-iot',
        managementGroupId: mg.domains,
        tags: domainTags('operations-iot', 'CC-1030', 'internal', 'eu'),
      },
      {
        subscriptionId: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
        displayName: 'dp-domain-hr',
        aliasName: 'dp-domain-hr',
        managementGroupId: mg.domains,
        // HR's subscription predates the tagging strategy: its cost center
        // was never set, which the estate view must surface.
        tags: {
          domain: 'hr',
          owner: 'hr-domain-owners',
          dataClassification: 'restricted',
          dataResidency: 'eu',
          environment: 'production',
        },
      },
      {
        subscriptionId: '1145b5e0-a60a-4237-aa82-a5754e620c60',
        displayName: 'dp-domain-marketing',
        aliasName: 'dp-domain-marketing',
        managementGroupId: mg.domains,
        tags: domainTags('marketing', 'CC-1050', 'internal', 'south-america'),
      },
      {
        subscriptionId: '9237d247-7c35-491e-a970-1ca587594fbc',
        displayName: 'dp-sandbox-genai-pilot',
        aliasName: 'dp-sandbox-genai-pilot',
        managementGroupId: mg.sandboxes,
        tags: {
          domain: 'sales',
          owner: 'sales-domain-owners',
          costCenter: 'CC-1020',
          dataClassification: 'internal',
          dataResidency: 'us',
          environment: 'sandbox',
          expiresOn: '2026-12-31',
        },
      },
      {
        subscriptionId: 'a94a9770-ab5d-4bd8-a101-e3f1dcef659e',
        displayName: 'dp-sandbox-churn-poc',
        aliasName: 'dp-sandbox-churn-poc',
        managementGroupId: mg.decommissioned,
        state: 'Disabled',
        tags: {
          domain: 'marketing',
          owner: 'marketing-domain-owners',
          costCenter: 'CC-1050',
          dataClassification: 'internal',
          dataResidency: 'south-america',
          environment: 'sandbox',
          expiresOn: '2026-09-30',
        },
      },
    ],
  };
}
