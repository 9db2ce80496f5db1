import { useState } from 'react';
import { Container, Flex, Text, ToggleButton } from '@backstage/ui';
import { DomainCost } from '@dataplatform/plugin-cost-common';
import { CaptionedToggleButtonGroup, plural } from '@dataplatform/portal-react';
import { anomalyDays, lastDays } from '../../lib/series';
import { AlertList } from '../alerts';
import { DailyBars } from '../charts';
import { CostAnalysisLink, EntityCost } from '../CostCard';
import { DomainCostMonth } from '../DomainCostCard/DomainCostCard';
import { Section } from '../Section';

const RANGES = [30, 90] as const;
type Range = (typeof RANGES)[number];

/** Daily bars of the last 30 or 90 days, anomalous days in red. */
function DailyCostSection(props: { cost: DomainCost }) {
  const { cost } = props;
  const [days, setDays] = useState<Range>(30);
  return (
    <Section
      title="Daily cost"
      description="Today, still being filled in by Azure, is pale; a red day stands far above the days before it (an anomaly, listed under Alerts)."
      aside={
        <CaptionedToggleButtonGroup
          captionId="domain-cost-range"
          caption="Days shown"
          aria-label="Days shown"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[String(days)]}
          onSelectionChange={keys => {
            const next = Number([...keys][0]);
            if (next === 30 || next === 90) setDays(next);
          }}
        >
          {RANGES.map(range => (
            <ToggleButton key={range} id={String(range)}>
              {`${range} days`}
            </ToggleButton>
          ))}
        </CaptionedToggleButtonGroup>
      }
    >
      <DailyBars
        daily={lastDays(cost.daily, days)}
        currency={cost.summary.currency}
        highlight={anomalyDays(cost)}
        height={180}
      />
    </Section>
  );
}

/** Every alert of the domain, active first then newest, with its status. */
function AlertsSection(props: { cost: DomainCost }) {
  const { alerts } = props.cost;
  const active = alerts.filter(alert => alert.status === 'active').length;
  return (
    <Section
      title="Alerts"
      description="Azure's budget and forecast alerts on this domain's subscription, and days whose cost stands far above the days before them (anomalies)."
      aside={
        alerts.length > 0 && (
          <Text as="span" variant="body-x-small" color="secondary">
            {`${plural(alerts.length, 'alert')}, ${active} active`}
          </Text>
        )
      }
    >
      {alerts.length === 0 ? (
        <Text
          as="p"
          variant="body-small"
          color="secondary"
          style={{ margin: 0 }}
        >
          No cost alerts: Azure has raised none on this domain's budgets, and no
          day stands out from the ones before it.
        </Text>
      ) : (
        <AlertList alerts={alerts} label="Cost alerts" showStatus />
      )}
    </Section>
  );
}

/**
 * The Cost tab of a Domain: the month against the budget as on the Cost
 * card, given the page's width, then the daily cost of the last 30 or 90
 * days and every alert of the domain, resolved ones too.
 */
export function DomainCostTab() {
  return (
    <EntityCost
      what="domain"
      load={(api, name) => api.getDomainCost(name)}
      frame={body => <Container my="4">{body}</Container>}
    >
      {(cost, now) => (
        <Flex direction="column" gap="4">
          <Section title="This month" aside={<CostAnalysisLink cost={cost} />}>
            <DomainCostMonth cost={cost} now={now} />
          </Section>
          <DailyCostSection cost={cost} />
          <AlertsSection cost={cost} />
        </Flex>
      )}
    </EntityCost>
  );
}
