import { ReactNode, useId } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import LinearProgress, {
  linearProgressClasses,
} from '@mui/material/LinearProgress';
import {
  AttentionLevel,
  Concern,
  ContractsCell,
  CostCell,
  DomainOverviewResponse,
  HealthCell,
  RetentionCell,
  SandboxesCell,
} from '@dataplatform/plugin-overview-common';
import { plural, useNow } from '@dataplatform/portal-react';
import {
  CONCERN_LABELS,
  ConcernCellLink,
  isUnavailable,
  OverviewCell,
  SourcesLine,
} from '../concerns';
import { DomainCardFrame, expiryPhrase, money } from '../DomainCardFrame';

const RISK_LABELS: Record<CostCell['risk'], string> = {
  'over-budget': 'Over budget',
  'forecast-over-budget': 'Forecast over budget',
  'at-risk': 'At risk',
  'on-track': 'On track',
  'no-budget': 'No budget',
  'no-data': 'No data yet',
};

// Worst first, as the retention plugin lists them.
const VERDICT_COUNT_LABELS: Array<[RetentionCell['verdict'], string, string]> =
  [
    ['violation', 'violation', 'violations'],
    ['at-risk', 'at risk', 'at risk'],
    ['unknown', 'unknown', 'unknown'],
    ['compliant', 'compliant', 'compliant'],
  ];

const BAR_COLORS: Record<
  AttentionLevel,
  'error' | 'warning' | 'success' | 'primary'
> = {
  critical: 'error',
  warning: 'warning',
  ok: 'success',
  unknown: 'primary',
};

function Line(props: { children: ReactNode; secondary?: boolean }) {
  return (
    <Text
      as="p"
      variant="body-small"
      color={props.secondary ? 'secondary' : 'primary'}
      style={{ margin: 0 }}
    >
      {props.children}
    </Text>
  );
}

function HealthDetails(props: { cell: HealthCell }) {
  const { cell } = props;
  if (cell.noModel) {
    return <Line secondary>This domain has no health model yet.</Line>;
  }
  const [top, ...others] = cell.topCauses;
  if (!top) return null;
  return (
    <Line>
      Top cause: {top}
      {others.length > 0 && (
        <Text as="span" variant="body-small" color="secondary">
          {` (and ${plural(others.length, 'more cause')})`}
        </Text>
      )}
    </Line>
  );
}

/** Percent of `part` in `whole`, at most 100, for a bar. */
function barPercent(part: number, whole: number): number {
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

function CostDetails(props: { cell: CostCell }) {
  const { cell } = props;
  if (cell.problem) return <Line secondary>{cell.problem}</Line>;
  const { currency, monthToDate, budget, forecastMonthEnd, forecastPercent } =
    cell;
  const alerts =
    cell.activeAlerts > 0 ? (
      <Line>{plural(cell.activeAlerts, 'active alert')}</Line>
    ) : null;
  if (monthToDate === undefined) {
    return (
      <>
        <Line>Risk: {RISK_LABELS[cell.risk]}</Line>
        {alerts}
      </>
    );
  }
  if (!budget) {
    return (
      <>
        <Line>
          {money(monthToDate, currency)} this month, no monthly budget
        </Line>
        {alerts}
      </>
    );
  }
  const burn = Math.round((monthToDate / budget) * 1000) / 10;
  const forecast =
    forecastMonthEnd === null || forecastMonthEnd === undefined
      ? undefined
      : `Forecast ${money(forecastMonthEnd, currency)} at month end${
          forecastPercent === null || forecastPercent === undefined
            ? ''
            : ` (${forecastPercent}% of budget)`
        }`;
  return (
    <>
      <LinearProgress
        variant="buffer"
        value={barPercent(monthToDate, budget)}
        valueBuffer={
          forecastMonthEnd === null || forecastMonthEnd === undefined
            ? barPercent(monthToDate, budget)
            : barPercent(forecastMonthEnd, budget)
        }
        color={BAR_COLORS[cell.attention]}
        aria-label={`Month to date ${money(monthToDate, currency)} of a ${money(
          budget,
          currency,
        )} budget (${burn}%)${forecast ? `. ${forecast}` : ''}`}
        sx={{
          height: 8,
          borderRadius: 4,
          // The buffer variant's moving dashes would read as loading; a
          // plain track shows the rest of the budget instead.
          bgcolor: 'action.hover',
          [`& .${linearProgressClasses.dashed}`]: { display: 'none' },
        }}
      />
      <Line>
        {money(monthToDate, currency)} of {money(budget, currency)} this month (
        {burn}%)
      </Line>
      {forecast && <Line>{forecast}</Line>}
      <Line>Risk: {RISK_LABELS[cell.risk]}</Line>
      {alerts}
    </>
  );
}

function RetentionDetails(props: { cell: RetentionCell }) {
  const { cell } = props;
  const counts = VERDICT_COUNT_LABELS.filter(
    ([verdict]) => (cell.counts[verdict] ?? 0) > 0,
  ).map(([verdict, one, many]) => plural(cell.counts[verdict] ?? 0, one, many));
  return (
    <>
      <Line>
        {counts.length > 0 ? counts.join(' · ') : 'No findings evaluated yet'}
      </Line>
      {cell.worst && <Line secondary>Worst: {cell.worst}</Line>}
    </>
  );
}

function ContractsDetails(props: { cell: ContractsCell }) {
  const { cell } = props;
  if (cell.dataProducts === 0) {
    return <Line secondary>This domain has no data products yet.</Line>;
  }
  const valid = Math.max(0, cell.contracts - cell.invalid - cell.unchecked);
  const parts = [`${valid} valid`];
  if (cell.invalid > 0) {
    parts.push(`${cell.invalid} invalid (${plural(cell.errorCount, 'error')})`);
  }
  if (cell.missing > 0) parts.push(`${cell.missing} missing`);
  if (cell.unchecked > 0) parts.push(`${cell.unchecked} unchecked`);
  return (
    <>
      <Line>{parts.join(' · ')}</Line>
      <Line secondary>
        {plural(cell.contracts + cell.missing, 'contract')} of{' '}
        {plural(cell.dataProducts, 'data product')}
      </Line>
    </>
  );
}

function SandboxesDetails(props: { cell: SandboxesCell; now: Date }) {
  const { cell, now } = props;
  if (cell.open === 0) return <Line secondary>No open sandboxes.</Line>;
  let next: string | undefined;
  if (cell.nextExpiry) {
    next = `${cell.nextExpiryName ?? 'The next'} ${expiryPhrase(
      cell.nextExpiry,
      now,
    )}`;
  }
  return (
    <>
      <Line>{plural(cell.open, 'open sandbox', 'open sandboxes')}</Line>
      {next && <Line>{next}</Line>}
    </>
  );
}

/** The backend's reason as a sentence: with a full stop at its end. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function Tile(props: {
  concern: Concern;
  cell: OverviewCell;
  children: ReactNode;
}) {
  const { concern, cell } = props;
  const id = useId();
  return (
    <Box
      role="group"
      aria-labelledby={id}
      data-concern={concern}
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 2,
        p: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        minWidth: 0,
      }}
    >
      <Text as="h4" variant="title-x-small" id={id} style={{ margin: 0 }}>
        {CONCERN_LABELS[concern]}
      </Text>
      <ConcernCellLink concern={concern} cell={cell} />
      {isUnavailable(cell) ? (
        <Line secondary>{sentence(cell.unavailable)}</Line>
      ) : (
        props.children
      )}
    </Box>
  );
}

/** Portal path of an entity by ref: `group:default/x` → `/catalog/default/group/x`. */
function entityPath(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

function Glance(props: { overview: DomainOverviewResponse; now: Date }) {
  const { overview, now } = props;
  const { row } = overview;
  const owner =
    overview.owner ??
    (row.ownerGroup
      ? {
          title: row.ownerTitle ?? row.ownerGroup,
          href: entityPath(row.ownerGroup),
        }
      : undefined);
  return (
    <Flex direction="column" gap="3">
      <Box
        sx={{
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))',
        }}
      >
        <Tile concern="health" cell={row.health}>
          {!isUnavailable(row.health) && <HealthDetails cell={row.health} />}
        </Tile>
        <Tile concern="cost" cell={row.cost}>
          {!isUnavailable(row.cost) && <CostDetails cell={row.cost} />}
        </Tile>
        <Tile concern="retention" cell={row.retention}>
          {!isUnavailable(row.retention) && (
            <RetentionDetails cell={row.retention} />
          )}
        </Tile>
        <Tile concern="contracts" cell={row.contracts}>
          {!isUnavailable(row.contracts) && (
            <ContractsDetails cell={row.contracts} />
          )}
        </Tile>
        <Tile concern="sandboxes" cell={row.sandboxes}>
          {!isUnavailable(row.sandboxes) && (
            <SandboxesDetails cell={row.sandboxes} now={now} />
          )}
        </Tile>
      </Box>
      <Flex gap="4" align="center" style={{ flexWrap: 'wrap' }}>
        <Text as="span" variant="body-small">
          Owner:{' '}
          {owner ? (
            <Link to={owner.href}>{owner.title}</Link>
          ) : (
            'no owner group in the catalog'
          )}
        </Text>
        <Text as="span" variant="body-small">
          {row.subscriptionUrl ? (
            <Link to={row.subscriptionUrl} externalLinkIcon>
              Subscription in the Azure portal
            </Link>
          ) : (
            'No Azure subscription linked to this domain'
          )}
        </Text>
      </Flex>
      <SourcesLine sources={overview.sources} />
    </Flex>
  );
}

/**
 * "At a glance": the domain's health, cost against its budget, retention
 * verdict, contracts and open sandboxes, each linking to its details; the
 * owner group, the Azure subscription and how fresh all of it is.
 */
export function DomainOverviewCard() {
  const now = useNow();
  return (
    <DomainCardFrame title="At a glance" what="overview">
      {overview => <Glance overview={overview} now={now} />}
    </DomainCardFrame>
  );
}
