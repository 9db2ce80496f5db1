import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check the contract a data product skeleton brings, before the product is published; an invalid contract fails the task',
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          name: 'Fetch the data product skeleton',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: { name: '${{ parameters.name }}' },
          },
        },
        {
          id: 'validate-contract',
          name: 'Check the data contract',
          action: 'data-contract:validate',
          input: {
            path: './catalog/contracts/orders.odcs.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Check a contract pasted into a form field and report the verdict instead of failing, so the output page can list the errors',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          name: 'Check the data contract',
          action: 'data-contract:validate',
          input: {
            contract: '${{ parameters.contract }}',
            failOnInvalid: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Check a minimal contract composed from template parameters before it is written anywhere',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          name: 'Check the composed contract',
          action: 'data-contract:validate',
          input: {
            contract: {
              apiVersion: 'v3.1.0',
              kind: 'DataContract',
              id: '${{ parameters.contractId }}',
              name: '${{ parameters.name }}',
              version: '1.0.0',
              status: 'draft',
              domain: '${{ parameters.domain }}',
            },
          },
        },
      ],
    }),
  },
];
