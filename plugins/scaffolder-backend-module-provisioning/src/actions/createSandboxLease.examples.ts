import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Open a lease from the "Lease an innovation sandbox" form; the plan feeds the vending steps and its tags carry the lease id',
    example: yaml.stringify({
      steps: [
        {
          id: 'lease',
          name: 'Check the policy and open the lease',
          action: 'dataplatform:sandbox-lease:create',
          input: {
            name: '${{ parameters.name }}',
            purpose: '${{ parameters.purpose }}',
            ownerGroup: '${{ parameters.ownerGroup }}',
            costCenter: '${{ parameters.costCenter }}',
            dataResidency: '${{ parameters.dataResidency }}',
            durationDays: '${{ parameters.durationDays }}',
            budgetCap: '${{ parameters.budgetCap }}',
          },
        },
        {
          id: 'subscription',
          name: 'Vend the sandbox subscription',
          action: 'azure:subscription:vend',
          input: {
            aliasName: '${{ steps.lease.output.plan.subscription.aliasName }}',
            managementGroup: 'sandboxes',
            tags: '${{ steps.lease.output.plan.subscription.tags }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'A two-week sandbox with a small cap for a hackathon team, with fixed values',
    example: yaml.stringify({
      steps: [
        {
          id: 'lease',
          name: 'Open the hackathon sandbox',
          action: 'dataplatform:sandbox-lease:create',
          input: {
            name: 'hack-forecasting',
            purpose:
              'Hackathon: try demand forecasting on synthetic sales data',
            ownerGroup: 'group:default/sales-owners',
            costCenter: 'CC-2020',
            dataResidency: 'us',
            durationDays: 14,
            budgetCap: 200,
          },
        },
      ],
    }),
  },
];
