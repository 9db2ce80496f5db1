import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Container,
  Flex,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import {
  HEALTH_MODEL_ANNOTATION,
  HEALTH_STATES,
  HealthState,
} from '@dataplatform/plugin-health-common';
import {
  CaptionedToggleButtonGroup,
  PageHeading,
  plural,
  reasonOf,
  useNow,
} from '@dataplatform/portal-react';
import { healthApiRef } from '../../api';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { usePolledHealth } from '../../lib/usePolledHealth';
import { LoadError } from '../panels';
import { lookOf } from '../states';
import { HealthTable } from './HealthTable';
import { countByState, KindView, readQuery, selectRows } from './rows';

/** Worst first, as the counts are read. */
const STATES_WORST_FIRST = [...HEALTH_STATES].reverse();

const KIND_NAMES: Record<KindView, { one: string; many: string }> = {
  domain: { one: 'domain', many: 'domains' },
  dataproduct: { one: 'data product', many: 'data products' },
};

function useQuery() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const setQuery = useCallback(
    (next: { kind: KindView; states: HealthState[] }) => {
      const out = new URLSearchParams();
      if (next.kind !== 'domain') out.set('kind', next.kind);
      if (next.states.length > 0) out.set('state', next.states.join(','));
      setParams(out, { replace: true });
    },
    [setParams],
  );
  return [query, setQuery] as const;
}

/**
 * Every domain at a glance, worst first, with its data products in a
 * second view: state, score, availability against the SLO, signals by
 * state and the top cause; reloaded when the evaluator signals a finished
 * cycle, and every 30 seconds in case signals do not arrive.
 */
export function PlatformHealthPage(props: { refreshIntervalMs?: number }) {
  const api = useApi(healthApiRef);
  const now = useNow();
  const [query, setQuery] = useQuery();
  const list = usePolledHealth(
    () => api.listEntities(),
    [api],
    props.refreshIntervalMs ?? 30_000,
  );

  const items = list.value?.items;
  const ofKind = useMemo(
    () => (items ? selectRows(items, query.kind, []) : []),
    [items, query.kind],
  );
  const rows = useMemo(
    () => (items ? selectRows(items, query.kind, query.states) : []),
    [items, query.kind, query.states],
  );
  const counts = countByState(ofKind);
  const names = KIND_NAMES[query.kind];

  let content: JSX.Element;
  if (!list.value) {
    content =
      list.error && !list.loading ? (
        <LoadError
          title="Could not load the platform health"
          error={list.error}
          onRetry={list.retry}
        />
      ) : (
        <Progress />
      );
  } else if (list.value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No health models yet"
        description={`Domains and data products show here once their catalog entity has the annotation ${HEALTH_MODEL_ANNOTATION} pointing at a health model file, and the health backend has evaluated it.`}
      />
    );
  } else {
    const domainCount = selectRows(list.value.items, 'domain', []).length;
    const productCount = selectRows(list.value.items, 'dataproduct', []).length;
    content = (
      <Flex direction="column" gap="3">
        <ToggleButtonGroup
          aria-label="Show"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[query.kind]}
          onSelectionChange={keys => {
            const [next] = [...keys];
            if (next === 'domain' || next === 'dataproduct') {
              setQuery({ kind: next, states: query.states });
            }
          }}
        >
          <ToggleButton id="domain">Domains ({domainCount})</ToggleButton>
          <ToggleButton id="dataproduct">
            Data products ({productCount})
          </ToggleButton>
        </ToggleButtonGroup>

        <CaptionedToggleButtonGroup
          captionId="health-state-filter"
          caption={`${
            names.many[0].toLocaleUpperCase('en') + names.many.slice(1)
          } by state; choose states to show only those`}
          aria-label="Filter by state"
          selectionMode="multiple"
          selectedKeys={query.states}
          onSelectionChange={keys =>
            setQuery({
              kind: query.kind,
              states: STATES_WORST_FIRST.filter(s => keys.has(s)),
            })
          }
        >
          {STATES_WORST_FIRST.map(state => {
            const look = lookOf(state);
            return (
              <ToggleButton
                key={state}
                id={state}
                iconStart={<look.Icon sx={{ color: look.color }} aria-hidden />}
              >
                {`${counts[state]} ${look.label.toLocaleLowerCase('en')}`}
              </ToggleButton>
            );
          })}
        </CaptionedToggleButtonGroup>

        <Flex justify="between" align="center">
          <Text
            as="span"
            variant="body-small"
            color="secondary"
            aria-live="polite"
          >
            {query.states.length > 0
              ? `Showing ${rows.length} of ${plural(
                  ofKind.length,
                  names.one,
                  names.many,
                )}`
              : plural(ofKind.length, names.one, names.many)}
            , worst first
          </Text>
          {query.states.length > 0 && (
            <Button
              variant="tertiary"
              size="small"
              onPress={() => setQuery({ kind: query.kind, states: [] })}
            >
              Clear filter
            </Button>
          )}
        </Flex>

        {rows.length === 0 ? (
          <EmptyState
            missing="data"
            title={
              ofKind.length === 0
                ? `No ${names.many} have a health model`
                : `No ${names.many} in the chosen states`
            }
            description={
              ofKind.length === 0
                ? `Add the annotation ${HEALTH_MODEL_ANNOTATION} to a ${names.one} to see it here.`
                : 'Clear the filter to see them all.'
            }
          />
        ) : (
          <HealthTable kind={query.kind} rows={rows} now={now} />
        )}
      </Flex>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <PageHeading
          title="Platform health"
          description="Every domain and data product with a health model, worst first. Updates when the evaluator finishes a cycle (every minute) and every 30 seconds."
        >
          <Flex align="center" gap="3">
            {list.value?.lastCycleAt && (
              <Text as="span" variant="body-small" color="secondary">
                Evaluator last ran{' '}
                <time
                  dateTime={list.value.lastCycleAt}
                  title={formatDateTime(list.value.lastCycleAt)}
                >
                  {formatRelativeTime(list.value.lastCycleAt, now)}
                </time>
              </Text>
            )}
            <Button
              variant="secondary"
              size="small"
              onPress={list.retry}
              isPending={list.loading && !!list.value}
            >
              Refresh
            </Button>
          </Flex>
        </PageHeading>
        {list.value && list.error && (
          <Alert
            status="warning"
            icon
            title={`Could not refresh; showing the result from ${
              list.loadedAt
                ? formatRelativeTime(list.loadedAt.toISOString(), now)
                : 'before'
            }`}
            description={reasonOf(list.error)}
            customActions={
              <Button variant="secondary" size="small" onPress={list.retry}>
                Retry
              </Button>
            }
          />
        )}
        {content}
      </Flex>
    </Container>
  );
}
