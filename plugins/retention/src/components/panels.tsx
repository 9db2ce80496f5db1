import { ReactNode } from 'react';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import { alpha } from '@mui/material/styles';
import { Finding } from '@dataplatform/plugin-retention-common';
import {
  formatDateTime,
  formatRelativeTime,
  LoadErrorPanel,
  StaleEvaluationMarker,
  StaleEvaluationWarning,
} from '@dataplatform/portal-react';
import { AtRiskIcon } from './icons';
import { lookOf } from './verdicts';

/** What the backend evaluates, for the "not evaluated yet" messages. */
export const EVALUATION_SCOPE =
  'The retention backend evaluates every domain with the annotation dataplatform.contoso.com/azure-subscription-id, and the data products of those domains, at each scan (every 15 minutes unless configured otherwise).';

/**
 * A failed load with what went wrong and a way to try again. A 404 is not a
 * failure: the backend has not evaluated the entity yet.
 */
export function LoadError(props: {
  title: string;
  error: Error;
  onRetry: () => void;
  /** A load is running again; the retry button says so. */
  retrying?: boolean;
  /** Shown instead of the default message when the backend answers 404. */
  notFound?: ReactNode;
}) {
  return (
    <LoadErrorPanel
      {...props}
      notFoundTitle="No retention evaluation for this entity yet"
      notFoundDescription={EVALUATION_SCOPE}
    />
  );
}

/** "As of 12 Mar 2026, 10:31 UTC (5 minutes ago)". */
export function AsOf(props: { evaluatedAt?: string; now: Date }) {
  if (!props.evaluatedAt) {
    return <>Not evaluated yet</>;
  }
  return (
    <>
      As of{' '}
      <time dateTime={props.evaluatedAt}>
        {formatDateTime(props.evaluatedAt)}
      </time>{' '}
      ({formatRelativeTime(props.evaluatedAt, props.now)})
    </>
  );
}

/** The evaluation is older than three scan intervals: the scanner may be stuck. */
export function StaleWarning(props: { evaluatedAt?: string; now: Date }) {
  return (
    <StaleEvaluationWarning
      {...props}
      intervals="scan intervals"
      consequence="the retention scan may not be running. Azure may keep something else by now."
    />
  );
}

/** A small clock and "stale", where a whole warning would not fit. */
export function StaleMarker() {
  return (
    <StaleEvaluationMarker title="The last evaluation is more than three scan intervals old" />
  );
}

/**
 * What to change and, highlighted, what the change costs: shortening a
 * retention deletes data, locking a policy cannot be undone.
 */
export function Remediation(props: {
  finding: Pick<Finding, 'remediation' | 'warning'>;
}) {
  const { remediation, warning } = props.finding;
  if (!remediation && !warning) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        —
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      {remediation && (
        <Text as="p" variant="body-small" style={{ margin: 0 }}>
          {remediation}
        </Text>
      )}
      {warning && (
        <Box
          role="note"
          aria-label="Warning"
          sx={{
            display: 'flex',
            gap: 0.75,
            alignItems: 'flex-start',
            border: 1,
            borderColor: 'warning.main',
            borderLeftWidth: 4,
            bgcolor: theme => alpha(theme.palette.warning.main, 0.12),
            borderRadius: 1,
            px: 1,
            py: 0.75,
            fontSize: '0.8125rem',
          }}
        >
          <AtRiskIcon
            fontSize="small"
            sx={{ color: 'warning.dark', mt: '1px' }}
            aria-hidden
          />
          <span>
            <strong>Warning:</strong> {warning}
          </span>
        </Box>
      )}
    </Flex>
  );
}

/** "Last known (2 days ago): compliant, never deleted by a lifecycle rule". */
export function LastKnown(props: {
  lastKnown: NonNullable<Finding['lastKnown']>;
  now: Date;
}) {
  const { lastKnown, now } = props;
  return (
    <Text as="div" variant="body-x-small" color="secondary">
      Last known (
      <time dateTime={lastKnown.at} title={formatDateTime(lastKnown.at)}>
        {formatRelativeTime(lastKnown.at, now)}
      </time>
      ): {lookOf(lastKnown.verdict).label.toLocaleLowerCase('en')},{' '}
      {lastKnown.actual}
    </Text>
  );
}
