import Chip, { ChipProps } from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import {
  DomainRequestStatus,
  SandboxLeaseState,
} from '@dataplatform/plugin-provisioning-common';
import { LockIcon } from './icons';

interface ChipLook {
  label: string;
  color: ChipProps['color'];
  /** What the state means, for the tooltip. */
  meaning: string;
}

export const REQUEST_STATUS_LOOKS: Record<DomainRequestStatus, ChipLook> = {
  'pending-approval': {
    label: 'Pending approval',
    color: 'warning',
    meaning: 'Waiting for a platform engineer to approve or reject it',
  },
  approved: {
    label: 'Approved',
    color: 'info',
    meaning: 'Approved; provisioning is about to start',
  },
  provisioning: {
    label: 'Provisioning',
    color: 'info',
    meaning: 'The provisioning task is creating the domain in Azure',
  },
  provisioned: {
    label: 'Provisioned',
    color: 'success',
    meaning: 'The subscription, budget, roles and workspace exist',
  },
  failed: {
    label: 'Failed',
    color: 'error',
    meaning: 'Provisioning failed; the platform team can retry it',
  },
  rejected: {
    label: 'Rejected',
    color: 'default',
    meaning: 'A platform engineer rejected it; nothing was created',
  },
};

/** The status of a domain request, coloured by whether anyone has to act. */
export function RequestStatusChip(props: {
  status: DomainRequestStatus;
  size?: ChipProps['size'];
}) {
  const look = REQUEST_STATUS_LOOKS[props.status] ?? {
    label: props.status,
    color: 'default',
    meaning: props.status,
  };
  const working =
    props.status === 'provisioning' || props.status === 'approved';
  return (
    <Chip
      size={props.size ?? 'small'}
      color={look.color}
      label={look.label}
      title={look.meaning}
      icon={
        working ? (
          <CircularProgress size={12} color="inherit" aria-hidden />
        ) : undefined
      }
    />
  );
}

export const LEASE_STATE_LOOKS: Record<SandboxLeaseState, ChipLook> = {
  provisioning: {
    label: 'Provisioning',
    color: 'default',
    meaning: 'The sandbox subscription is being created',
  },
  active: {
    label: 'Active',
    color: 'success',
    meaning: 'In use, within its budget cap and lease',
  },
  expiring: {
    label: 'Expiring',
    color: 'warning',
    meaning: 'Ends within a week; the owner group has been warned',
  },
  frozen: {
    label: 'Frozen',
    color: 'info',
    meaning:
      'The budget cap was reached: write roles were removed until the lease ends',
  },
  expired: {
    label: 'Expired',
    color: 'default',
    meaning: 'The lease ended; the sandbox is about to be decommissioned',
  },
  decommissioned: {
    label: 'Decommissioned',
    color: 'default',
    meaning: 'The subscription was moved out and cancelled',
  },
  'needs-attention': {
    label: 'Needs attention',
    color: 'error',
    meaning:
      'Something failed that the lease task cannot fix; the platform team has to look',
  },
};

/** The state of a sandbox lease: green in use, amber ending, locked when frozen. */
export function LeaseStateChip(props: {
  state: SandboxLeaseState;
  size?: ChipProps['size'];
}) {
  const look = LEASE_STATE_LOOKS[props.state] ?? {
    label: props.state,
    color: 'default',
    meaning: props.state,
  };
  let icon: ChipProps['icon'];
  if (props.state === 'frozen') {
    icon = <LockIcon fontSize="small" aria-hidden />;
  } else if (props.state === 'provisioning') {
    icon = <CircularProgress size={12} color="inherit" aria-hidden />;
  }
  return (
    <Chip
      size={props.size ?? 'small'}
      color={look.color}
      variant={
        props.state === 'expired' || props.state === 'decommissioned'
          ? 'outlined'
          : 'filled'
      }
      label={look.label}
      title={look.meaning}
      icon={icon}
    />
  );
}
