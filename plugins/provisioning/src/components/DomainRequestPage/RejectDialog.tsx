import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { DomainRequest } from '@dataplatform/plugin-provisioning-common';
import { reasonOf } from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';

/** The backend accepts a rejection comment of this many characters. */
export const COMMENT_LIMITS = { min: 3, max: 500 } as const;

export function commentProblem(comment: string): string | undefined {
  const length = comment.trim().length;
  if (length === 0) {
    return `Comment is required: tell the requester why, in ${COMMENT_LIMITS.min}-${COMMENT_LIMITS.max} characters`;
  }
  if (length < COMMENT_LIMITS.min || length > COMMENT_LIMITS.max) {
    return `Comment must be ${COMMENT_LIMITS.min}-${COMMENT_LIMITS.max} characters, got ${length}`;
  }
  return undefined;
}

/** Asks why before rejecting; the requester is notified with the comment. */
export function RejectDialog(props: {
  request: DomainRequest;
  onClose: () => void;
  onRejected: (request: DomainRequest) => void;
}) {
  const { request, onClose, onRejected } = props;
  const api = useApi(provisioningApiRef);
  const [comment, setComment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const problem = commentProblem(comment);

  const [state, reject] = useAsyncFn(async () => {
    const updated = await api.decide(request.id, 'reject', comment.trim());
    onRejected(updated);
    onClose();
    return updated;
  }, [api, request.id, comment, onRejected, onClose]);

  return (
    <Dialog
      open
      onClose={state.loading ? undefined : onClose}
      aria-labelledby="reject-request-title"
      fullWidth
      maxWidth="sm"
    >
      <form
        noValidate
        onSubmit={event => {
          event.preventDefault();
          setSubmitted(true);
          if (!problem && !state.loading) {
            reject();
          }
        }}
      >
        <DialogTitle id="reject-request-title">
          Reject {request.input.title ?? request.input.name}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Nothing will be created. The requester is notified with your
            comment.
          </DialogContentText>
          <TextField
            label="Comment"
            value={comment}
            onChange={event => setComment(event.target.value)}
            error={submitted && !!problem}
            helperText={
              submitted && problem
                ? problem
                : `${COMMENT_LIMITS.min}-${COMMENT_LIMITS.max} characters`
            }
            required
            multiline
            minRows={3}
            fullWidth
          />
          {state.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              Could not reject the request: {reasonOf(state.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="error"
            variant="contained"
            disabled={state.loading}
          >
            {state.loading ? 'Rejecting…' : 'Reject request'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
