import { ComponentType } from 'react';
import Chip, { ChipProps } from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { SvgIconProps } from '@mui/material/SvgIcon';
import {
  VERDICTS,
  Verdict,
  VerdictCounts,
} from '@dataplatform/plugin-retention-common';
import { UnknownIcon } from '@dataplatform/portal-react';
import { AtRiskIcon, CompliantIcon, ViolationIcon } from './icons';

interface VerdictLook {
  label: string;
  /** "1 violation", "3 violations". */
  count: (n: number) => string;
  /** MUI palette colour of chips. */
  chipColor: ChipProps['color'];
  /** Theme colour path for icons and borders. */
  color: string;
  Icon: ComponentType<SvgIconProps>;
  /** What the verdict means, for tooltips. */
  meaning: string;
}

const n = (count: number) => count.toLocaleString('en-US');

export const VERDICT_LOOKS: Record<Verdict, VerdictLook> = {
  violation: {
    label: 'Violation',
    count: c => `${n(c)} ${c === 1 ? 'violation' : 'violations'}`,
    chipColor: 'error',
    color: 'error.main',
    Icon: ViolationIcon,
    meaning: 'Azure does not keep the data or its copy as the policy requires',
  },
  'at-risk': {
    label: 'At risk',
    count: c => `${n(c)} at risk`,
    chipColor: 'warning',
    color: 'warning.main',
    Icon: AtRiskIcon,
    meaning:
      'Meets the requirement today, but can be undone or falls short of a requirement coming into force',
  },
  unknown: {
    label: 'Unknown',
    count: c => `${n(c)} unknown`,
    chipColor: 'default',
    color: 'grey.600',
    Icon: UnknownIcon,
    meaning: 'Could not be read from Azure, or nothing was evaluated',
  },
  compliant: {
    label: 'Compliant',
    count: c => `${n(c)} compliant`,
    chipColor: 'success',
    color: 'success.main',
    Icon: CompliantIcon,
    meaning: 'Azure keeps the data and its copy as the policy requires',
  },
};

/** Unexpected verdicts from a newer backend still show, as unknown. */
export function lookOf(verdict: Verdict): VerdictLook {
  return VERDICT_LOOKS[verdict] ?? { ...VERDICT_LOOKS.unknown, label: verdict };
}

/** The verdict's icon in its colour; the text beside it carries the meaning. */
export function VerdictIcon(props: {
  verdict: Verdict;
  fontSize?: SvgIconProps['fontSize'];
}) {
  const look = lookOf(props.verdict);
  return (
    <look.Icon
      fontSize={props.fontSize ?? 'small'}
      sx={{ color: look.color, flexShrink: 0 }}
      aria-hidden
    />
  );
}

/** A verdict as a chip: icon and word in the verdict's colour, never colour alone. */
export function VerdictChip(props: {
  verdict: Verdict;
  size?: 'small' | 'medium' | 'large';
}) {
  const look = lookOf(props.verdict);
  const large = props.size === 'large';
  return (
    <Chip
      size={props.size === 'small' ? 'small' : 'medium'}
      color={look.chipColor}
      label={look.label}
      title={look.meaning}
      icon={<look.Icon fontSize={large ? 'medium' : 'small'} aria-hidden />}
      data-verdict={props.verdict}
      sx={
        large
          ? { height: 40, fontSize: '1.1rem', fontWeight: 600, px: 1 }
          : undefined
      }
    />
  );
}

/**
 * How many findings have each verdict, worst first. Zeros are shown too:
 * "0 violations" is the news a domain owner looks for.
 */
export function VerdictCountChips(props: {
  counts: Partial<VerdictCounts>;
  label?: string;
}) {
  return (
    <Stack
      direction="row"
      spacing={0.5}
      useFlexGap
      flexWrap="wrap"
      component="ul"
      aria-label={props.label ?? 'Findings by verdict'}
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {VERDICTS.map(verdict => {
        const look = lookOf(verdict);
        const count = props.counts[verdict] ?? 0;
        return (
          <li key={verdict}>
            <Chip
              size="small"
              variant="outlined"
              color={count > 0 ? look.chipColor : 'default'}
              icon={<look.Icon fontSize="small" aria-hidden />}
              label={look.count(count)}
              data-verdict={verdict}
            />
          </li>
        );
      })}
    </Stack>
  );
}
