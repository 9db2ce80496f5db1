/**
 * Ordering and counting of verdicts and findings, as retention-common's
 * README states the rules (worst first: violation, at-risk, unknown,
 * compliant; then check order, resource name, id). Kept here so the pages
 * do not depend on the evaluation code of the common package.
 */
import {
  CHECKS,
  Finding,
  VERDICTS,
  Verdict,
  VerdictCounts,
} from '@dataplatform/plugin-retention-common';

function rank(list: readonly string[], value: string): number {
  const index = list.indexOf(value);
  // Values from a newer backend sort after the known ones, not first.
  return index < 0 ? list.length : index;
}

/** Negative when `a` is worse than `b`. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return rank(VERDICTS, a) - rank(VERDICTS, b);
}

/** The worst of the verdicts; `unknown` when there are none. */
export function worstVerdict(verdicts: Verdict[]): Verdict {
  return [...verdicts].sort(compareVerdicts)[0] ?? 'unknown';
}

export function emptyCounts(): VerdictCounts {
  return { violation: 0, 'at-risk': 0, unknown: 0, compliant: 0 };
}

export function countVerdicts(findings: Finding[]): VerdictCounts {
  const counts = emptyCounts();
  for (const finding of findings) {
    if (finding.verdict in counts) counts[finding.verdict] += 1;
  }
  return counts;
}

/** Worst first, then check order, resource name and id: the same order every time. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      compareVerdicts(a.verdict, b.verdict) ||
      rank(CHECKS, a.check) - rank(CHECKS, b.check) ||
      (a.resourceName ?? '').localeCompare(b.resourceName ?? '') ||
      a.id.localeCompare(b.id),
  );
}
