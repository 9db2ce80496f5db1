import { memo, useMemo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import { styled } from '@mui/material/styles';
import {
  cellSortValue,
  Concern,
  CONCERNS,
  DomainOverviewRow,
  SourceStatus,
} from '@dataplatform/plugin-overview-common';
import { OpenInNewIcon, WarningTriangleIcon } from '@dataplatform/portal-react';
import { CONCERN_LABELS, ConcernCellLink, sourceProblem } from '../concerns';

/** What the table is sorted by: the backend's order (worst first), the title or a column. */
export type SortColumn = 'rank' | 'domain' | Concern;

export interface SortState {
  by: SortColumn;
  /** For a concern, ascending is worst first. */
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: SortState = { by: 'rank', direction: 'asc' };

/**
 * The rows in the chosen order. Keys are computed once per row, not once per
 * comparison, and equal keys keep the backend's worst-first order.
 */
export function sortRows(
  rows: DomainOverviewRow[],
  sort: SortState,
): DomainOverviewRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.by === 'rank') {
    return [...rows].sort((a, b) => sign * (a.rank - b.rank));
  }
  if (sort.by === 'domain') {
    return [...rows].sort(
      (a, b) => sign * a.title.localeCompare(b.title, 'en') || a.rank - b.rank,
    );
  }
  const column = sort.by;
  return rows
    .map(row => ({ row, key: cellSortValue(column, row[column]) }))
    .sort((a, b) => sign * (a.key - b.key) || a.row.rank - b.row.rank)
    .map(keyed => keyed.row);
}

function groupPath(ref: string): string | undefined {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return `/catalog/${namespace}/${kind.toLocaleLowerCase('en')}/${name}`;
  } catch {
    return undefined;
  }
}

// Styled once: 200 rows of MUI Links with `sx` each take noticeably longer
// to render than plain anchors sharing one class.
const DomainName = styled('div')(({ theme }) => ({
  display: 'flex',
  flexDirection: 'column',
  gap: theme.spacing(0.25),
  minWidth: 0,
  overflowWrap: 'anywhere',
  '& a': { color: theme.palette.primary.main },
  '& a:not(:hover):not(:focus-visible)': { textDecoration: 'none' },
}));

const TitleLink = styled(RouterLink)({ fontWeight: 600 });

const SmallLink = styled(RouterLink)(({ theme }) => ({
  fontSize: '0.75rem',
  '&&': { color: theme.palette.text.secondary },
}));

const SubscriptionLink = styled('a')(({ theme }) => ({
  fontSize: '0.75rem',
  display: 'inline-flex',
  alignItems: 'center',
  gap: theme.spacing(0.25),
}));

/** Title (to the Domain page), owner (to the group) and the subscription (Azure portal). */
function DomainCell(props: { row: DomainOverviewRow }) {
  const { row } = props;
  const owner = row.ownerTitle ?? row.ownerGroup;
  const ownerPath = row.ownerGroup ? groupPath(row.ownerGroup) : undefined;
  return (
    <DomainName>
      <TitleLink to={row.href}>{row.title}</TitleLink>
      {owner &&
        (ownerPath ? (
          <SmallLink to={ownerPath}>{owner}</SmallLink>
        ) : (
          <span style={{ fontSize: '0.75rem' }}>{owner}</span>
        ))}
      {row.subscriptionUrl && (
        <SubscriptionLink
          href={row.subscriptionUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Azure subscription of ${row.title} (opens in a new tab)`}
        >
          Azure subscription
          <OpenInNewIcon fontSize="inherit" aria-hidden />
        </SubscriptionLink>
      )}
    </DomainName>
  );
}

// One row re-renders only when its data changes, not when another row's
// does or the filters change around it.
const DomainTableRow = memo(function DomainTableRowOf(props: {
  row: DomainOverviewRow;
}) {
  const { row } = props;
  return (
    <TableRow data-domain={row.name} data-attention={row.attention}>
      <TableCell component="th" scope="row">
        <DomainCell row={row} />
      </TableCell>
      {CONCERNS.map(concern => (
        <TableCell key={concern}>
          <ConcernCellLink concern={concern} cell={row[concern]} />
        </TableCell>
      ))}
    </TableRow>
  );
});

/** A warning sign in a column header when the column's source is not current. */
function SourceWarning(props: { concern: Concern; problems: string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <Tooltip title={props.problems.join(' · ')}>
      {/* Focusable, so the reason shows from the keyboard too. */}
      <Box
        component="span"
        role="img"
        tabIndex={0}
        aria-label={props.problems.join('; ')}
        data-testid={`source-warning-${props.concern}`}
        sx={{ display: 'inline-flex', ml: 0.5, color: 'warning.main' }}
      >
        <WarningTriangleIcon sx={{ fontSize: '1rem' }} aria-hidden />
      </Box>
    </Tooltip>
  );
}

function ariaSort(
  sort: SortState,
  column: SortColumn,
): 'ascending' | 'descending' | undefined {
  if (sort.by !== column) return undefined;
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/**
 * Every domain with one column per concern. Sorting by a concern puts the
 * worst cells first (then desc: the best); ties keep worst-first order.
 */
export function DomainsTable(props: {
  rows: DomainOverviewRow[];
  sources: SourceStatus[];
  sort: SortState;
  onSort: (sort: SortState) => void;
}) {
  const { rows, sources, sort, onSort } = props;
  const problems = useMemo(() => {
    const byConcern = Object.fromEntries(
      CONCERNS.map(concern => [concern, [] as string[]]),
    ) as Record<Concern, string[]>;
    for (const source of sources) {
      const line = sourceProblem(source);
      if (line && byConcern[source.concern]) {
        byConcern[source.concern].push(line);
      }
    }
    return byConcern;
  }, [sources]);

  const toggle = (column: SortColumn) =>
    onSort(
      sort.by === column
        ? { by: column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { by: column, direction: 'asc' },
    );

  return (
    <Box sx={{ overflowX: 'auto' }}>
      {/* Fixed layout: a long cell text wraps inside its column rather than
          pushing the Sandboxes column off the screen. */}
      <Table
        size="small"
        aria-label="Domains"
        sx={{ tableLayout: 'fixed', minWidth: 880 }}
      >
        <TableHead>
          <TableRow>
            <TableCell
              aria-sort={ariaSort(sort, 'domain')}
              sx={{ width: '19%' }}
            >
              <TableSortLabel
                active={sort.by === 'domain'}
                direction={sort.by === 'domain' ? sort.direction : 'asc'}
                onClick={() => toggle('domain')}
              >
                Domain
              </TableSortLabel>
            </TableCell>
            {CONCERNS.map(concern => (
              <TableCell
                key={concern}
                aria-sort={ariaSort(sort, concern)}
                sx={{ width: '16.2%' }}
              >
                <Box
                  component="span"
                  sx={{ display: 'inline-flex', alignItems: 'center' }}
                >
                  <TableSortLabel
                    active={sort.by === concern}
                    direction={sort.by === concern ? sort.direction : 'asc'}
                    title={
                      sort.by === concern && sort.direction === 'asc'
                        ? 'Sorted worst first; choose to put the best first'
                        : 'Sort worst first'
                    }
                    onClick={() => toggle(concern)}
                  >
                    {CONCERN_LABELS[concern]}
                  </TableSortLabel>
                  <SourceWarning
                    concern={concern}
                    problems={problems[concern]}
                  />
                </Box>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <DomainTableRow key={row.entityRef} row={row} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
