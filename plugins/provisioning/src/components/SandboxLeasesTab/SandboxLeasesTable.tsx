import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  SANDBOX_POLICY,
  SandboxLease,
  sandboxResourceNames,
  toGroupRef,
} from '@dataplatform/plugin-provisioning-common';
import { LeaseStateChip } from '../chips';
import { ExtendLeaseButton, LeaseExpiry, SpendBar } from '../lease';

/** Read by screen readers, not shown. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The catalog Resource of a sandbox; it exists once the subscription does. */
export function sandboxEntityRef(lease: SandboxLease): string {
  return (
    lease.plan?.entityRef ??
    `resource:default/${sandboxResourceNames(lease.input.name).entityName}`
  );
}

/**
 * Every sandbox lease with its state, time left, spend against its cap and
 * whether it can still be extended.
 */
export function SandboxLeasesTable(props: {
  leases: SandboxLease[];
  now: Date;
  onExtended: (lease: SandboxLease) => void;
}) {
  const { leases, now, onExtended } = props;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table aria-label="Sandbox leases" size="small">
        <TableHead>
          <TableRow>
            <TableCell>Sandbox</TableCell>
            <TableCell>Owner group</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Spend and budget cap</TableCell>
            <TableCell>Extensions</TableCell>
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {leases.map(lease => (
            <TableRow key={lease.id}>
              <TableCell component="th" scope="row">
                {lease.subscriptionId ? (
                  <EntityRefLink
                    entityRef={sandboxEntityRef(lease)}
                    defaultKind="resource"
                  >
                    {lease.input.name}
                  </EntityRefLink>
                ) : (
                  lease.input.name
                )}
                <Typography
                  variant="body2"
                  color="text.secondary"
                  sx={{ maxWidth: 320 }}
                >
                  {lease.input.purpose}
                </Typography>
              </TableCell>
              <TableCell>
                <EntityRefLink
                  entityRef={toGroupRef(lease.input.ownerGroup)}
                  defaultKind="group"
                />
              </TableCell>
              <TableCell>
                <LeaseStateChip state={lease.state} />
              </TableCell>
              <TableCell>
                <LeaseExpiry lease={lease} now={now} />
              </TableCell>
              <TableCell>
                <SpendBar lease={lease} />
              </TableCell>
              <TableCell>
                <span
                  title={`${lease.extensionsUsed} of ${SANDBOX_POLICY.maxExtensions} extensions used`}
                >
                  {lease.extensionsUsed}/{SANDBOX_POLICY.maxExtensions}
                </span>
              </TableCell>
              <TableCell>
                <ExtendLeaseButton lease={lease} onExtended={onExtended} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
