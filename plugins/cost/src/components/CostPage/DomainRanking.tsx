import { Link } from '@backstage/core-components';
import { Button, Flex, Text, VisuallyHidden } from '@backstage/ui';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { EstateDomainRow } from '@dataplatform/plugin-cost-common';
import { change, domainPath, money, nameOf, percent } from '../../lib/format';
import { PortalLink } from '../panels';
import { RiskChip } from '../risk';

const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
const FIT = { width: '1%', whiteSpace: 'nowrap' } as const;
// The name and owner group must never be squeezed to a letter per line by
// the figures next to them.
const NAME = { minWidth: 180, whiteSpace: 'nowrap' } as const;

function DomainName(props: { row: EstateDomainRow }) {
  const { row } = props;
  return (
    <Flex direction="column" gap="0">
      <Link to={domainPath(row.name)}>{row.title ?? row.name}</Link>
      {row.ownerGroup && (
        <Text as="span" variant="body-x-small" color="secondary">
          {nameOf(row.ownerGroup)}
        </Text>
      )}
      {/* Under the name rather than in a column of its own, so the figures
          fit beside the sidebar without scrolling. */}
      {row.costAnalysisUrl && (
        <Text as="span" variant="body-x-small">
          <PortalLink href={row.costAnalysisUrl}>Cost analysis</PortalLink>
        </Text>
      )}
    </Flex>
  );
}

/**
 * Every domain in the order the backend ranks them (forecast against
 * budget, highest first; then month to date), with a button that shows a
 * domain's trend below. A domain without a usable subscription says what is
 * wrong instead of figures.
 */
export function DomainRanking(props: {
  rows: EstateDomainRow[];
  currency: string;
  selected?: string;
  onSelect: (name: string) => void;
}) {
  const { rows, currency, selected } = props;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Domains ranked by risk">
        <TableHead>
          <TableRow>
            <TableCell sx={FIT}>#</TableCell>
            <TableCell sx={FIT}>Risk</TableCell>
            <TableCell sx={NAME}>Domain</TableCell>
            <TableCell sx={NUMBER}>Month to date</TableCell>
            <TableCell sx={NUMBER}>Budget</TableCell>
            <TableCell sx={NUMBER}>Forecast</TableCell>
            <TableCell sx={NUMBER}>
              Forecast
              <br />% of budget
            </TableCell>
            <TableCell sx={NUMBER}>
              Change vs
              <br />
              last month
            </TableCell>
            <TableCell sx={NUMBER}>
              Active
              <br />
              alerts
            </TableCell>
            <TableCell sx={FIT}>
              <VisuallyHidden>Trend</VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, index) => {
            const s = row.summary;
            const isSelected = row.name === selected;
            return (
              <TableRow
                key={row.entityRef}
                selected={isSelected}
                data-domain={row.name}
              >
                <TableCell sx={FIT}>{index + 1}</TableCell>
                <TableCell sx={FIT}>
                  {s ? (
                    <RiskChip risk={s.risk} />
                  ) : (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={row.problem ? 'No subscription' : 'No data'}
                    />
                  )}
                </TableCell>
                <TableCell component="th" scope="row" sx={NAME}>
                  <DomainName row={row} />
                </TableCell>
                {s ? (
                  <>
                    <TableCell sx={NUMBER}>
                      {money(s.monthToDate, currency)}
                    </TableCell>
                    <TableCell sx={NUMBER}>
                      {money(s.budget, currency)}
                    </TableCell>
                    <TableCell sx={NUMBER}>
                      {money(s.forecastMonthEnd, currency)}
                    </TableCell>
                    <TableCell sx={NUMBER}>
                      {percent(s.forecastPercent)}
                    </TableCell>
                    <TableCell sx={NUMBER}>
                      {change(s.changeVsLastMonthPercent) ?? '—'}
                    </TableCell>
                  </>
                ) : (
                  <TableCell colSpan={5}>
                    <Text as="span" variant="body-small" color="secondary">
                      {row.problem ??
                        'No cost has been read for this subscription yet.'}
                    </Text>
                  </TableCell>
                )}
                <TableCell sx={NUMBER}>{row.activeAlerts}</TableCell>
                <TableCell sx={FIT}>
                  {s && (
                    <Button
                      size="small"
                      variant={isSelected ? 'primary' : 'secondary'}
                      aria-pressed={isSelected}
                      aria-label={`Show the trend of ${row.name}`}
                      onPress={() => props.onSelect(row.name)}
                    >
                      Trend
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
