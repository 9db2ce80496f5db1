import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import {
  extensionRefusal,
  isoDay,
  leaseEnd,
  SANDBOX_POLICY,
  SandboxLease,
  sandboxLeaseExtendPermission,
} from '@dataplatform/plugin-provisioning-common';
import { reasonOf } from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';
import { capitalize, formatDate } from '../../lib/format';

/** Shown on the disabled Extend button when the permission is missing. */
export const EXTEND_NOT_ALLOWED =
  'Only members of the owner group and the platform team can extend a lease';

function ExtendLeaseDialog(props: {
  lease: SandboxLease;
  onClose: () => void;
  onExtended: (lease: SandboxLease) => void;
}) {
  const { lease, onClose, onExtended } = props;
  const api = useApi(provisioningApiRef);
  const [days, setDays] = useState(String(SANDBOX_POLICY.maxExtensionDays));
  const count = days.trim() === '' ? NaN : Number(days);
  // The lease itself may be extended (the button checked that), so what is
  // left for extensionRefusal to refuse is the number of days.
  const problem = extensionRefusal(lease, count);
  const newEnd = problem
    ? undefined
    : isoDay(leaseEnd(new Date(lease.expiresAt), count));

  const [state, extend] = useAsyncFn(async () => {
    const updated = await api.extendLease(lease.id, count);
    onExtended(updated);
    onClose();
    return updated;
  }, [api, lease.id, count, onExtended, onClose]);

  return (
    <Dialog
      open
      onClose={state.loading ? undefined : onClose}
      aria-labelledby="extend-lease-title"
      fullWidth
      maxWidth="xs"
    >
      <form
        noValidate
        onSubmit={event => {
          event.preventDefault();
          if (!problem && !state.loading) {
            extend();
          }
        }}
      >
        <DialogTitle id="extend-lease-title">
          Extend {lease.input.name}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            A lease can be extended once, by up to{' '}
            {SANDBOX_POLICY.maxExtensionDays} days. It now ends on{' '}
            {formatDate(lease.expiresAt)}.
          </DialogContentText>
          <TextField
            label="Days"
            type="number"
            value={days}
            onChange={event => setDays(event.target.value)}
            inputProps={{
              min: 1,
              max: SANDBOX_POLICY.maxExtensionDays,
              step: 1,
            }}
            error={!!problem}
            helperText={
              problem
                ? capitalize(problem)
                : `The lease will end on ${formatDate(newEnd!)}`
            }
            fullWidth
          />
          {state.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              Could not extend the lease: {reasonOf(state.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={!!problem || state.loading}
          >
            {state.loading ? 'Extending…' : 'Extend lease'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * Extends a lease by 1 to 30 days. Disabled, with the reason on hover, when
 * the policy refuses an extension or the person may not extend leases.
 */
export function ExtendLeaseButton(props: {
  lease: SandboxLease;
  onExtended: (lease: SandboxLease) => void;
}) {
  const { lease, onExtended } = props;
  const permission = usePermission({
    permission: sandboxLeaseExtendPermission,
  });
  const [open, setOpen] = useState(false);

  const refusal = extensionRefusal(lease, 1);
  let reason: string | undefined;
  if (refusal) {
    reason = capitalize(refusal);
  } else if (!permission.loading && !permission.allowed) {
    reason = EXTEND_NOT_ALLOWED;
  }

  const button = (
    <Button
      size="small"
      variant="outlined"
      disabled={permission.loading || !!reason}
      onClick={() => setOpen(true)}
    >
      Extend
    </Button>
  );
  return (
    <>
      {reason ? (
        <Tooltip title={reason}>
          {/* A disabled button gets no pointer events; the span shows the reason. */}
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {open && (
        <ExtendLeaseDialog
          lease={lease}
          onClose={() => setOpen(false)}
          onExtended={onExtended}
        />
      )}
    </>
  );
}
