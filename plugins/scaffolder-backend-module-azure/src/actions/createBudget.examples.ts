import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Put the monthly budget on a freshly vended domain subscription, alerting the owner group at the platform default thresholds',
    example: `steps:
  - id: budget
    name: Create the domain budget
    action: azure:budget:create
    input:
      subscriptionId: \${{ steps.vend.output.subscriptionId }}
      budgetName: budget-dp-domain-\${{ parameters.name }}
      amount: \${{ parameters.monthlyBudget }}
      contactEmails:
        - \${{ parameters.ownerEmail }}
`,
  },
  {
    description:
      'A quarterly budget starting on a given month, with its own thresholds and an action group that pages the platform team',
    example: `steps:
  - id: budget
    name: Create the quarterly budget
    action: azure:budget:create
    input:
      subscriptionId: \${{ parameters.subscriptionId }}
      budgetName: budget-dp-quarterly-\${{ parameters.name }}
      amount: 30000
      timeGrain: Quarterly
      startDate: \${{ parameters.startDate }}
      contactEmails:
        - \${{ parameters.ownerEmail }}
        - finops@contoso.com
      contactGroups:
        - /subscriptions/cf42f937-d5b8-4963-acb4-c9cc14578aaf/resourceGroups/rg-dp-platform-alerts/providers/microsoft.insights/actionGroups/ag-platform-oncall
      notifications:
        - threshold: 90
          thresholdType: Actual
        - threshold: 110
          thresholdType: Forecasted
`,
  },
];
