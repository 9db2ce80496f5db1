import { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  BudgetNotificationSpec,
  DomainPlan,
  DomainRequestInput,
  findRegion,
  RECOVERY_TIERS,
  RESIDENCY_LABELS,
} from '@dataplatform/plugin-provisioning-common';
import { Fact, Facts } from '../Facts';
import { formatAmount, formatHours, formatRetention } from '../../lib/format';

function regionText(name: string): string {
  const region = findRegion(name);
  return region ? `${region.displayName} (${name})` : name;
}

/** "50% actual", "100% forecast". */
export function notificationText(notification: BudgetNotificationSpec): string {
  return `${notification.threshold}% ${
    notification.thresholdType === 'Forecasted' ? 'forecast' : 'actual'
  }`;
}

function Section(props: { title: string; children: ReactNode }) {
  const id = `plan-${props.title.toLocaleLowerCase('en').replace(/\W+/g, '-')}`;
  return (
    <Box component="section" aria-labelledby={id}>
      <Typography id={id} variant="subtitle1" component="h3" sx={{ mb: 1 }}>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * Everything approving a domain request creates in Azure, as the backend
 * planned it: what the approver signs off.
 */
/** Short values side by side as chips, read out as one list. */
function ChipList(props: {
  label: string;
  chips: Array<{ key: string; label: string; variant?: 'outlined' }>;
}) {
  return (
    <Box
      component="ul"
      aria-label={props.label}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 0.5,
        p: 0,
        m: 0,
        listStyle: 'none',
      }}
    >
      {props.chips.map(chip => (
        <li key={chip.key}>
          <Chip size="small" variant={chip.variant} label={chip.label} />
        </li>
      ))}
    </Box>
  );
}

export function DomainPlanView(props: {
  plan: DomainPlan;
  input: DomainRequestInput;
}) {
  const { plan, input } = props;
  const tier = RECOVERY_TIERS[plan.recovery.tier];
  const residency =
    RESIDENCY_LABELS[input.dataResidency] ?? input.dataResidency;
  return (
    <Stack spacing={3}>
      <Section title="Subscription">
        <Facts label="Subscription">
          <Fact label="Alias">
            <code>{plan.subscription.aliasName}</code>
          </Fact>
          <Fact label="Display name">{plan.subscription.displayName}</Fact>
          <Fact label="Management group">
            <code>{plan.subscription.managementGroupId}</code>
          </Fact>
          <Fact label="Tags">
            <ChipList
              label="Tags"
              chips={Object.entries(plan.subscription.tags).map(
                ([key, value]) => ({
                  key,
                  label: `${key}: ${value}`,
                  variant: 'outlined' as const,
                }),
              )}
            />
          </Fact>
        </Facts>
      </Section>

      <Section title="Budget">
        <Facts label="Budget">
          <Fact label="Name">
            <code>{plan.budget.name}</code>
          </Fact>
          <Fact label="Amount">
            {formatAmount(plan.budget.amount)} per month
          </Fact>
          <Fact label="Notifications">
            <ChipList
              label="Budget notifications"
              chips={plan.budget.notifications.map(n => ({
                key: `${n.threshold}-${n.thresholdType}`,
                label: notificationText(n),
              }))}
            />
          </Fact>
          <Fact label="Contacts">{plan.budget.contactEmails.join(', ')}</Fact>
        </Facts>
      </Section>

      <Section title="Role assignments">
        <Box
          component="ul"
          aria-label="Role assignments"
          sx={{ m: 0, pl: 2.5 }}
        >
          {plan.roleAssignments.map(assignment => (
            <li key={`${assignment.roleName}-${assignment.principalGroup}`}>
              {assignment.roleName} →{' '}
              <EntityRefLink
                entityRef={assignment.principalGroup}
                defaultKind="group"
              />
            </li>
          ))}
        </Box>
      </Section>

      <Section title="Log Analytics workspace">
        <Facts label="Log Analytics workspace">
          <Fact label="Name">
            <code>{plan.workspace.name}</code>
          </Fact>
          <Fact label="Resource group">
            <code>{plan.workspace.resourceGroupName}</code>
          </Fact>
          <Fact label="Region">{regionText(plan.workspace.region)}</Fact>
          <Fact label="Interactive retention">
            {formatRetention(plan.workspace.retentionInDays)}
          </Fact>
          <Fact label="Audit tables">
            {plan.workspace.auditTables.join(', ')}
          </Fact>
          <Fact label="Audit retention in total">
            {formatRetention(plan.workspace.auditTotalRetentionInDays)}
          </Fact>
        </Facts>
      </Section>

      <Section title="Regions and recovery">
        <Facts label="Regions and recovery">
          <Fact label="Primary → paired region">
            {regionText(plan.region.primary)} →{' '}
            {plan.region.paired ? regionText(plan.region.paired) : 'none'}
          </Fact>
          <Fact label="Recovery tier">{tier?.label ?? plan.recovery.tier}</Fact>
          <Fact label="Recovery point (RPO)">
            {formatHours(plan.recovery.rpoHours)}
          </Fact>
          <Fact label="Recovery time (RTO)">
            {formatHours(plan.recovery.rtoHours)}
          </Fact>
        </Facts>
        {!plan.region.pairedRegionInResidency && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            The paired region{' '}
            {plan.region.paired ? regionText(plan.region.paired) : ''} lies
            outside the {residency} residency: geo-redundant replication stays
            off, so recovery relies on backups within the residency.
          </Alert>
        )}
      </Section>
    </Stack>
  );
}
