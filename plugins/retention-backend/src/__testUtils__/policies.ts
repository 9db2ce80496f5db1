/**
 * A valid policy: the baseline's categories and an override for hr that
 * relaxes its audit logs to seven years, with the reason it needs.
 */
export const VALID_POLICY_YAML = `apiVersion: dataplatform.contoso.com/retention-policy/v1
kind: RetentionPolicy
metadata: { description: Retention backend test policy }
spec:
  atRiskHorizonDays: 90
  categories:
    - id: audit-logs
      title: Audit trails in Log Analytics
      logAnalyticsTables: [AuditLogs, AzureActivity, LAQueryLogs, StorageBlobLogs]
      require:
        interactiveDays: { min: 30 }
        totalDays: { min: 3650 }
    - id: bronze-layer
      title: Bronze layer (raw data)
      blobContainers: [bronze]
      require:
        archiveAfterDays: { max: 180 }
        totalDays: { min: 3650 }
    - id: audit-containers
      title: Audit containers
      blobContainers: [audit]
      require:
        immutability: { minDays: 3650 }
        totalDays: { min: 3650 }
  overrides:
    - domain: hr
      category: audit-logs
      require: { totalDays: { min: 2555 } }
      reason: Works council agreement 2024-17 limits sign-in logs to 7 years.
`;

/**
 * Two mistakes: a Log Analytics requirement on a blob category, and an
 * override that relaxes the policy without a reason.
 */
export const INVALID_POLICY_YAML = VALID_POLICY_YAML.replace(
  'archiveAfterDays: { max: 180 }',
  'archiveAfterDays: { max: 180 }\n        interactiveDays: { min: 30 }',
).replace(
  '      reason: Works council agreement 2024-17 limits sign-in logs to 7 years.\n',
  '',
);
