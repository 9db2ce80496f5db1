import {
  ATTENTION_LEVELS,
  type AttentionLevel,
  type DomainOverviewRow,
  type OverviewCounts,
} from './types';
import { isUnavailable } from './attention';

/**
 * The tiles at the top of the platform home, over `rows` (the rows the
 * caller may see, before filters). Every figure counts domains except
 * `sandboxesOpen` and `sandboxesExpiringSoon`, which add up the sandboxes of
 * the rows. Unavailable cells count nowhere but in `byAttention.unknown`
 * (through their row's level).
 */
export function overviewCounts(
  rows: ReadonlyArray<
    Pick<
      DomainOverviewRow,
      'attention' | 'health' | 'cost' | 'retention' | 'contracts' | 'sandboxes'
    >
  >,
): OverviewCounts {
  const byAttention = Object.fromEntries(
    ATTENTION_LEVELS.map(level => [level, 0]),
  ) as Record<AttentionLevel, number>;
  const counts: OverviewCounts = {
    domains: rows.length,
    byAttention,
    unhealthy: 0,
    degraded: 0,
    overBudget: 0,
    costAtRisk: 0,
    retentionViolations: 0,
    contractErrors: 0,
    sandboxesOpen: 0,
    sandboxesExpiringSoon: 0,
  };
  for (const row of rows) {
    byAttention[row.attention] += 1;
    const { health, cost, retention, contracts, sandboxes } = row;
    if (!isUnavailable(health)) {
      if (health.state === 'unhealthy') counts.unhealthy += 1;
      if (health.state === 'degraded') counts.degraded += 1;
    }
    if (!isUnavailable(cost)) {
      if (cost.risk === 'over-budget') counts.overBudget += 1;
      if (cost.risk === 'forecast-over-budget' || cost.risk === 'at-risk') {
        counts.costAtRisk += 1;
      }
    }
    if (!isUnavailable(retention) && retention.verdict === 'violation') {
      counts.retentionViolations += 1;
    }
    if (
      !isUnavailable(contracts) &&
      (contracts.invalid > 0 || contracts.missing > 0)
    ) {
      counts.contractErrors += 1;
    }
    if (!isUnavailable(sandboxes)) {
      counts.sandboxesOpen += sandboxes.open;
      counts.sandboxesExpiringSoon += sandboxes.expiringSoon;
    }
  }
  return counts;
}
