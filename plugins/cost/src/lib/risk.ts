import { Theme } from '@mui/material/styles';
import { CostRisk } from '@dataplatform/plugin-cost-common';

export interface RiskLook {
  label: string;
  /** What the risk means, for tooltips and text alternatives. */
  meaning: string;
  /** MUI chip colour. */
  chipColor: 'error' | 'warning' | 'success' | 'default';
  /** Filled for what has happened, outlined for what is forecast to. */
  chipVariant: 'filled' | 'outlined';
  /** The colour of arcs and bars, from the theme so it fits light and dark. */
  color: (theme: Theme) => string;
}

const grey = (theme: Theme) =>
  theme.palette.mode === 'dark'
    ? theme.palette.grey[400]
    : theme.palette.grey[600];

export const RISK_LOOKS: Record<CostRisk, RiskLook> = {
  'over-budget': {
    label: 'Over budget',
    meaning: 'The cost of this month so far has reached the monthly budget',
    chipColor: 'error',
    chipVariant: 'filled',
    color: theme => theme.palette.error.main,
  },
  'forecast-over-budget': {
    label: 'Forecast over budget',
    meaning: 'At this pace the month ends above the budget',
    chipColor: 'error',
    chipVariant: 'outlined',
    color: theme => theme.palette.error.main,
  },
  'at-risk': {
    label: 'At risk',
    meaning: 'The month is forecast to end at 90% of the budget or more',
    chipColor: 'warning',
    chipVariant: 'outlined',
    // warning.main is too light for thin arcs on white.
    color: theme => theme.palette.warning.dark,
  },
  'on-track': {
    label: 'On track',
    meaning: 'The month is forecast to end below 90% of the budget',
    chipColor: 'success',
    chipVariant: 'outlined',
    color: theme => theme.palette.success.main,
  },
  'no-budget': {
    label: 'No budget',
    meaning: 'The subscription has no monthly cost budget in Azure',
    chipColor: 'default',
    chipVariant: 'outlined',
    color: grey,
  },
  'no-data': {
    label: 'No data',
    meaning: 'No cost has been read from Azure for it yet',
    chipColor: 'default',
    chipVariant: 'outlined',
    color: grey,
  },
};

/** Risks from a newer backend still show, as "no data" with their own name. */
export function riskLook(risk: CostRisk): RiskLook {
  return RISK_LOOKS[risk] ?? { ...RISK_LOOKS['no-data'], label: risk };
}
