import { ComponentType, useId } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { styled } from '@mui/material/styles';
import { SvgIconProps } from '@mui/material/SvgIcon';
import {
  AttentionLevel,
  Concern,
  isUnavailable,
  OverviewCell,
  SourceStatus,
} from '@dataplatform/plugin-overview-common';
import {
  ExclamationCircleIcon,
  StaleIcon,
  TickedCircleIcon,
  UnknownIcon,
  WarningTriangleIcon,
} from '@dataplatform/portal-react';

/** What each concern is called in headers, chips and link names. */
export const CONCERN_LABELS: Record<Concern, string> = {
  health: 'Health',
  cost: 'Cost',
  retention: 'Retention',
  contracts: 'Contracts',
  sandboxes: 'Sandboxes',
};

/** What each attention level is called, for chips and filters. */
export const ATTENTION_LABELS: Record<AttentionLevel, string> = {
  critical: 'Critical',
  warning: 'Warning',
  unknown: 'Unknown',
  ok: 'OK',
};

const ATTENTION_LOOK: Record<
  AttentionLevel,
  {
    color: 'error' | 'warning' | 'default' | 'success';
    icon: ComponentType<SvgIconProps>;
  }
> = {
  critical: { color: 'error', icon: ExclamationCircleIcon },
  warning: { color: 'warning', icon: WarningTriangleIcon },
  unknown: { color: 'default', icon: UnknownIcon },
  ok: { color: 'success', icon: TickedCircleIcon },
};

// Read by screen readers, not shown (the tooltip shows it on hover).
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

// One rule for "nothing to show" everywhere, the one the counts use.
export { isUnavailable } from '@dataplatform/plugin-overview-common';
export type { OverviewCell } from '@dataplatform/plugin-overview-common';

// Styled once rather than with `sx` per instance: the platform home renders
// a thousand of these, and `sx` is resolved for every one on each render.
// Long texts wrap inside the chip instead of being cut off with an ellipsis.
const LevelChip = styled(Chip)({
  cursor: 'inherit',
  maxWidth: '100%',
  height: 'auto',
  minHeight: 24,
  // The label is the chip's only span; its class name carries the app's
  // MUI prefix (`v5-`), so it is matched by element, not by class.
  '& > span': { whiteSpace: 'normal', paddingTop: 2, paddingBottom: 2 },
});

const CellAnchor = styled(RouterLink)(({ theme }) => ({
  display: 'inline-flex',
  alignItems: 'center',
  flexWrap: 'wrap',
  gap: theme.spacing(0.5),
  color: 'inherit',
  textDecoration: 'none',
  maxWidth: '100%',
  '&:hover [data-attention] > span, &:focus-visible [data-attention] > span': {
    textDecoration: 'underline',
  },
}));

const StaleMarker = styled('span')(({ theme }) => ({
  display: 'inline-flex',
  alignItems: 'center',
  gap: theme.spacing(0.25),
  color: theme.palette.warning.dark,
  fontSize: '0.75rem',
  fontWeight: 600,
}));

const Hidden = styled('span')(visuallyHidden);

/**
 * An attention level as a coloured chip with an icon, so the level never
 * rests on colour alone.
 */
export function AttentionChip(props: {
  level: AttentionLevel;
  label: string;
  size?: 'small' | 'medium';
}) {
  const look = ATTENTION_LOOK[props.level] ?? ATTENTION_LOOK.unknown;
  const Icon = look.icon;
  return (
    <LevelChip
      size={props.size ?? 'small'}
      color={look.color}
      variant={props.level === 'unknown' ? 'outlined' : 'filled'}
      label={props.label}
      icon={<Icon fontSize="small" aria-hidden />}
      data-attention={props.level}
    />
  );
}

/**
 * A cell of the platform home or a domain's overview: a link to the
 * details showing the cell's level and short text. The link is named
 * "Health: Unhealthy" whatever the markers, so people and tests find it by
 * concern and text; why it is stale or unavailable is its description.
 */
export function ConcernCellLink(props: {
  concern: Concern;
  cell: OverviewCell;
}) {
  const { concern, cell } = props;
  const descriptionId = useId();
  const unavailable = isUnavailable(cell) ? cell.unavailable : undefined;
  const stale = isUnavailable(cell) ? undefined : cell.stale;
  const text = cell.text || (unavailable ? 'Unavailable' : '—');
  const description = unavailable
    ? `Unavailable: ${unavailable}`
    : stale && `Last known, stale: ${stale}`;
  return (
    <CellAnchor
      to={cell.href}
      aria-label={`${CONCERN_LABELS[concern]}: ${text}`}
      aria-describedby={description ? descriptionId : undefined}
      data-concern={concern}
    >
      {unavailable ? (
        <Tooltip title={unavailable}>
          <span>
            <AttentionChip level="unknown" label={text} />
          </span>
        </Tooltip>
      ) : (
        <AttentionChip level={cell.attention} label={text} />
      )}
      {stale && (
        <Tooltip title={`Last known: ${stale}`}>
          <StaleMarker data-testid="stale-marker">
            <StaleIcon fontSize="inherit" aria-hidden />
            stale
          </StaleMarker>
        </Tooltip>
      )}
      {description && <Hidden id={descriptionId}>{description}</Hidden>}
    </CellAnchor>
  );
}

const utcTime = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "11:02 UTC"; the ISO text itself when it is not a time. */
export function formatUtcTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${utcTime.format(date)} UTC`;
}

/** Which column a source feeds, by name ("Cost"). */
export function sourceLabel(source: SourceStatus): string {
  return CONCERN_LABELS[source.concern] ?? source.source;
}

/**
 * One line about a source that is not current: "Cost: stale — dataplatform-cost
 * answered HTTP 503 …"; `undefined` when it is.
 */
export function sourceProblem(source: SourceStatus): string | undefined {
  if (source.state === 'ok') return undefined;
  let reason = `${source.source} gave no reason`;
  if (source.reasons.length > 0) reason = source.reasons.join('; ');
  else if (source.state === 'pending') {
    reason = 'not read yet, the overview has just started';
  }
  return `${sourceLabel(source)}: ${source.state} — ${reason}`;
}

/** The oldest time any source's data was read, so "current as of" never overstates. */
export function oldestAsOf(sources: SourceStatus[]): string | undefined {
  let oldest: { iso: string; time: number } | undefined;
  for (const source of sources) {
    const iso = source.dataAsOf ?? source.asOf;
    const time = iso ? new Date(iso).getTime() : NaN;
    if (iso && !Number.isNaN(time) && (!oldest || time < oldest.time)) {
      oldest = { iso, time };
    }
  }
  return oldest?.iso;
}

/**
 * How fresh the data shown is: one line per source that is stale, failing
 * or pending, or one line saying everything is current.
 */
export function SourcesLine(props: { sources: SourceStatus[] }) {
  const problems = props.sources
    .map(sourceProblem)
    .filter((line): line is string => line !== undefined);
  if (problems.length === 0) {
    const asOf = oldestAsOf(props.sources);
    return (
      <Box
        component="p"
        sx={{ m: 0, fontSize: '0.8125rem', color: 'text.secondary' }}
      >
        {asOf
          ? `All data current as of ${formatUtcTime(asOf)}`
          : 'All data current'}
      </Box>
    );
  }
  return (
    <Box
      component="ul"
      aria-label="Data freshness"
      sx={{ m: 0, p: 0, listStyle: 'none', fontSize: '0.8125rem' }}
    >
      {problems.map(line => (
        <Box
          component="li"
          key={line}
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            color: 'warning.dark',
          }}
        >
          <StaleIcon sx={{ fontSize: '1rem' }} aria-hidden />
          {line}
        </Box>
      ))}
    </Box>
  );
}
