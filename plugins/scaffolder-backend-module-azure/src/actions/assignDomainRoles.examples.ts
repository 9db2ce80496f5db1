import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      "Give the domain's owner group the domain owner roles (Contributor, Monitoring Contributor, Cost Management Reader) on its new subscription",
    example: `steps:
  - id: roles
    name: Assign the domain owner roles
    action: azure:rbac:assign-domain-roles
    input:
      subscriptionId: \${{ steps.vend.output.subscriptionId }}
      principalId: \${{ parameters.ownerGroupObjectId }}
      principalGroup: \${{ parameters.ownerGroup }}
`,
  },
  {
    description:
      'Give a sandbox owner group only Contributor, and a reader group read access, as two steps',
    example: `steps:
  - id: owner-roles
    name: Sandbox owners may build
    action: azure:rbac:assign-domain-roles
    input:
      subscriptionId: \${{ parameters.subscriptionId }}
      principalId: \${{ parameters.ownerGroupObjectId }}
      principalGroup: \${{ parameters.ownerGroup }}
      roles:
        - Contributor
  - id: reader-roles
    name: Auditors may read
    action: azure:rbac:assign-domain-roles
    input:
      subscriptionId: \${{ parameters.subscriptionId }}
      principalId: \${{ parameters.auditorsObjectId }}
      principalGroup: group:default/platform-auditors
      roles:
        - Reader
        - Cost Management Reader
`,
  },
];
