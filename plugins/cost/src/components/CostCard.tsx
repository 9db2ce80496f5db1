import { ReactNode } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import {
  CostAlertView,
  DailyCost,
  DomainCostResponse,
  SandboxCostResponse,
} from '@dataplatform/plugin-cost-common';
import { useNow, usePolledAsync } from '@dataplatform/portal-react';
import { CostApi, costApiRef } from '../api';
import { anomalyDays, lastDays } from '../lib/series';
import { AlertList } from './alerts';
import { DailyBars } from './charts';
import {
  NoSubscriptionPanel,
  NotLoadedPanel,
  PendingPanel,
  PortalLink,
  RefreshFailedWarning,
} from './panels';
import { CardPart } from './Section';

/** Azure updates cost every few hours and the backend reads it hourly. */
const REFRESH_MS = 5 * 60_000;

type CostCardResponse = DomainCostResponse | SandboxCostResponse;

/**
 * Loads the entity's cost every few minutes and shows it with `children`,
 * or why it cannot (no access, a failure, no subscription annotation,
 * nothing read yet), inside `frame`: a card on the overview, the page of
 * the Cost tab. `frame` also gets the cost once there is one, for the links
 * around it.
 */
export function EntityCost<R extends CostCardResponse>(props: {
  what: 'domain' | 'sandbox';
  load: (api: CostApi, name: string) => Promise<R>;
  children: (cost: Extract<R, { state: 'ok' }>, now: Date) => ReactNode;
  frame: (
    body: ReactNode,
    cost: Extract<R, { state: 'ok' }> | undefined,
  ) => ReactNode;
}) {
  const { what, load, children, frame } = props;
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  const now = useNow();
  const name = entity.metadata.name;
  const state = usePolledAsync(() => load(api, name), [api, name], REFRESH_MS);
  const { error, loadedAt } = state;
  const value: CostCardResponse | undefined = state.value;
  // `value` is the R that `load` returned.
  const ok =
    value?.state === 'ok' ? (value as Extract<R, { state: 'ok' }>) : undefined;

  let body: ReactNode;
  if (!value) {
    body = (
      <NotLoadedPanel
        state={state}
        forbiddenTitle={`The cost of this ${what} is visible to its owners and the platform team only`}
        errorTitle={`Could not load the cost of this ${what}`}
      />
    );
  } else {
    let content: ReactNode;
    if (ok) {
      content = children(ok, now);
    } else if (value.state === 'no-subscription') {
      content = (
        <NoSubscriptionPanel
          what={what}
          annotation={value.annotation}
          problem={value.problem}
        />
      );
    } else {
      content = <PendingPanel data={value.data} now={now} />;
    }
    body = (
      <Flex direction="column" gap="3">
        {error && (
          <RefreshFailedWarning error={error} loadedAt={loadedAt} now={now} />
        )}
        {content}
      </Flex>
    );
  }

  return <>{frame(body, ok)}</>;
}

/** The link to the entity's cost analysis in the Azure portal. */
export function CostAnalysisLink(props: { cost: { costAnalysisUrl: string } }) {
  return (
    <Text as="span" variant="body-small">
      <PortalLink href={props.cost.costAnalysisUrl}>
        Cost analysis in the Azure portal
      </PortalLink>
    </Text>
  );
}

/**
 * The frame of an entity's Cost card: {@link EntityCost} in an entity
 * card, with a link to the cost analysis in the Azure portal once there is
 * a cost.
 */
export function CostCardFrame<R extends CostCardResponse>(props: {
  title: string;
  what: 'domain' | 'sandbox';
  load: (api: CostApi, name: string) => Promise<R>;
  children: (cost: Extract<R, { state: 'ok' }>, now: Date) => ReactNode;
}) {
  const { title, ...rest } = props;
  return (
    <EntityCost
      {...rest}
      frame={(body, cost) => (
        <EntityInfoCard
          title={title}
          footerActions={cost ? <CostAnalysisLink cost={cost} /> : undefined}
        >
          {body}
        </EntityInfoCard>
      )}
    />
  );
}

/** The card's active alerts, or that there are none. */
export function ActiveAlertsPart(props: { alerts: CostAlertView[] }) {
  const active = props.alerts.filter(alert => alert.status === 'active');
  return (
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
  );
}

/** The last 30 days as bars, the anomalous days marked. */
export function LastThirtyDaysPart(props: {
  cost: { daily: DailyCost[]; alerts: CostAlertView[] };
  currency: string;
}) {
  return (
    <CardPart title="Last 30 days">
      <DailyBars
        daily={lastDays(props.cost.daily, 30)}
        currency={props.currency}
        highlight={anomalyDays(props.cost)}
      />
    </CardPart>
  );
}
