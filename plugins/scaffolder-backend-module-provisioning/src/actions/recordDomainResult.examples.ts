import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Last step of the provisioning template: record the subscription, workspace and Domain on the request, which notifies the requester',
    example: yaml.stringify({
      steps: [
        {
          id: 'result',
          name: 'Record the result on the request',
          action: 'dataplatform:domain-request:record-result',
          input: {
            requestId: '${{ steps.approval.output.requestId }}',
            subscriptionId: '${{ steps.subscription.output.subscriptionId }}',
            workspaceResourceId:
              '${{ steps.workspace.output.workspaceResourceId }}',
            domainEntityRef: 'domain:default/${{ steps.approval.output.name }}',
          },
        },
      ],
    }),
  },
];
