import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Container, Flex, Text } from '@backstage/ui';
import {
  Feedback,
  FeedbackRegion,
  PageHeading,
  reasonOf,
  statusOf,
  useNow,
  usePolledAsync,
} from '@dataplatform/portal-react';
import { costApiRef } from '../../api';
import { RefreshIcon } from '../icons';
import {
  CostLoadError,
  DataAge,
  ForbiddenPanel,
  REFRESH_SCOPE,
  RefreshFailedWarning,
  StaleDataWarning,
} from '../panels';
import { Section } from '../Section';
import { AlertFeed } from './AlertFeed';
import { DomainRanking } from './DomainRanking';
import { DomainTrend } from './DomainTrend';
import { EstateChart } from './EstateChart';
import { SandboxesTable } from './SandboxesTable';
import { TotalsTiles } from './TotalsTiles';

/**
 * Cost across the estate, for the platform team: totals, domains ranked by
 * risk with the chosen domain's trend, the estate stacked by domain, the
 * sandboxes and the alert feed; and a way to read Azure again now.
 */
export function CostPage(props: { refreshIntervalMs?: number }) {
  const api = useApi(costApiRef);
  const now = useNow();
  const interval = props.refreshIntervalMs ?? 60_000;
  const [params, setParams] = useSearchParams();
  const [reloadKey, setReloadKey] = useState<number>();
  const [refreshing, setRefreshing] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>();
  const estate = usePolledAsync(() => api.getEstate(), [api], interval, {
    reloadOn: reloadKey,
  });
  const forbidden = !estate.value && statusOf(estate.error) === 403;

  const domains = estate.value?.domains ?? [];
  const chosen = params.get('domain') ?? undefined;
  // The worst domain with figures, until someone chooses another.
  const selected =
    chosen && domains.some(d => d.name === chosen)
      ? chosen
      : domains.find(d => d.summary)?.name;
  const select = (name: string) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        next.set('domain', name);
        return next;
      },
      { replace: true },
    );

  const refreshNow = async () => {
    setRefreshing(true);
    setFeedback(undefined);
    try {
      const answer = await api.refresh();
      setFeedback({
        status: answer.state === 'started' ? 'success' : 'info',
        title:
          answer.state === 'started'
            ? 'Refresh started'
            : 'A refresh is already running',
        text: 'Azure cost data is read again; the figures here update when it has finished (this page reloads every minute).',
      });
      setReloadKey(key => (key ?? 0) + 1);
    } catch (error) {
      setFeedback(
        statusOf(error) === 403
          ? {
              status: 'danger',
              title: 'Only the platform team can start a refresh',
              text: reasonOf(error),
            }
          : {
              status: 'danger',
              title: 'Could not start a refresh',
              text: reasonOf(error),
            },
      );
    } finally {
      setRefreshing(false);
    }
  };

  let content: JSX.Element;
  if (!estate.value) {
    if (forbidden && estate.error) {
      content = (
        <Flex direction="column" gap="2">
          <ForbiddenPanel
            title="Only the platform team can see the cost of the whole estate"
            error={estate.error}
          />
          <Text as="p" variant="body-small" color="secondary">
            The cost of each domain is on the domain's page, in its Cost card,
            for the domain's owners; a sandbox's on the sandbox's page.
          </Text>
        </Flex>
      );
    } else if (estate.error && !estate.loading) {
      content = (
        <CostLoadError
          title="Could not load the cost of the estate"
          error={estate.error}
          onRetry={estate.retry}
        />
      );
    } else {
      content = <Progress />;
    }
  } else {
    const value = estate.value;
    const age = <DataAge data={value.data} now={now} />;
    content = (
      <Flex direction="column" gap="4">
        {estate.error && (
          <RefreshFailedWarning
            error={estate.error}
            loadedAt={estate.loadedAt}
            now={now}
          />
        )}
        <StaleDataWarning data={value.data} now={now} />
        {!value.data.asOf && (
          <Alert
            status="info"
            icon
            title="Cost data has not been read yet"
            description={REFRESH_SCOPE}
          />
        )}
        <TotalsTiles estate={value} />
        <Section
          title="Domains ranked by risk"
          description="Forecast at month end against the monthly budget, highest first; then month to date. Choose Trend to see a domain's days and months below."
          aside={age}
        >
          {value.domains.length === 0 ? (
            <EmptyState
              missing="data"
              title="No domains in the catalog"
              description="Domains show here once the catalog has Domain entities; their cost once they have the annotation dataplatform.contoso.com/azure-subscription-id."
            />
          ) : (
            <DomainRanking
              rows={value.domains}
              currency={value.currency}
              selected={selected}
              onSelect={select}
            />
          )}
        </Section>
        {selected && (
          <DomainTrend
            name={selected}
            reloadOn={reloadKey}
            refreshIntervalMs={interval}
          />
        )}
        <Section
          title="Cost of the estate by domain"
          description="Actual cost of every domain's subscription, stacked."
          aside={age}
        >
          <EstateChart estate={value} />
        </Section>
        <Section
          title="Sandboxes"
          description="Innovation sandboxes: this month's spend against the cap, and how many days until it at the rate of the last 7 days."
          aside={age}
        >
          <SandboxesTable rows={value.sandboxes} currency={value.currency} />
        </Section>
        <AlertFeed
          domains={value.domains.map(d => d.name)}
          reloadOn={reloadKey}
          refreshIntervalMs={interval}
        />
      </Flex>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <PageHeading
          title="Cost across the estate"
          description="What every domain and sandbox costs this month against its budget, where the month is heading, and the alerts Azure and the portal raised."
          extra={estate.value && <DataAge data={estate.value.data} now={now} />}
        >
          {!forbidden && (
            <Button
              variant="secondary"
              size="small"
              iconStart={<RefreshIcon fontSize="inherit" />}
              onPress={refreshNow}
              isPending={refreshing}
            >
              Refresh now
            </Button>
          )}
        </PageHeading>
        <FeedbackRegion feedback={feedback} />
        {content}
      </Flex>
    </Container>
  );
}
