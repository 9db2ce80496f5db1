import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import Chip from '@mui/material/Chip';
import {
  AzureConnectionInfo,
  AzureEstate,
} from '@dataplatform/plugin-azure-common';
import { azureEstateApiRef } from '../../api';
import { DataAge, useNow } from './DataAge';
import { EstateSummary } from './EstateSummary';
import { formatDateTime, formatRelativeTime } from './format';
import { ManagementGroupTree } from './ManagementGroupTree';
import { SubscriptionsTable } from './SubscriptionsTable';

/** Shown when GET /estate answers 403. Tests and docs rely on this exact text. */
export const NOT_ALLOWED_MESSAGE =
  'You need to be in the platform team or a domain owner group to see the Azure estate.';

/** Shown when POST /estate/refresh answers 403. */
export const REFRESH_NOT_ALLOWED_MESSAGE =
  'Only the platform team can refresh the estate.';

function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The server's own message, without the "Request failed with 503 …" wrapping. */
function reasonOf(error: Error): string {
  return ResponseError.is(error) ? error.cause.message : error.message;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function RefreshButton(props: { pending: boolean; onRefresh: () => void }) {
  return (
    <Button
      variant="secondary"
      isPending={props.pending}
      onPress={props.onRefresh}
    >
      Refresh from Azure
    </Button>
  );
}

function TenantLine(props: {
  tenantId: string;
  connection?: AzureConnectionInfo;
}) {
  const { connection } = props;
  const local = connection?.mode === 'local-endpoint';
  return (
    <Flex gap="2" align="center">
      <Text color="secondary">
        Tenant <code>{props.tenantId}</code>
      </Text>
      {connection && (
        <Chip
          size="small"
          variant="outlined"
          color={local ? 'warning' : 'primary'}
          label={local ? 'Local demo tenant' : 'Azure tenant'}
          title={`Read from ${connection.resourceManagerEndpoint}`}
        />
      )}
    </Flex>
  );
}

function StaleBanner(props: { estate: AzureEstate }) {
  const now = useNow();
  const { estate } = props;
  if (!estate.stale) {
    return null;
  }
  const when = `${formatDateTime(estate.fetchedAt)} (${formatRelativeTime(
    estate.fetchedAt,
    now,
  )})`;
  return (
    <Alert
      status="warning"
      icon
      title={`Showing the last good reading from ${when}: the latest refresh failed: ${
        estate.lastError?.message ?? 'no reason was given'
      }`}
      description={
        estate.lastError
          ? `The refresh failed ${formatRelativeTime(
              estate.lastError.at,
              now,
            )}${estate.lastError.code ? ` (${estate.lastError.code})` : ''}.`
          : undefined
      }
    />
  );
}

function RefreshError(props: { error: Error }) {
  if (statusOf(props.error) === 403) {
    return <Alert status="info" icon title={REFRESH_NOT_ALLOWED_MESSAGE} />;
  }
  return (
    <Alert
      status="danger"
      icon
      title="Refreshing the estate from Azure failed"
      description={reasonOf(props.error)}
    />
  );
}

function EstateView(props: {
  estate: AzureEstate;
  connection?: AzureConnectionInfo;
  refreshing: boolean;
  refreshError?: Error;
  onRefresh: () => void;
}) {
  const { estate } = props;
  return (
    <Flex direction="column" gap="4">
      <Flex justify="between" align="center" gap="4">
        <Flex direction="column" gap="1">
          <TenantLine
            tenantId={estate.tenantId}
            connection={props.connection}
          />
          <DataAge fetchedAt={estate.fetchedAt} />
        </Flex>
        <RefreshButton pending={props.refreshing} onRefresh={props.onRefresh} />
      </Flex>
      <div aria-live="polite">
        {props.refreshing && (
          <Text variant="body-small" color="secondary">
            Reading the estate from Azure…
          </Text>
        )}
      </div>
      {props.refreshError && <RefreshError error={props.refreshError} />}
      <StaleBanner estate={estate} />
      <EstateSummary estate={estate} />
      <Card>
        <CardHeader>
          <Flex justify="between" align="center">
            <Text as="h2" variant="title-small">
              Management groups
            </Text>
            <DataAge fetchedAt={estate.fetchedAt} />
          </Flex>
        </CardHeader>
        <CardBody>
          <ManagementGroupTree estate={estate} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <Flex justify="between" align="center">
            <Text as="h2" variant="title-small">
              Subscriptions
            </Text>
            <DataAge fetchedAt={estate.fetchedAt} />
          </Flex>
        </CardHeader>
        <CardBody>
          <SubscriptionsTable estate={estate} />
        </CardBody>
      </Card>
    </Flex>
  );
}

/**
 * The Azure estate as the platform sees it: management groups, subscriptions
 * and how well they follow the tagging strategy, with links to the Azure portal.
 */
export function AzureEstatePage() {
  const api = useApi(azureEstateApiRef);
  // The connection only decorates the page; the estate is shown without it.
  const connection = useAsync(() => api.getConnection(), [api]);

  const [estateState, loadEstate] = useAsyncFn(() => api.getEstate(), [api], {
    loading: true,
  });
  useEffect(() => {
    loadEstate();
  }, [loadEstate]);

  const [refreshed, setRefreshed] = useState<AzureEstate>();
  const [refreshState, refresh] = useAsyncFn(async () => {
    try {
      const estate = await api.refreshEstate();
      setRefreshed(estate);
      return estate;
    } catch (error) {
      if (statusOf(error) !== 403) {
        // The backend records the failure; read the estate again to show it.
        setRefreshed(undefined);
        loadEstate();
      }
      throw error;
    }
  }, [api, loadEstate]);
  const onRefresh = () => {
    refresh();
  };

  const estate = refreshed ?? estateState.value;
  let content: JSX.Element;
  if (estate) {
    content = (
      <EstateView
        estate={estate}
        connection={connection.value}
        refreshing={refreshState.loading}
        refreshError={refreshState.error}
        onRefresh={onRefresh}
      />
    );
  } else if (estateState.loading) {
    content = <Progress />;
  } else if (statusOf(estateState.error) === 403) {
    content = (
      <EmptyState
        missing="info"
        title={NOT_ALLOWED_MESSAGE}
        description="The estate shows every subscription of the data platform, so it is limited to the people who run it. Ask the platform team if you think you should have access."
      />
    );
  } else if (estateState.error && statusOf(estateState.error) === 503) {
    content = (
      <Flex direction="column" gap="3">
        {refreshState.error && <RefreshError error={refreshState.error} />}
        <EmptyState
          missing="data"
          title="No reading of the Azure estate exists yet"
          description={`${sentence(
            reasonOf(estateState.error),
          )} The portal keeps trying on a schedule; the platform team can also refresh it now.`}
          action={
            <RefreshButton
              pending={refreshState.loading}
              onRefresh={onRefresh}
            />
          }
        />
      </Flex>
    );
  } else {
    content = (
      <ResponseErrorPanel
        title="Could not load the Azure estate"
        error={estateState.error ?? new Error('The estate could not be read')}
      />
    );
  }

  return <Container my="4">{content}</Container>;
}
