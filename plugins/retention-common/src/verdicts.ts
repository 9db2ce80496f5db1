import {
  CHECKS,
  VERDICTS,
  type EntityRetentionSummary,
  type Finding,
  type Verdict,
  type VerdictCounts,
} from './types';

/** Negative when `a` is worse than `b` (violation, at-risk, unknown, compliant). */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICTS.indexOf(a) - VERDICTS.indexOf(b);
}

/** The worst verdict; nothing to judge is `unknown`, never compliant. */
export function worstVerdict(verdicts: Verdict[]): Verdict {
  if (verdicts.length === 0) return 'unknown';
  return verdicts.reduce((worst, v) =>
    compareVerdicts(v, worst) < 0 ? v : worst,
  );
}

export function countVerdicts(findings: Finding[]): VerdictCounts {
  const counts: VerdictCounts = {
    violation: 0,
    'at-risk': 0,
    unknown: 0,
    compliant: 0,
  };
  for (const finding of findings) counts[finding.verdict] += 1;
  return counts;
}

const byText = (a: string, b: string) => Number(a > b) - Number(a < b);

/** Worst first, then in check order (CHECKS), then by resource name, then id. A new array. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      compareVerdicts(a.verdict, b.verdict) ||
      CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check) ||
      byText(a.resourceName ?? '', b.resourceName ?? '') ||
      byText(a.id, b.id),
  );
}

/**
 * The summary of an entity's findings (a domain passes its own and its data
 * products' findings together).
 */
export function summarize(
  entityRef: string,
  kind: 'Domain' | 'DataProduct',
  findings: Finding[],
  opts: {
    evaluatedAt: string;
    stale: boolean;
    title?: string;
    dataProductCount?: number;
  },
): EntityRetentionSummary {
  const sorted = sortFindings(findings);
  return {
    entityRef,
    kind,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    verdict: worstVerdict(findings.map(f => f.verdict)),
    counts: countVerdicts(findings),
    ...(sorted.length > 0 ? { worst: sorted[0] } : {}),
    evaluatedAt: opts.evaluatedAt,
    stale: opts.stale,
    ...(opts.dataProductCount !== undefined
      ? { dataProductCount: opts.dataProductCount }
      : {}),
  };
}
