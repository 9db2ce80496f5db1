import type { CostProfileInput } from './costs';
import { demoHealthScenario } from './demoHealthScenario';
import {
  BudgetNotificationSeed,
  PrincipalSeed,
  StorageAccountSeed,
  TenantEstateSeed,
  TenantSeed,
} from './types';

/** The demo tenant's id; fixed so links and tests are stable across restarts. */
export const DEMO_TENANT_ID = '7c69a373-b08d-46be-806d-a881ce6a31b1';

/**
 * The demo tenant's billing account (a Microsoft Customer Agreement id), the
 * Cost Management scope that covers every subscription.
 */
export const DEMO_BILLING_ACCOUNT_ID =
  '5e98e158-e1b0-4e32-9f5d-2b7a1c4d8e90:3c4f2a71-96be-4d05-8a1e-b7f0c2d9e614_2019-05-31';

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

/**
 * The organisation's Entra ID groups (catalog/org.yaml names the same object
 * ids in its `graph.microsoft.com/group-id` annotations).
 */
export const DEMO_GROUPS = {
  contoso: {
    objectId: 'e543bc62-d3cc-4459-9446-70ae0d9092e3',
    displayName: 'Contoso',
    mail: 'data-office@contoso.example',
  },
  'platform-team': {
    objectId: '8b504bad-8a0b-49a8-939d-1550aa463234',
    displayName: 'Data Platform Team',
    mail: 'platform-team@contoso.example',
  },
  'finance-domain-owners': {
    objectId: '7c16a2a7-0584-44b7-a6c7-a3453b94dcb9',
    displayName: 'Finance Domain Owners',
    mail: 'finance-data@contoso.example',
  },
  'sales-domain-owners': {
    objectId: 'e981f7a9-5bf5-43af-925f-72f1aa7eeaa5',
    displayName: 'Sales Domain Owners',
    mail: 'sales-data@contoso.example',
  },
  'operations-iot-domain-owners': {
    objectId: '1fd2e3f5-10a2-43bc-80b6-1c1b66973d76',
    displayName: 'Operations & IoT Domain Owners',
    mail: 'operations-iot-data@contoso.example',
  },
  'hr-domain-owners': {
    objectId: '31c5d2c6-6393-435a-910c-8accad86120a',
    displayName: 'HR Domain Owners',
    mail: 'hr-data@contoso.example',
  },
  'marketing-domain-owners': {
    objectId: '0c664c60-38ea-4625-add4-120018b1bb22',
    displayName: 'Marketing Domain Owners',
    mail: 'marketing-data@contoso.example',
  },
  'data-citizens': {
    objectId: '5f0d7c3e-2b8a-4e61-9c4d-3a7e1b9f6d20',
    displayName: 'Data Citizens',
    mail: 'data-citizens@contoso.example',
  },
} as const;

export type DemoGroupName = keyof typeof DEMO_GROUPS;

const demoPrincipals = (): PrincipalSeed[] =>
  Object.values(DEMO_GROUPS).map(g => ({ ...g, type: 'Group' }));

/** The notifications every platform budget carries (BUDGET_NOTIFICATIONS in provisioning-common). */
function budgetNotifications(
  email: string,
): Record<string, BudgetNotificationSeed> {
  const notification = (
    threshold: number,
    thresholdType: 'Actual' | 'Forecasted',
  ) => ({
    [`${thresholdType}_GreaterThan_${threshold}_Percent`]: {
      enabled: true,
      operator: 'GreaterThan' as const,
      threshold,
      thresholdType,
      contactEmails: [email],
    },
  });
  return {
    ...notification(50, 'Actual'),
    ...notification(80, 'Actual'),
    ...notification(100, 'Actual'),
    ...notification(100, 'Forecasted'),
  };
}

const AUDIT_TABLES = [
  'AzureActivity',
  'AuditLogs',
  'LAQueryLogs',
  'StorageBlobLogs',
];
/** Ten years: the platform's long-term retention for audit tables. */
const AUDIT_TOTAL_RETENTION_DAYS = 3653;
/** The platform's interactive retention for domain workspaces. */
const DOMAIN_WORKSPACE_RETENTION_DAYS = 90;
const DOMAIN_OWNER_ROLES = [
  'Contributor',
  'Monitoring Contributor',
  'Cost Management Reader',
];

interface DemoDomain {
  domain: string;
  subscriptionId: string;
  region: string;
  monthlyBudget: number;
  /** How the domain spends; the cost views' story comes from these. */
  cost: CostProfileInput;
  /** The workspace's interactive retention when it is not the platform's. */
  workspaceRetentionInDays?: number;
  /** Audit tables left on the workspace default instead of the platform's total retention. */
  auditTablesOnDefault?: string[];
}

/**
 * What the platform provisioned for each domain when it was vended: a
 * monitoring resource group and workspace, a monthly budget and the owner
 * group's roles. Cost profiles are chosen so the cost views have a story
 * whatever the date: finance is on track but had a runaway Databricks job 6
 * days ago, sales runs over its budget (forecast over it all month, past 80 %
 * actual around the 21st), operations-iot grows 12 % a month, marketing is at
 * risk (forecast around 94 % of its budget), hr spends little.
 */
const DEMO_DOMAINS: DemoDomain[] = [
  {
    domain: 'finance',
    subscriptionId: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
    region: 'westeurope',
    monthlyBudget: 25_000,
    cost: {
      monthlyRunRate: 21_200,
      weekendFactor: 0.55,
      noise: 0.04,
      anomalies: [{ daysAgo: 6, factor: 4 }],
    },
  },
  {
    domain: 'sales',
    subscriptionId: 'f4edd3dc-be05-4698-b2c9-ab09209df5f1',
    region: 'eastus',
    monthlyBudget: 15_000,
    cost: { monthlyRunRate: 17_300, weekendFactor: 0.7, noise: 0.03 },
  },
  {
    domain: 'operations-iot',
    subscriptionId: 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c',
    region: 'northeurope',
    monthlyBudget: 30_000,
    cost: {
      monthlyRunRate: 26_500,
      weekendFactor: 0.85,
      monthlyGrowth: 0.12,
      noise: 0.03,
    },
  },
  {
    domain: 'hr',
    subscriptionId: '60e9f4aa-84c0-4103-b35e-39abddbf9406',
    region: 'westeurope',
    monthlyBudget: 8_000,
    cost: { monthlyRunRate: 4_600, weekendFactor: 0.4, noise: 0.05 },
    // Deliberate gap: HR's workspace was set up before the retention
    // baseline, on Azure's 30-day default, and its sign-in audit logs were
    // never given their own retention: a table at the default, kept 30 days
    // instead of 10 years, which the retention checks must report.
    workspaceRetentionInDays: 30,
    auditTablesOnDefault: ['AuditLogs'],
  },
  {
    domain: 'marketing',
    subscriptionId: '1145b5e0-a60a-4237-aa82-a5754e620c60',
    region: 'brazilsouth',
    monthlyBudget: 12_000,
    cost: { monthlyRunRate: 11_300, weekendFactor: 0.6, noise: 0.04 },
  },
];

const SANDBOX_GENAI_PILOT = '9237d247-7c35-491e-a970-1ca587594fbc';
const PLATFORM_MANAGEMENT = 'cf42f937-d5b8-4963-acb4-c9cc14578aaf';
const PLATFORM_CONNECTIVITY = 'fe3b0f4a-c886-4d05-9942-50c195c096f6';

/** The audit tables of a workspace on the platform's retention baseline. */
const auditTables = (onDefault: string[] = []) =>
  AUDIT_TABLES.filter(name => !onDefault.includes(name)).map(name => ({
    name,
    totalRetentionInDays: AUDIT_TOTAL_RETENTION_DAYS,
  }));

// ---- storage ---------------------------------------------------------------

/** A lifecycle rule for every block blob under `prefix`, counting days since modification. */
function lifecycleRule(
  name: string,
  prefix: string,
  days: { cool?: number; archive?: number; delete?: number },
) {
  const actions = {
    tierToCool: days.cool,
    tierToArchive: days.archive,
    delete: days.delete,
  };
  return {
    enabled: true,
    name,
    type: 'Lifecycle',
    definition: {
      filters: { blobTypes: ['blockBlob'], prefixMatch: [prefix] },
      actions: {
        baseBlob: Object.fromEntries(
          Object.entries(actions)
            .filter(([, n]) => n !== undefined)
            .map(([action, n]) => [
              action,
              { daysAfterModificationGreaterThan: n },
            ]),
        ),
      },
    },
  };
}

const LAYERS = ['bronze', 'silver', 'gold'];
const containers = (names: string[]) => names.map(name => ({ name }));
/** The audit container: ten years of time-based retention. */
const auditContainer = (state: 'Locked' | 'Unlocked' = 'Locked') => [
  { name: 'audit', immutability: { days: 3650, state } },
];

/**
 * The domains' data lake and audit accounts (the health models in
 * catalog/health name the same ids) and their standby accounts. Each domain
 * tells part of the retention and recovery story:
 * - finance keeps everything as the platform requires (fully compliant);
 * - sales' bronze-cleanup rule deletes raw data after 7 years, not 10;
 * - operations-iot's audit policy is still unlocked;
 * - hr has no lifecycle policy at all (and its AuditLogs table is on the
 *   workspace default, see DEMO_DOMAINS);
 * - marketing is locally redundant only, and its silver-trim rule falls
 *   short of the curated-layers category that comes into force later.
 */
function demoStorageAccounts(): StorageAccountSeed[] {
  const subscription = (domain: string) =>
    DEMO_DOMAINS.find(d => d.domain === domain)!.subscriptionId;
  const account = (
    domain: string,
    resourceGroupName: string,
    name: string,
    location: string,
    skuName: StorageAccountSeed['skuName'],
    rest: Partial<StorageAccountSeed> = {},
  ): StorageAccountSeed => ({
    subscriptionId:
      domain === 'platform' ? PLATFORM_MANAGEMENT : subscription(domain),
    resourceGroupName,
    name,
    location,
    skuName,
    tags: {
      domain,
      owner:
        domain === 'platform' ? 'platform-team' : `${domain}-domain-owners`,
      environment: 'production',
    },
    ...rest,
  });
  return [
    account(
      'finance',
      'rg-finance-data-prod',
      'stfinancedata',
      'westeurope',
      'Standard_GZRS',
      {
        containers: containers(LAYERS),
        lifecycleRules: [
          lifecycleRule('bronze-tiering', 'bronze/', { cool: 30, archive: 90 }),
        ],
      },
    ),
    account(
      'finance',
      'rg-finance-data-prod',
      'stfinanceaudit',
      'westeurope',
      'Standard_GZRS',
      {
        containers: auditContainer(),
      },
    ),
    account(
      'finance',
      'rg-finance-data-prod',
      'stfinancedr',
      'northeurope',
      'Standard_GRS',
      {
        containers: containers(['standby']),
      },
    ),

    account(
      'sales',
      'rg-sales-data-prod',
      'stsalesdata',
      'eastus',
      'Standard_GRS',
      {
        containers: containers(LAYERS),
        lifecycleRules: [
          lifecycleRule('bronze-cleanup', 'bronze/', {
            archive: 90,
            delete: 2555,
          }),
        ],
      },
    ),
    account(
      'sales',
      'rg-sales-data-prod',
      'stsalesaudit',
      'eastus',
      'Standard_GRS',
      {
        containers: auditContainer(),
      },
    ),
    account(
      'sales',
      'rg-sales-data-prod',
      'stsalesdr',
      'westus',
      'Standard_GRS',
    ),

    account(
      'operations-iot',
      'rg-opsiot-data-prod',
      'stopsiotdata',
      'northeurope',
      'Standard_RAGZRS',
      {
        containers: containers(LAYERS),
        lifecycleRules: [
          lifecycleRule('bronze-archive', 'bronze/', { archive: 60 }),
        ],
      },
    ),
    account(
      'operations-iot',
      'rg-opsiot-data-prod',
      'stopsiotaudit',
      'northeurope',
      'Standard_RAGZRS',
      {
        containers: auditContainer('Unlocked'),
      },
    ),
    account(
      'operations-iot',
      'rg-opsiot-data-prod',
      'stopsiotdr',
      'westeurope',
      'Standard_RAGRS',
    ),

    account('hr', 'rg-hr-data-prod', 'sthrdata', 'westeurope', 'Standard_GRS', {
      containers: containers(['silver', 'gold']),
    }),
    account(
      'hr',
      'rg-hr-data-prod',
      'sthraudit',
      'westeurope',
      'Standard_GRS',
      {
        containers: auditContainer(),
      },
    ),

    account(
      'marketing',
      'rg-marketing-data-prod',
      'stmarketingdata',
      'brazilsouth',
      'Standard_LRS',
      {
        containers: containers([...LAYERS, 'shared']),
        lifecycleRules: [
          lifecycleRule('bronze-archive', 'bronze/', { archive: 120 }),
          lifecycleRule('silver-trim', 'silver/', { delete: 365 }),
        ],
      },
    ),
    account(
      'marketing',
      'rg-marketing-data-prod',
      'stmarketingaudit',
      'brazilsouth',
      'Standard_LRS',
      {
        containers: auditContainer(),
      },
    ),

    account(
      'platform',
      'rg-dp-platform-audit',
      'stplatformaudit',
      'westeurope',
      'Standard_GZRS',
      {
        containers: auditContainer(),
      },
    ),
  ];
}

function demoEstate(): TenantEstateSeed {
  const estate: Required<TenantEstateSeed> = {
    principals: demoPrincipals(),
    resourceGroups: [],
    workspaces: [],
    storageAccounts: demoStorageAccounts(),
    budgets: [],
    roleAssignments: [],
    monitor: demoHealthScenario(),
    // The platform's own subscriptions have no budget; they run steadily.
    costProfiles: {
      [PLATFORM_MANAGEMENT]: {
        monthlyRunRate: 12_000,
        weekendFactor: 0.9,
        noise: 0.02,
      },
      [PLATFORM_CONNECTIVITY]: {
        monthlyRunRate: 7_200,
        weekendFactor: 1,
        noise: 0.01,
      },
    },
    spend: {},
  };
  for (const d of DEMO_DOMAINS) {
    const owner = DEMO_GROUPS[`${d.domain}-domain-owners` as DemoGroupName];
    const resourceGroupName = `rg-dp-${d.domain}-monitoring`;
    const tags = {
      domain: d.domain,
      owner: `${d.domain}-domain-owners`,
      environment: 'production',
    };
    estate.resourceGroups.push({
      subscriptionId: d.subscriptionId,
      name: resourceGroupName,
      location: d.region,
      tags,
    });
    estate.workspaces.push({
      subscriptionId: d.subscriptionId,
      resourceGroupName,
      name: `log-dp-${d.domain}`,
      location: d.region,
      retentionInDays:
        d.workspaceRetentionInDays ?? DOMAIN_WORKSPACE_RETENTION_DAYS,
      tags,
      tables: auditTables(d.auditTablesOnDefault),
    });
    estate.budgets.push({
      subscriptionId: d.subscriptionId,
      name: `budget-dp-domain-${d.domain}`,
      amount: d.monthlyBudget,
      timeGrain: 'Monthly',
      notifications: budgetNotifications(owner.mail),
    });
    for (const roleDefinitionName of DOMAIN_OWNER_ROLES) {
      estate.roleAssignments.push({
        scope: `/subscriptions/${d.subscriptionId}`,
        roleDefinitionName,
        principalId: owner.objectId,
      });
    }
    estate.costProfiles[d.subscriptionId] = d.cost;
  }
  // The platform's own monitoring workspace, on the same retention baseline
  // as the domains'; the platform domain's health model queries it.
  const platformTags = {
    domain: 'platform',
    owner: 'platform-team',
    environment: 'production',
  };
  estate.resourceGroups.push({
    subscriptionId: PLATFORM_MANAGEMENT,
    name: 'rg-dp-platform-monitoring',
    location: 'westeurope',
    tags: platformTags,
  });
  estate.workspaces.push({
    subscriptionId: PLATFORM_MANAGEMENT,
    resourceGroupName: 'rg-dp-platform-monitoring',
    name: 'log-dp-platform',
    location: 'westeurope',
    retentionInDays: DOMAIN_WORKSPACE_RETENTION_DAYS,
    tags: platformTags,
    tables: auditTables(),
  });
  const sales = DEMO_GROUPS['sales-domain-owners'];
  estate.budgets.push({
    subscriptionId: SANDBOX_GENAI_PILOT,
    name: 'budget-dp-sandbox-genai-pilot',
    amount: 500,
    timeGrain: 'Monthly',
    notifications: budgetNotifications(sales.mail),
  });
  estate.roleAssignments.push({
    scope: `/subscriptions/${SANDBOX_GENAI_PILOT}`,
    roleDefinitionName: 'Contributor',
    principalId: sales.objectId,
  });
  // About 19 a day, weekends included: it reaches its 500 cap around the
  // 26th of every month, before the month (and its lease) ends.
  estate.costProfiles[SANDBOX_GENAI_PILOT] = {
    monthlyRunRate: 570,
    weekendFactor: 1,
    noise: 0.03,
  };
  return estate;
}

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
    ...demoEstate(),
    tenantId: DEMO_TENANT_ID,
    billingAccountId: DEMO_BILLING_ACCOUNT_ID,
    managementGroups: [
      { id: mg.root, displayName: 'Tenant Root Group' },
      { id: mg.dataplatform, displayName: 'Data Platform', parentId: mg.root },
      { id: mg.platform, displayName: 'Platform', parentId: mg.dataplatform },
      {
        id: mg.domains,
        displayName: 'Data Domains',
        parentId: mg.dataplatform,
      },
      {
        id: mg.sandboxes,
        displayName: 'Innovation Sandboxes',
        parentId: mg.dataplatform,
      },
      {
        id: mg.decommissioned,
        displayName: 'Decommissioned',
        parentId: mg.dataplatform,
      },
    ],
    subscriptions: [
      {
        subscriptionId: PLATFORM_MANAGEMENT,
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
        subscriptionId: PLATFORM_CONNECTIVITY,
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
