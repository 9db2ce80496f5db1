import {
  evaluateDomain,
  validateRetentionPolicy,
  type EvaluationContext,
  type EvaluationResult,
  type Finding,
  type RetentionPolicy,
  type SubscriptionScan,
} from '../index';
import { exampleDocument } from './policies';
import { NOW, TENANT } from './scans';

/** The example policy of the spec, validated. */
export function examplePolicy(edit?: (doc: any) => void): RetentionPolicy {
  const doc = exampleDocument();
  edit?.(doc);
  const result = validateRetentionPolicy(doc);
  if (!result.ok) {
    throw new Error(`test policy is invalid: ${JSON.stringify(result.errors)}`);
  }
  return result.policy;
}

export function evaluate(
  scans: SubscriptionScan[],
  opts: {
    domain?: string;
    policy?: RetentionPolicy;
    now?: Date;
    declared?: Partial<Record<'rpo' | 'rto' | 'strategy', string>>;
    previous?: EvaluationContext['previous'];
  } = {},
): EvaluationResult {
  const domain = opts.domain ?? 'finance';
  return evaluateDomain(
    {
      entityRef: `domain:default/${domain}`,
      name: domain,
      scans,
      recovery: {
        declared: opts.declared ?? {},
        source: `declared on domain:default/${domain}`,
      },
    },
    {
      policy: opts.policy ?? examplePolicy(),
      now: opts.now ?? NOW,
      tenantId: TENANT,
      ...(opts.previous ? { previous: opts.previous } : {}),
    },
  );
}

/** The one finding of a check on a resource (by name; '' for none); fails when there is not exactly one. */
export function findingOf(
  result: { findings: Finding[] },
  check: Finding['check'],
  resourceName: string,
  category?: string,
): Finding {
  const found = result.findings.filter(
    f =>
      f.check === check &&
      (f.resourceName ?? '') === resourceName &&
      (category === undefined || f.category === category),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${check} finding for '${resourceName}', found ${
        found.length
      }: ${JSON.stringify(result.findings.map(f => f.id))}`,
    );
  }
  return found[0];
}
