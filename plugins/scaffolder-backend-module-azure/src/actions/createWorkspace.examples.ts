import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      "Create a domain's monitoring workspace with the platform baseline: 90 days interactive, audit tables kept 10 years",
    example: `steps:
  - id: workspace
    name: Create the monitoring workspace
    action: azure:monitor:create-workspace
    input:
      subscriptionId: \${{ steps.vend.output.subscriptionId }}
      resourceGroupName: rg-dp-\${{ parameters.name }}-monitoring
      workspaceName: log-dp-\${{ parameters.name }}
      region: \${{ parameters.primaryRegion }}
      tags:
        domain: \${{ parameters.name }}
        costCenter: \${{ parameters.costCenter }}
`,
  },
  {
    description:
      'A workspace with a year of interactive retention that keeps only the activity log and the Entra ID audit log, for seven years',
    example: `steps:
  - id: workspace
    name: Create the audit workspace
    action: azure:monitor:create-workspace
    input:
      subscriptionId: \${{ parameters.subscriptionId }}
      resourceGroupName: rg-dp-audit
      workspaceName: log-dp-audit-\${{ parameters.name }}
      region: westeurope
      retentionInDays: 365
      auditTables:
        - AzureActivity
        - AuditLogs
      auditTotalRetentionInDays: 2556
`,
  },
];
