import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Alert, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  BudgetView,
  DomainCost,
  DomainCostResponse,
} from '@dataplatform/plugin-cost-common';
import { statusOf, useNow, usePolledAsync } from '@dataplatform/portal-react';
import { costApiRef } from '../../api';
import { change, money, percent } from '../../lib/format';
import { anomalyDays, forecastSourceText, lastDays } from '../../lib/series';
import { AlertList } from '../alerts';
import { BurnGauge, DailyBars, GaugeLegend } from '../charts';
import { Figures } from '../Figures';
import {
  CostLoadError,
  DataAge,
  ForbiddenPanel,
  NoSubscriptionPanel,
  PendingPanel,
  PortalLink,
  RefreshFailedWarning,
  StaleDataWarning,
} from '../panels';
import { RiskChip } from '../risk';
import { CardPart } from '../Section';
import { Thresholds } from '../Thresholds';

/** Azure updates cost every few hours and the backend reads it hourly. */
const REFRESH_MS = 5 * 60_000;

/** The budget the burn refers to: by name, else by amount, else the first. */
export function mainBudget(cost: DomainCost): BudgetView | undefined {
  const { summary, budgets } = cost;
  return (
    budgets.find(b => b.name === summary.budgetName) ??
    budgets.find(b => b.amount === summary.budget) ??
    budgets[0]
  );
}

export function DomainCostFigures(props: { cost: DomainCost }) {
  const { summary } = props.cost;
  const { currency } = summary;
  const changeText = change(summary.changeVsLastMonthPercent);
  return (
    <Figures
      label="Cost figures"
      items={[
        { term: 'Month to date', value: money(summary.monthToDate, currency) },
        {
          term: 'Budget',
          value:
            summary.budget === null
              ? 'none'
              : `${money(summary.budget, currency)} a month`,
          note:
            summary.budget !== null
              ? `${percent(summary.burnPercent)} used${
                  summary.budgetName ? ` of ${summary.budgetName}` : ''
                }`
              : undefined,
        },
        {
          term: 'Forecast at month end',
          value:
            summary.forecastMonthEnd === null
              ? 'none'
              : `${money(summary.forecastMonthEnd, currency)}${
                  summary.forecastPercent !== null
                    ? ` (${percent(summary.forecastPercent)} of budget)`
                    : ''
                }`,
          note: `From ${forecastSourceText(summary)}`,
        },
        {
          term: 'Change vs last month',
          value: changeText ?? 'nothing to compare',
          note:
            changeText === null
              ? 'Last month had no cost on the same days'
              : `Same days last month: ${money(
                  summary.lastMonthToDate,
                  currency,
                )}; all of last month: ${money(
                  summary.lastMonthTotal,
                  currency,
                )}`,
        },
      ]}
    />
  );
}

function DomainCostContent(props: { cost: DomainCost; now: Date }) {
  const { cost, now } = props;
  const { summary } = cost;
  const budget = mainBudget(cost);
  const active = cost.alerts.filter(alert => alert.status === 'active');
  const others = cost.budgets.filter(b => b !== budget);
  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <RiskChip risk={summary.risk} size="medium" />
        <DataAge data={cost.data} now={now} />
      </Flex>
      <StaleDataWarning data={cost.data} now={now} />

      {summary.budget === null ? (
        <>
          <Alert
            status="info"
            icon
            title="No monthly budget"
            description={`Subscription ${cost.subscriptionId} has no monthly cost budget in Azure, so there is no burn or risk to show. Create one in Cost Management › Budgets; its notifications then show here as thresholds.`}
          />
          <DomainCostFigures cost={cost} />
        </>
      ) : (
        <Flex gap="4" align="center" style={{ flexWrap: 'wrap' }}>
          <Flex direction="column" gap="1" align="center">
            <BurnGauge summary={{ ...summary, budget: summary.budget }} />
            <GaugeLegend summary={summary} />
          </Flex>
          <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
            <DomainCostFigures cost={cost} />
          </Box>
        </Flex>
      )}

      {budget && (
        <CardPart title="Budget thresholds">
          <Thresholds budget={budget} />
          <Text as="span" variant="body-x-small">
            <PortalLink href={budget.portalUrl}>
              Budget {budget.name} in the Azure portal
            </PortalLink>
          </Text>
          {others.length > 0 && (
            <Text as="p" variant="body-x-small" color="secondary">
              Also on this subscription:{' '}
              {others
                .map(
                  b =>
                    `${b.name} (${money(b.amount, b.currency)}, ${
                      b.timeGrain
                    })`,
                )
                .join(', ')}
            </Text>
          )}
        </CardPart>
      )}

      <CardPart title="Active alerts">
        {active.length === 0 ? (
          <Text
            as="p"
            variant="body-small"
            color="secondary"
            style={{ margin: 0 }}
          >
            No active cost alerts.
          </Text>
        ) : (
          <AlertList alerts={active} label="Active alerts" />
        )}
      </CardPart>

      <CardPart title="Last 30 days">
        <DailyBars
          daily={lastDays(cost.daily, 30)}
          currency={summary.currency}
          highlight={anomalyDays(cost)}
        />
      </CardPart>
    </Flex>
  );
}

function content(response: DomainCostResponse, now: Date): JSX.Element {
  switch (response.state) {
    case 'ok':
      return <DomainCostContent cost={response} now={now} />;
    case 'no-subscription':
      return (
        <NoSubscriptionPanel
          what="domain"
          annotation={response.annotation}
          problem={response.problem}
        />
      );
    default:
      return <PendingPanel data={response.data} now={now} />;
  }
}

/**
 * The domain's cost this month at a glance: burn against the budget with
 * the forecast, the budget's thresholds, active alerts, the last 30 days
 * and how old the data is.
 */
export function DomainCostCard() {
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  const now = useNow();
  const name = entity.metadata.name;
  const { value, error, loading, loadedAt, retry } = usePolledAsync(
    () => api.getDomainCost(name),
    [api, name],
    REFRESH_MS,
  );

  let body: JSX.Element;
  if (value) {
    body = (
      <Flex direction="column" gap="3">
        {error && (
          <RefreshFailedWarning error={error} loadedAt={loadedAt} now={now} />
        )}
        {content(value, now)}
      </Flex>
    );
  } else if (error && statusOf(error) === 403) {
    body = (
      <ForbiddenPanel
        title="The cost of this domain is visible to its owners and the platform team only"
        error={error}
      />
    );
  } else if (error) {
    body = (
      <CostLoadError
        title="Could not load the cost of this domain"
        error={error}
        onRetry={retry}
        retrying={loading}
      />
    );
  } else {
    body = <Progress />;
  }

  return (
    <EntityInfoCard
      title="Cost"
      footerActions={
        value?.state === 'ok' ? (
          <Text as="span" variant="body-small">
            <PortalLink href={value.costAnalysisUrl}>
              Cost analysis in the Azure portal
            </PortalLink>
          </Text>
        ) : undefined
      }
    >
      {body}
    </EntityInfoCard>
  );
}
