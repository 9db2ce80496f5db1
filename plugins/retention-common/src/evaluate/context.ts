import { azurePortalResourceUrl } from '../portal';
import { mergeRequirements, type RequirementKey } from '../policy/requirements';
import type {
  CategoryRequirements,
  CategoryTimeline,
  Finding,
  RetentionCategory,
  RetentionPolicy,
  SubscriptionScan,
} from '../types';
import { worstVerdict } from '../verdicts';

export interface EvaluationContext {
  policy: RetentionPolicy;
  now: Date;
  tenantId: string;
  /** The previous evaluation of the same entity, for `lastKnown`. */
  previous?: { at: string; findings: Finding[] };
}

export interface DomainInput {
  /** `domain:default/hr` */
  entityRef: string;
  /** `hr`: overrides name domains by this. */
  name: string;
  /** Everything read from the domain's subscription(s); may be empty. */
  scans: SubscriptionScan[];
  recovery: {
    declared: Partial<Record<'rpo' | 'rto' | 'strategy', string>>;
    source: string;
  };
}

export interface DataProductInput {
  /** `dataproduct:default/employee-directory` */
  entityRef: string;
  /** `domain:default/hr` */
  domainRef: string;
  domainScans: SubscriptionScan[];
  retentionClass?: string;
  contracts: { ref: string; slaProperties?: unknown; servers?: unknown }[];
  /** Domain's strategy is used when the product declares none. */
  recovery: {
    declared: Partial<Record<'rpo' | 'rto' | 'strategy', string>>;
    source: string;
    domainStrategy?: string;
  };
}

/** A category as it applies to one domain: overrides merged, date resolved. */
export interface Requirement {
  category: RetentionCategory;
  require: CategoryRequirements;
  /** `platform policy`, or `override for hr: <reason>` for the keys an override sets. */
  sourceOf(key: RequirementKey): string;
  /** Set when the category comes into force within the at-risk horizon. */
  upcoming?: Upcoming;
}

export interface Upcoming {
  from: string;
  inDays: number;
}

const DAY_MS = 86_400_000;

/**
 * The policy's categories for one domain: its overrides merged in, the
 * categories further ahead than the at-risk horizon left out.
 */
export function requirementsOf(
  policy: RetentionPolicy,
  domainName: string,
  now: Date,
): Requirement[] {
  const out: Requirement[] = [];
  for (const category of policy.spec.categories) {
    let upcoming: Upcoming | undefined;
    if (category.effectiveFrom) {
      const [y, m, d] = category.effectiveFrom.split('-').map(Number);
      const inDays = Math.ceil(
        (Date.UTC(y, m - 1, d) - now.getTime()) / DAY_MS,
      );
      if (inDays > policy.spec.atRiskHorizonDays) continue;
      if (inDays > 0) upcoming = { from: category.effectiveFrom, inDays };
    }
    const override = policy.spec.overrides.find(
      o => o.domain === domainName && o.category === category.id,
    );
    const { require, fromOverride } = mergeRequirements(category, override);
    const overrideSource = override
      ? `override for ${domainName}${
          override.reason?.trim() ? `: ${override.reason.trim()}` : ''
        }`
      : '';
    out.push({
      category,
      require,
      sourceOf: key =>
        fromOverride.has(key) ? overrideSource : 'platform policy',
      ...(upcoming ? { upcoming } : {}),
    });
  }
  return out;
}

/** A finding before the entity, id and portal link are filled in. */
export interface Draft
  extends Omit<Finding, 'id' | 'entityRef' | 'portalUrl' | 'lastKnown'> {
  /** The resource part of the id when it is not `resourceId` (contract locations). */
  resourceKey?: string;
  /** The resource whose portal page is linked (an account for its containers). */
  portalResourceId?: string;
  upcoming?: Upcoming;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Collects an entity's findings and timelines. */
export class Findings {
  readonly findings: Finding[] = [];
  private readonly timelines: Array<{
    timeline: Omit<CategoryTimeline, 'verdict'>;
    key: string;
  }> = [];
  private readonly keyOf = new Map<Finding, string>();

  constructor(
    private readonly entityRef: string,
    private readonly tenantId: string,
  ) {}

  add(draft: Draft): Finding {
    const { resourceKey, portalResourceId, upcoming, ...rest } = draft;
    const key = resourceKey ?? draft.resourceId ?? '';
    const finding: Finding = {
      id: `${this.entityRef}|${draft.check}|${draft.category}|${key}`,
      entityRef: this.entityRef,
      ...rest,
    };
    if (upcoming) {
      // Not yet in force: a shortfall is a warning of what is coming, not a breach.
      finding.required = `${finding.required} from ${upcoming.from}`;
      if (finding.verdict === 'violation') finding.verdict = 'at-risk';
      finding.reason = `${finding.reason} It is required from ${
        upcoming.from
      }, in ${plural(upcoming.inDays, 'day')}.`;
    }
    const portal = portalResourceId ?? draft.resourceId;
    if (portal)
      finding.portalUrl = azurePortalResourceUrl(this.tenantId, portal);
    this.findings.push(finding);
    this.keyOf.set(finding, `${draft.category}|${key}`);
    return finding;
  }

  /** A timeline whose verdict is the worst of the same resource's findings in the category. */
  addTimeline(
    timeline: Omit<CategoryTimeline, 'verdict'>,
    resourceKey: string,
  ) {
    this.timelines.push({
      timeline,
      key: `${timeline.category}|${resourceKey}`,
    });
  }

  timelinesWithVerdicts(): CategoryTimeline[] {
    return this.timelines.map(({ timeline, key }) => ({
      ...timeline,
      verdict: worstVerdict(
        this.findings
          .filter(f => this.keyOf.get(f) === key)
          .map(f => f.verdict),
      ),
    }));
  }
}

/** `lastKnown` for unknown findings, from the previous evaluation of the same entity. */
export function withLastKnown(
  findings: Finding[],
  previous: EvaluationContext['previous'],
): Finding[] {
  if (!previous) return findings;
  const before = new Map(previous.findings.map(f => [f.id, f]));
  return findings.map(finding => {
    if (finding.verdict !== 'unknown') return finding;
    const earlier = before.get(finding.id);
    if (!earlier) return finding;
    if (earlier.verdict !== 'unknown') {
      return {
        ...finding,
        lastKnown: {
          verdict: earlier.verdict,
          actual: earlier.actual,
          at: previous.at,
        },
      };
    }
    return earlier.lastKnown
      ? { ...finding, lastKnown: earlier.lastKnown }
      : finding;
  });
}
