import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Start the lease once its subscription is vended, so the lease task watches its cap and its end',
    example: yaml.stringify({
      steps: [
        {
          id: 'activate',
          name: 'Start the lease',
          action: 'dataplatform:sandbox-lease:activate',
          input: {
            leaseId: '${{ steps.lease.output.leaseId }}',
            subscriptionId: '${{ steps.subscription.output.subscriptionId }}',
          },
        },
      ],
    }),
  },
];
