/**
 * The platform's provisioning policy: what a domain or a sandbox gets, and
 * the limits a request must stay within. One place, read by the template
 * forms, the scaffolder actions, the backend and the portal pages.
 */

/** A domain's monthly budget, in the billing currency. */
export const DOMAIN_BUDGET_LIMITS = { min: 100, max: 1_000_000 } as const;

/** Innovation sandboxes: short-lived, capped, auto-approved within these limits. */
export const SANDBOX_POLICY = {
  minDurationDays: 1,
  maxDurationDays: 90,
  minBudgetCap: 10,
  maxBudgetCap: 5_000,
  /** A lease turns `expiring` this many days before it ends; the owner is warned. */
  expiringWarningDays: 7,
  /** How many times a lease may be extended, and by at most how many days. */
  maxExtensions: 1,
  maxExtensionDays: 30,
  /** Active leases one owner group may hold at once. */
  maxActiveLeasesPerOwner: 3,
  /** Sandboxes never hold more sensitive data than this. */
  dataClassification: 'internal',
} as const;

/** Budget notifications every domain and sandbox budget carries (percent of the amount). */
export const BUDGET_NOTIFICATIONS = [
  { threshold: 50, thresholdType: 'Actual' },
  { threshold: 80, thresholdType: 'Actual' },
  { threshold: 100, thresholdType: 'Actual' },
  { threshold: 100, thresholdType: 'Forecasted' },
] as const;

export type BudgetNotificationSpec = (typeof BUDGET_NOTIFICATIONS)[number];

/**
 * Recovery tiers a domain chooses from. `standard` is the platform baseline
 * from the architecture (RPO 1.5 days, RTO under a day).
 */
export const RECOVERY_TIERS = {
  standard: { label: 'Standard', rpoHours: 36, rtoHours: 24 },
  critical: { label: 'Critical', rpoHours: 4, rtoHours: 8 },
  'mission-critical': {
    label: 'Mission critical',
    rpoHours: 0.25,
    rtoHours: 1,
  },
} as const;
export type RecoveryTier = keyof typeof RECOVERY_TIERS;
export const RECOVERY_TIER_NAMES = Object.keys(
  RECOVERY_TIERS,
) as RecoveryTier[];

/**
 * The monitoring and retention baseline of every domain workspace: 90 days
 * interactive, and audit tables kept 10 years in total (long-term retention).
 */
export const WORKSPACE_RETENTION_BASELINE = {
  retentionInDays: 90,
  auditTables: ['AzureActivity', 'AuditLogs', 'LAQueryLogs', 'StorageBlobLogs'],
  /** 10 years, one of the totals Log Analytics accepts. */
  auditTotalRetentionInDays: 3653,
} as const;

/** Azure built-in role definition ids (the same GUIDs in every tenant). */
export const BUILT_IN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
  'Monitoring Reader': '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  'Cost Management Reader': '72fafb9e-0641-4937-9268-a91bfd8191a3',
  'Cost Management Contributor': '434105ed-43f6-45c7-a02f-909b2ba83430',
} as const;
export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES;

/** Control-plane roles a domain's owner group gets on its subscription. */
export const DOMAIN_OWNER_ROLES: readonly BuiltInRoleName[] = [
  'Contributor',
  'Monitoring Contributor',
  'Cost Management Reader',
];

/** Roles a sandbox's owner group gets; removing the write roles freezes it. */
export const SANDBOX_OWNER_ROLES: readonly BuiltInRoleName[] = ['Contributor'];

/** Entra ID group object id on a catalog Group (as the Microsoft Graph provider sets it). */
export const GROUP_OBJECT_ID_ANNOTATION = 'graph.microsoft.com/group-id';
