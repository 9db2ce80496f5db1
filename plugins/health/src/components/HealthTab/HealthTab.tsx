import { useCallback, useMemo, useRef, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  Container,
  Flex,
  Grid,
  Text,
} from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  EntityHealthDetailResponse,
  EntityHealthHistoryResponse,
  HEALTH_MODEL_ANNOTATION,
  HistoryWindow,
  SLO_OBJECTIVE,
} from '@dataplatform/plugin-health-common';
import { PolledAsyncState, reasonOf, useNow } from '@dataplatform/portal-react';
import { healthApiRef } from '../../api';
import {
  formatAvailability,
  formatMinutes,
  scoreLabel,
} from '../../lib/format';
import { usePolledHealth } from '../../lib/usePolledHealth';
import {
  AvailabilityText,
  ErrorBudgetBar,
  EvaluatedAt,
  LoadError,
  ModelErrorPanel,
  NoHealthModel,
  StaleNote,
  StaleWarning,
} from '../panels';
import { StateChip } from '../states';
import { HistoryStrip } from './HistoryStrip';
import { ModelTree } from './ModelTree';
import { SignalDrillDown } from './SignalDrillDown';
import { buildTree, signalNodes, TreeNode } from './tree';

/** The tab refreshes as often as the evaluator usually runs. */
const REFRESH_MS = 60_000;

/**
 * Where the model format is described. Plain text: the portal serves no
 * documentation page for it to link to.
 */
const FORMAT_HELP = (
  <>
    The format (components, log and metric signals, thresholds) is described in{' '}
    <code>plugins/health-common/README.md</code> of the portal repository; the
    models in <code>catalog/health/</code> are examples.
  </>
);

function Slo(props: {
  history?: EntityHealthHistoryResponse;
  loading: boolean;
  error?: Error;
}) {
  const { history, loading, error } = props;
  if (!history) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        {loading || !error
          ? 'Loading the SLO…'
          : 'The SLO could not be loaded; see History below.'}
      </Text>
    );
  }
  const { slo } = history;
  return (
    <Box
      component="dl"
      aria-label="Service level objective"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(160px, 1fr)',
        columnGap: 2,
        rowGap: 1,
        m: 0,
        fontSize: '0.875rem',
        '& > dt': { fontWeight: 600 },
        '& > dd': { m: 0 },
      }}
    >
      <dt>Availability ({slo.windowDays} days)</dt>
      <dd>
        <AvailabilityText
          availability={slo.availability}
          objective={slo.objective}
        />
      </dd>
      <dt>Objective</dt>
      <dd>{formatAvailability(slo.objective)}</dd>
      <dt>Error budget</dt>
      <dd>
        <ErrorBudgetBar slo={slo} />
      </dd>
      <dt>Unhealthy time</dt>
      <dd>
        {formatMinutes(slo.unhealthyMinutes)} of{' '}
        {formatMinutes(slo.observedMinutes)} observed
      </dd>
    </Box>
  );
}

function Header(props: {
  detail: EntityHealthDetailResponse;
  root: TreeNode;
  now: Date;
  history?: EntityHealthHistoryResponse;
  historyLoading: boolean;
  historyError?: Error;
}) {
  const { detail, now } = props;
  const { summary } = detail;
  return (
    <Card>
      <CardBody>
        <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
          <Flex direction="column" gap="2">
            <Text as="h2" variant="title-medium" style={{ margin: 0 }}>
              Health of {summary.title}
            </Text>
            <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
              <StateChip state={summary.state} size="large" />
              <Text as="span" variant="title-small">
                {scoreLabel(summary.score, summary.state)}
              </Text>
            </Flex>
            <Text as="span" variant="body-small" color="secondary">
              <EvaluatedAt evaluatedAt={summary.evaluatedAt} now={now} />
            </Text>
            {summary.stale && (
              <Text as="span" variant="body-small" color="secondary">
                <StaleNote summary={summary} now={now} />
              </Text>
            )}
            {summary.topCauses.length > 0 && (
              <Box
                component="ul"
                aria-label="Top causes"
                sx={{ m: 0, pl: 2.5, fontSize: '0.875rem' }}
              >
                {summary.topCauses.map(cause => (
                  <li key={cause}>{cause}</li>
                ))}
              </Box>
            )}
          </Flex>
          <Flex direction="column" gap="2">
            <Text as="h3" variant="title-x-small" style={{ margin: 0 }}>
              SLO:{' '}
              {formatAvailability(
                props.history?.slo.objective ?? SLO_OBJECTIVE,
              )}{' '}
              available over 30 days
            </Text>
            <Slo
              history={props.history}
              loading={props.historyLoading}
              error={props.historyError}
            />
          </Flex>
        </Grid.Root>
      </CardBody>
    </Card>
  );
}

function TabContent(props: {
  detail: EntityHealthDetailResponse;
  now: Date;
  history: PolledAsyncState<EntityHealthHistoryResponse>;
  window: HistoryWindow;
  onWindowChange: (window: HistoryWindow) => void;
}) {
  const { detail, now, history, window, onWindowChange } = props;
  // The SLO covers 30 days whatever the window, so the last one stays on
  // screen while the other window loads.
  const lastHistory = useRef<EntityHealthHistoryResponse>();
  if (history.value) {
    lastHistory.current = history.value;
  }
  const sloSource = lastHistory.current;
  const root = useMemo(() => buildTree(detail), [detail]);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [selectedId, setSelectedId] = useState<string>();
  // Found again in each refreshed result, so its details stay current.
  const selected = useMemo(
    () => signalNodes(root).find(node => node.id === selectedId),
    [root, selectedId],
  );
  const onToggle = useCallback(
    (id: string, open: boolean) =>
      setExpanded(current => ({ ...current, [id]: open })),
    [],
  );
  const onSetAll = useCallback(
    (ids: string[], open: boolean) =>
      setExpanded(Object.fromEntries(ids.map(id => [id, open]))),
    [],
  );

  return (
    <Flex direction="column" gap="4">
      {detail.summary.stale && (
        <StaleWarning evaluatedAt={detail.summary.evaluatedAt} now={now} />
      )}
      <Header
        detail={detail}
        root={root}
        now={now}
        history={sloSource}
        historyLoading={history.loading}
        historyError={history.error}
      />
      <Card>
        <CardBody>
          <HistoryStrip
            window={window}
            onWindowChange={onWindowChange}
            history={history.value}
            loading={history.loading}
            error={history.error}
            onRetry={history.retry}
          />
        </CardBody>
      </Card>
      <section aria-labelledby="health-model-heading">
        <Flex direction="column" gap="2">
          <Text
            as="h3"
            variant="title-small"
            id="health-model-heading"
            style={{ margin: 0 }}
          >
            Model
          </Text>
          {detail.summary.modelError && (
            <ModelErrorPanel modelError={detail.summary.modelError} />
          )}
          <Grid.Root columns={{ initial: '1', md: '12' }} gap="4">
            <Grid.Item colSpan={{ initial: '1', md: '7' }}>
              <ModelTree
                root={root}
                now={now}
                expanded={expanded}
                onToggle={onToggle}
                onSetAll={onSetAll}
                selectedId={selected?.id}
                onSelect={node => setSelectedId(node.id)}
              />
            </Grid.Item>
            <Grid.Item colSpan={{ initial: '1', md: '5' }}>
              <Box
                id="health-signal-details"
                role="region"
                aria-label="Signal details"
                sx={{ position: { md: 'sticky' }, top: { md: 16 } }}
              >
                {selected ? (
                  <SignalDrillDown
                    node={selected}
                    detail={detail}
                    now={now}
                    onClose={() => setSelectedId(undefined)}
                  />
                ) : (
                  <Card>
                    <CardBody>
                      <Text as="p" variant="body-small" color="secondary">
                        Select a signal to see how it is graded, its last value
                        {detail.definitionsVisible
                          ? ', its query or metric and a link to the Azure portal.'
                          : ' and its thresholds.'}
                      </Text>
                    </CardBody>
                  </Card>
                )}
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </section>
    </Flex>
  );
}

/**
 * The "Health" tab of a domain or data product: state, score and SLO with
 * its error budget, the history of the last 24 hours or 30 days, and the
 * model as a tree down to each signal, with a drill-down per signal.
 */
export function HealthTab() {
  const { entity } = useEntity();
  const api = useApi(healthApiRef);
  const now = useNow();
  const ref = getCompoundEntityRef(entity);
  const [window, setWindow] = useState<HistoryWindow>('24h');
  const deps = [api, ref.kind, ref.namespace, ref.name];
  const detail = usePolledHealth(
    () => api.getEntityHealth(ref),
    deps,
    REFRESH_MS,
  );
  const history = usePolledHealth(
    () => api.getEntityHistory(ref, window),
    [...deps, window],
    REFRESH_MS,
  );

  let content: JSX.Element;
  if (detail.value) {
    content = (
      <Flex direction="column" gap="3">
        {detail.error && (
          <Alert
            status="warning"
            icon
            title="Could not refresh; showing the last result"
            description={reasonOf(detail.error)}
          />
        )}
        <TabContent
          // Expanded branches and the selection belong to one entity.
          key={detail.value.summary.entityRef}
          detail={detail.value}
          now={now}
          history={history}
          window={window}
          onWindowChange={setWindow}
        />
      </Flex>
    );
  } else if (detail.error) {
    // Kept while the next poll runs, so the tab does not blink to a
    // spinner every minute.
    content = (
      <LoadError
        title="Could not load the health of this entity"
        error={detail.error}
        onRetry={detail.retry}
        retrying={detail.loading}
        notFound={
          entity.metadata.annotations?.[HEALTH_MODEL_ANNOTATION] ? undefined : (
            <NoHealthModel
              entityName={entity.metadata.name}
              formatHelp={FORMAT_HELP}
            />
          )
        }
      />
    );
  } else {
    content = <Progress />;
  }
  return <Container my="4">{content}</Container>;
}
