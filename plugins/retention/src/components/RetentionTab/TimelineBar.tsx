import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import {
  CategoryTimeline,
  TimelinePhase,
} from '@dataplatform/plugin-retention-common';
import { formatDays } from '../../lib/format';
import {
  layoutTimeline,
  MARKER_TITLES,
  MarkerKind,
  PHASE_MEANINGS,
  PHASE_TITLES,
  PHASES,
} from '../../lib/timeline';
import { VerdictChip } from '../verdicts';

/**
 * Phase colours: blues and greens for where data is kept, hatched grey
 * for deleted. None is a verdict colour, so a bar never reads as a verdict;
 * the verdict is the chip beside it.
 */
export const PHASE_COLORS: Record<TimelinePhase, string> = {
  interactive: '#00897b',
  'long-term': '#80cbc4',
  hot: '#ffcc80',
  cool: '#81d4fa',
  cold: '#29b6f6',
  archive: '#3949ab',
  deleted: '#bdbdbd',
};

const DELETED_PATTERN =
  'repeating-linear-gradient(45deg, transparent 0 4px, rgba(0,0,0,0.25) 4px 6px)';

const MARKER_LINES: Record<
  MarkerKind,
  { width: number; style: string; color: string }
> = {
  'required-total': { width: 3, style: 'solid', color: '#212121' },
  'required-archive': { width: 2, style: 'dashed', color: '#212121' },
  immutable: { width: 3, style: 'dotted', color: '#6a1b9a' },
};

const MARKER_FIELDS: Record<MarkerKind, keyof CategoryTimeline> = {
  'required-total': 'requiredTotalDays',
  'required-archive': 'requiredArchiveDays',
  immutable: 'immutableDays',
};

function Swatch(props: { phase: TimelinePhase }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        width: 14,
        height: 14,
        borderRadius: 0.5,
        border: 1,
        borderColor: 'divider',
        bgcolor: PHASE_COLORS[props.phase],
        backgroundImage:
          props.phase === 'deleted' ? DELETED_PATTERN : undefined,
        flexShrink: 0,
      }}
    />
  );
}

function MarkerSample(props: { kind: MarkerKind }) {
  const line = MARKER_LINES[props.kind];
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        height: 16,
        borderLeft: `${line.width}px ${line.style} ${line.color}`,
        flexShrink: 0,
      }}
    />
  );
}

/** What the colours and lines of the bars mean: only what the bars use. */
export function TimelineLegend(props: { timelines: CategoryTimeline[] }) {
  const phases = PHASES.filter(phase =>
    props.timelines.some(t => t.segments.some(s => s.phase === phase)),
  );
  const markers = (Object.keys(MARKER_TITLES) as MarkerKind[]).filter(kind =>
    props.timelines.some(t => t[MARKER_FIELDS[kind]] !== undefined),
  );
  return (
    <Box
      component="ul"
      aria-label="Legend"
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 2,
        rowGap: 0.5,
        fontSize: '0.8125rem',
      }}
    >
      {phases.map(phase => (
        <Box
          component="li"
          key={phase}
          title={PHASE_MEANINGS[phase]}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}
        >
          <Swatch phase={phase} />
          {PHASE_TITLES[phase]}
        </Box>
      ))}
      {markers.map(kind => (
        <Box
          component="li"
          key={kind}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}
        >
          <MarkerSample kind={kind} />
          {MARKER_TITLES[kind]}
        </Box>
      ))}
    </Box>
  );
}

/**
 * One category on one resource as a bar from day 0: each phase its data
 * goes through, with lines where the policy requires deletion no earlier,
 * archive no later, and where immutability ends. Every part has a text
 * label and a tooltip; the caption says the requirements in words.
 */
export function TimelineBar(props: { timeline: CategoryTimeline }) {
  const { timeline } = props;
  const layout = layoutTimeline(timeline);
  const name = `${timeline.categoryTitle} on ${timeline.resourceName}`;
  return (
    <Box
      component="figure"
      aria-label={`Timeline of ${name}`}
      data-verdict={timeline.verdict}
      sx={{ m: 0 }}
    >
      <Flex
        justify="between"
        align="center"
        gap="2"
        style={{ flexWrap: 'wrap', marginBottom: 4 }}
      >
        <Text as="span" variant="body-small">
          <strong>{timeline.categoryTitle}</strong>{' '}
          <Text as="span" variant="body-small" color="secondary">
            {timeline.resourceName}
          </Text>
        </Text>
        <VerdictChip verdict={timeline.verdict} size="small" />
      </Flex>
      <Box sx={{ position: 'relative', py: '6px' }}>
        <Box
          component="ul"
          aria-label={`Phases of ${name}`}
          sx={{
            position: 'relative',
            height: 24,
            listStyle: 'none',
            m: 0,
            p: 0,
            borderRadius: 1,
            overflow: 'hidden',
            bgcolor: 'action.hover',
          }}
        >
          {layout.segments.map(s => (
            <Tooltip
              key={`${s.segment.phase}-${s.segment.fromDay}`}
              title={s.label}
              arrow
              disableInteractive
            >
              <Box
                component="li"
                aria-label={s.label}
                data-phase={s.segment.phase}
                sx={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: `${s.left}%`,
                  width: `${s.width}%`,
                  minWidth: 2,
                  bgcolor: PHASE_COLORS[s.segment.phase] ?? 'grey.400',
                  backgroundImage:
                    s.segment.phase === 'deleted' ? DELETED_PATTERN : undefined,
                  '&:hover': { opacity: 0.8 },
                }}
              />
            </Tooltip>
          ))}
        </Box>
        {layout.markers.map(m => {
          const line = MARKER_LINES[m.kind];
          return (
            <Tooltip key={m.kind} title={m.label} arrow>
              <Box
                role="img"
                aria-label={m.label}
                tabIndex={0}
                data-marker={m.kind}
                sx={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: `${m.left}%`,
                  // A target wider than the line, centred on it.
                  width: 12,
                  transform: 'translateX(-50%)',
                  cursor: 'help',
                  '&::before': {
                    content: '""',
                    position: 'absolute',
                    top: 0,
                    bottom: 0,
                    left: '50%',
                    transform: 'translateX(-50%)',
                    borderLeft: `${line.width}px ${line.style} ${line.color}`,
                  },
                  '&:focus-visible': {
                    outline: '2px solid',
                    outlineColor: 'primary.main',
                  },
                }}
              />
            </Tooltip>
          );
        })}
      </Box>
      <Flex justify="between">
        <Text as="span" variant="body-x-small" color="secondary">
          day 0
        </Text>
        <Text as="span" variant="body-x-small" color="secondary">
          {formatDays(layout.endDay)}
        </Text>
      </Flex>
      {layout.markers.length > 0 && (
        <Box
          component="figcaption"
          sx={{ mt: 0.25, fontSize: '0.75rem', color: 'text.secondary' }}
        >
          {layout.markers.map(m => m.label).join('; ')}
        </Box>
      )}
    </Box>
  );
}
