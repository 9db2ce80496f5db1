import { ResponseErrorPanel } from '@backstage/core-components';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import {
  EntityHealthSummary,
  SloReport,
} from '@dataplatform/plugin-health-common';
import {
  formatAvailability,
  formatDateTime,
  formatMinutes,
  formatRelativeTime,
} from '../lib/format';
import { statusOf } from '../lib/errors';
import { StaleIcon } from './icons';

/**
 * A failed load with what went wrong and a way to try again. A 404 is not a
 * failure of the backend: it has no result for the entity yet.
 */
export function LoadError(props: {
  title: string;
  error: Error;
  onRetry: () => void;
}) {
  const retry = (
    <Button variant="secondary" size="small" onPress={props.onRetry}>
      Retry
    </Button>
  );
  if (statusOf(props.error) === 404) {
    return (
      <Alert
        status="info"
        icon
        title="No health result for this entity yet"
        description="The health backend evaluates domains and data products with a health model annotation once per interval; a newly registered model shows after its first evaluation."
        customActions={retry}
      />
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
 * Why a model could not be used, with every validation error as
 * `path: message`, so the file's owner can fix it from the entity page.
 */
export function ModelErrorPanel(props: {
  modelError: NonNullable<EntityHealthSummary['modelError']>;
  /** Whose model, when it is not the entity's own (a data product's). */
  subject?: string;
}) {
  const { modelError, subject } = props;
  return (
    <Alert
      status="danger"
      icon
      title={
        subject
          ? `The health model of ${subject} cannot be used`
          : 'The health model cannot be used'
      }
      description={
        <Flex direction="column" gap="1">
          <Text as="p" variant="body-small">
            {modelError.message}
          </Text>
          {modelError.errors.length > 0 && (
            <Box
              component="ul"
              aria-label="Model errors"
              sx={{ m: 0, pl: 2.5 }}
            >
              {modelError.errors.map((e, i) => (
                <li key={`${e.path}-${i}`}>
                  <Text as="span" variant="body-small">
                    <code>{e.path || '/'}</code>: {e.message}
                  </Text>
                </li>
              ))}
            </Box>
          )}
        </Flex>
      }
    />
  );
}

/** "Evaluated 42 seconds ago", with the exact time on hover. */
export function EvaluatedAt(props: { evaluatedAt?: string; now: Date }) {
  if (!props.evaluatedAt) {
    return <>Not evaluated yet</>;
  }
  return (
    <time
      dateTime={props.evaluatedAt}
      title={formatDateTime(props.evaluatedAt)}
    >
      Evaluated {formatRelativeTime(props.evaluatedAt, props.now)}
    </time>
  );
}

/** The evaluation is older than three intervals: the evaluator may be stuck. */
export function StaleWarning(props: { evaluatedAt?: string; now: Date }) {
  return (
    <Alert
      status="warning"
      icon={<StaleIcon fontSize="small" />}
      title="Stale: this evaluation is out of date"
      description={`The last evaluation${
        props.evaluatedAt
          ? ` was ${formatRelativeTime(props.evaluatedAt, props.now)}`
          : ''
      }, more than three evaluation intervals ago; the health backend may not be running. The state shown may no longer be true.`}
    />
  );
}

/** A small clock and "stale", where a whole warning would not fit. */
export function StaleMarker() {
  return (
    <Box
      component="span"
      title="The last evaluation is more than three evaluation intervals old"
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

/** Availability against its objective, in words as well as numbers. */
export function AvailabilityText(props: {
  availability?: number;
  objective: number;
}) {
  const { availability, objective } = props;
  if (availability === undefined) {
    return <>No history yet</>;
  }
  const met = availability >= objective;
  return (
    <>
      <Box component="strong" sx={{ color: met ? undefined : 'error.main' }}>
        {formatAvailability(availability)}
      </Box>{' '}
      <Box component="span" sx={{ color: 'text.secondary' }}>
        ({met ? 'meets' : 'below'} the {formatAvailability(objective)}{' '}
        objective)
      </Box>
    </>
  );
}

/** How much of the error budget is left; red once it is spent. */
export function budgetLook(fraction: number): {
  color: 'success' | 'warning' | 'error';
  exhausted: boolean;
} {
  if (fraction <= 0) return { color: 'error', exhausted: true };
  if (fraction < 0.25) return { color: 'warning', exhausted: false };
  return { color: 'success', exhausted: false };
}

/** Minutes of error budget left of the window's budget, as a bar and in words. */
export function ErrorBudgetBar(props: { slo: SloReport }) {
  const {
    errorBudgetMinutes,
    errorBudgetRemainingMinutes,
    errorBudgetRemainingFraction,
  } = props.slo;
  const look = budgetLook(errorBudgetRemainingFraction);
  const percentLeft = Math.round(
    Math.min(1, Math.max(0, errorBudgetRemainingFraction)) * 100,
  );
  const text = look.exhausted
    ? `Exhausted: ${formatMinutes(
        -errorBudgetRemainingMinutes,
      )} over the ${formatMinutes(errorBudgetMinutes)} budget`
    : `${formatMinutes(errorBudgetRemainingMinutes)} left of ${formatMinutes(
        errorBudgetMinutes,
      )}`;
  return (
    <Flex direction="column" gap="1">
      <LinearProgress
        variant="determinate"
        value={percentLeft}
        color={look.color}
        aria-label={`Error budget: ${text}`}
        data-budget={look.exhausted ? 'exhausted' : look.color}
        sx={{ height: 8, borderRadius: 4 }}
      />
      <Text
        as="span"
        variant="body-small"
        color={look.exhausted ? 'danger' : 'secondary'}
      >
        {text}
      </Text>
    </Flex>
  );
}
