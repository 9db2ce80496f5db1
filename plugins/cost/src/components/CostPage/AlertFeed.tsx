import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { Button, Flex, Text, ToggleButton } from '@backstage/ui';
import {
  COST_ALERT_KINDS,
  COST_ALERT_STATUSES,
  CostAlertFeed,
  CostAlertKind,
  CostAlertStatus,
} from '@dataplatform/plugin-cost-common';
import {
  CaptionedToggleButtonGroup,
  LabelledSelect,
  plural,
  useNow,
  usePolledAsync,
} from '@dataplatform/portal-react';
import { AlertFilters, costApiRef } from '../../api';
import { ALERT_KIND_LABELS, ALERT_STATUS_LABELS, AlertList } from '../alerts';
import {
  DataAge,
  NotLoadedPanel,
  RefreshFailedWarning,
  StaleDataWarning,
} from '../panels';
import { Section } from '../Section';

/** What the feed shows first: what still needs someone's attention. */
export const DEFAULT_ALERT_FILTERS: Required<AlertFilters> = {
  kinds: [],
  statuses: ['active'],
  domain: '',
};

/** Why the feed is empty: no alerts at all, none active, or the filters. */
function emptyText(feed: CostAlertFeed, filtered: boolean): string {
  const { active, resolved, dismissed } = feed.counts.byStatus;
  if (active + resolved + dismissed === 0) {
    return 'No cost alerts: Azure has raised none on the budgets of the estate, and no day stands out from the ones before it.';
  }
  if (!filtered && active === 0) {
    return `No active alerts. Choose Every status to see ${plural(
      resolved + dismissed,
      'resolved or dismissed alert',
    )}.`;
  }
  return 'No alerts match the filters.';
}

/** The filters as the API takes them: empty lists and names are no filter. */
function apiFilters(filters: Required<AlertFilters>): AlertFilters {
  return {
    kinds: filters.kinds.length > 0 ? filters.kinds : undefined,
    statuses: filters.statuses.length > 0 ? filters.statuses : undefined,
    domain: filters.domain || undefined,
  };
}

/**
 * Cost alerts across the estate, active first then newest, filtered by the
 * backend: kind (chips with the count of each), status and domain.
 */
export function AlertFeed(props: {
  domains: string[];
  reloadOn?: number;
  refreshIntervalMs?: number;
}) {
  const api = useApi(costApiRef);
  const now = useNow();
  const [filters, setFilters] = useState(DEFAULT_ALERT_FILTERS);
  const key = JSON.stringify(filters);
  const feed = usePolledAsync(
    () => api.getAlerts(apiFilters(filters)),
    [api, key],
    props.refreshIntervalMs,
    { reloadOn: props.reloadOn },
  );
  // Counts are over every alert, before filtering; the last ones stay
  // while the next filter loads so the chips do not blink.
  const [byKind, setByKind] = useState<Record<CostAlertKind, number>>();
  useEffect(() => {
    if (feed.value) setByKind(feed.value.counts.byKind);
  }, [feed.value]);
  const filtered =
    filters.kinds.length > 0 ||
    filters.domain !== '' ||
    JSON.stringify(filters.statuses) !==
      JSON.stringify(DEFAULT_ALERT_FILTERS.statuses);
  let body: JSX.Element;
  if (!feed.value) {
    body = (
      <NotLoadedPanel
        state={feed}
        forbiddenTitle="Only the platform team can see the alerts of every domain"
        errorTitle="Could not load the cost alerts"
      />
    );
  } else if (feed.value.alerts.length === 0) {
    body = (
      <Flex direction="column" gap="2" align="start">
        <Text as="p" variant="body-small" style={{ margin: 0 }}>
          {emptyText(feed.value, filtered)}
        </Text>
        {filtered && (
          <Button
            variant="secondary"
            size="small"
            onPress={() => setFilters(DEFAULT_ALERT_FILTERS)}
          >
            Reset filters
          </Button>
        )}
      </Flex>
    );
  } else {
    body = (
      <Flex direction="column" gap="2">
        {feed.error && (
          <RefreshFailedWarning
            error={feed.error}
            loadedAt={feed.loadedAt}
            now={now}
          />
        )}
        <StaleDataWarning data={feed.value.data} now={now} />
        <Text
          as="span"
          variant="body-x-small"
          color="secondary"
          aria-live="polite"
        >
          {feed.value.alerts.length === 1
            ? '1 alert'
            : `${feed.value.alerts.length} alerts`}
          , active first, then newest first
        </Text>
        <AlertList
          alerts={feed.value.alerts}
          label="Cost alerts"
          showOwner
          showStatus
        />
      </Flex>
    );
  }

  return (
    <Section
      title="Alerts"
      description="Azure's budget and forecast alerts, and days whose cost stands far above the days before them (anomalies, found by the portal)."
      aside={feed.value && <DataAge data={feed.value.data} now={now} />}
    >
      <Flex gap="4" align="end" style={{ flexWrap: 'wrap' }}>
        <CaptionedToggleButtonGroup
          captionId="cost-alert-kind"
          caption="Kind (none chosen: every kind)"
          aria-label="Filter by kind"
          selectionMode="multiple"
          selectedKeys={filters.kinds}
          onSelectionChange={keys =>
            setFilters({
              ...filters,
              kinds: COST_ALERT_KINDS.filter(kind => keys.has(kind)),
            })
          }
        >
          {COST_ALERT_KINDS.map(kind => (
            <ToggleButton key={kind} id={kind}>
              {ALERT_KIND_LABELS[kind]}
              {byKind ? ` (${byKind[kind] ?? 0})` : ''}
            </ToggleButton>
          ))}
        </CaptionedToggleButtonGroup>
        <LabelledSelect
          id="cost-alert-status"
          label="Status"
          value={filters.statuses[0] ?? ''}
          onChange={status =>
            setFilters({
              ...filters,
              statuses: status ? [status as CostAlertStatus] : [],
            })
          }
        >
          <option value="">Every status</option>
          {COST_ALERT_STATUSES.map(status => (
            <option key={status} value={status}>
              {ALERT_STATUS_LABELS[status]}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect
          id="cost-alert-domain"
          label="Domain"
          value={filters.domain}
          onChange={domain => setFilters({ ...filters, domain })}
        >
          <option value="">Every domain</option>
          {props.domains.map(domain => (
            <option key={domain} value={domain}>
              {domain}
            </option>
          ))}
        </LabelledSelect>
      </Flex>
      {body}
    </Section>
  );
}
