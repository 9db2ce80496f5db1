import { formatBounds, formatDays, listText } from '../format';
import type {
  DayBounds,
  LifecycleDays,
  ScannedContainer,
  ScannedLifecycleRule,
  ScannedStorageAccount,
  SubscriptionScan,
  TimelinePhase,
  TimelineSegment,
  Verdict,
} from '../types';
import type { Findings, Requirement } from './context';

/** The blobs a check is about: a whole container, or a contract's location in one. */
export interface BlobScope {
  account: ScannedStorageAccount;
  container: string;
  /** Blob name prefix including the container: `bronze/`, `silver/employee-directory/`. */
  prefix: string;
  /** `in bronze`, `under silver/employee-directory/`: for sentences. */
  where: string;
}

/** What a check concluded; the caller adds the resource and requirement. */
export interface Judgement {
  verdict: Verdict;
  actual: string;
  actualDays?: number;
  reason: string;
  remediation?: string;
  warning?: string;
}

interface AppliedRule {
  rule: ScannedLifecycleRule;
  /** `all`: every block blob of the scope; `some`: only part of it. */
  reach: 'all' | 'some';
  /** Why only some blobs: `prefix 'bronze/raw'`, `blob index tags`. */
  narrowedBy?: string;
}

const LIFECYCLE_BLADE =
  '(Storage account › Data management › Lifecycle management)';

/**
 * The lifecycle rules that act on block blobs under `prefix`. A rule's
 * prefix covers all of them when the scope's prefix starts with it, and some
 * of them when it starts with the scope's prefix (`bronze/raw` inside
 * `bronze/`); blob index filters narrow any rule to some blobs.
 */
export function applicableRules(
  rules: ScannedLifecycleRule[],
  prefix: string,
): AppliedRule[] {
  const applied: AppliedRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (
      rule.blobTypes.length > 0 &&
      !rule.blobTypes.some(t => t.toLowerCase() === 'blockblob')
    ) {
      continue;
    }
    let all = rule.prefixMatch.length === 0;
    let partial: string | undefined;
    for (const p of rule.prefixMatch) {
      if (prefix.startsWith(p)) all = true;
      else if (p.startsWith(prefix)) partial ??= p;
    }
    if (!all && partial === undefined) continue;
    if (all && !rule.hasBlobIndexFilter) {
      applied.push({ rule, reach: 'all' });
    } else {
      applied.push({
        rule,
        reach: 'some',
        narrowedBy: all ? 'blob index tags' : `prefix '${partial}'`,
      });
    }
  }
  return applied;
}

interface Action extends AppliedRule {
  days: number;
  basis: LifecycleDays['basis'];
}

function actionsOf(
  applied: AppliedRule[],
  action: 'delete' | 'tierToArchive',
): Action[] {
  return applied
    .filter(a => a.rule[action] !== undefined)
    .map(a => ({
      ...a,
      days: a.rule[action]!.days,
      basis: a.rule[action]!.basis,
    }))
    .sort(
      (a, b) =>
        a.days - b.days ||
        Number(a.reach === 'some') - Number(b.reach === 'some'),
    );
}

const ruleText = (a: AppliedRule) =>
  `rule '${a.rule.name}'${
    a.narrowedBy ? ` (only blobs with ${a.narrowedBy})` : ''
  }`;

const rulesText = (names: string[]) =>
  `${names.length === 1 ? 'rule' : 'rules'} ${listText(
    names.map(n => `'${n}'`),
  )}`;

const CLOCK_WORDS: Record<LifecycleDays['basis'], string> = {
  modification: '',
  creation: ' since creation',
  'last-access': ' without being read',
};
const clock = (basis: LifecycleDays['basis']) => CLOCK_WORDS[basis];

function deletedText(d: Action): string {
  return `${d.reach === 'some' ? 'some blobs ' : ''}deleted after ${formatDays(
    d.days,
  )}${clock(d.basis)} by ${ruleText(d)}`;
}

const blobWarning = (days: number) =>
  `A delete rule removes every matching blob older than ${formatDays(
    days,
  )} within a day or two of being saved; copy blobs elsewhere first if they must be kept.`;

/** `total-retention`: the earliest lifecycle delete against the required bounds. */
export function judgeTotal(
  scope: BlobScope,
  rules: ScannedLifecycleRule[],
  bounds: DayBounds,
): Judgement {
  const { account, prefix, where } = scope;
  const deletes = actionsOf(applicableRules(rules, prefix), 'delete');
  const earliest = deletes[0];
  const actual = earliest
    ? deletedText(earliest)
    : 'never deleted by a lifecycle rule';
  const reasons: string[] = [];
  const remediations: string[] = [];
  let warning: string | undefined;

  if (bounds.min !== undefined) {
    const early = deletes.filter(d => d.days < bounds.min!);
    if (early.length > 0) {
      const first = early[0];
      reasons.push(
        `Lifecycle rule '${first.rule.name}' of ${account.name} deletes ${
          first.reach === 'some' ? `some blobs (${first.narrowedBy})` : 'blobs'
        } ${where} after ${formatDays(first.days)}${clock(
          first.basis,
        )}, before the required ${formatDays(bounds.min)}.`,
      );
      const names = [...new Set(early.map(d => d.rule.name))];
      remediations.push(
        `Change ${rulesText(names)} in the lifecycle management policy of ${
          account.name
        } to delete after at least ${bounds.min} days, or remove ${
          names.length === 1 ? 'its' : 'their'
        } delete action ${LIFECYCLE_BLADE}.`,
      );
    }
  }
  if (bounds.max !== undefined) {
    // Only a rule over every blob on a fixed clock guarantees deletion; blobs that are read escape a last-access rule.
    const guaranteed = deletes.find(
      d => d.reach === 'all' && d.basis !== 'last-access',
    );
    if (!guaranteed) {
      const partly = earliest
        ? ` (${ruleText(earliest)} deletes ${
            earliest.reach === 'some' ? 'only some' : 'only unread'
          } blobs)`
        : '';
      reasons.push(
        `No lifecycle rule of ${
          account.name
        } deletes every blob ${where}${partly}, so blobs are kept beyond the allowed ${formatDays(
          bounds.max,
        )}.`,
      );
      remediations.push(
        `Add a rule with prefix '${prefix}' to the lifecycle management policy of ${account.name} that deletes base blobs after at most ${bounds.max} days since modification ${LIFECYCLE_BLADE}.`,
      );
      warning = blobWarning(bounds.max);
    } else if (guaranteed.days > bounds.max) {
      reasons.push(
        `Rule '${guaranteed.rule.name}' of ${
          account.name
        } deletes blobs ${where} after ${formatDays(
          guaranteed.days,
        )}, later than the allowed ${formatDays(bounds.max)}.`,
      );
      remediations.push(
        `Change rule '${guaranteed.rule.name}' in the lifecycle management policy of ${account.name} to delete after at most ${bounds.max} days ${LIFECYCLE_BLADE}.`,
      );
      warning = blobWarning(bounds.max);
    }
  }

  const common = {
    actual,
    ...(earliest ? { actualDays: earliest.days } : {}),
  };
  if (reasons.length > 0) {
    return {
      ...common,
      verdict: 'violation',
      reason: reasons.join(' '),
      remediation: remediations.join(' '),
      ...(warning ? { warning } : {}),
    };
  }
  return {
    ...common,
    verdict: 'compliant',
    reason: earliest
      ? `The earliest lifecycle delete of blobs ${where} in ${
          account.name
        } is after ${formatDays(earliest.days)} (${ruleText(
          earliest,
        )}), which meets the requirement (${formatBounds(bounds)}).`
      : `No enabled lifecycle rule of ${
          account.name
        } deletes block blobs ${where}, so they are kept until deleted by hand, which meets the requirement (${formatBounds(
          bounds,
        )}).`,
  };
}

/** `archive-tier`: every blob must reach the archive tier within `max` days. */
export function judgeArchive(
  scope: BlobScope,
  rules: ScannedLifecycleRule[],
  max: number,
): Judgement {
  const { account, prefix, where } = scope;
  const applied = applicableRules(rules, prefix);
  const tiers = actionsOf(applied, 'tierToArchive');
  const covering = tiers.filter(t => t.reach === 'all');
  // Days since modification or creation always run; days since last access restart with every read.
  const fixed = covering.find(t => t.basis !== 'last-access');
  const onAccess = covering.find(t => t.basis === 'last-access');
  const addRule = `Add a rule with prefix '${prefix}' to the lifecycle management policy of ${account.name} that tiers base blobs to archive after at most ${max} days since modification ${LIFECYCLE_BLADE}.`;
  const changeRule = (name: string) =>
    `Change rule '${name}' in the lifecycle management policy of ${account.name} to tier base blobs to archive after at most ${max} days since modification (daysAfterModificationGreaterThan) ${LIFECYCLE_BLADE}.`;

  if (fixed && fixed.days <= max) {
    return {
      verdict: 'compliant',
      actual: `archived after ${formatDays(fixed.days)}${clock(
        fixed.basis,
      )} by rule '${fixed.rule.name}'`,
      actualDays: fixed.days,
      reason: `Rule '${fixed.rule.name}' of ${
        account.name
      } tiers every blob ${where} to archive after ${formatDays(
        fixed.days,
      )}, within the required ${formatDays(max)}.`,
    };
  }
  if (onAccess && onAccess.days <= max) {
    return {
      verdict: 'at-risk',
      actual: `archived only when not read for ${formatDays(
        onAccess.days,
      )} (rule '${onAccess.rule.name}')`,
      actualDays: onAccess.days,
      reason: `Rule '${onAccess.rule.name}' of ${
        account.name
      } archives blobs ${where} only when not read for ${formatDays(
        onAccess.days,
      )}: blobs that are read keep a hotter tier past ${formatDays(max)}.`,
      remediation: changeRule(onAccess.rule.name),
    };
  }
  const late = [fixed, onAccess]
    .filter((t): t is Action => !!t)
    .sort((a, b) => a.days - b.days)[0];
  if (late) {
    return {
      verdict: 'violation',
      actual:
        late.basis === 'last-access'
          ? `archived only when not read for ${formatDays(late.days)} (rule '${
              late.rule.name
            }')`
          : `archived after ${formatDays(late.days)}${clock(
              late.basis,
            )} by rule '${late.rule.name}'`,
      actualDays: late.days,
      reason: `Rule '${late.rule.name}' of ${
        account.name
      } tiers blobs ${where} to archive after ${formatDays(late.days)}${clock(
        late.basis,
      )}, later than the required ${formatDays(max)}.`,
      remediation: changeRule(late.rule.name),
    };
  }
  const partial = tiers.find(t => t.reach === 'some');
  return {
    verdict: 'violation',
    actual: 'not tiered to archive',
    reason: `In ${account.name}, no lifecycle rule tiers every blob ${
      where.startsWith('in ') ? `of ${where.slice(3)}` : where
    } to archive${
      partial ? ` (${ruleText(partial)} archives only part of them)` : ''
    }.`,
    remediation: addRule,
  };
}

/** `immutability`: a locked time-based policy of at least `minDays`. */
export function judgeImmutability(
  account: ScannedStorageAccount,
  container: ScannedContainer,
  minDays: number,
): Judgement {
  const name = container.name;
  const blade = `(Containers › ${name} › Access policy)`;
  const policy = container.immutabilityPolicy;
  if (container.problem || policy === undefined) {
    return {
      verdict: 'unknown',
      actual: 'not read',
      reason: `The immutability policy of container ${name} in ${
        account.name
      } could not be read: ${container.problem?.reason ?? 'no reason given'}.`,
    };
  }
  if (policy === null) {
    return {
      verdict: 'violation',
      actual: 'no immutability policy',
      reason: `Container ${name} in ${account.name} has no immutability policy, so its blobs can be changed or deleted by anyone with write access.`,
      remediation: `Add a time-based immutability policy of ${minDays} days to container ${name} in ${account.name} and lock it ${blade}; locking cannot be undone.`,
    };
  }
  const days = policy.immutabilityPeriodSinceCreationInDays;
  const locked = policy.state === 'Locked';
  const actual = `${locked ? 'locked' : 'unlocked'}, ${formatDays(days)}`;
  if (days < minDays) {
    return {
      verdict: 'violation',
      actual,
      actualDays: days,
      reason: `The ${
        locked ? 'locked' : 'unlocked'
      } immutability policy of container ${name} in ${
        account.name
      } protects blobs for ${formatDays(
        days,
      )}, less than the required ${formatDays(minDays)}.`,
      remediation: locked
        ? `Extend the locked immutability policy of container ${name} in ${account.name} to ${minDays} days ${blade}; a locked policy can only be extended, never shortened.`
        : `Set the immutability policy of container ${name} in ${account.name} to ${minDays} days and lock it ${blade}; locking cannot be undone.`,
    };
  }
  if (!locked) {
    return {
      verdict: 'at-risk',
      actual,
      actualDays: days,
      reason: `The immutability policy of container ${name} in ${account.name} is unlocked: an unlocked policy can be shortened or deleted by anyone with write access.`,
      remediation: `Lock the immutability policy of container ${name} in ${account.name} ${blade}; locking cannot be undone, and afterwards the period can only be extended.`,
    };
  }
  return {
    verdict: 'compliant',
    actual,
    actualDays: days,
    reason: `Container ${name} in ${
      account.name
    } has a locked immutability policy of ${formatDays(
      days,
    )}, at least the required ${formatDays(minDays)}.`,
  };
}

const TIERS: Array<
  [TimelinePhase, 'tierToCool' | 'tierToCold' | 'tierToArchive']
> = [
  ['cool', 'tierToCool'],
  ['cold', 'tierToCold'],
  ['archive', 'tierToArchive'],
];

/**
 * The phases of blobs under `prefix`: tiers from the rules covering all of
 * them (earliest rule per tier, in age order), deletion at the earliest
 * delete of any rule that reaches them.
 */
export function blobSegments(
  rules: ScannedLifecycleRule[],
  prefix: string,
): TimelineSegment[] {
  const applied = applicableRules(rules, prefix);
  const deletion = actionsOf(applied, 'delete')[0]?.days;
  const covering = applied.filter(a => a.reach === 'all');
  const moves = TIERS.flatMap(([phase, action], order) => {
    const days = covering
      .map(a => a.rule[action]?.days)
      .filter((d): d is number => d !== undefined);
    return days.length > 0 ? [{ phase, age: Math.min(...days), order }] : [];
  })
    .filter(m => deletion === undefined || m.age < deletion)
    .sort((a, b) => a.age - b.age || a.order - b.order);

  const segments: TimelineSegment[] = [];
  let phase: TimelinePhase = 'hot';
  let from = 0;
  for (const move of moves) {
    if (move.age > from) {
      segments.push({ phase, fromDay: from, toDay: move.age });
      from = move.age;
    }
    phase = move.phase;
  }
  if (deletion === undefined) {
    segments.push({ phase, fromDay: from });
  } else {
    if (deletion > from)
      segments.push({ phase, fromDay: from, toDay: deletion });
    segments.push({ phase: 'deleted', fromDay: deletion });
  }
  return segments;
}

/**
 * Compares the category's containers in every storage account of the
 * domain's scans with what the category requires.
 */
export function evaluateContainers(
  requirement: Requirement,
  scans: SubscriptionScan[],
  out: Findings,
) {
  const { category, require } = requirement;
  const names = new Set(
    (category.blobContainers ?? []).map(n => n.toLowerCase()),
  );
  const checks = [
    require.totalDays && {
      check: 'total-retention' as const,
      key: 'totalDays' as const,
      required: formatBounds(require.totalDays),
      requiredDays: require.totalDays.min ?? require.totalDays.max,
    },
    require.archiveAfterDays && {
      check: 'archive-tier' as const,
      key: 'archiveAfterDays' as const,
      required: `tiered to archive within ${formatDays(
        require.archiveAfterDays.max,
      )}`,
      requiredDays: require.archiveAfterDays.max,
    },
    require.immutability && {
      check: 'immutability' as const,
      key: 'immutability' as const,
      required: `locked, ≥ ${formatDays(require.immutability.minDays)}`,
      requiredDays: require.immutability.minDays,
    },
  ].filter((c): c is Exclude<typeof c, undefined> => !!c);
  if (checks.length === 0 || names.size === 0) return;

  type BlobCheck = (typeof checks)[number];
  const base = (c: BlobCheck) => ({
    area: 'retention' as const,
    check: c.check,
    category: category.id,
    categoryTitle: category.title,
    required: c.required,
    requiredDays: c.requiredDays,
    source: requirement.sourceOf(c.key),
    upcoming: requirement.upcoming,
  });

  const unlisted = scans.filter(s => s.storageAccountsProblem);
  if (unlisted.length > 0) {
    const reason = unlisted
      .map(
        s =>
          `The storage accounts of subscription ${
            s.subscriptionId
          } could not be listed: ${s.storageAccountsProblem!.reason}.`,
      )
      .join(' ');
    for (const c of checks) {
      out.add({ ...base(c), verdict: 'unknown', actual: 'not read', reason });
    }
  }

  for (const account of scans.flatMap(s => s.storageAccounts ?? [])) {
    if (!account.containers) {
      for (const c of checks) {
        out.add({
          ...base(c),
          resourceId: account.id,
          resourceName: account.name,
          verdict: 'unknown',
          actual: 'not read',
          reason: `The containers of storage account ${
            account.name
          } could not be listed: ${
            account.containersProblem?.reason ?? 'no reason given'
          }.`,
        });
      }
      continue;
    }
    for (const container of account.containers) {
      if (!names.has(container.name.toLowerCase())) continue;
      const resourceId = `${account.id}/blobServices/default/containers/${container.name}`;
      const resource = {
        resourceId,
        resourceName: `${account.name} / ${container.name}`,
        portalResourceId: account.id,
      };
      const scope: BlobScope = {
        account,
        container: container.name,
        prefix: `${container.name}/`,
        where: `in ${container.name}`,
      };
      const rules = account.lifecycleRules;
      for (const c of checks) {
        let judgement: Judgement;
        if (c.check === 'immutability') {
          judgement = judgeImmutability(
            account,
            container,
            require.immutability!.minDays,
          );
        } else if (!rules) {
          judgement = lifecycleUnknown(account);
        } else if (c.check === 'total-retention') {
          judgement = judgeTotal(scope, rules, require.totalDays!);
        } else {
          judgement = judgeArchive(scope, rules, require.archiveAfterDays!.max);
        }
        out.add({ ...base(c), ...resource, ...judgement });
      }
      if (rules) {
        const immutable =
          container.immutabilityPolicy?.immutabilityPeriodSinceCreationInDays;
        out.addTimeline(
          {
            category: category.id,
            categoryTitle: category.title,
            resourceName: resource.resourceName,
            resourceId,
            segments: blobSegments(rules, scope.prefix),
            ...(require.totalDays?.min !== undefined
              ? { requiredTotalDays: require.totalDays.min }
              : {}),
            ...(require.archiveAfterDays
              ? { requiredArchiveDays: require.archiveAfterDays.max }
              : {}),
            ...(immutable !== undefined ? { immutableDays: immutable } : {}),
          },
          resourceId,
        );
      }
    }
  }
}

export function lifecycleUnknown(account: ScannedStorageAccount): Judgement {
  return {
    verdict: 'unknown',
    actual: 'not read',
    reason: `The lifecycle management policy of ${
      account.name
    } could not be read: ${
      account.lifecycleProblem?.reason ?? 'no reason given'
    }.`,
  };
}
