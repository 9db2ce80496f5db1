import { useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Container, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import {
  applyOverviewFilters,
  DomainOverviewRow,
  filtersToQuery,
  OverviewFilters,
  parseOverviewFilters,
} from '@dataplatform/plugin-overview-common';
import {
  PageHeading,
  reasonOf,
  usePolledAsync,
} from '@dataplatform/portal-react';
import { overviewApiRef } from '../../api';
import { formatUtcTime } from '../concerns';
import { FirstLoadState, RefreshFailedAlert } from '../PolledLoadStates';
import { CountTiles } from './CountTiles';
import {
  DEFAULT_SORT,
  DomainsTable,
  SortState,
  sortRows,
} from './DomainsTable';
import { Filters } from './Filters';
import { SourcesStrip } from './SourcesStrip';

/** Where a person without domains finds data to use. */
export const DATA_PRODUCT_EXPLORER_PATH = '/data-products';

/**
 * The filters in the page's URL. A bad URL (a hand-edited or old link) is
 * not fatal: the page says what is wrong and shows every domain.
 */
export function filtersFromSearch(search: string): {
  filters: OverviewFilters;
  error?: string;
} {
  const params = new URLSearchParams(search);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  try {
    return { filters: parseOverviewFilters(query) };
  } catch (error) {
    return { filters: {}, error: reasonOf(error) };
  }
}

/**
 * The rows of a new answer, keeping the objects of rows that did not
 * change, so the table re-renders only what changed on each 30 s poll.
 */
function useStableRows(rows: DomainOverviewRow[] | undefined) {
  const previous = useRef(
    new Map<string, { json: string; row: DomainOverviewRow }>(),
  );
  return useMemo(() => {
    if (!rows) return undefined;
    const next = new Map<string, { json: string; row: DomainOverviewRow }>();
    const stable = rows.map(row => {
      const json = JSON.stringify(row);
      const known = previous.current.get(row.entityRef);
      const kept = known && known.json === json ? known.row : row;
      next.set(row.entityRef, { json, row: kept });
      return kept;
    });
    previous.current = next;
    return stable;
  }, [rows]);
}

/**
 * The platform team's view of every domain: counts on top, each column's
 * freshness, and one row per domain with a cell per concern, worst first.
 * Reads the whole list once per poll (the backend answers 304 when nothing
 * changed) and filters and sorts it here, so filtering costs no request.
 */
export function PlatformHomePage(props: { refreshIntervalMs?: number }) {
  const api = useApi(overviewApiRef);
  const location = useLocation();
  const navigate = useNavigate();
  const interval = props.refreshIntervalMs ?? 30_000;
  const home = usePolledAsync(() => api.getPlatformHome(), [api], interval);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);

  const { filters, error: filterError } = useMemo(
    () => filtersFromSearch(location.search),
    [location.search],
  );
  const setFilters = (next: OverviewFilters) => {
    const query = filtersToQuery(next);
    navigate({ search: query ? `?${query}` : '' }, { replace: true });
  };

  const rows = useStableRows(home.value?.rows);
  const filtered = useMemo(
    () => (rows ? applyOverviewFilters(rows, filters) : []),
    [rows, filters],
  );
  const sorted = useMemo(() => sortRows(filtered, sort), [filtered, sort]);

  const value = home.value;
  let content: JSX.Element;
  if (!value) {
    content = (
      <FirstLoadState state={home} title="Could not load the platform home" />
    );
  } else if (value.visibleTotal === 0) {
    content = (
      <Flex direction="column" gap="3">
        <SourcesStrip sources={value.sources} />
        <Box
          role="region"
          aria-label="No domains"
          sx={{
            border: 1,
            borderColor: 'divider',
            borderRadius: 2,
            p: 3,
            bgcolor: 'background.paper',
          }}
        >
          <Flex direction="column" gap="2">
            <Text as="h3" variant="title-small" style={{ margin: 0 }}>
              No domains to show
            </Text>
            <Text as="p" variant="body-medium" style={{ margin: 0 }}>
              {value.emptyReason ??
                'The catalog has no Domain entities yet; they show here once it does.'}
            </Text>
            <Link component={RouterLink} to={DATA_PRODUCT_EXPLORER_PATH}>
              Explore data products
            </Link>
          </Flex>
        </Box>
      </Flex>
    );
  } else {
    const filtering = filtersToQuery(filters) !== '';
    content = (
      <Flex direction="column" gap="3">
        <RefreshFailedAlert
          state={home}
          title="Could not refresh the platform home"
          shown="the domains"
        />
        <CountTiles
          counts={value.counts}
          filters={filters}
          onChoose={setFilters}
        />
        <SourcesStrip sources={value.sources} />
        <Filters filters={filters} onChange={setFilters} />
        <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
          <Text as="p" variant="body-medium" style={{ margin: 0 }}>
            <span role="status" aria-live="polite">
              {filtering
                ? `${filtered.length} of ${value.visibleTotal} domains`
                : `${value.visibleTotal} ${
                    value.visibleTotal === 1 ? 'domain' : 'domains'
                  }`}
            </span>
            {sort.by === 'rank' && sort.direction === 'asc'
              ? ', worst first'
              : ''}
          </Text>
          {(sort.by !== 'rank' || sort.direction !== 'asc') && (
            <Button
              variant="tertiary"
              size="small"
              onPress={() => setSort(DEFAULT_SORT)}
            >
              Sort worst first
            </Button>
          )}
          {filtering && (
            <Button
              variant="tertiary"
              size="small"
              onPress={() => setFilters({})}
            >
              Clear filters
            </Button>
          )}
        </Flex>
        {sorted.length === 0 ? (
          <Text as="p" variant="body-medium" color="secondary">
            No domain matches these filters.
          </Text>
        ) : (
          <DomainsTable
            rows={sorted}
            sources={value.sources}
            sort={sort}
            onSort={setSort}
          />
        )}
      </Flex>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <PageHeading
          title="Platform home"
          description="Every domain with its health, cost, retention, contracts and sandboxes, worst first. Each cell leads to the details."
          extra={
            value && (
              <Text as="span" variant="body-small" color="secondary">
                Assembled at {formatUtcTime(value.generatedAt)}; reloads every{' '}
                {Math.round(interval / 1000)} seconds
              </Text>
            )
          }
        />
        {filterError && (
          <Alert
            status="danger"
            icon
            title="The filters in the address are not valid; showing every domain"
            description={filterError}
          />
        )}
        {content}
      </Flex>
    </Container>
  );
}
