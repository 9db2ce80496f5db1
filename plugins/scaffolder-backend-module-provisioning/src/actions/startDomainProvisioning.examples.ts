import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'First step of the provisioning template: refuse a request that is not approved, then vend the subscription its plan describes',
    example: yaml.stringify({
      steps: [
        {
          id: 'approval',
          name: "Check the platform team's approval",
          action: 'dataplatform:domain-request:start-provisioning',
          input: { requestId: '${{ parameters.requestId }}' },
        },
        {
          id: 'subscription',
          name: 'Vend the subscription',
          action: 'azure:subscription:vend',
          input: {
            aliasName:
              '${{ steps.approval.output.plan.subscription.aliasName }}',
            displayName:
              '${{ steps.approval.output.plan.subscription.displayName }}',
            managementGroup: 'domains',
            tags: '${{ steps.approval.output.plan.subscription.tags }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Render the Domain entity from the approved request, so the catalog records who asked and who approved',
    example: yaml.stringify({
      steps: [
        {
          id: 'approval',
          name: "Check the platform team's approval",
          action: 'dataplatform:domain-request:start-provisioning',
          input: { requestId: '${{ parameters.requestId }}' },
        },
        {
          id: 'render',
          name: 'Describe the domain for the catalog',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: {
              name: '${{ steps.approval.output.name }}',
              ownerGroup: '${{ steps.approval.output.ownerGroup }}',
              requestedBy: '${{ steps.approval.output.requestedBy }}',
              approvedBy: '${{ steps.approval.output.approvedBy }}',
              approvedAt: '${{ steps.approval.output.approvedAt }}',
            },
          },
        },
      ],
    }),
  },
];
