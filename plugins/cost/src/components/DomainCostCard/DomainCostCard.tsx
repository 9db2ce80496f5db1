import { Alert, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import { BudgetView, DomainCost } from '@dataplatform/plugin-cost-common';
import { change, money, percent } from '../../lib/format';
import { forecastSourceText } from '../../lib/series';
import { BurnGauge, GaugeLegend } from '../charts';
import {
  ActiveAlertsPart,
  CostCardFrame,
  LastThirtyDaysPart,
} from '../CostCard';
import { Figures } from '../Figures';
import { DataAge, PortalLink, StaleDataWarning } from '../panels';
import { RiskChip } from '../risk';
import { CardPart } from '../Section';
import { Thresholds } from '../Thresholds';

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

/**
 * The domain's month: risk and data age, burn against the budget with the
 * forecast (gauge and figures) and the budget's thresholds. The card and the
 * Cost tab show it; what follows it differs.
 */
export function DomainCostMonth(props: { cost: DomainCost; now: Date }) {
  const { cost, now } = props;
  const { summary } = cost;
  const budget = mainBudget(cost);
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
    </Flex>
  );
}

/**
 * The domain's cost this month at a glance: burn against the budget with
 * the forecast, the budget's thresholds, active alerts, the last 30 days
 * and how old the data is.
 */
export function DomainCostCard() {
  return (
    <CostCardFrame
      title="Cost"
      what="domain"
      load={(api, name) => api.getDomainCost(name)}
    >
      {(cost, now) => (
        <Flex direction="column" gap="3">
          <DomainCostMonth cost={cost} now={now} />
          <ActiveAlertsPart alerts={cost.alerts} />
          <LastThirtyDaysPart cost={cost} currency={cost.summary.currency} />
        </Flex>
      )}
    </CostCardFrame>
  );
}
