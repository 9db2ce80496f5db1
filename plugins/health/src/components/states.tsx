import { ComponentType } from 'react';
import Box from '@mui/material/Box';
import Chip, { ChipProps } from '@mui/material/Chip';
import { SvgIconProps } from '@mui/material/SvgIcon';
import Stack from '@mui/material/Stack';
import { HEALTH_STATES, HealthState } from '@dataplatform/plugin-health-common';
import { UnknownIcon } from '@dataplatform/portal-react';
import { DegradedIcon, HealthyIcon, UnhealthyIcon } from './icons';

interface StateLook {
  label: string;
  /** MUI palette colour of chips. */
  chipColor: ChipProps['color'];
  /** Theme colour path for icons, cells and borders. */
  color: string;
  Icon: ComponentType<SvgIconProps>;
  /** What the state means, for tooltips. */
  meaning: string;
}

export const STATE_LOOKS: Record<HealthState, StateLook> = {
  healthy: {
    label: 'Healthy',
    chipColor: 'success',
    color: 'success.main',
    Icon: HealthyIcon,
    meaning: 'Every signal is within its thresholds',
  },
  degraded: {
    label: 'Degraded',
    chipColor: 'warning',
    color: 'warning.main',
    Icon: DegradedIcon,
    meaning:
      'A signal reached its degraded threshold, or a dependency is unhealthy',
  },
  unhealthy: {
    label: 'Unhealthy',
    chipColor: 'error',
    color: 'error.main',
    Icon: UnhealthyIcon,
    meaning: 'A signal reached its unhealthy threshold',
  },
  unknown: {
    label: 'Unknown',
    chipColor: 'default',
    color: 'grey.500',
    Icon: UnknownIcon,
    meaning:
      'No fresh value: a query failed, returned no data, or nothing was evaluated yet',
  },
};

/** Unexpected states from a newer backend still show, as unknown. */
export function lookOf(state: HealthState): StateLook {
  return STATE_LOOKS[state] ?? { ...STATE_LOOKS.unknown, label: state };
}

/** The state's icon in its colour; the text beside it carries the meaning. */
export function StateIcon(props: {
  state: HealthState;
  fontSize?: SvgIconProps['fontSize'];
}) {
  const look = lookOf(props.state);
  return (
    <look.Icon
      fontSize={props.fontSize ?? 'small'}
      sx={{ color: look.color, flexShrink: 0 }}
      aria-hidden
    />
  );
}

/** A state as a chip: icon and word in the state's colour, never colour alone. */
export function StateChip(props: {
  state: HealthState;
  size?: 'small' | 'medium' | 'large';
}) {
  const look = lookOf(props.state);
  const large = props.size === 'large';
  return (
    <Chip
      size={props.size === 'small' ? 'small' : 'medium'}
      color={look.chipColor}
      label={look.label}
      title={look.meaning}
      icon={<look.Icon fontSize={large ? 'medium' : 'small'} aria-hidden />}
      data-state={props.state}
      sx={
        large
          ? { height: 40, fontSize: '1.1rem', fontWeight: 600, px: 1 }
          : undefined
      }
    />
  );
}

/** How many signals are in each state, as small chips, worst first; zeros left out. */
export function SignalCountChips(props: {
  counts: Partial<Record<HealthState, number>>;
}) {
  const shown = [...HEALTH_STATES]
    .reverse()
    .filter(state => (props.counts[state] ?? 0) > 0);
  if (shown.length === 0) {
    return (
      <Box component="span" sx={{ color: 'text.secondary' }}>
        No signals
      </Box>
    );
  }
  return (
    <Stack
      direction="row"
      spacing={0.5}
      useFlexGap
      flexWrap="wrap"
      component="ul"
      aria-label="Signals by state"
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {shown.map(state => {
        const look = lookOf(state);
        const count = props.counts[state] ?? 0;
        const text = `${count} ${look.label.toLocaleLowerCase('en')}`;
        return (
          <li key={state}>
            <Chip
              size="small"
              variant="outlined"
              color={look.chipColor}
              icon={<look.Icon fontSize="small" aria-hidden />}
              label={text}
              title={`${text} signal${count === 1 ? '' : 's'}`}
            />
          </li>
        );
      })}
    </Stack>
  );
}
