import {
  Flex,
  Skeleton,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import {
  EntityHealthHistoryResponse,
  HEALTH_STATES,
  HealthState,
  HistoryBucket,
  HistoryWindow,
} from '@dataplatform/plugin-health-common';
import { plural } from '@dataplatform/portal-react';
import { formatAvailability, formatRange } from '../../lib/format';
import { LoadError } from '../panels';
import { lookOf, StateIcon } from '../states';

const WINDOW_LABELS: Record<
  HistoryWindow,
  { short: string; long: string; bucket: string }
> = {
  '24h': { short: '24 h', long: 'the last 24 hours', bucket: '15-minute' },
  '30d': { short: '30 d', long: 'the last 30 days', bucket: 'one-day' },
};

/** One line per fact, for the tooltip and for screen readers. */
export function describeBucket(bucket: HistoryBucket): string[] {
  return [
    formatRange(bucket.start, bucket.end),
    lookOf(bucket.state).label,
    bucket.availability === undefined
      ? 'Not evaluated'
      : `Availability ${formatAvailability(bucket.availability)}`,
  ];
}

function Cell(props: { bucket: HistoryBucket }) {
  const { bucket } = props;
  const lines = describeBucket(bucket);
  const look = lookOf(bucket.state);
  return (
    <Tooltip
      title={
        <>
          {lines.map(line => (
            <div key={line}>{line}</div>
          ))}
        </>
      }
      arrow
      disableInteractive
    >
      <Box
        component="li"
        aria-label={lines.join(', ')}
        data-state={bucket.state}
        sx={{
          height: 32,
          minWidth: 2,
          borderRadius: 0.5,
          bgcolor: look.color,
          // Unknown is hatched as well as grey, so it does not read as a
          // lighter shade of healthy.
          backgroundImage:
            bucket.state === 'unknown'
              ? 'repeating-linear-gradient(45deg, transparent 0 3px, rgba(255,255,255,0.5) 3px 5px)'
              : undefined,
          '&:hover': { opacity: 0.75 },
        }}
      />
    </Tooltip>
  );
}

function Legend(props: { buckets: HistoryBucket[]; window: HistoryWindow }) {
  const counts = new Map<HealthState, number>();
  for (const bucket of props.buckets) {
    counts.set(bucket.state, (counts.get(bucket.state) ?? 0) + 1);
  }
  return (
    <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
      {[...HEALTH_STATES].reverse().map(state => (
        <Flex key={state} gap="1" align="center">
          <StateIcon state={state} />
          <Text as="span" variant="body-small">
            {lookOf(state).label} {counts.get(state) ?? 0}
          </Text>
        </Flex>
      ))}
      <Text as="span" variant="body-x-small" color="secondary">
        ({WINDOW_LABELS[props.window].bucket} buckets)
      </Text>
    </Flex>
  );
}

/**
 * The state over the last 24 hours or 30 days, one cell per bucket, oldest
 * on the left; hovering a cell tells its time range, state and availability.
 */
export function HistoryStrip(props: {
  window: HistoryWindow;
  onWindowChange: (window: HistoryWindow) => void;
  history?: EntityHealthHistoryResponse;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
}) {
  const { window, onWindowChange, history, loading, error, onRetry } = props;
  // A response for the other window can still be on screen while the
  // chosen one loads; it is not shown under the wrong label.
  const shown = history?.window === window ? history : undefined;

  let body: JSX.Element;
  if (error && !loading) {
    body = (
      <LoadError
        title="Could not load the health history"
        error={error}
        onRetry={onRetry}
      />
    );
  } else if (!shown) {
    body = <Skeleton width="100%" height={32} />;
  } else if (shown.buckets.length === 0) {
    body = (
      <Text as="p" variant="body-small" color="secondary">
        No history yet: the first evaluation has not been stored.
      </Text>
    );
  } else {
    const first = shown.buckets[0];
    const last = shown.buckets[shown.buckets.length - 1];
    body = (
      <Flex direction="column" gap="1">
        <Box
          component="ol"
          aria-label={`State over ${WINDOW_LABELS[window].long}, ${plural(
            shown.buckets.length,
            'bucket',
          )}, oldest first`}
          sx={{
            listStyle: 'none',
            m: 0,
            p: 0,
            display: 'grid',
            gridTemplateColumns: `repeat(${shown.buckets.length}, minmax(2px, 1fr))`,
            gap: '2px',
          }}
        >
          {shown.buckets.map(bucket => (
            <Cell key={bucket.start} bucket={bucket} />
          ))}
        </Box>
        <Flex justify="between">
          <Text as="span" variant="body-x-small" color="secondary">
            {formatRange(first.start, first.end)}
          </Text>
          <Text as="span" variant="body-x-small" color="secondary">
            {formatRange(last.start, last.end)}
          </Text>
        </Flex>
        <Legend buckets={shown.buckets} window={window} />
      </Flex>
    );
  }

  return (
    <section aria-labelledby="health-history-heading">
      <Flex direction="column" gap="2">
        <Flex justify="between" align="center" gap="2">
          <Text
            as="h3"
            variant="title-small"
            id="health-history-heading"
            style={{ margin: 0 }}
          >
            History
          </Text>
          <ToggleButtonGroup
            aria-label="History window"
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[window]}
            onSelectionChange={keys => {
              const [next] = [...keys];
              if (next === '24h' || next === '30d') onWindowChange(next);
            }}
          >
            <ToggleButton id="24h" aria-label="Last 24 hours">
              {WINDOW_LABELS['24h'].short}
            </ToggleButton>
            <ToggleButton id="30d" aria-label="Last 30 days">
              {WINDOW_LABELS['30d'].short}
            </ToggleButton>
          </ToggleButtonGroup>
        </Flex>
        {body}
      </Flex>
    </section>
  );
}
