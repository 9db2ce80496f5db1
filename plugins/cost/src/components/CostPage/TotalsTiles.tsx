import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import { EstateCost } from '@dataplatform/plugin-cost-common';
import { change, money, percent } from '../../lib/format';

function Tile(props: { term: string; value: string; note?: ReactNode }) {
  return (
    <Box
      role="group"
      aria-label={props.term}
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 2,
        p: 2,
        bgcolor: 'background.paper',
      }}
    >
      <Box sx={{ color: 'text.secondary', fontSize: '0.8125rem' }}>
        {props.term}
      </Box>
      <Box sx={{ fontSize: '1.5rem', fontWeight: 700, mt: 0.5 }}>
        {props.value}
      </Box>
      {props.note && (
        <Box sx={{ color: 'text.secondary', fontSize: '0.75rem', mt: 0.5 }}>
          {props.note}
        </Box>
      )}
    </Box>
  );
}

/** (a − b) / b × 100, one decimal; null when b is 0. */
export function changePercent(
  current: number,
  previous: number,
): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

function forecastNote(totals: EstateCost['totals']): string {
  if (totals.forecastMonthEnd === null) {
    return 'Azure gave no forecast for the estate';
  }
  if (totals.budget <= 0) return "Azure's forecast for the estate";
  const share =
    Math.round((totals.forecastMonthEnd / totals.budget) * 1000) / 10;
  return `${percent(share)} of the budgets; Azure's forecast for the estate`;
}

/** Month to date, forecast, budgets and active alerts of the whole estate. */
export function TotalsTiles(props: { estate: EstateCost }) {
  const { totals, currency, domains } = props.estate;
  const delta = change(
    changePercent(totals.monthToDate, totals.lastMonthToDate),
  );
  const withoutBudget = domains.filter(
    d => d.summary && d.summary.budget === null,
  ).length;
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
      }}
    >
      <Tile
        term="Month to date"
        value={money(totals.monthToDate, currency)}
        note={
          delta
            ? `${delta} vs the same days last month (${money(
                totals.lastMonthToDate,
                currency,
              )})`
            : 'No cost on the same days last month'
        }
      />
      <Tile
        term="Forecast at month end"
        value={money(totals.forecastMonthEnd, currency)}
        note={forecastNote(totals)}
      />
      <Tile
        term="Budgets"
        value={money(totals.budget, currency)}
        note={`Sum of the domains' monthly budgets${
          withoutBudget > 0
            ? `; ${withoutBudget} ${
                withoutBudget === 1 ? 'domain has' : 'domains have'
              } none`
            : ''
        }`}
      />
      <Tile
        term="Active alerts"
        value={totals.activeAlerts.toLocaleString('en-US')}
        note="Budget, forecast and anomaly alerts not resolved"
      />
    </Box>
  );
}
