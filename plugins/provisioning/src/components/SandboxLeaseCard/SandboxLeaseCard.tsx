import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  PROVISIONING_ANNOTATIONS,
  SANDBOX_POLICY,
  SandboxLease,
  SandboxLeaseEvent,
  toGroupRef,
} from '@dataplatform/plugin-provisioning-common';
import { formatDateTime, useNow } from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';
import { formatRelativeTime } from '../../lib/format';
import { LeaseStateChip } from '../chips';
import { Fact, Facts } from '../Facts';
import { ExtendLeaseButton, LeaseExpiry, SpendBar } from '../lease';

/** Events newest first; the backend appends them oldest first. */
export function newestFirst(history: SandboxLeaseEvent[]): SandboxLeaseEvent[] {
  return [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function History(props: { history: SandboxLeaseEvent[]; now: Date }) {
  if (props.history.length === 0) {
    return (
      <Typography color="text.secondary">Nothing has happened yet.</Typography>
    );
  }
  return (
    <Box
      component="ol"
      aria-label="Lease history"
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}
    >
      {newestFirst(props.history).map((event, index) => (
        <Box
          component="li"
          key={`${event.at}-${index}`}
          sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }}
        >
          <LeaseStateChip state={event.state} />
          <Box>
            <Typography variant="body2">{event.note}</Typography>
            <Typography variant="caption" color="text.secondary">
              <time dateTime={event.at} title={formatDateTime(event.at)}>
                {formatRelativeTime(event.at, props.now)}
              </time>{' '}
              by{' '}
              {event.by === 'scheduler' ? (
                'the lease task'
              ) : (
                <EntityRefLink entityRef={event.by} defaultKind="user" />
              )}
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function LeaseView(props: { lease: SandboxLease; now: Date }) {
  const { lease, now } = props;
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Facts label="Sandbox lease">
        <Fact label="State">
          <LeaseStateChip state={lease.state} />
        </Fact>
        <Fact label="Owner group">
          <EntityRefLink
            entityRef={toGroupRef(lease.input.ownerGroup)}
            defaultKind="group"
          />
        </Fact>
        <Fact label="Expires">
          <LeaseExpiry lease={lease} now={now} />
        </Fact>
        <Fact label="Spend">
          <SpendBar lease={lease} />
        </Fact>
        <Fact label="Extensions used">
          {lease.extensionsUsed}/{SANDBOX_POLICY.maxExtensions}
        </Fact>
        <Fact label="Purpose">{lease.input.purpose}</Fact>
      </Facts>
      <Box component="section" aria-labelledby="lease-history-title">
        <Typography
          id="lease-history-title"
          variant="subtitle1"
          component="h3"
          sx={{ mb: 1 }}
        >
          History
        </Typography>
        <History history={lease.history} now={now} />
      </Box>
    </Box>
  );
}

/** The lease of an innovation sandbox: state, time left, spend, history. */
export function SandboxLeaseCard() {
  const { entity } = useEntity();
  const api = useApi(provisioningApiRef);
  const now = useNow(60_000);
  const leaseId =
    entity.metadata.annotations?.[PROVISIONING_ANNOTATIONS.sandboxLeaseId];
  const { value, loading, error } = useAsync(
    async () => (leaseId ? api.getSandboxLease(leaseId) : undefined),
    [api, leaseId],
  );
  const [extended, setExtended] = useState<SandboxLease>();
  const lease = extended ?? value;

  let content: JSX.Element;
  if (!leaseId) {
    content = (
      <MissingAnnotationEmptyState
        annotation={PROVISIONING_ANNOTATIONS.sandboxLeaseId}
      />
    );
  } else if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <ResponseErrorPanel
        title={`Could not load sandbox lease ${leaseId}`}
        error={error}
      />
    );
  } else if (lease) {
    content = <LeaseView lease={lease} now={now} />;
  } else {
    content = <Progress />;
  }

  return (
    <EntityInfoCard
      title="Sandbox lease"
      headerActions={
        lease && <ExtendLeaseButton lease={lease} onExtended={setExtended} />
      }
    >
      {content}
    </EntityInfoCard>
  );
}
