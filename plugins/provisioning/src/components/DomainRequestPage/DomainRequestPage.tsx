import { ReactNode, useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Card, CardBody, CardHeader, Container, Text } from '@backstage/ui';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import {
  DomainRequest,
  DomainRequestStatus,
  domainRequestDecidePermission,
  findRegion,
  RECOVERY_TIERS,
  RESIDENCY_LABELS,
} from '@dataplatform/plugin-provisioning-common';
import {
  formatDateTime,
  reasonOf,
  statusOf,
  useNow,
} from '@dataplatform/portal-react';
import { provisioningApiRef } from '../../api';
import { capitalize, formatAmount, formatRelativeTime } from '../../lib/format';
import { domainRequestsRouteRef } from '../../routes';
import { RequestStatusChip } from '../chips';
import { Fact, Facts } from '../Facts';
import { DecisionTimeline, taskPath } from './DecisionTimeline';
import { DomainPlanView } from './DomainPlanView';
import { RejectDialog } from './RejectDialog';

/** While the request is in one of these, provisioning is under way: keep reading it. */
const IN_PROGRESS: ReadonlySet<DomainRequestStatus> = new Set([
  'approved',
  'provisioning',
]);

const RETRYABLE: ReadonlySet<DomainRequestStatus> = new Set([
  'approved',
  'provisioning',
  'failed',
]);

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}

function RequestedFacts(props: { request: DomainRequest; now: Date }) {
  const { input, requestedBy, requestedAt } = props.request;
  const region = findRegion(input.primaryRegion);
  const tier = RECOVERY_TIERS[input.recoveryTier];
  return (
    <Facts label="Requested">
      <Fact label="Name">
        <code>{input.name}</code>
      </Fact>
      <Fact label="Title">{input.title}</Fact>
      <Fact label="Description">{input.description}</Fact>
      <Fact label="Owner group">
        <EntityRefLink entityRef={input.ownerGroup} defaultKind="group" />
      </Fact>
      <Fact label="Cost center">{input.costCenter}</Fact>
      <Fact label="Data classification">
        {capitalize(input.dataClassification)}
      </Fact>
      <Fact label="Data residency">
        {RESIDENCY_LABELS[input.dataResidency] ?? input.dataResidency}
      </Fact>
      <Fact label="Primary region">
        {region
          ? `${region.displayName} (${input.primaryRegion})`
          : input.primaryRegion}
      </Fact>
      <Fact label="Monthly budget">
        {formatAmount(input.monthlyBudget)} per month
      </Fact>
      <Fact label="Recovery tier">{tier?.label ?? input.recoveryTier}</Fact>
      <Fact label="Requested by">
        <EntityRefLink entityRef={requestedBy} defaultKind="user" />
      </Fact>
      <Fact label="Requested">
        <time dateTime={requestedAt}>
          {formatRelativeTime(requestedAt, props.now)} (
          {formatDateTime(requestedAt)})
        </time>
      </Fact>
    </Facts>
  );
}

/** What happened after approving or retrying, so the approver can follow it. */
function StartedAlert(props: { request: DomainRequest }) {
  const { request } = props;
  if (request.failure) {
    return (
      <Alert severity="warning">
        Provisioning did not start: {request.failure}
      </Alert>
    );
  }
  if (!request.provisioningTaskId) {
    return null;
  }
  return (
    <Alert severity="success">
      Provisioning started.{' '}
      <Link to={taskPath(request.provisioningTaskId)}>
        Follow the provisioning task
      </Link>
    </Alert>
  );
}

/**
 * One domain request: what was asked, what approving it creates in Azure,
 * and its decision. The platform team approves or rejects it here.
 */
export function DomainRequestPage(props: {
  /** How often to read the request again while it is being provisioned. */
  pollIntervalMs?: number;
}) {
  const { pollIntervalMs = 5000 } = props;
  const id = useParams().id ?? '';
  const api = useApi(provisioningApiRef);
  const now = useNow(60_000);
  const allRequestsLink = useRouteRef(domainRequestsRouteRef);
  const decidePermission = usePermission({
    permission: domainRequestDecidePermission,
  });

  const [request, setRequest] = useState<DomainRequest>();
  const [loadState, load] = useAsyncFn(
    async () => {
      const loaded = await api.getDomainRequest(id);
      setRequest(loaded);
      return loaded;
    },
    [api, id],
    { loading: true },
  );
  useEffect(() => {
    load();
  }, [load]);
  useInterval(
    load,
    request && IN_PROGRESS.has(request.status) ? pollIntervalMs : null,
  );

  // The tenant only makes the portal link land in the right directory; when
  // it cannot be read the link opens in the person's default directory,
  // which is the platform's for the people who approve domains.
  const tenant = useAsync(
    async () => (request?.subscriptionId ? api.getAzureTenantId() : undefined),
    [api, request?.subscriptionId],
  );

  const [started, setStarted] = useState<DomainRequest>();
  const applyAction = useCallback((updated: DomainRequest) => {
    setRequest(updated);
    setStarted(updated.status === 'rejected' ? undefined : updated);
  }, []);
  const [approveState, approve] = useAsyncFn(
    async () => applyAction(await api.decide(id, 'approve')),
    [api, id, applyAction],
  );
  const [retryState, retry] = useAsyncFn(
    async () => applyAction(await api.retryProvisioning(id)),
    [api, id, applyAction],
  );
  const [rejecting, setRejecting] = useState(false);
  const closeReject = useCallback(() => setRejecting(false), []);

  if (!request) {
    if (loadState.loading) {
      return <Progress />;
    }
    if (statusOf(loadState.error) === 404) {
      return (
        <EmptyState
          missing="data"
          title={`There is no domain request ${id}`}
          description={reasonOf(loadState.error)}
          action={
            allRequestsLink && (
              <Link to={allRequestsLink()}>See all domain requests</Link>
            )
          }
        />
      );
    }
    return (
      <ResponseErrorPanel
        title="Could not load the domain request"
        error={loadState.error ?? new Error('The request could not be read')}
      />
    );
  }

  const mayDecide = !decidePermission.loading && decidePermission.allowed;
  const pending = request.status === 'pending-approval';
  const canRetry =
    mayDecide && RETRYABLE.has(request.status) && !!request.failure;
  const busy = approveState.loading || retryState.loading;

  return (
    <Container my="4">
      <Stack spacing={3}>
        <Stack
          direction="row"
          spacing={2}
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
        >
          <Stack spacing={0.5}>
            {allRequestsLink && (
              <Link to={allRequestsLink()}>← All domain requests</Link>
            )}
            <Stack direction="row" spacing={1.5} alignItems="center">
              <Text as="h1" variant="title-medium">
                {request.input.title ?? request.input.name}
              </Text>
              <RequestStatusChip status={request.status} size="medium" />
            </Stack>
            <Text color="secondary">
              Domain <code>{request.input.name}</code>, request{' '}
              <code>{request.id}</code>
            </Text>
          </Stack>
          <Stack direction="row" spacing={1}>
            {pending && mayDecide && (
              <>
                <Button
                  variant="contained"
                  color="success"
                  disabled={busy}
                  onClick={() => approve()}
                >
                  {approveState.loading ? 'Approving…' : 'Approve'}
                </Button>
                <Button
                  variant="outlined"
                  color="error"
                  disabled={busy}
                  onClick={() => setRejecting(true)}
                >
                  Reject
                </Button>
              </>
            )}
            {canRetry && (
              <Button
                variant="contained"
                disabled={busy}
                onClick={() => retry()}
              >
                {retryState.loading ? 'Retrying…' : 'Retry provisioning'}
              </Button>
            )}
          </Stack>
        </Stack>

        <div aria-live="polite">
          <Stack spacing={1}>
            {approveState.error && (
              <Alert severity="error">
                Could not approve the request: {reasonOf(approveState.error)}
              </Alert>
            )}
            {retryState.error && (
              <Alert severity="error">
                Could not restart provisioning: {reasonOf(retryState.error)}
              </Alert>
            )}
            {started && <StartedAlert request={started} />}
            {loadState.error && (
              <Alert severity="warning">
                Could not read the request again: {reasonOf(loadState.error)}.
                Showing what was last read.
              </Alert>
            )}
          </Stack>
        </div>

        <Box
          sx={{
            display: 'grid',
            gap: 3,
            gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
            alignItems: 'start',
          }}
        >
          <Stack spacing={3}>
            <Section title="Decision">
              <DecisionTimeline
                request={request}
                now={now}
                tenantId={tenant.value}
              />
            </Section>
            <Section title="Requested">
              <RequestedFacts request={request} now={now} />
            </Section>
          </Stack>
          <Section title={planTitle(request.status)}>
            <DomainPlanView plan={request.plan} input={request.input} />
          </Section>
        </Box>
      </Stack>
      {rejecting && (
        <RejectDialog
          request={request}
          onClose={closeReject}
          onRejected={applyAction}
        />
      )}
    </Container>
  );
}

/** The plan is a promise until provisioning is done, and history after. */
function planTitle(status: DomainRequest['status']): string {
  if (status === 'provisioned') return 'What was created';
  if (status === 'rejected') return 'What was requested';
  return 'What will be created';
}
