import type { CostRisk } from '@dataplatform/plugin-cost-common';
import { formatPercent } from '@dataplatform/plugin-cost-common';
import type { HealthState } from '@dataplatform/plugin-health-common';
import type { Verdict } from '@dataplatform/plugin-retention-common';
import {
  CONCERNS,
  SANDBOX_EXPIRY_WARNING_DAYS,
  type AttentionLevel,
  type Concern,
  type ContractsCell,
  type CostCell,
  type DomainOverviewRow,
  type HealthCell,
  type RetentionCell,
  type SandboxesCell,
  type UnavailableCell,
} from './types';
import { dayNumberOf, daysUntil } from './dates';

interface ConcernCells {
  health: HealthCell;
  cost: CostCell;
  retention: RetentionCell;
  contracts: ContractsCell;
  sandboxes: SandboxesCell;
}

/** What a row holds in the column of concern `C`. */
export type OverviewCell<C extends Concern = Concern> =
  | ConcernCells[C]
  | UnavailableCell;

/** The five cells of a row (a whole row will do). */
export type RowCells = Pick<DomainOverviewRow, Concern>;

const LEVEL_INDEX: Record<AttentionLevel, number> = {
  critical: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
};

const HEALTH_ATTENTION: Record<HealthState, AttentionLevel> = {
  unhealthy: 'critical',
  degraded: 'warning',
  unknown: 'unknown',
  healthy: 'ok',
};

const COST_ATTENTION: Record<CostRisk, AttentionLevel> = {
  'over-budget': 'critical',
  'forecast-over-budget': 'warning',
  'at-risk': 'warning',
  // Spend nobody has agreed a limit for is a risk nobody watches.
  'no-budget': 'warning',
  'on-track': 'ok',
  'no-data': 'unknown',
};

const RETENTION_ATTENTION: Record<Verdict, AttentionLevel> = {
  violation: 'critical',
  'at-risk': 'warning',
  unknown: 'unknown',
  compliant: 'ok',
};

export function isUnavailable(cell: object): cell is UnavailableCell {
  return typeof (cell as Partial<UnavailableCell>).unavailable === 'string';
}

export function healthAttention(
  cell: Pick<HealthCell, 'state'>,
): AttentionLevel {
  return HEALTH_ATTENTION[cell.state];
}

export function costAttention(cell: Pick<CostCell, 'risk'>): AttentionLevel {
  return COST_ATTENTION[cell.risk];
}

export function retentionAttention(
  cell: Pick<RetentionCell, 'verdict'>,
): AttentionLevel {
  return RETENTION_ATTENTION[cell.verdict];
}

/**
 * Invalid contracts are critical, output ports naming a contract the catalog
 * lacks a warning; unchecked ones leave the column unknown only when nothing
 * worse is known. A domain without data products has nothing to break: ok.
 */
export function contractsAttention(
  cell: Pick<ContractsCell, 'invalid' | 'missing' | 'unchecked'>,
): AttentionLevel {
  if (cell.invalid > 0) return 'critical';
  if (cell.missing > 0) return 'warning';
  if (cell.unchecked > 0) return 'unknown';
  return 'ok';
}

/**
 * Critical when the soonest-ending open sandbox is past its end (its last
 * day is before `today`) but still open; a warning when some end within
 * {@link SANDBOX_EXPIRY_WARNING_DAYS} days. Throws naming `date` or `today`
 * when either is not a day.
 */
export function sandboxesAttention(
  cell: Pick<SandboxesCell, 'open' | 'expiringSoon' | 'nextExpiry'>,
  today: string | Date,
): AttentionLevel {
  if (
    cell.open > 0 &&
    cell.nextExpiry !== undefined &&
    daysUntil(cell.nextExpiry, today) < 0
  ) {
    return 'critical';
  }
  if (cell.expiringSoon > 0) return 'warning';
  return 'ok';
}

/**
 * The attention of any cell of column `concern`: an UnavailableCell is
 * unknown, otherwise the concern's rule. `today` is needed for sandboxes.
 */
export function attentionOfCell<C extends Concern>(
  concern: C,
  cell: OverviewCell<C>,
  today: string | Date,
): AttentionLevel {
  if (isUnavailable(cell)) return 'unknown';
  return ruleOf(concern).attention(cell, today);
}

/** The worst of the levels; `ok` when there are none. */
export function worstAttention(
  levels: Iterable<AttentionLevel>,
): AttentionLevel {
  let worst: AttentionLevel = 'ok';
  for (const level of levels) {
    if (LEVEL_INDEX[level] < LEVEL_INDEX[worst]) worst = level;
  }
  return worst;
}

function cellsOf(
  cells: RowCells | ReadonlyArray<{ attention: AttentionLevel }>,
): ReadonlyArray<{ attention: AttentionLevel }> {
  return Array.isArray(cells)
    ? cells
    : CONCERNS.map(concern => (cells as RowCells)[concern]);
}

/** The worst attention among a row's five cells (or any list of cells). */
export function rowAttention(
  cells: RowCells | ReadonlyArray<{ attention: AttentionLevel }>,
): AttentionLevel {
  return worstAttention(cellsOf(cells).map(cell => cell.attention));
}

function countAt(cells: RowCells, level: AttentionLevel): number {
  return CONCERNS.filter(concern => cells[concern].attention === level).length;
}

function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Worst first: the row's attention level, then more critical cells, then
 * more warning cells, then the title (`localeCompare`, `en`). Name and
 * entity ref (code-point order) settle equal titles, so the order is the
 * same on every machine.
 */
export function compareRows(
  a: Pick<
    DomainOverviewRow,
    'attention' | 'title' | 'name' | 'entityRef' | Concern
  >,
  b: Pick<
    DomainOverviewRow,
    'attention' | 'title' | 'name' | 'entityRef' | Concern
  >,
): number {
  return (
    LEVEL_INDEX[a.attention] - LEVEL_INDEX[b.attention] ||
    countAt(b, 'critical') - countAt(a, 'critical') ||
    countAt(b, 'warning') - countAt(a, 'warning') ||
    a.title.localeCompare(b.title, 'en') ||
    byCodePoint(a.name, b.name) ||
    byCodePoint(a.entityRef, b.entityRef)
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

function healthReason(cell: HealthCell): string {
  const cause = cell.topCauses[0];
  return `Health: ${cell.state}${cause ? ` — ${cause}` : ''}`;
}

function costReason(cell: CostCell): string {
  const forecast =
    typeof cell.forecastPercent === 'number'
      ? ` (forecast ${formatPercent(cell.forecastPercent)} of budget)`
      : '';
  switch (cell.risk) {
    case 'over-budget': {
      const spent =
        typeof cell.monthToDate === 'number' &&
        typeof cell.budget === 'number' &&
        cell.budget > 0
          ? ` (${formatPercent(
              oneDecimal((cell.monthToDate / cell.budget) * 100),
            )} of budget)`
          : '';
      return `Cost: over budget${spent}`;
    }
    case 'forecast-over-budget':
      return `Cost: forecast over budget${forecast}`;
    case 'at-risk':
      return `Cost: at risk${forecast}`;
    case 'no-budget':
      return 'Cost: no budget';
    default:
      return `Cost: ${cell.risk}`;
  }
}

function retentionReason(cell: RetentionCell): string {
  const label = cell.verdict === 'at-risk' ? 'at risk' : cell.verdict;
  const count = cell.counts[cell.verdict];
  const findings =
    typeof count === 'number' && count > 0
      ? ` (${plural(count, 'finding', 'findings')})`
      : '';
  return `Retention: ${label}${findings}${
    cell.worst ? ` — ${cell.worst}` : ''
  }`;
}

function contractsReason(cell: ContractsCell): string {
  const parts: string[] = [];
  if (cell.invalid > 0) {
    parts.push(
      `${cell.invalid} invalid (${plural(cell.errorCount, 'error', 'errors')})`,
    );
  }
  if (cell.missing > 0) parts.push(`${cell.missing} missing`);
  if (parts.length === 0 && cell.unchecked > 0) {
    parts.push(`${cell.unchecked} unchecked`);
  }
  return `Contracts: ${parts.join(', ')}`;
}

function sandboxesReason(cell: SandboxesCell): string {
  const name = cell.nextExpiryName ?? 'a sandbox';
  if (cell.attention === 'critical' && cell.nextExpiry) {
    return `Sandboxes: ${name} is past its end (${cell.nextExpiry}) and still open`;
  }
  const next = cell.nextExpiry ? ` (next: ${name} on ${cell.nextExpiry})` : '';
  return `Sandboxes: ${plural(
    cell.expiringSoon,
    'sandbox ends',
    'sandboxes end',
  )} within ${SANDBOX_EXPIRY_WARNING_DAYS} days${next}`;
}

/**
 * Each concern's rules over its cell, so the attention and the reason of a
 * cell always come from the same concern.
 */
const CONCERN_RULES: {
  [C in Concern]: {
    attention: (cell: ConcernCells[C], today: string | Date) => AttentionLevel;
    reason: (cell: ConcernCells[C]) => string;
  };
} = {
  health: { attention: healthAttention, reason: healthReason },
  cost: { attention: costAttention, reason: costReason },
  retention: { attention: retentionAttention, reason: retentionReason },
  contracts: { attention: contractsAttention, reason: contractsReason },
  sandboxes: { attention: sandboxesAttention, reason: sandboxesReason },
};

/** The rules of `concern`, over any available cell of a row. */
function ruleOf(concern: Concern): {
  attention: (
    cell: ConcernCells[Concern],
    today: string | Date,
  ) => AttentionLevel;
  reason: (cell: ConcernCells[Concern]) => string;
} {
  if (!Object.hasOwn(CONCERN_RULES, concern)) {
    throw new Error(`Unknown concern '${String(concern)}'`);
  }
  // Each entry takes its own concern's cell; callers pair cell and concern.
  return CONCERN_RULES[concern] as ReturnType<typeof ruleOf>;
}

/**
 * One line per critical or warning cell, critical ones first, each level in
 * column order ("Health: unhealthy — <top cause>", "Cost: over budget (112%
 * of budget)"). A stale cell's line ends in "(last known)". Unknown and
 * unavailable cells are not reasons: their cells say why they are unknown.
 */
export function attentionReasons(row: RowCells): string[] {
  const reasons: string[] = [];
  for (const level of ['critical', 'warning'] as const) {
    for (const concern of CONCERNS) {
      const cell = row[concern];
      if (cell.attention !== level || isUnavailable(cell)) continue;
      const line = ruleOf(concern).reason(cell);
      reasons.push(cell.stale ? `${line} (last known)` : line);
    }
  }
  return reasons;
}

const TIEBREAK_MISSING = 999;

/**
 * Squeezes any finite number into 1…999, keeping its order, so a tiebreak
 * never pushes a cell into the next level's thousand.
 */
function squeeze(value: number): number {
  return 500 + (498 * value) / (1 + Math.abs(value));
}

function tiebreakOf(concern: Concern, cell: OverviewCell): number | undefined {
  switch (concern) {
    case 'health':
      return (cell as HealthCell).score;
    case 'cost': {
      const percent = (cell as CostCell).forecastPercent;
      return typeof percent === 'number' ? -percent : undefined;
    }
    case 'retention':
      return -((cell as RetentionCell).counts.violation ?? 0);
    case 'contracts': {
      const contracts = cell as ContractsCell;
      return -(contracts.invalid + contracts.missing);
    }
    default: {
      const next = (cell as SandboxesCell).nextExpiry;
      if (next === undefined) return undefined;
      // The day's number orders like its days left from any fixed today.
      try {
        return dayNumberOf(next, 'nextExpiry');
      } catch {
        return undefined;
      }
    }
  }
}

/**
 * Sort key of a cell for its column, ascending = worst first: the level's
 * index × 1000 (critical 0, warning 1000, unknown 2000, ok 3000) plus a
 * tiebreak in 1…999 — health: lower score first; cost: higher forecast
 * percent first; retention: more violations first; contracts: more invalid +
 * missing first; sandboxes: sooner next expiry first. A cell without the
 * figure (and an UnavailableCell) sorts last within its level (+999).
 */
export function cellSortValue(concern: Concern, cell: OverviewCell): number {
  const base = LEVEL_INDEX[cell.attention] * 1000;
  if (isUnavailable(cell)) return base + TIEBREAK_MISSING;
  const tiebreak = tiebreakOf(concern, cell);
  return typeof tiebreak === 'number' && Number.isFinite(tiebreak)
    ? base + squeeze(tiebreak)
    : base + TIEBREAK_MISSING;
}
