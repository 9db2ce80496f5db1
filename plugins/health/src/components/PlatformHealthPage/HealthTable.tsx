import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  EntityHealthSummary,
  SLO_OBJECTIVE,
} from '@dataplatform/plugin-health-common';
import {
  formatAvailability,
  formatDateTime,
  formatRelativeTime,
  formatScore,
} from '../../lib/format';
import { healthTabPath, nameOf } from '../../lib/refs';
import { UnhealthyIcon } from '../icons';
import { StaleMarker, StaleNote, SummaryBudget } from '../panels';
import { SignalCountChips, StateChip } from '../states';
import { KindView } from './rows';

/**
 * Availability over 30 days and the error budget left, both as the backend
 * computes them for the SLO, so the numbers match the Health tab.
 */
function Availability(props: { summary: EntityHealthSummary }) {
  const { availability30d: availability, errorBudgetRemainingFraction } =
    props.summary;
  if (
    availability === undefined &&
    errorBudgetRemainingFraction === undefined
  ) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        No history yet
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1" style={{ minWidth: 120 }}>
      {availability !== undefined && (
        <Text
          as="span"
          variant="body-small"
          weight="bold"
          color={availability < SLO_OBJECTIVE ? 'danger' : undefined}
        >
          {formatAvailability(availability)}
        </Text>
      )}
      <SummaryBudget fraction={errorBudgetRemainingFraction} />
    </Flex>
  );
}

function ModelErrorMarker(props: {
  modelError: NonNullable<EntityHealthSummary['modelError']>;
}) {
  const { modelError } = props;
  const details = [
    modelError.message,
    ...modelError.errors.map(e => `${e.path}: ${e.message}`),
  ].join('\n');
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      icon={<UnhealthyIcon fontSize="small" aria-hidden />}
      label="Model error"
      title={details}
    />
  );
}

/**
 * Columns as wide as their content, never wrapped: short values whose
 * width is known. `width: 1%` makes an auto-layout table give them no more
 * than that, so the rest goes to the top cause.
 */
const FIT = { width: '1%', whiteSpace: 'nowrap' } as const;
/** Headings are single words or short phrases; wrapped mid-word they are unreadable. */
const HEADING = { whiteSpace: 'nowrap' } as const;

/**
 * Domains or data products, one row each, in the order given: state,
 * score, availability with the error budget, signals by state, top cause
 * and when it was evaluated; the name opens the entity's Health tab.
 */
export function HealthTable(props: {
  kind: KindView;
  rows: EntityHealthSummary[];
  now: Date;
}) {
  const { kind, rows, now } = props;
  const entityLink = useEntityRefLink();
  const label = kind === 'domain' ? 'Domains' : 'Data products';
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table aria-label={label} size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ ...HEADING, minWidth: 180 }}>
              {kind === 'domain' ? 'Domain' : 'Data product'}
            </TableCell>
            {kind === 'dataproduct' && <TableCell sx={FIT}>Domain</TableCell>}
            <TableCell sx={FIT}>State</TableCell>
            <TableCell sx={FIT}>Score</TableCell>
            <TableCell sx={{ ...HEADING, width: '1%' }}>
              Availability (30 days)
            </TableCell>
            <TableCell sx={{ ...HEADING, width: '1%', minWidth: 170 }}>
              Signals
            </TableCell>
            <TableCell sx={{ ...HEADING, width: '100%', minWidth: 240 }}>
              Top cause
            </TableCell>
            <TableCell sx={FIT}>Evaluated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef} data-state={row.state}>
              <TableCell component="th" scope="row">
                <Flex direction="column" gap="1" align="start">
                  <Link to={healthTabPath(entityLink(row.entityRef))}>
                    {row.title}
                  </Link>
                  {row.stale && <StaleMarker />}
                  {row.modelError && (
                    <ModelErrorMarker modelError={row.modelError} />
                  )}
                </Flex>
              </TableCell>
              {kind === 'dataproduct' && (
                <TableCell sx={FIT}>
                  {row.domainRef ? (
                    <Link to={healthTabPath(entityLink(row.domainRef))}>
                      {nameOf(row.domainRef)}
                    </Link>
                  ) : (
                    '—'
                  )}
                </TableCell>
              )}
              <TableCell sx={FIT}>
                <StateChip state={row.state} size="small" />
                {row.stale && (
                  // Wraps within the column rather than widening it to one line.
                  <Text
                    as="div"
                    variant="body-x-small"
                    color="secondary"
                    style={{
                      whiteSpace: 'normal',
                      minWidth: 180,
                      marginTop: 4,
                    }}
                  >
                    <StaleNote summary={row} now={now} />
                  </Text>
                )}
              </TableCell>
              <TableCell sx={FIT}>
                {row.score === undefined ? '—' : formatScore(row.score)}
                {row.score !== undefined && row.state === 'unknown' && (
                  // Unknown signals are left out of the score: 100% here is not "all well".
                  <Text as="div" variant="body-x-small" color="secondary">
                    of known signals
                  </Text>
                )}
              </TableCell>
              <TableCell>
                <Availability summary={row} />
              </TableCell>
              <TableCell>
                <SignalCountChips counts={row.signalCounts} />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {row.topCauses[0] ?? (
                  <Text as="span" variant="body-small" color="secondary">
                    —
                  </Text>
                )}
                {row.topCauses.length > 1 && (
                  <Text as="div" variant="body-x-small" color="secondary">
                    and {row.topCauses.length - 1} more
                  </Text>
                )}
              </TableCell>
              <TableCell sx={FIT}>
                {row.evaluatedAt ? (
                  <time
                    dateTime={row.evaluatedAt}
                    title={formatDateTime(row.evaluatedAt)}
                  >
                    {formatRelativeTime(row.evaluatedAt, now)}
                  </time>
                ) : (
                  'Not yet'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
