import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { EntityRetentionSummary } from '@dataplatform/plugin-retention-common';
import { formatDateTime, formatRelativeTime } from '@dataplatform/portal-react';
import { checkTitle } from '../../lib/format';
import { nameOf, retentionTabPath } from '../../lib/refs';
import { StaleMarker } from '../panels';
import { VerdictChip, VerdictCountChips } from '../verdicts';

const FIT = { width: '1%', whiteSpace: 'nowrap' } as const;

/**
 * A domain's data products, in the order given (worst first), each linked
 * to its own Retention tab: verdict, findings by verdict and the worst.
 */
export function DataProductsTable(props: {
  items: EntityRetentionSummary[];
  now: Date;
}) {
  const { items, now } = props;
  const entityLink = useEntityRefLink();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table aria-label="Data products" size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap', minWidth: 180 }}>
              Data product
            </TableCell>
            <TableCell sx={FIT}>Verdict</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', minWidth: 220 }}>
              Findings
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', width: '100%' }}>
              Worst finding
            </TableCell>
            <TableCell sx={FIT}>Evaluated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow
              key={item.entityRef}
              data-verdict={item.verdict}
              sx={{ verticalAlign: 'top' }}
            >
              <TableCell component="th" scope="row">
                <Flex direction="column" gap="1" align="start">
                  <Link to={retentionTabPath(entityLink(item.entityRef))}>
                    {item.title ?? nameOf(item.entityRef)}
                  </Link>
                  {item.stale && <StaleMarker />}
                </Flex>
              </TableCell>
              <TableCell sx={FIT}>
                <VerdictChip verdict={item.verdict} size="small" />
              </TableCell>
              <TableCell>
                <VerdictCountChips
                  counts={item.counts}
                  label={`Findings of ${item.title ?? nameOf(item.entityRef)}`}
                />
              </TableCell>
              <TableCell>
                {item.worst && item.worst.verdict !== 'compliant' ? (
                  <>
                    <Text as="div" variant="body-small" weight="bold">
                      {checkTitle(item.worst.check)}
                      {item.worst.resourceName
                        ? ` of ${item.worst.resourceName}`
                        : ''}
                    </Text>
                    <Text as="div" variant="body-small">
                      Required {item.worst.required}; actual {item.worst.actual}
                    </Text>
                  </>
                ) : (
                  <Text as="span" variant="body-small" color="secondary">
                    {item.worst ? 'Every requirement is met' : 'No findings'}
                  </Text>
                )}
              </TableCell>
              <TableCell sx={FIT}>
                <time
                  dateTime={item.evaluatedAt}
                  title={formatDateTime(item.evaluatedAt)}
                >
                  {formatRelativeTime(item.evaluatedAt, now)}
                </time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
