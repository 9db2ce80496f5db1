import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Submit what a person entered in the "Request a data domain" form; the output links to the request and shows what approval will create',
    example: yaml.stringify({
      steps: [
        {
          id: 'submit',
          name: 'Submit the request for approval',
          action: 'dataplatform:domain-request:submit',
          input: {
            name: '${{ parameters.name }}',
            title: '${{ parameters.title }}',
            description: '${{ parameters.description }}',
            ownerGroup: '${{ parameters.ownerGroup }}',
            costCenter: '${{ parameters.costCenter }}',
            dataClassification: '${{ parameters.dataClassification }}',
            dataResidency: '${{ parameters.dataResidency }}',
            primaryRegion: '${{ parameters.primaryRegion }}',
            monthlyBudget: '${{ parameters.monthlyBudget }}',
            recoveryTier: '${{ parameters.recoveryTier }}',
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Follow your request',
            url: '${{ steps.submit.output.requestUrl }}',
          },
        ],
      },
    }),
  },
  {
    description:
      'Request a mission-critical EU domain with fixed values, e.g. from a template dedicated to one business unit',
    example: yaml.stringify({
      steps: [
        {
          id: 'submit',
          name: 'Request the treasury domain',
          action: 'dataplatform:domain-request:submit',
          input: {
            name: 'treasury',
            title: 'Treasury',
            description: 'Cash positions, liquidity forecasts and FX exposure',
            ownerGroup: 'group:default/finance-domain-owners',
            costCenter: 'CC-1010',
            dataClassification: 'restricted',
            dataResidency: 'eu',
            primaryRegion: 'germanywestcentral',
            monthlyBudget: 12000,
            recoveryTier: 'mission-critical',
          },
        },
      ],
    }),
  },
];
