import { Alert, Flex, Text } from '@backstage/ui';
import { monthEnd, SandboxCost } from '@dataplatform/plugin-cost-common';
import { longDay, money, percent, shortDay } from '../../lib/format';
import { CapBar } from '../charts';
import {
  ActiveAlertsPart,
  CostCardFrame,
  LastThirtyDaysPart,
} from '../CostCard';
import { Figures } from '../Figures';
import { DataAge, StaleDataWarning } from '../panels';

/** "312 USD of the 500 USD cap (62.4%)". */
export function capText(cost: SandboxCost): string {
  if (cost.cap === null) return `${money(cost.spend, cost.currency)}, no cap`;
  return `${money(cost.spend, cost.currency)} of the ${money(
    cost.cap,
    cost.currency,
  )} cap (${percent(cost.spendPercent)})`;
}

/** "≈ 10 days until the cap (on 26 Nov)" and its variants. */
export function daysUntilCapText(cost: SandboxCost): string {
  if (cost.cap === null) return 'No cap to reach';
  if (cost.daysUntilCap === 0) return 'The cap is reached';
  if (cost.daysUntilCap === null || cost.capReachedOn === null) {
    return 'No spending in the last 7 days: the cap is not in sight';
  }
  return `≈ ${cost.daysUntilCap} ${
    cost.daysUntilCap === 1 ? 'day' : 'days'
  } until the cap (on ${shortDay(cost.capReachedOn)})`;
}

/** The day the cap projection is judged against: the lease's end or month end, whichever is sooner. */
function horizon(cost: SandboxCost): { day: string; what: string } | undefined {
  const today = cost.daily[cost.daily.length - 1]?.date;
  if (!today) return undefined;
  const end = monthEnd(today);
  if (cost.expiresOn && cost.expiresOn.slice(0, 10) <= end) {
    return {
      day: cost.expiresOn,
      what: `before the lease ends on ${longDay(cost.expiresOn)}`,
    };
  }
  return { day: end, what: `before the month ends (${longDay(end)})` };
}

function CapWarning(props: { cost: SandboxCost }) {
  const { cost } = props;
  if (cost.cap === null) return null;
  if (cost.daysUntilCap === 0) {
    return (
      <Alert
        status="danger"
        icon
        title="The cap is reached"
        description={`This month's spend is ${capText(
          cost,
        )}. Provisioning freezes a sandbox lease whose month-to-date spend reaches its cap.`}
      />
    );
  }
  if (cost.capBeforeExpiry && cost.capReachedOn) {
    const when = horizon(cost);
    return (
      <Alert
        status="warning"
        icon
        title={`At this rate the cap is reached on ${longDay(
          cost.capReachedOn,
        )}${when ? `, ${when.what}` : ''}`}
        description={`It spends ${money(
          cost.dailyRate,
          cost.currency,
        )} a day (average of the last 7 complete days); ${money(
          cost.cap - cost.spend,
          cost.currency,
        )} are left.`}
      />
    );
  }
  return null;
}

function capSourceText(cost: SandboxCost): string {
  switch (cost.capSource) {
    case 'annotation':
      return 'Cap from the budget-cap annotation of the sandbox';
    case 'budget':
      return "Cap from the sandbox's Azure budget";
    default:
      return 'Neither a budget-cap annotation nor an Azure budget gives a cap';
  }
}

function SandboxCostContent(props: { cost: SandboxCost; now: Date }) {
  const { cost, now } = props;
  return (
    <Flex direction="column" gap="3">
      <DataAge data={cost.data} now={now} />
      <StaleDataWarning data={cost.data} now={now} />
      <Flex direction="column" gap="1">
        <Text as="p" variant="title-small" style={{ margin: 0 }}>
          {capText(cost)}
        </Text>
        {cost.cap !== null ? (
          <CapBar
            spend={cost.spend}
            cap={cost.cap}
            currency={cost.currency}
            summary={`${capText(cost)} this month. ${daysUntilCapText(cost)}.`}
          />
        ) : null}
        <Text as="span" variant="body-x-small" color="secondary">
          {capSourceText(cost)}
        </Text>
      </Flex>
      <CapWarning cost={cost} />
      <Figures
        label="Sandbox cost figures"
        items={[
          { term: 'Until the cap', value: daysUntilCapText(cost) },
          {
            term: 'Daily rate',
            value: `${money(cost.dailyRate, cost.currency)} a day`,
            note: 'Average of the last 7 complete days',
          },
          {
            term: 'Lease ends',
            value: cost.expiresOn ? longDay(cost.expiresOn) : 'no end date',
          },
        ]}
      />
      <ActiveAlertsPart alerts={cost.alerts} />
      <LastThirtyDaysPart cost={cost} currency={cost.currency} />
    </Flex>
  );
}

/**
 * An innovation sandbox's spend this month against its cap: how many days
 * until the cap at the current rate, whether that comes before the lease
 * or the month ends, the last 30 days, alerts and how old the data is.
 */
export function SandboxCostCard() {
  return (
    <CostCardFrame
      title="Sandbox cost"
      what="sandbox"
      load={(api, name) => api.getSandboxCost(name)}
    >
      {(cost, now) => <SandboxCostContent cost={cost} now={now} />}
    </CostCardFrame>
  );
}
