import { formatBounds, formatDays } from '../format';
import type {
  DayBounds,
  ScannedTable,
  ScannedWorkspace,
  SubscriptionScan,
} from '../types';
import type { Findings, Requirement } from './context';

/** The two Log Analytics checks and the table setting each one reads. */
const CHECKS = [
  {
    check: 'interactive-retention',
    key: 'interactiveDays',
    setting: 'retentionInDays',
    kept: 'keeps data interactively for',
    value: (t: ScannedTable) => t.retentionInDays,
    isDefault: (t: ScannedTable) => t.retentionInDaysAsDefault,
  },
  {
    check: 'total-retention',
    key: 'totalDays',
    setting: 'totalRetentionInDays',
    kept: 'keeps data in total for',
    value: (t: ScannedTable) => t.totalRetentionInDays,
    isDefault: (t: ScannedTable) => t.totalRetentionInDaysAsDefault,
  },
] as const;

type LaCheck = (typeof CHECKS)[number];

const shorteningWarning = (days: number) =>
  `Shortening retention deletes data older than ${formatDays(
    days,
  )} 30 days after the change; export it first if it must be kept.`;

const tableBlade = (table: string) =>
  `(Tables › ${table} › Manage table in the Azure portal)`;

/**
 * Compares the retention of the category's tables in every workspace of the
 * domain's scans with what the category requires.
 */
export function evaluateTables(
  requirement: Requirement,
  scans: SubscriptionScan[],
  out: Findings,
) {
  const { category, require } = requirement;
  const tables = category.logAnalyticsTables ?? [];
  const checks = CHECKS.filter(c => require[c.key] !== undefined);
  if (checks.length === 0 || tables.length === 0) return;

  const base = (c: LaCheck) => ({
    area: 'retention' as const,
    check: c.check,
    category: category.id,
    categoryTitle: category.title,
    required: formatBounds(require[c.key]!),
    requiredDays: require[c.key]!.min ?? require[c.key]!.max,
    source: requirement.sourceOf(c.key),
    upcoming: requirement.upcoming,
  });

  const unlisted = scans.filter(s => s.workspacesProblem);
  if (unlisted.length > 0) {
    const reason = unlisted
      .map(
        s =>
          `The Log Analytics workspaces of subscription ${
            s.subscriptionId
          } could not be listed: ${s.workspacesProblem!.reason}.`,
      )
      .join(' ');
    for (const c of checks) {
      out.add({ ...base(c), verdict: 'unknown', actual: 'not read', reason });
    }
  }

  for (const workspace of scans.flatMap(s => s.workspaces ?? [])) {
    for (const name of tables) {
      const listed = workspace.tables?.find(
        t => t.name.toLowerCase() === name.toLowerCase(),
      );
      const tableName = listed?.name ?? name;
      const resource = {
        resourceId: `${workspace.id}/tables/${tableName}`,
        resourceName: `${workspace.name} / ${tableName}`,
        portalResourceId: workspace.id,
      };
      if (!workspace.tables) {
        const reason = `The tables of workspace ${
          workspace.name
        } could not be read: ${
          workspace.problem?.reason ?? 'no reason given'
        }.`;
        for (const c of checks) {
          out.add({
            ...base(c),
            ...resource,
            verdict: 'unknown',
            actual: 'not read',
            reason,
          });
        }
        continue;
      }
      if (!listed) {
        for (const c of checks) {
          out.add({
            ...base(c),
            ...resource,
            verdict: 'unknown',
            actual: 'table not listed',
            reason: `${name} is not in the table list of ${workspace.name}, so its retention cannot be read.`,
          });
        }
        continue;
      }
      for (const c of checks) {
        out.add({
          ...base(c),
          ...resource,
          ...judgeTable(c, require[c.key]!, listed, workspace),
        });
      }
      out.addTimeline(
        {
          category: category.id,
          categoryTitle: category.title,
          resourceName: resource.resourceName,
          resourceId: resource.resourceId,
          segments: tableSegments(listed),
          ...(require.totalDays?.min !== undefined
            ? { requiredTotalDays: require.totalDays.min }
            : {}),
        },
        resource.resourceId,
      );
    }
  }
}

function judgeTable(
  c: LaCheck,
  bounds: DayBounds,
  table: ScannedTable,
  workspace: ScannedWorkspace,
) {
  const days = c.value(table);
  const atDefault = c.isDefault(table);
  const actual = `${formatDays(days)}${
    atDefault ? ' (workspace default)' : ''
  }`;
  const subject = `Table ${table.name} in workspace ${workspace.name} ${
    c.kept
  } ${formatDays(days)}${atDefault ? ', the workspace default' : ''}`;
  const setTo = (target: number) => {
    let text = `Set ${c.setting} of table ${table.name} in workspace ${workspace.name} to ${target}`;
    // Azure refuses an interactive period longer than the total retention.
    if (
      c.check === 'interactive-retention' &&
      target > table.totalRetentionInDays
    ) {
      text += ` and totalRetentionInDays to at least ${target}`;
    }
    return `${text} ${tableBlade(table.name)}.`;
  };
  const common = { actual, actualDays: days };

  if (bounds.min !== undefined && days < bounds.min) {
    return {
      ...common,
      verdict: 'violation' as const,
      reason: `${subject}, less than the required ${formatDays(bounds.min)}.`,
      remediation: setTo(bounds.min),
    };
  }
  if (bounds.max !== undefined && days > bounds.max) {
    // Shortening the interactive period alone moves data to long-term retention; only a shorter total deletes it.
    const deletes =
      c.check === 'total-retention' || table.totalRetentionInDays <= bounds.max;
    return {
      ...common,
      verdict: 'violation' as const,
      reason: `${subject}, more than the allowed ${formatDays(bounds.max)}.`,
      remediation: setTo(bounds.max),
      ...(deletes ? { warning: shorteningWarning(bounds.max) } : {}),
    };
  }
  return {
    ...common,
    verdict: 'compliant' as const,
    reason: `${subject}, which meets the requirement (${formatBounds(
      bounds,
    )}).`,
  };
}

function tableSegments(table: ScannedTable) {
  const interactive = table.retentionInDays;
  const total = Math.max(table.totalRetentionInDays, interactive);
  return [
    { phase: 'interactive' as const, fromDay: 0, toDay: interactive },
    ...(total > interactive
      ? [{ phase: 'long-term' as const, fromDay: interactive, toDay: total }]
      : []),
    { phase: 'deleted' as const, fromDay: total },
  ];
}
