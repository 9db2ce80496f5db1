import { ComponentType } from 'react';
import Chip from '@mui/material/Chip';
import { SvgIconProps } from '@mui/material/SvgIcon';
import { CostRisk } from '@dataplatform/plugin-cost-common';
import { riskLook } from '../lib/risk';
import { AtRiskIcon, NoBudgetIcon, OnTrackIcon, OverBudgetIcon } from './icons';

const RISK_ICONS: Record<CostRisk, ComponentType<SvgIconProps>> = {
  'over-budget': OverBudgetIcon,
  'forecast-over-budget': AtRiskIcon,
  'at-risk': AtRiskIcon,
  'on-track': OnTrackIcon,
  'no-budget': NoBudgetIcon,
  'no-data': NoBudgetIcon,
};

/** A risk as a chip: icon and word, never colour alone. */
export function RiskChip(props: { risk: CostRisk; size?: 'small' | 'medium' }) {
  const look = riskLook(props.risk);
  const Icon = RISK_ICONS[props.risk] ?? NoBudgetIcon;
  return (
    <Chip
      size={props.size ?? 'small'}
      color={look.chipColor}
      variant={look.chipVariant}
      label={look.label}
      title={look.meaning}
      icon={<Icon fontSize="small" aria-hidden />}
      data-risk={props.risk}
    />
  );
}
