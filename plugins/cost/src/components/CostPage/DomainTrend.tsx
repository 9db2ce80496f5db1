import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import Box from '@mui/material/Box';
import { statusOf, useNow, usePolledAsync } from '@dataplatform/portal-react';
import { costApiRef } from '../../api';
import { DailyTrendChart, MonthlyTrendChart } from '../charts';
import {
  CostLoadError,
  DataAge,
  ForbiddenPanel,
  NoSubscriptionPanel,
  PendingPanel,
  RefreshFailedWarning,
  StaleDataWarning,
} from '../panels';
import { Section } from '../Section';

/**
 * The chosen domain's last 90 days (bars and their 7-day average) and its
 * months against the budget, from the same answer as its Cost card.
 */
export function DomainTrend(props: {
  name: string;
  reloadOn?: number;
  refreshIntervalMs?: number;
}) {
  const { name } = props;
  const api = useApi(costApiRef);
  const now = useNow();
  const { value, error, loading, loadedAt, retry } = usePolledAsync(
    () => api.getDomainCost(name),
    [api, name],
    props.refreshIntervalMs,
    { reloadOn: props.reloadOn },
  );

  let body: JSX.Element;
  let aside: JSX.Element | undefined;
  if (!value) {
    if (error && statusOf(error) === 403) {
      body = (
        <ForbiddenPanel
          title={`The cost of ${name} is visible to its owners and the platform team only`}
          error={error}
        />
      );
    } else if (error) {
      body = (
        <CostLoadError
          title={`Could not load the cost of ${name}`}
          error={error}
          onRetry={retry}
          retrying={loading}
        />
      );
    } else {
      body = <Progress />;
    }
  } else if (value.state === 'no-subscription') {
    body = (
      <NoSubscriptionPanel
        what="domain"
        annotation={value.annotation}
        problem={value.problem}
      />
    );
  } else if (value.state === 'pending') {
    body = <PendingPanel data={value.data} now={now} />;
  } else {
    const { summary } = value;
    aside = <DataAge data={value.data} now={now} />;
    body = (
      <Flex direction="column" gap="3">
        {error && (
          <RefreshFailedWarning error={error} loadedAt={loadedAt} now={now} />
        )}
        <StaleDataWarning data={value.data} now={now} />
        <Box
          sx={{
            display: 'grid',
            gap: 3,
            gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' },
          }}
        >
          <DailyTrendChart
            daily={value.daily}
            currency={summary.currency}
            label={`Daily cost of ${name}, last ${value.daily.length} days, with the 7-day average`}
          />
          <MonthlyTrendChart
            monthly={value.monthly}
            currency={summary.currency}
            budget={summary.budget}
            label={`Monthly cost of ${name} against its budget`}
          />
        </Box>
      </Flex>
    );
  }

  return (
    <Section
      title={`Trend of ${name}`}
      description="Daily cost of the last 90 days with its 7-day average, and each month against the monthly budget. A pale bar is a day or month not over yet."
      aside={aside}
    >
      {body}
    </Section>
  );
}
