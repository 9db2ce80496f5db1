import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Alert, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  EntityHealthDetailResponse,
  HEALTH_MODEL_ANNOTATION,
  SLO_OBJECTIVE,
} from '@dataplatform/plugin-health-common';
import { plural, reasonOf, useNow } from '@dataplatform/portal-react';
import { healthApiRef } from '../../api';
import { attentionItems } from '../../lib/attention';
import {
  describeBudget,
  formatRelativeTime,
  scoreLabel,
} from '../../lib/format';
import { healthTabPath } from '../../lib/refs';
import { usePolledHealth } from '../../lib/usePolledHealth';
import {
  AvailabilityText,
  budgetLook,
  EvaluatedAt,
  LoadError,
  ModelErrorPanel,
  NoHealthModel,
  StaleNote,
  StaleWarning,
} from '../panels';
import { lookOf, StateChip, StateIcon } from '../states';
import { ShortValue } from '../values';

/** How many items the card lists; the Health tab shows every signal. */
const ATTENTION_SHOWN = 5;

/** The card refreshes as often as the evaluator usually runs. */
const REFRESH_MS = 60_000;

function signalCount(detail: EntityHealthDetailResponse): number {
  const counts = detail.summary.signalCounts;
  return (
    (counts.healthy ?? 0) +
    (counts.degraded ?? 0) +
    (counts.unhealthy ?? 0) +
    (counts.unknown ?? 0)
  );
}

/**
 * The share of the error budget left, as the summary carries it: the same
 * number as the SLO in the Health tab, never an estimate.
 */
function ErrorBudgetText(props: { fraction?: number }) {
  if (props.fraction === undefined) {
    return <>No history yet</>;
  }
  const look = budgetLook(props.fraction);
  return (
    <Box
      component="strong"
      sx={{ color: look.exhausted ? 'error.main' : undefined }}
    >
      {describeBudget(props.fraction)}
    </Box>
  );
}

function CardContent(props: { detail: EntityHealthDetailResponse; now: Date }) {
  const { detail, now } = props;
  const { summary } = detail;
  const items = attentionItems(detail);
  const shown = items.slice(0, ATTENTION_SHOWN);

  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
        <StateChip state={summary.state} size="large" />
        <Flex direction="column" gap="0">
          <Text as="span" variant="title-small">
            {scoreLabel(summary.score, summary.state)}
          </Text>
          <Text as="span" variant="body-small" color="secondary">
            <EvaluatedAt evaluatedAt={summary.evaluatedAt} now={now} />
          </Text>
          {summary.stale && (
            <Text as="span" variant="body-small" color="secondary">
              <StaleNote summary={summary} now={now} />
            </Text>
          )}
        </Flex>
      </Flex>

      {summary.stale && (
        <StaleWarning evaluatedAt={summary.evaluatedAt} now={now} />
      )}

      <Text as="p" variant="body-medium">
        Availability (30 days):{' '}
        <AvailabilityText
          availability={summary.availability30d}
          objective={SLO_OBJECTIVE}
        />
      </Text>
      <Text as="p" variant="body-medium">
        Error budget (30 days):{' '}
        <ErrorBudgetText fraction={summary.errorBudgetRemainingFraction} />
      </Text>

      {summary.modelError && (
        <ModelErrorPanel modelError={summary.modelError} />
      )}

      <section aria-labelledby="health-card-attention">
        <Text
          as="h3"
          variant="title-x-small"
          id="health-card-attention"
          style={{ margin: '0 0 8px' }}
        >
          What needs attention
        </Text>
        {items.length === 0 ? (
          <Text as="p" variant="body-small" color="secondary">
            {summary.modelError
              ? 'Nothing can be evaluated until the model is fixed.'
              : `Nothing: ${
                  signalCount(detail) > 0
                    ? `all ${plural(
                        signalCount(detail),
                        'signal',
                      )} are within their thresholds`
                    : 'no signals were evaluated'
                }.`}
          </Text>
        ) : (
          <Box
            component="ul"
            aria-label="What needs attention"
            sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }}
          >
            {shown.map(item => (
              <Box
                component="li"
                key={item.key}
                sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
              >
                <Box sx={{ pt: '2px' }}>
                  <StateIcon state={item.state} />
                </Box>
                <Box sx={{ minWidth: 0 }}>
                  <Text as="div" variant="body-small" weight="bold">
                    {item.title}{' '}
                    <Text as="span" variant="body-small" color="secondary">
                      ({lookOf(item.state).label.toLocaleLowerCase('en')},{' '}
                      {item.where})
                    </Text>
                  </Text>
                  <Text as="div" variant="body-small">
                    {item.explanation}
                  </Text>
                  {item.signal?.state === 'unknown' &&
                    item.signal.lastKnown && (
                      <Text as="div" variant="body-x-small" color="secondary">
                        Last known{' '}
                        <ShortValue
                          value={item.signal.lastKnown.value}
                          unit={item.signal.unit}
                          thresholds={item.signal.thresholds}
                        />
                        ,{' '}
                        {formatRelativeTime(
                          item.signal.lastKnown.observedAt,
                          now,
                        )}{' '}
                        (stale)
                      </Text>
                    )}
                </Box>
              </Box>
            ))}
          </Box>
        )}
        {items.length > ATTENTION_SHOWN && (
          <Text as="p" variant="body-small" color="secondary">
            and {plural(items.length - ATTENTION_SHOWN, 'more')} in the Health
            tab.
          </Text>
        )}
      </section>
    </Flex>
  );
}

/**
 * The health of a domain or data product at a glance: its state, score,
 * 30-day availability and what is not healthy, on its overview.
 */
export function HealthCard() {
  const { entity } = useEntity();
  const api = useApi(healthApiRef);
  const now = useNow();
  const entityPath = useEntityRefLink()(entity);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = usePolledHealth(
    () => api.getEntityHealth(ref),
    [api, ref.kind, ref.namespace, ref.name],
    REFRESH_MS,
  );

  let content: JSX.Element;
  if (value) {
    content = (
      <Flex direction="column" gap="3">
        {error && (
          <Alert
            status="warning"
            icon
            title="Could not refresh; showing the last result"
            description={reasonOf(error)}
          />
        )}
        <CardContent detail={value} now={now} />
      </Flex>
    );
  } else if (error) {
    // Kept while the next poll runs, so the card does not blink to a
    // spinner every minute.
    content = (
      <LoadError
        title="Could not load the health of this entity"
        error={error}
        onRetry={retry}
        retrying={loading}
        notFound={
          entity.metadata.annotations?.[HEALTH_MODEL_ANNOTATION] ? undefined : (
            <NoHealthModel entityName={entity.metadata.name} />
          )
        }
      />
    );
  } else {
    content = <Progress />;
  }

  return (
    <EntityInfoCard
      title="Health"
      footerActions={
        <Text as="span" variant="body-small">
          <Link to={healthTabPath(entityPath)}>
            See the model, history and SLO in the Health tab
          </Link>
        </Text>
      }
    >
      {content}
    </EntityInfoCard>
  );
}
