import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Vend the production subscription of a new data domain under the domains management group, tagged per the tagging strategy',
    example: `steps:
  - id: vend
    name: Vend the domain subscription
    action: azure:subscription:vend
    input:
      aliasName: dp-domain-\${{ parameters.name }}
      displayName: dp-domain-\${{ parameters.name }}
      managementGroup: domains
      tags:
        domain: \${{ parameters.name }}
        owner: \${{ parameters.name }}-domain-owners
        costCenter: \${{ parameters.costCenter }}
        dataClassification: \${{ parameters.dataClassification }}
        dataResidency: \${{ parameters.dataResidency }}
        environment: production
        recoveryTier: standard
`,
  },
  {
    description:
      'Vend a DevTest innovation sandbox on an explicit billing scope, with its lease expiry as a tag; later steps use its subscription id',
    example: `steps:
  - id: vend
    name: Vend the sandbox subscription
    action: azure:subscription:vend
    input:
      aliasName: dp-sandbox-\${{ parameters.name }}
      displayName: dp-sandbox-\${{ parameters.name }}
      managementGroup: sandboxes
      workload: DevTest
      billingScope: /providers/Microsoft.Billing/billingAccounts/7098000/enrollmentAccounts/284551
      tags:
        domain: \${{ parameters.domain }}
        owner: \${{ parameters.domain }}-domain-owners
        costCenter: \${{ parameters.costCenter }}
        dataClassification: internal
        dataResidency: \${{ parameters.dataResidency }}
        environment: sandbox
        expiresOn: \${{ parameters.expiresOn }}
  - id: log
    name: Show the subscription
    action: debug:log
    input:
      message: Sandbox subscription \${{ steps.vend.output.subscriptionId }} at \${{ steps.vend.output.azurePortalUrl }}
`,
  },
];
