import { ReactNode } from 'react';
import { ResponseErrorPanel } from '@backstage/core-components';
import { Alert, Button, Flex } from '@backstage/ui';
import Box from '@mui/material/Box';
import { statusOf } from '../lib/errors';
import { TimeFormatOptions, formatRelativeTime } from '../lib/format';
import { StaleIcon } from './icons';

/**
 * A failed load with what went wrong and a way to try again. A 404 is not a
 * failure of the backend: it has no result for the entity yet, which the
 * `notFoundTitle` and `notFoundDescription` explain (with the retry button),
 * or `notFound` replaces entirely.
 */
export function LoadErrorPanel(props: {
  title: string;
  error: Error;
  onRetry: () => void;
  /** A load is running again; the retry button says so. */
  retrying?: boolean;
  /** The title of the default 404 message: "No … for this entity yet". */
  notFoundTitle: string;
  /** Why there is no result yet and when there will be one. */
  notFoundDescription: ReactNode;
  /** Shown instead of the default message when the backend answers 404. */
  notFound?: ReactNode;
}) {
  const retry = (
    <Button
      variant="secondary"
      size="small"
      onPress={props.onRetry}
      isPending={props.retrying}
    >
      Retry
    </Button>
  );
  if (statusOf(props.error) === 404) {
    return (
      props.notFound ?? (
        <Alert
          status="info"
          icon
          title={props.notFoundTitle}
          description={props.notFoundDescription}
          customActions={retry}
        />
      )
    );
  }
  return (
    <Flex direction="column" gap="2" align="start">
      <ResponseErrorPanel title={props.title} error={props.error} />
      {retry}
    </Flex>
  );
}

/**
 * The evaluation is older than three intervals: "The last evaluation was
 * 2 hours ago, more than three {intervals} ago; {consequence}".
 */
export function StaleEvaluationWarning(props: {
  evaluatedAt?: string;
  now: Date;
  /** What the backend's interval is called: "scan intervals". */
  intervals: string;
  /** What may be wrong and what it means for the reader. */
  consequence: string;
  /** How the age is written, as elsewhere on the page. */
  timeFormat?: TimeFormatOptions;
}) {
  return (
    <Alert
      status="warning"
      icon={<StaleIcon fontSize="small" />}
      title="Stale: this evaluation is out of date"
      description={`The last evaluation${
        props.evaluatedAt
          ? ` was ${formatRelativeTime(
              props.evaluatedAt,
              props.now,
              props.timeFormat,
            )}`
          : ''
      }, more than three ${props.intervals} ago; ${props.consequence}`}
    />
  );
}

/** A small clock and "stale", where a whole warning would not fit. */
export function StaleEvaluationMarker(props: {
  /** Shown on hover: what "stale" means here. */
  title: string;
}) {
  return (
    <Box
      component="span"
      title={props.title}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        color: 'warning.dark',
        fontSize: '0.8125rem',
        fontWeight: 600,
      }}
    >
      <StaleIcon sx={{ fontSize: '1rem' }} aria-hidden />
      stale
    </Box>
  );
}
