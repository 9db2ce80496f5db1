import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import {
  CostAlertKind,
  CostAlertStatus,
  CostAlertView,
} from '@dataplatform/plugin-cost-common';
import {
  domainPath,
  longDay,
  money,
  percent,
  sandboxPath,
} from '../lib/format';
import { AtRiskIcon, OverBudgetIcon } from './icons';
import { PortalLink } from './panels';

export const ALERT_KIND_LABELS: Record<CostAlertKind, string> = {
  budget: 'Budget',
  forecast: 'Forecast',
  anomaly: 'Anomaly',
  other: 'Other',
};

export const ALERT_STATUS_LABELS: Record<CostAlertStatus, string> = {
  active: 'Active',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

/** "Threshold 80% of 15,000 USD · raised 24 Nov 2026": the figures beside the title. */
export function alertFacts(alert: CostAlertView): string {
  const facts: string[] = [];
  if (alert.thresholdPercent !== undefined) {
    facts.push(
      `threshold ${percent(alert.thresholdPercent)}${
        alert.amount !== undefined
          ? ` of ${money(alert.amount, alert.currency)}`
          : ''
      }`,
    );
  }
  if (alert.kind === 'anomaly' && alert.expected !== undefined) {
    facts.push(`usually ${money(alert.expected, alert.currency)} a day`);
  }
  facts.push(
    `${alert.kind === 'anomaly' ? 'on' : 'raised'} ${longDay(alert.raisedAt)}`,
  );
  const text = facts.join(' · ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** Red for spend that happened, amber for a forecast, grey once over. */
function iconColor(alert: CostAlertView): string {
  if (alert.status !== 'active') return 'text.disabled';
  return alert.kind === 'forecast' || alert.kind === 'other'
    ? 'warning.dark'
    : 'error.main';
}

/**
 * Alerts, one per line: kind, title, threshold and date, where it belongs
 * (on the page) and where to see it in Azure.
 */
export function AlertList(props: {
  alerts: CostAlertView[];
  label: string;
  /** Name the domain or sandbox of each alert (the estate feed). */
  showOwner?: boolean;
  /** Show the status of each alert (lists that mix statuses). */
  showStatus?: boolean;
}) {
  return (
    <Box
      component="ul"
      aria-label={props.label}
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}
    >
      {props.alerts.map(alert => {
        const Icon = alert.kind === 'budget' ? OverBudgetIcon : AtRiskIcon;
        const active = alert.status === 'active';
        return (
          <Box
            component="li"
            key={alert.id}
            data-kind={alert.kind}
            data-status={alert.status}
            sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
          >
            <Icon
              fontSize="small"
              aria-hidden
              sx={{
                mt: '2px',
                color: iconColor(alert),
              }}
            />
            <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
              <Text as="div" variant="body-small" weight="bold">
                {alert.title}
              </Text>
              <Flex gap="1" align="center" style={{ flexWrap: 'wrap' }}>
                <Chip
                  size="small"
                  variant="outlined"
                  label={ALERT_KIND_LABELS[alert.kind] ?? alert.kind}
                />
                {props.showStatus && (
                  <Chip
                    size="small"
                    variant={active ? 'filled' : 'outlined'}
                    color={active ? 'warning' : 'default'}
                    label={ALERT_STATUS_LABELS[alert.status] ?? alert.status}
                  />
                )}
                <Text as="span" variant="body-x-small" color="secondary">
                  {alertFacts(alert)}
                </Text>
              </Flex>
              {props.showOwner && (alert.domain || alert.sandbox) && (
                <Text as="span" variant="body-x-small">
                  {alert.domain ? (
                    <>
                      Domain{' '}
                      <Link to={domainPath(alert.domain)}>{alert.domain}</Link>
                    </>
                  ) : (
                    <>
                      Sandbox{' '}
                      <Link to={sandboxPath(alert.sandbox!)}>
                        {alert.sandbox}
                      </Link>
                    </>
                  )}
                </Text>
              )}
              {alert.detail && (
                <Text as="span" variant="body-x-small" color="secondary">
                  {alert.detail}
                </Text>
              )}
              <Text as="span" variant="body-x-small">
                <PortalLink href={alert.portalUrl}>
                  See it in the Azure portal
                </PortalLink>
              </Text>
            </Flex>
          </Box>
        );
      })}
    </Box>
  );
}
