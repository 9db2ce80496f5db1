import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { DomainRequest } from '@dataplatform/plugin-provisioning-common';
import { formatDateTime } from '@dataplatform/portal-react';
import {
  azurePortalResourceUrl,
  resourceName,
  subscriptionPortalUrl,
} from '../../lib/azure';
import { formatRelativeTime } from '../../lib/format';

type Tone = 'done' | 'active' | 'waiting' | 'failed';

const TONE_COLOURS: Record<Tone, string> = {
  done: 'success.main',
  active: 'info.main',
  waiting: 'warning.main',
  failed: 'error.main',
};

interface Step {
  key: string;
  tone: Tone;
  title: ReactNode;
  at?: string;
  detail?: ReactNode;
}

/** Where the scaffolder shows a task's progress and logs. */
export function taskPath(taskId: string): string {
  return `/create/tasks/${encodeURIComponent(taskId)}`;
}

function When(props: { at: string; now: Date }) {
  return (
    <Typography variant="body2" color="text.secondary" component="div">
      <time dateTime={props.at} title={formatDateTime(props.at)}>
        {formatRelativeTime(props.at, props.now)}
      </time>{' '}
      ({formatDateTime(props.at)})
    </Typography>
  );
}

function steps(request: DomainRequest, tenantId: string | undefined): Step[] {
  const result: Step[] = [
    {
      key: 'requested',
      tone: 'done',
      title: (
        <>
          Requested by{' '}
          <EntityRefLink entityRef={request.requestedBy} defaultKind="user" />
        </>
      ),
      at: request.requestedAt,
    },
  ];

  if (request.status === 'pending-approval') {
    result.push({
      key: 'decision',
      tone: 'waiting',
      title: 'Waiting for a platform engineer to approve or reject it',
    });
    return result;
  }

  const rejected = request.status === 'rejected';
  result.push({
    key: 'decision',
    tone: rejected ? 'failed' : 'done',
    title: (
      <>
        {rejected ? 'Rejected' : 'Approved'} by{' '}
        {request.decidedBy ? (
          <EntityRefLink entityRef={request.decidedBy} defaultKind="user" />
        ) : (
          'an unknown person'
        )}
      </>
    ),
    at: request.decidedAt,
    detail: request.decisionComment ? (
      <Box
        component="blockquote"
        sx={{ m: 0, mt: 0.5, pl: 1.5, borderLeft: 3, borderColor: 'divider' }}
      >
        {request.decisionComment}
      </Box>
    ) : undefined,
  });
  if (rejected) {
    return result;
  }

  if (request.provisioningTaskId) {
    result.push({
      key: 'task',
      tone: request.status === 'provisioned' ? 'done' : 'active',
      title: (
        <>
          Provisioning task{' '}
          <Link to={taskPath(request.provisioningTaskId)}>
            {request.provisioningTaskId}
          </Link>
        </>
      ),
      detail:
        request.status === 'provisioning' || request.status === 'approved'
          ? 'Creating the subscription, budget, roles and workspace…'
          : undefined,
    });
  }

  if (request.failure) {
    result.push({
      key: 'failure',
      tone: 'failed',
      title: request.provisioningTaskId
        ? 'Provisioning failed'
        : 'Provisioning did not start',
      at: request.updatedAt,
      detail: request.failure,
    });
  } else if (!request.provisioningTaskId) {
    result.push({
      key: 'task',
      tone: 'active',
      title: 'Starting the provisioning task…',
    });
  }

  if (request.status === 'provisioned') {
    const domainRef =
      request.domainEntityRef ?? `domain:default/${request.input.name}`;
    result.push({
      key: 'provisioned',
      tone: 'done',
      title: 'Provisioned',
      at: request.updatedAt,
      detail: (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {request.subscriptionId && (
            <li>
              Subscription <code>{request.subscriptionId}</code>:{' '}
              <Link
                to={subscriptionPortalUrl(request.subscriptionId, tenantId)}
                target="_blank"
                rel="noopener noreferrer"
              >
                Open in Azure portal
              </Link>
            </li>
          )}
          {request.workspaceResourceId && (
            <li>
              Log Analytics workspace{' '}
              <Link
                to={azurePortalResourceUrl(
                  request.workspaceResourceId,
                  tenantId,
                )}
                target="_blank"
                rel="noopener noreferrer"
              >
                {resourceName(request.workspaceResourceId)}
              </Link>
            </li>
          )}
          <li>
            Domain <EntityRefLink entityRef={domainRef} defaultKind="domain" />
          </li>
        </Box>
      ),
    });
  }
  return result;
}

/**
 * The life of a domain request from submission to a provisioned domain,
 * with who decided and the task that did the work.
 */
export function DecisionTimeline(props: {
  request: DomainRequest;
  now: Date;
  /** The Azure tenant, for portal links; without it the links open in the default directory. */
  tenantId?: string;
}) {
  return (
    <Box
      component="ol"
      aria-label="Decision"
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {steps(props.request, props.tenantId).map((step, index, all) => (
        <Box
          component="li"
          key={step.key}
          data-tone={step.tone}
          sx={{
            display: 'flex',
            gap: 1.5,
            pb: index === all.length - 1 ? 0 : 2,
          }}
        >
          <Box
            aria-hidden
            sx={{
              mt: 0.75,
              width: 10,
              height: 10,
              borderRadius: '50%',
              flexShrink: 0,
              bgcolor: TONE_COLOURS[step.tone],
            }}
          />
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="body1" component="div">
              {step.title}
            </Typography>
            {step.at && <When at={step.at} now={props.now} />}
            {step.detail && (
              <Typography variant="body2" component="div" sx={{ mt: 0.5 }}>
                {step.detail}
              </Typography>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
