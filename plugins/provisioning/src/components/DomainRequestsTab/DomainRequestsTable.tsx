import { MouseEvent, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  DOMAIN_REQUEST_STATUSES,
  DomainRequest,
  DomainRequestStatus,
  RESIDENCY_LABELS,
} from '@dataplatform/plugin-provisioning-common';
import { formatDateTime } from '@dataplatform/portal-react';
import { formatAmount, formatRelativeTime } from '../../lib/format';
import { REQUEST_STATUS_LOOKS, RequestStatusChip } from '../chips';

/** The order of the filter chips: what needs someone first. */
const FILTER_ORDER: readonly DomainRequestStatus[] = [
  'pending-approval',
  'failed',
  'approved',
  'provisioning',
  'provisioned',
  'rejected',
];

function isStatus(value: string): value is DomainRequestStatus {
  return (DOMAIN_REQUEST_STATUSES as readonly string[]).includes(value);
}

/** Pending requests wait for the reader, so they come first; then newest first. */
export function sortRequests(requests: DomainRequest[]): DomainRequest[] {
  return [...requests].sort((a, b) => {
    const pendingA = a.status === 'pending-approval' ? 0 : 1;
    const pendingB = b.status === 'pending-approval' ? 0 : 1;
    if (pendingA !== pendingB) {
      return pendingA - pendingB;
    }
    return Date.parse(b.requestedAt) - Date.parse(a.requestedAt);
  });
}

/** The status filter lives in the address, so a filtered list can be shared. */
function useStatusFilter(): [
  DomainRequestStatus[],
  (statuses: DomainRequestStatus[]) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = (searchParams.get('status') ?? '')
    .split(',')
    .filter(isStatus);
  const setSelected = (statuses: DomainRequestStatus[]) => {
    const next = new URLSearchParams(searchParams);
    if (statuses.length) {
      next.set('status', statuses.join(','));
    } else {
      next.delete('status');
    }
    setSearchParams(next, { replace: true });
  };
  return [selected, setSelected];
}

function StatusFilter(props: {
  requests: DomainRequest[];
  selected: DomainRequestStatus[];
  onChange: (statuses: DomainRequestStatus[]) => void;
}) {
  const { requests, selected, onChange } = props;
  const counts = new Map<DomainRequestStatus, number>();
  for (const request of requests) {
    counts.set(request.status, (counts.get(request.status) ?? 0) + 1);
  }
  const toggle = (status: DomainRequestStatus) =>
    onChange(
      selected.includes(status)
        ? selected.filter(s => s !== status)
        : [...selected, status],
    );
  return (
    <Box
      role="group"
      aria-label="Filter by status"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}
    >
      <Chip
        label={`All (${requests.length})`}
        color={selected.length === 0 ? 'primary' : 'default'}
        variant={selected.length === 0 ? 'filled' : 'outlined'}
        aria-pressed={selected.length === 0}
        onClick={() => onChange([])}
      />
      {FILTER_ORDER.map(status => {
        const on = selected.includes(status);
        return (
          <Chip
            key={status}
            label={`${REQUEST_STATUS_LOOKS[status].label} (${
              counts.get(status) ?? 0
            })`}
            color={on ? REQUEST_STATUS_LOOKS[status].color : 'default'}
            variant={on ? 'filled' : 'outlined'}
            aria-pressed={on}
            onClick={() => toggle(status)}
          />
        );
      })}
    </Box>
  );
}

/**
 * Every domain request, pending ones first, filterable by status; a row
 * opens the request with its plan and decision.
 */
export function DomainRequestsTable(props: {
  requests: DomainRequest[];
  now: Date;
  hrefOf: (request: DomainRequest) => string;
}) {
  const { requests, now, hrefOf } = props;
  const navigate = useNavigate();
  const [selected, setSelected] = useStatusFilter();
  const shown = useMemo(
    () =>
      sortRequests(
        selected.length
          ? requests.filter(r => selected.includes(r.status))
          : requests,
      ),
    [requests, selected],
  );

  const openRow = (request: DomainRequest) => (event: MouseEvent) => {
    // Links and buttons inside the row navigate by themselves.
    if ((event.target as HTMLElement).closest('a, button')) {
      return;
    }
    navigate(hrefOf(request));
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <StatusFilter
        requests={requests}
        selected={selected}
        onChange={setSelected}
      />
      <Box sx={{ overflowX: 'auto' }}>
        <Table aria-label="Domain requests" size="small">
          <TableHead>
            <TableRow>
              <TableCell>Domain</TableCell>
              <TableCell>Requested by</TableCell>
              <TableCell>Requested</TableCell>
              <TableCell>Residency and region</TableCell>
              <TableCell align="right">Monthly budget</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Decided</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Typography color="text.secondary">
                    No domain requests with the chosen status.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {shown.map(request => (
              <TableRow
                key={request.id}
                hover
                onClick={openRow(request)}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell component="th" scope="row">
                  <Link to={hrefOf(request)}>
                    {request.input.title ?? request.input.name}
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    <code>{request.input.name}</code>
                  </Typography>
                </TableCell>
                <TableCell>
                  <EntityRefLink
                    entityRef={request.requestedBy}
                    defaultKind="user"
                  />
                </TableCell>
                <TableCell>
                  <time
                    dateTime={request.requestedAt}
                    title={formatDateTime(request.requestedAt)}
                  >
                    {formatRelativeTime(request.requestedAt, now)}
                  </time>
                </TableCell>
                <TableCell>
                  {RESIDENCY_LABELS[request.input.dataResidency] ??
                    request.input.dataResidency}{' '}
                  · {request.input.primaryRegion}
                </TableCell>
                <TableCell align="right">
                  {formatAmount(request.input.monthlyBudget)}
                </TableCell>
                <TableCell>
                  <RequestStatusChip status={request.status} />
                </TableCell>
                <TableCell>
                  {request.decidedBy ? (
                    <>
                      <EntityRefLink
                        entityRef={request.decidedBy}
                        defaultKind="user"
                      />
                      {request.decidedAt && (
                        <Typography variant="body2" color="text.secondary">
                          <time
                            dateTime={request.decidedAt}
                            title={formatDateTime(request.decidedAt)}
                          >
                            {formatRelativeTime(request.decidedAt, now)}
                          </time>
                        </Typography>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
