/**
 * The platform's tagging strategy for subscriptions. Every domain and sandbox
 * subscription carries these tags so that cost, policy and ownership can be
 * traced back to a domain without asking anyone.
 */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export const DATA_RESIDENCIES = ['eu', 'us', 'south-america'] as const;
export type DataResidency = (typeof DATA_RESIDENCIES)[number];

export const ENVIRONMENTS = ['production', 'non-production', 'sandbox'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A tag rule: which values are allowed, and what a person should be told. */
export interface TagRule {
  key: string;
  description: string;
  /** Fixed list of values, or a pattern the value must match. */
  allowed: readonly string[] | RegExp;
  /** Human phrasing of `allowed`, used in error messages. */
  allowedText: string;
}

const KEBAB_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

export const SUBSCRIPTION_TAG_RULES: readonly TagRule[] = [
  {
    key: 'domain',
    description: 'The data domain that owns the subscription',
    allowed: KEBAB_NAME,
    allowedText: '2-40 lowercase letters, digits or hyphens, starting with a letter',
  },
  {
    key: 'owner',
    description: 'The catalog group that owns the domain',
    allowed: KEBAB_NAME,
    allowedText: 'a catalog group name (2-40 lowercase letters, digits or hyphens)',
  },
  {
    key: 'costCenter',
    description: 'The cost center charged for the spend',
    allowed: /^CC-\d{4}$/,
    allowedText: 'CC- followed by four digits, e.g. CC-1010',
  },
  {
    key: 'dataClassification',
    description: 'The most sensitive data the subscription may hold',
    allowed: DATA_CLASSIFICATIONS,
    allowedText: DATA_CLASSIFICATIONS.join(', '),
  },
  {
    key: 'dataResidency',
    description: 'Where the data may live (GDPR residency)',
    allowed: DATA_RESIDENCIES,
    allowedText: DATA_RESIDENCIES.join(', '),
  },
  {
    key: 'environment',
    description: 'Which environment the subscription serves',
    allowed: ENVIRONMENTS,
    allowedText: ENVIRONMENTS.join(', '),
  },
];

export const REQUIRED_SUBSCRIPTION_TAGS = SUBSCRIPTION_TAG_RULES.map(r => r.key);

export interface TagProblem {
  key: string;
  problem: 'missing' | 'invalid';
  actual?: string;
  message: string;
}

/** Checks subscription tags against the tagging strategy; an empty list means compliant. */
export function findTagProblems(
  tags: Record<string, string> | undefined,
): TagProblem[] {
  const problems: TagProblem[] = [];
  for (const rule of SUBSCRIPTION_TAG_RULES) {
    const actual = tags?.[rule.key];
    if (actual === undefined || actual === '') {
      problems.push({
        key: rule.key,
        problem: 'missing',
        message: `tag "${rule.key}" is missing; allowed: ${rule.allowedText}`,
      });
      continue;
    }
    const ok =
      rule.allowed instanceof RegExp
        ? rule.allowed.test(actual)
        : rule.allowed.includes(actual);
    if (!ok) {
      problems.push({
        key: rule.key,
        problem: 'invalid',
        actual,
        message: `tag "${rule.key}" is "${actual}"; allowed: ${rule.allowedText}`,
      });
    }
  }
  return problems;
}
