import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register a rendered data product and its contract (`definition: { $text: ./contract.odcs.yaml }`): straight into the portal, or by pull request where the portal is configured so',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          name: 'Register the data product',
          action: 'dataplatform:catalog:publish',
          input: {
            filePath: './catalog-info.yaml',
            key: 'data-product:${{ parameters.name }}',
          },
        },
        {
          id: 'pull-request',
          name: 'Propose the data product to the platform repository',
          if: "${{ steps.publish.output.mode === 'pull-request' }}",
          action: 'publish:github:pull-request',
          input: {
            repoUrl: '${{ steps.publish.output.repoUrl }}',
            branchName: '${{ steps.publish.output.branchName }}',
            targetPath: '${{ steps.publish.output.targetPath }}',
            title: 'Data product ${{ parameters.name }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Register a provisioned domain under a key of its own, so provisioning it again replaces the entity instead of adding one',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          name: 'Register the domain',
          action: 'dataplatform:catalog:publish',
          input: {
            filePath: './domain/catalog-info.yaml',
            key: 'domain:${{ steps.approval.output.name }}',
          },
        },
      ],
    }),
  },
];
