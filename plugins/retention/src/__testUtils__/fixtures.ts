import { Entity } from '@backstage/catalog-model';
import { HttpResponse } from 'msw';
import {
  CategoryTimeline,
  EntityRetentionDetail,
  EntityRetentionSummary,
  EstateFinding,
  EstateFindingsResponse,
  Finding,
} from '@dataplatform/plugin-retention-common';

/** Where the test app's discovery finds the backend plugin. */
export const BASE = 'http://localhost:7007/api/dataplatform-retention';

const MINUTE = 60_000;

/** Minutes before the test started, as an ISO time. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

const TENANT = '7c69a373-b08d-46be-806d-a881ce6a31b1';
const HR_SUB = '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406';
export const HR_WORKSPACE = `${HR_SUB}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr`;
export const HR_AUDIT_ACCOUNT = `${HR_SUB}/resourceGroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthraudit`;
export const HR_DATA_ACCOUNT = `${HR_SUB}/resourceGroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthrdata`;

export function portal(resourceId: string): string {
  return `https://portal.azure.com/#@${TENANT}/resource${resourceId}`;
}

const HR = 'domain:default/hr';
const DIRECTORY = 'dataproduct:default/employee-directory';
const HR_OVERRIDE =
  'override for hr: Works council agreement 2024-17 limits sign-in logs to 7 years.';

function finding(partial: Omit<Finding, 'id'> & { id?: string }): Finding {
  return {
    id: `${partial.entityRef}|${partial.check}|${partial.category}|${
      partial.resourceId ?? ''
    }`,
    ...partial,
  };
}

/** AuditLogs follows the workspace default of 30 days: far short of 7 years. */
export const auditLogsTotal = finding({
  entityRef: HR,
  area: 'retention',
  check: 'total-retention',
  category: 'audit-logs',
  categoryTitle: 'Audit trails in Log Analytics',
  resourceId: `${HR_WORKSPACE}/tables/AuditLogs`,
  resourceName: 'log-dp-hr / AuditLogs',
  verdict: 'violation',
  required: '≥ 2,555 days (7 years)',
  actual: '30 days (workspace default)',
  requiredDays: 2555,
  actualDays: 30,
  reason:
    'AuditLogs in log-dp-hr keeps data for the workspace default of 30 days; at least 2,555 days are required.',
  remediation:
    'Set totalRetentionInDays of table AuditLogs in workspace log-dp-hr to 2555 (Tables › AuditLogs › Manage table in the Azure portal).',
  source: HR_OVERRIDE,
  portalUrl: portal(`${HR_WORKSPACE}/tables/AuditLogs`),
});

export const auditLogsInteractive = finding({
  entityRef: HR,
  area: 'retention',
  check: 'interactive-retention',
  category: 'audit-logs',
  categoryTitle: 'Audit trails in Log Analytics',
  resourceId: `${HR_WORKSPACE}/tables/AuditLogs`,
  resourceName: 'log-dp-hr / AuditLogs',
  verdict: 'compliant',
  required: '≥ 30 days',
  actual: '30 days (workspace default)',
  requiredDays: 30,
  actualDays: 30,
  reason: 'AuditLogs in log-dp-hr is interactive for 30 days.',
  source: 'platform policy',
  portalUrl: portal(`${HR_WORKSPACE}/tables/AuditLogs`),
});

export const SHORTENING_WARNING =
  'Shortening retention deletes data older than 2,555 days 30 days after the change; export it first if it must be kept.';

/** Sign-in logs are personal data: kept longer than allowed. */
export const signinLogsTotal = finding({
  entityRef: HR,
  area: 'retention',
  check: 'total-retention',
  category: 'sign-in-logs',
  categoryTitle: 'Sign-in logs (personal data)',
  resourceId: `${HR_WORKSPACE}/tables/SigninLogs`,
  resourceName: 'log-dp-hr / SigninLogs',
  verdict: 'violation',
  required: '≤ 2,555 days (7 years)',
  actual: '3,650 days (10 years)',
  requiredDays: 2555,
  actualDays: 3650,
  reason:
    'SigninLogs in log-dp-hr keeps data 3,650 days; at most 2,555 days are allowed.',
  remediation:
    'Set totalRetentionInDays of table SigninLogs in workspace log-dp-hr to 2555 (Tables › SigninLogs › Manage table in the Azure portal).',
  warning: SHORTENING_WARNING,
  source: 'platform policy',
  portalUrl: portal(`${HR_WORKSPACE}/tables/SigninLogs`),
});

const AUDIT_CONTAINER = `${HR_AUDIT_ACCOUNT}/blobServices/default/containers/audit`;

export const LOCK_WARNING =
  'Locking cannot be undone: a locked policy can only be extended, and the storage account cannot be deleted while the container holds protected blobs.';

export const auditImmutability = finding({
  entityRef: HR,
  area: 'retention',
  check: 'immutability',
  category: 'audit-containers',
  categoryTitle: 'Audit containers',
  resourceId: AUDIT_CONTAINER,
  resourceName: 'sthraudit / audit',
  verdict: 'at-risk',
  required: 'locked, ≥ 3,650 days (10 years)',
  actual: 'unlocked, 3,650 days (10 years)',
  requiredDays: 3650,
  actualDays: 3650,
  reason:
    'An unlocked policy can be shortened or deleted by anyone with write access.',
  remediation:
    'Lock the immutability policy of container audit in sthraudit (Container › Access policy › Lock policy).',
  warning: LOCK_WARNING,
  source: 'platform policy',
  portalUrl: portal(AUDIT_CONTAINER),
});

export const auditTotalUnknown = finding({
  entityRef: HR,
  area: 'retention',
  check: 'total-retention',
  category: 'audit-containers',
  categoryTitle: 'Audit containers',
  resourceId: AUDIT_CONTAINER,
  resourceName: 'sthraudit / audit',
  verdict: 'unknown',
  required: '≥ 3,650 days (10 years)',
  actual: 'not read',
  requiredDays: 3650,
  reason:
    'The lifecycle management policy of sthraudit could not be read: throttled by Azure (HTTP 429).',
  source: 'platform policy',
  portalUrl: portal(AUDIT_CONTAINER),
  lastKnown: {
    verdict: 'compliant',
    actual: 'never deleted by a lifecycle rule',
    at: minutesAgo(2 * 24 * 60),
  },
});

export const hrReplication = finding({
  entityRef: HR,
  area: 'recovery',
  check: 'replication',
  category: 'recovery',
  categoryTitle: 'Recovery',
  resourceId: HR_AUDIT_ACCOUNT,
  resourceName: 'sthraudit',
  verdict: 'compliant',
  required: 'geo-redundant (GRS, RAGRS, GZRS, RAGZRS)',
  actual: 'Standard_GRS',
  reason:
    'Backup and restore needs a copy in another region; sthraudit has one.',
  source: 'platform default',
  portalUrl: portal(HR_AUDIT_ACCOUNT),
});

export const hrRto = finding({
  entityRef: HR,
  area: 'recovery',
  check: 'rto',
  category: 'recovery',
  categoryTitle: 'Recovery',
  verdict: 'compliant',
  required: '≥ 8 hours for backup and restore',
  actual: '24 hours',
  reason: 'Backup and restore can be back within 24 hours.',
  source: 'platform default',
});

export const hrRpo = finding({
  entityRef: HR,
  area: 'recovery',
  check: 'rpo',
  category: 'recovery',
  categoryTitle: 'Recovery',
  verdict: 'compliant',
  required: 'every account geo-redundant',
  actual: '1 day 12 hours',
  reason: 'Every storage account has a copy in northeurope.',
  source: 'platform default',
});

const GOLD = `${HR_DATA_ACCOUNT}/blobServices/default/containers/gold`;

/** The employee directory's contract asks 10 years; a lifecycle rule deletes after 5. */
export const directoryContractTotal = finding({
  entityRef: DIRECTORY,
  area: 'retention',
  check: 'total-retention',
  category: 'contract',
  categoryTitle: 'Employee directory contract',
  resourceId: GOLD,
  resourceName: 'sthrdata / gold/employee-directory',
  verdict: 'violation',
  required: '≥ 3,650 days (10 years)',
  actual: "deleted after 1,825 days (rule 'gold-trim')",
  requiredDays: 3650,
  actualDays: 1825,
  reason:
    "Rule 'gold-trim' of sthrdata deletes blobs under gold/employee-directory after 1,825 days; the contract requires 3,650 days.",
  remediation:
    "Change rule 'gold-trim' of the lifecycle management policy of sthrdata to delete after at least 3650 days, or leave gold/employee-directory/ out of its prefixes.",
  source: 'contract api:default/employee-directory-contract',
  portalUrl: portal(GOLD),
});

export const directoryReplication = finding({
  entityRef: DIRECTORY,
  area: 'recovery',
  check: 'replication',
  category: 'recovery',
  categoryTitle: 'Recovery',
  resourceId: HR_DATA_ACCOUNT,
  resourceName: 'sthrdata',
  verdict: 'compliant',
  required: 'geo-redundant (GRS, RAGRS, GZRS, RAGZRS)',
  actual: 'Standard_GRS',
  reason:
    'Backup and restore needs a copy in another region; sthrdata has one.',
  source: 'domain strategy of domain:default/hr',
  portalUrl: portal(HR_DATA_ACCOUNT),
});

export const directoryRto = finding({
  ...hrRto,
  id: `${DIRECTORY}|rto|recovery|`,
  entityRef: DIRECTORY,
  source: 'domain strategy of domain:default/hr',
});

export const auditLogsTimeline: CategoryTimeline = {
  category: 'audit-logs',
  categoryTitle: 'Audit trails in Log Analytics',
  resourceName: 'log-dp-hr / AuditLogs',
  resourceId: `${HR_WORKSPACE}/tables/AuditLogs`,
  segments: [
    { phase: 'interactive', fromDay: 0, toDay: 30 },
    { phase: 'deleted', fromDay: 30 },
  ],
  requiredTotalDays: 2555,
  verdict: 'violation',
};

export const signinLogsTimeline: CategoryTimeline = {
  category: 'sign-in-logs',
  categoryTitle: 'Sign-in logs (personal data)',
  resourceName: 'log-dp-hr / SigninLogs',
  resourceId: `${HR_WORKSPACE}/tables/SigninLogs`,
  segments: [
    { phase: 'interactive', fromDay: 0, toDay: 90 },
    { phase: 'long-term', fromDay: 90, toDay: 3650 },
    { phase: 'deleted', fromDay: 3650 },
  ],
  verdict: 'violation',
};

export const auditContainerTimeline: CategoryTimeline = {
  category: 'audit-containers',
  categoryTitle: 'Audit containers',
  resourceName: 'sthraudit / audit',
  resourceId: AUDIT_CONTAINER,
  segments: [{ phase: 'hot', fromDay: 0 }],
  requiredTotalDays: 3650,
  immutableDays: 3650,
  verdict: 'at-risk',
};

export const directoryTimeline: CategoryTimeline = {
  category: 'contract',
  categoryTitle: 'Employee directory contract',
  resourceName: 'sthrdata / gold/employee-directory',
  resourceId: GOLD,
  segments: [
    { phase: 'hot', fromDay: 0, toDay: 30 },
    { phase: 'cool', fromDay: 30, toDay: 1825 },
    { phase: 'deleted', fromDay: 1825 },
  ],
  requiredTotalDays: 3650,
  verdict: 'violation',
};

export function directorySummary(
  rest: Partial<EntityRetentionSummary> = {},
): EntityRetentionSummary {
  return {
    entityRef: DIRECTORY,
    kind: 'DataProduct',
    title: 'Employee Directory',
    verdict: 'violation',
    counts: { violation: 1, 'at-risk': 0, unknown: 0, compliant: 2 },
    worst: directoryContractTotal,
    evaluatedAt: minutesAgo(5),
    stale: false,
    ...rest,
  };
}

/** The employee directory: its contract retention of 10 years against Azure. */
export function directoryDetail(): EntityRetentionDetail {
  return {
    summary: directorySummary(),
    findings: [directoryContractTotal, directoryReplication, directoryRto],
    timelines: [directoryTimeline],
    recovery: {
      rpo: 'P1DT12H',
      rto: 'PT24H',
      strategy: 'backup-restore',
      source:
        'strategy of domain:default/hr, objectives from the platform default',
    },
  };
}

export const hrFindings: Finding[] = [
  auditLogsTotal,
  signinLogsTotal,
  auditImmutability,
  auditTotalUnknown,
  auditLogsInteractive,
  hrReplication,
  hrRpo,
  hrRto,
];

export function hrSummary(
  rest: Partial<EntityRetentionSummary> = {},
): EntityRetentionSummary {
  return {
    entityRef: HR,
    kind: 'Domain',
    title: 'HR',
    verdict: 'violation',
    // Its own 8 findings and the employee directory's 3.
    counts: { violation: 3, 'at-risk': 1, unknown: 1, compliant: 6 },
    worst: auditLogsTotal,
    evaluatedAt: minutesAgo(5),
    stale: false,
    dataProductCount: 1,
    ...rest,
  };
}

/** HR: audit logs at the workspace default, an unlocked policy, a read that failed. */
export function hrDetail(): EntityRetentionDetail {
  return {
    summary: hrSummary(),
    findings: hrFindings,
    timelines: [auditLogsTimeline, signinLogsTimeline, auditContainerTimeline],
    dataProducts: [directorySummary()],
    recovery: {
      rpo: 'P1DT12H',
      rto: 'PT24H',
      strategy: 'backup-restore',
      source: 'platform default',
    },
  };
}

function estate(f: Finding, domainRef: string): EstateFinding {
  return { ...f, domainRef };
}

const SALES_DATA =
  '/subscriptions/f4edd3dc-be05-4698-b2c9-ab09209df5f1/resourceGroups/rg-sales-data-prod/providers/Microsoft.Storage/storageAccounts/stsalesdata';
const MARKETING_DATA =
  '/subscriptions/1145b5e0-a60a-4237-aa82-a5754e620c60/resourceGroups/rg-marketing-data-prod/providers/Microsoft.Storage/storageAccounts/stmarketingdata';

export const salesBronzeTotal = estate(
  finding({
    entityRef: 'domain:default/sales',
    area: 'retention',
    check: 'total-retention',
    category: 'bronze-layer',
    categoryTitle: 'Bronze layer (raw data)',
    resourceId: `${SALES_DATA}/blobServices/default/containers/bronze`,
    resourceName: 'stsalesdata / bronze',
    verdict: 'violation',
    required: '≥ 3,650 days (10 years)',
    actual: "deleted after 2,555 days (rule 'bronze-cleanup')",
    requiredDays: 3650,
    actualDays: 2555,
    reason: "Rule 'bronze-cleanup' deletes after 2,555 days.",
    remediation:
      "Change rule 'bronze-cleanup' of the lifecycle management policy of stsalesdata to delete after at least 3650 days.",
    source: 'platform policy',
    portalUrl: portal(`${SALES_DATA}/blobServices/default/containers/bronze`),
  }),
  'domain:default/sales',
);

export const marketingReplication = estate(
  finding({
    entityRef: 'domain:default/marketing',
    area: 'recovery',
    check: 'replication',
    category: 'recovery',
    categoryTitle: 'Recovery',
    resourceId: MARKETING_DATA,
    resourceName: 'stmarketingdata',
    verdict: 'violation',
    required: 'geo-redundant (GRS, RAGRS, GZRS, RAGZRS)',
    actual: 'Standard_LRS',
    reason:
      'Backup and restore needs a copy in another region; stmarketingdata keeps every copy in brazilsouth.',
    remediation:
      'Change the redundancy of stmarketingdata from Standard_LRS to Standard_GZRS (Storage account › Data management › Redundancy).',
    source: 'platform default',
    portalUrl: portal(MARKETING_DATA),
  }),
  'domain:default/marketing',
);

/** Every finding of the estate as the backend returns them, worst first. */
export function estateFindings(): EstateFinding[] {
  return [
    estate(auditLogsTotal, HR),
    estate(signinLogsTotal, HR),
    estate(directoryContractTotal, HR),
    salesBronzeTotal,
    marketingReplication,
    estate(auditImmutability, HR),
    estate(auditTotalUnknown, HR),
    estate(auditLogsInteractive, HR),
    estate(hrReplication, HR),
    estate(directoryReplication, HR),
    estate(hrRpo, HR),
    estate(hrRto, HR),
    estate(directoryRto, HR),
  ];
}

export function estateResponse(): EstateFindingsResponse {
  const startedAt = new Date(Date.now() - 6 * MINUTE);
  return {
    findings: estateFindings(),
    counts: { violation: 5, 'at-risk': 1, unknown: 1, compliant: 6 },
    evaluatedAt: minutesAgo(5),
    lastScan: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 14_000).toISOString(),
      subscriptions: 6,
      azureCalls: 143,
    },
  };
}

export function domainEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'dataplatform.contoso.com/azure-subscription-id':
          '60e9f4aa-84c0-4103-b35e-39abddbf9406',
      },
    },
    spec: { owner: `group:default/${name}-domain-owners` },
  };
}

export function dataProductEntity(name: string): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/hr-domain-owners',
      domain: 'hr',
      retentionClass: 'audit',
    },
  };
}

export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/dataplatform-retention' },
      response: { statusCode: status },
    },
    { status },
  );
}
