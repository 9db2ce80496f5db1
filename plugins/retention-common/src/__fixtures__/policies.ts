/** The example policy of the spec, as a document to edit in tests. */
export const examplePolicyText = `apiVersion: dataplatform.contoso.com/retention-policy/v1
kind: RetentionPolicy
metadata: { description: Contoso data platform retention baseline }
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
    - id: curated-layers
      title: Curated layers (silver, gold)
      blobContainers: [silver, gold]
      effectiveFrom: 2027-02-01
      require:
        totalDays: { min: 730 }
  recovery:
    defaults: { rpo: P1DT12H, rto: PT24H, strategy: backup-restore }
    minimumRto: { redeploy: PT12H, backup-restore: PT8H, warm-spare: PT1H, hot-spare: PT5M }
  overrides:
    - domain: hr
      category: audit-logs
      require: { totalDays: { min: 2555 } }
      reason: Works council agreement 2024-17 limits sign-in logs to 7 years.
`;

/** A fresh copy of the example policy as a plain document. */
export function exampleDocument(): any {
  return {
    apiVersion: 'dataplatform.contoso.com/retention-policy/v1',
    kind: 'RetentionPolicy',
    metadata: { description: 'Contoso data platform retention baseline' },
    spec: {
      atRiskHorizonDays: 90,
      categories: [
        {
          id: 'audit-logs',
          title: 'Audit trails in Log Analytics',
          logAnalyticsTables: [
            'AuditLogs',
            'AzureActivity',
            'LAQueryLogs',
            'StorageBlobLogs',
          ],
          require: { interactiveDays: { min: 30 }, totalDays: { min: 3650 } },
        },
        {
          id: 'bronze-layer',
          title: 'Bronze layer (raw data)',
          blobContainers: ['bronze'],
          require: { archiveAfterDays: { max: 180 }, totalDays: { min: 3650 } },
        },
        {
          id: 'audit-containers',
          title: 'Audit containers',
          blobContainers: ['audit'],
          require: {
            immutability: { minDays: 3650 },
            totalDays: { min: 3650 },
          },
        },
        {
          id: 'curated-layers',
          title: 'Curated layers (silver, gold)',
          blobContainers: ['silver', 'gold'],
          effectiveFrom: '2027-02-01',
          require: { totalDays: { min: 730 } },
        },
      ],
      recovery: {
        defaults: { rpo: 'P1DT12H', rto: 'PT24H', strategy: 'backup-restore' },
        minimumRto: {
          redeploy: 'PT12H',
          'backup-restore': 'PT8H',
          'warm-spare': 'PT1H',
          'hot-spare': 'PT5M',
        },
      },
      overrides: [
        {
          domain: 'hr',
          category: 'audit-logs',
          require: { totalDays: { min: 2555 } },
          reason:
            'Works council agreement 2024-17 limits sign-in logs to 7 years.',
        },
      ],
    },
  };
}
