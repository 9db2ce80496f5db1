import { ReactNode } from 'react';
import { Alert, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import {
  EntityHealthSummary,
  HEALTH_MODEL_ANNOTATION,
  SloReport,
} from '@dataplatform/plugin-health-common';
import {
  LoadErrorPanel,
  StaleEvaluationMarker,
  StaleEvaluationWarning,
} from '@dataplatform/portal-react';
import {
  budgetPercentLeft,
  describeBudget,
  formatAvailability,
  formatDateTime,
  formatMinutes,
  formatRelativeTime,
} from '../lib/format';
import { lookOf } from './states';

/**
 * A failed load with what went wrong and a way to try again. A 404 is not a
 * failure of the backend: it has no result for the entity yet, or (with
 * `notFound`) the entity has no health model at all.
 */
export function LoadError(props: {
  title: string;
  error: Error;
  onRetry: () => void;
  /** A load is running again; the retry button says so. */
  retrying?: boolean;
  /** Shown instead of "no result yet" when the backend answers 404. */
  notFound?: ReactNode;
}) {
  return (
    <LoadErrorPanel
      {...props}
      notFoundTitle="No health result for this entity yet"
      notFoundDescription="The health backend evaluates domains and data products with a health model annotation once per interval; a newly registered model shows after its first evaluation."
    />
  );
}

/**
 * An entity without a health model of its own and that the backend knows
 * nothing about: how to add one, where the annotation and file go.
 */
export function NoHealthModel(props: {
  entityName: string;
  /** Where the model format is described, in words or as a link. */
  formatHelp?: ReactNode;
}) {
  const annotation = `${HEALTH_MODEL_ANNOTATION}: ./health/${props.entityName}.health.yaml`;
  return (
    <Alert
      status="info"
      icon
      title="No health model yet"
      description={
        <Flex direction="column" gap="1">
          <Text as="p" variant="body-small" style={{ margin: 0 }}>
            Add the annotation <code>{annotation}</code> to this entity and put
            the model in <code>health/{props.entityName}.health.yaml</code>{' '}
            beside its catalog file.
          </Text>
          {props.formatHelp && (
            <Text as="p" variant="body-small" style={{ margin: 0 }}>
              {props.formatHelp}
            </Text>
          )}
        </Flex>
      }
    />
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
            {headline(modelError)}
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
    <StaleEvaluationWarning
      {...props}
      intervals="evaluation intervals"
      consequence="the health backend may not be running. The state is unknown until the next evaluation."
      timeFormat={{ seconds: true }}
    />
  );
}

/**
 * "Not evaluated since …; last evaluated state: Degraded" for a stale
 * summary: its state is unknown now, and what was last seen is history.
 */
export function StaleNote(props: {
  summary: Pick<EntityHealthSummary, 'evaluatedAt' | 'lastState'>;
  now: Date;
}) {
  const { evaluatedAt, lastState } = props.summary;
  return (
    <span>
      Not evaluated since{' '}
      {evaluatedAt ? (
        <time
          dateTime={evaluatedAt}
          title={formatRelativeTime(evaluatedAt, props.now)}
        >
          {formatDateTime(evaluatedAt)}
        </time>
      ) : (
        'an unknown time'
      )}
      {lastState && `; last evaluated state: ${lookOf(lastState).label}`}
    </span>
  );
}

/** A small clock and "stale", where a whole warning would not fit. */
export function StaleMarker() {
  return (
    <StaleEvaluationMarker title="The last evaluation is more than three evaluation intervals old" />
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
  // The share in words is the one the platform page and the card show.
  const share = describeBudget(errorBudgetRemainingFraction);
  const text = look.exhausted
    ? `Exhausted: ${formatMinutes(
        -errorBudgetRemainingMinutes,
      )} over the ${formatMinutes(errorBudgetMinutes)} budget (${share})`
    : `${formatMinutes(errorBudgetRemainingMinutes)} left of ${formatMinutes(
        errorBudgetMinutes,
      )} (${share})`;
  return (
    <Flex direction="column" gap="1">
      <LinearProgress
        variant="determinate"
        value={budgetPercentLeft(errorBudgetRemainingFraction)}
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

/**
 * The error budget left over 30 days as the summary carries it (the same
 * number as the SLO in the Health tab), as a thin bar and in words; "No
 * history yet" without one. Never estimated from availability: that
 * counts only evaluated time and would disagree with the tab.
 */
export function SummaryBudget(props: { fraction?: number }) {
  const { fraction } = props;
  if (fraction === undefined) {
    return (
      <Text as="span" variant="body-x-small" color="secondary">
        Error budget: no history yet
      </Text>
    );
  }
  const look = budgetLook(fraction);
  const text = `Error budget: ${describeBudget(fraction)}`;
  return (
    <Flex direction="column" gap="1">
      <LinearProgress
        variant="determinate"
        value={budgetPercentLeft(fraction)}
        color={look.color}
        aria-label={text}
        sx={{ height: 4, borderRadius: 2 }}
      />
      <Text
        as="span"
        variant="body-x-small"
        color={look.exhausted ? 'danger' : 'secondary'}
      >
        {text}
      </Text>
    </Flex>
  );
}

/**
 * The message without its list of errors when they are listed below it:
 * the backend's message repeats them for logs.
 */
function headline(modelError: {
  message: string;
  errors: Array<{ path: string }>;
}): string {
  const { message, errors } = modelError;
  const cut = message.indexOf(`: ${errors[0]?.path}`);
  if (errors.length === 0 || cut < 0) return message;
  return `${message.slice(0, cut)} (${errors.length} ${
    errors.length === 1 ? 'error' : 'errors'
  }):`;
}
