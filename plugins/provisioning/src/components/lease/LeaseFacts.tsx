import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import {
  daysLeft,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { formatDateTime, plural } from '@dataplatform/portal-react';
import { formatAmount, formatDate } from '../../lib/format';

const ENDED_STATES = new Set(['expired', 'decommissioned']);

/** "in 5 days", "ends today", "ended": the time left of a lease. */
export function timeLeftText(lease: SandboxLease, now: Date): string {
  if (
    ENDED_STATES.has(lease.state) ||
    Date.parse(lease.expiresAt) <= now.getTime()
  ) {
    return 'ended';
  }
  const days = daysLeft(lease.expiresAt, now);
  return `${plural(days, 'day')} left`;
}

/** When a lease ends, and how many days are left. */
export function LeaseExpiry(props: { lease: SandboxLease; now: Date }) {
  const { lease, now } = props;
  return (
    <Box>
      <time dateTime={lease.expiresAt} title={formatDateTime(lease.expiresAt)}>
        {formatDate(lease.expiresAt)}
      </time>
      <Typography variant="body2" color="text.secondary" component="div">
        {timeLeftText(lease, now)}
      </Typography>
    </Box>
  );
}

/** Month-to-date spend against the lease's budget cap, as a bar. */
export function SpendBar(props: { lease: SandboxLease }) {
  const { lease } = props;
  const cap = lease.input.budgetCap;
  if (!lease.lastSpend) {
    return (
      <Box>
        <Typography variant="body2">Cap {formatAmount(cap)}</Typography>
        <Typography variant="body2" color="text.secondary">
          No spend reading yet
        </Typography>
      </Box>
    );
  }
  const spend = lease.lastSpend.amount;
  const percent = cap > 0 ? Math.round((spend / cap) * 100) : 100;
  let color: 'primary' | 'warning' | 'error' = 'primary';
  if (percent >= 100) {
    color = 'error';
  } else if (percent >= 80) {
    color = 'warning';
  }
  const text = `${formatAmount(spend)} of ${formatAmount(cap)} (${percent}%)`;
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="body2">{text}</Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, percent)}
        color={color}
        aria-label={`Spend ${text} of the budget cap`}
        sx={{ my: 0.5 }}
      />
      <Typography
        variant="caption"
        color="text.secondary"
        title={formatDateTime(lease.lastSpend.checkedAt)}
      >
        as of {formatDate(lease.lastSpend.checkedAt)}
      </Typography>
    </Box>
  );
}
