import { Card, CardBody, Grid, Text } from '@backstage/ui';
import { AzureEstate } from '@dataplatform/plugin-azure-common';
import { SUBSCRIPTION_ROLES, rolePluralLabel } from './format';

function Count(props: {
  label: string;
  value: number;
  tone?: 'warning' | 'success';
}) {
  return (
    <Card>
      <CardBody>
        <Text as="div" variant="title-medium" color={props.tone}>
          {props.value}
        </Text>
        <Text as="div" variant="body-small" color="secondary">
          {props.label}
        </Text>
      </CardBody>
    </Card>
  );
}

/** Subscription counts: in total, per role, and how many break the tagging strategy. */
export function EstateSummary(props: { estate: AzureEstate }) {
  const { subscriptions } = props.estate;
  const nonCompliant = subscriptions.filter(s => s.tagProblems.length > 0);
  return (
    <section aria-label="Summary">
      <Grid.Root columns={{ initial: '2', sm: '4', lg: '7' }} gap="3">
        <Count label="Subscriptions" value={subscriptions.length} />
        {SUBSCRIPTION_ROLES.map(role => (
          <Count
            key={role}
            label={rolePluralLabel(role)}
            value={subscriptions.filter(s => s.role === role).length}
          />
        ))}
        <Count
          label="Not compliant with the tagging strategy"
          value={nonCompliant.length}
          tone={nonCompliant.length > 0 ? 'warning' : 'success'}
        />
      </Grid.Root>
    </section>
  );
}
