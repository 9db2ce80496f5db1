import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { EstateSandboxRow } from '@dataplatform/plugin-cost-common';
import { longDay, money, percent, sandboxPath } from '../../lib/format';

const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** A thin bar under the figures; the figures carry the meaning. */
function SpendBar(props: { ratio: number }) {
  const { ratio } = props;
  let color = 'primary.main';
  if (ratio >= 1) color = 'error.main';
  else if (ratio >= 0.8) color = 'warning.dark';
  return (
    <Box
      aria-hidden
      sx={{
        mt: 0.5,
        height: 6,
        borderRadius: 3,
        bgcolor: 'action.hover',
        overflow: 'hidden',
        minWidth: 120,
      }}
    >
      <Box
        sx={{
          width: `${Math.min(100, ratio * 100)}%`,
          height: '100%',
          bgcolor: color,
        }}
      />
    </Box>
  );
}

function daysText(row: EstateSandboxRow): string {
  if (row.cap === null || row.cap === undefined) return 'no cap';
  if (row.daysUntilCap === 0) return 'cap reached';
  if (row.daysUntilCap === null || row.daysUntilCap === undefined) {
    return 'not in sight';
  }
  return `≈ ${row.daysUntilCap} ${row.daysUntilCap === 1 ? 'day' : 'days'}`;
}

/** Every innovation sandbox: spend against its cap, days until it, lease end. */
export function SandboxesTable(props: {
  rows: EstateSandboxRow[];
  currency: string;
}) {
  const { rows, currency } = props;
  if (rows.length === 0) {
    return (
      <Text as="p" variant="body-small" color="secondary" style={{ margin: 0 }}>
        No innovation sandboxes in the catalog (Resources with spec.type
        azure-sandbox).
      </Text>
    );
  }
  return (
    <Table size="small" aria-label="Sandboxes">
      <TableHead>
        <TableRow>
          <TableCell>Sandbox</TableCell>
          <TableCell>Spend this month vs cap</TableCell>
          <TableCell sx={NUMBER}>Until the cap</TableCell>
          <TableCell sx={NUMBER}>Lease ends</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.entityRef} data-sandbox={row.name}>
            <TableCell component="th" scope="row">
              <Link to={sandboxPath(row.name)}>{row.title ?? row.name}</Link>
            </TableCell>
            {row.problem ? (
              <TableCell colSpan={3}>
                <Text as="span" variant="body-small" color="secondary">
                  {row.problem}
                </Text>
              </TableCell>
            ) : (
              <>
                <TableCell>
                  <Flex direction="column" gap="0">
                    <span>
                      {money(row.spend, currency)}
                      {row.cap !== null && row.cap !== undefined
                        ? ` of ${money(row.cap, currency)} (${percent(
                            row.spendPercent,
                          )})`
                        : ', no cap'}
                    </span>
                    {row.cap ? (
                      <SpendBar ratio={(row.spend ?? 0) / row.cap} />
                    ) : null}
                  </Flex>
                </TableCell>
                <TableCell sx={NUMBER}>{daysText(row)}</TableCell>
                <TableCell sx={NUMBER}>
                  {row.expiresOn ? longDay(row.expiresOn) : '—'}
                </TableCell>
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
