import { Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import { BudgetView } from '@dataplatform/plugin-cost-common';
import { money, percent } from '../lib/format';
import { OnTrackIcon, OverBudgetIcon } from './icons';

/**
 * The budget's notification thresholds, actual ones first then forecast
 * ones, each lowest first, with the reached ones marked in words and
 * colour: "Actual 80% (12,000 USD): reached".
 */
export function Thresholds(props: { budget: BudgetView }) {
  const { budget } = props;
  const notifications = [...budget.notifications].sort(
    (a, b) =>
      Number(a.thresholdType === 'Forecasted') -
        Number(b.thresholdType === 'Forecasted') ||
      a.thresholdPercent - b.thresholdPercent,
  );
  if (notifications.length === 0) {
    return (
      <Text as="p" variant="body-small" color="secondary" style={{ margin: 0 }}>
        Budget {budget.name} sends no notifications.
      </Text>
    );
  }
  return (
    <Box
      component="ul"
      aria-label={`Thresholds of ${budget.name}`}
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        display: 'flex',
        flexWrap: 'wrap',
        gap: 0.75,
      }}
    >
      {notifications.map(n => {
        const Icon = n.reached ? OverBudgetIcon : OnTrackIcon;
        const kind = n.thresholdType === 'Forecasted' ? 'Forecast' : 'Actual';
        return (
          <Box
            component="li"
            key={n.name}
            data-reached={n.reached}
            title={`${n.name}: ${n.operator} ${percent(n.thresholdPercent)}${
              n.enabled ? '' : ' (disabled)'
            }`}
            sx={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 0.5,
              px: 1,
              py: 0.25,
              borderRadius: 4,
              border: 1,
              fontSize: '0.75rem',
              borderColor: n.reached ? 'error.main' : 'divider',
              color: n.enabled ? 'text.primary' : 'text.disabled',
            }}
          >
            <Icon
              aria-hidden
              sx={{
                fontSize: '1rem',
                color: n.reached ? 'error.main' : 'success.main',
              }}
            />
            {kind} {percent(n.thresholdPercent)} (
            {money(n.thresholdAmount, budget.currency)}):{' '}
            {n.reached ? 'reached' : 'not reached'}
            {!n.enabled && ', disabled'}
          </Box>
        );
      })}
    </Box>
  );
}
