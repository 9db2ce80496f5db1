import {
  DATA_CLASSIFICATIONS,
  DATA_RESIDENCIES,
  DataResidency,
} from '@dataplatform/plugin-azure-common';
import { FieldProblem } from './api';
import { RESERVED_NAMES, SHORT_NAME_PATTERN, SHORT_NAME_RULE } from './naming';
import {
  DOMAIN_BUDGET_LIMITS,
  RECOVERY_TIER_NAMES,
  SANDBOX_POLICY,
} from './policy';
import { findRegion, regionsFor, RESIDENCY_LABELS } from './regions';

/**
 * Field checks that need nothing but the input. The same functions run in the
 * template form, in the scaffolder actions and in the backend, so a request
 * is refused the same way wherever it comes from. Checks that need state
 * (name already taken, owner group unknown) live in the backend.
 */

const GROUP_REF =
  /^(?:group:)?(?:[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;
const COST_CENTER = /^CC-\d{4}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShortName(
  field: string,
  value: unknown,
  problems: FieldProblem[],
) {
  if (typeof value !== 'string' || value.length === 0) {
    problems.push({
      field,
      message: `is required; allowed: ${SHORT_NAME_RULE}`,
    });
    return;
  }
  if (!SHORT_NAME_PATTERN.test(value)) {
    problems.push({
      field,
      message: `"${value}" breaks Azure naming rules; allowed: ${SHORT_NAME_RULE}`,
    });
    return;
  }
  if ((RESERVED_NAMES as readonly string[]).includes(value)) {
    problems.push({
      field,
      message: `"${value}" is reserved for the platform; choose another name`,
    });
  }
}

function checkText(
  field: string,
  value: unknown,
  min: number,
  max: number,
  problems: FieldProblem[],
  required = true,
) {
  if (value === undefined || value === null || value === '') {
    if (required)
      problems.push({
        field,
        message: `is required (${min}-${max} characters)`,
      });
    return;
  }
  if (typeof value !== 'string') {
    problems.push({
      field,
      message: `must be text (${min}-${max} characters)`,
    });
    return;
  }
  const length = value.trim().length;
  if (length < min || length > max) {
    problems.push({
      field,
      message: `must be ${min}-${max} characters, got ${length}`,
    });
  }
}

function checkGroupRef(
  field: string,
  value: unknown,
  problems: FieldProblem[],
) {
  if (typeof value !== 'string' || !GROUP_REF.test(value)) {
    problems.push({
      field,
      message:
        'must be a catalog group, e.g. group:default/finance-domain-owners',
    });
    return;
  }
  if (value.includes(':') && !value.toLowerCase().startsWith('group:')) {
    problems.push({
      field,
      message: `"${value}" is not a group; pick a catalog group`,
    });
  }
}

function checkEnum(
  field: string,
  value: unknown,
  allowed: readonly string[],
  problems: FieldProblem[],
) {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.push({
      field,
      message: `${
        value === undefined || value === ''
          ? 'is required'
          : `"${String(value)}" is not allowed`
      }; allowed: ${allowed.join(', ')}`,
    });
  }
}

function checkAmount(
  field: string,
  value: unknown,
  min: number,
  max: number,
  problems: FieldProblem[],
) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, message: `must be a number from ${min} to ${max}` });
    return;
  }
  if (value <= 0) {
    problems.push({
      field,
      message: `must be more than 0; allowed: ${min} to ${max}`,
    });
  } else if (value < min) {
    problems.push({
      field,
      message: `${value} is below the minimum of ${min}; allowed: ${min} to ${max}`,
    });
  } else if (value > max) {
    problems.push({
      field,
      message: `${value} is above the maximum of ${max}; ask the platform team for more`,
    });
  }
}

/** Whether a region is one a domain with this residency may choose; a problem message when not. */
export function regionProblem(
  residency: DataResidency | undefined,
  region: unknown,
): string | undefined {
  if (typeof region !== 'string' || region === '') return 'is required';
  if (
    !residency ||
    !(DATA_RESIDENCIES as readonly string[]).includes(residency)
  ) {
    return 'needs a data residency first';
  }
  const allowed = regionsFor(residency).map(r => r.name);
  if (allowed.includes(region)) return undefined;
  const known = findRegion(region);
  return known
    ? `${region} is outside the ${
        RESIDENCY_LABELS[residency]
      } residency; allowed: ${allowed.join(', ')}`
    : `"${region}" is not a region with availability zones the platform offers; allowed for ${
        RESIDENCY_LABELS[residency]
      }: ${allowed.join(', ')}`;
}

export function validateDomainRequestInput(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isObject(input))
    return [{ field: '(request)', message: 'must be an object' }];
  checkShortName('name', input.name, problems);
  checkText('title', input.title, 2, 80, problems, false);
  checkText('description', input.description, 10, 1000, problems);
  checkGroupRef('ownerGroup', input.ownerGroup, problems);
  if (
    typeof input.costCenter !== 'string' ||
    !COST_CENTER.test(input.costCenter)
  ) {
    problems.push({
      field: 'costCenter',
      message: 'must be CC- followed by four digits, e.g. CC-1010',
    });
  }
  checkEnum(
    'dataClassification',
    input.dataClassification,
    DATA_CLASSIFICATIONS,
    problems,
  );
  checkEnum('dataResidency', input.dataResidency, DATA_RESIDENCIES, problems);
  const residencyOk = (DATA_RESIDENCIES as readonly unknown[]).includes(
    input.dataResidency,
  );
  const region = regionProblem(
    residencyOk ? (input.dataResidency as DataResidency) : undefined,
    input.primaryRegion,
  );
  if (region && residencyOk)
    problems.push({ field: 'primaryRegion', message: region });
  checkAmount(
    'monthlyBudget',
    input.monthlyBudget,
    DOMAIN_BUDGET_LIMITS.min,
    DOMAIN_BUDGET_LIMITS.max,
    problems,
  );
  checkEnum('recoveryTier', input.recoveryTier, RECOVERY_TIER_NAMES, problems);
  return problems;
}

export function validateSandboxLeaseInput(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isObject(input))
    return [{ field: '(request)', message: 'must be an object' }];
  checkShortName('name', input.name, problems);
  checkText('purpose', input.purpose, 10, 500, problems);
  checkGroupRef('ownerGroup', input.ownerGroup, problems);
  if (
    typeof input.costCenter !== 'string' ||
    !COST_CENTER.test(input.costCenter)
  ) {
    problems.push({
      field: 'costCenter',
      message: 'must be CC- followed by four digits, e.g. CC-1010',
    });
  }
  checkEnum('dataResidency', input.dataResidency, DATA_RESIDENCIES, problems);
  const { minDurationDays: minDays, maxDurationDays: maxDays } = SANDBOX_POLICY;
  const days = input.durationDays;
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    problems.push({
      field: 'durationDays',
      message: `must be a whole number of days from ${minDays} to ${maxDays}`,
    });
  } else if (days < minDays || days > maxDays) {
    problems.push({
      field: 'durationDays',
      message: `${days} days is outside the policy; allowed: ${minDays} to ${maxDays} days`,
    });
  }
  checkAmount(
    'budgetCap',
    input.budgetCap,
    SANDBOX_POLICY.minBudgetCap,
    SANDBOX_POLICY.maxBudgetCap,
    problems,
  );
  return problems;
}

/** One line per problem, `field: message`, for error messages. */
export function formatProblems(problems: FieldProblem[]): string {
  return problems.map(p => `${p.field}: ${p.message}`).join('; ');
}

/** Normalises a group given as `name`, `default/name` or a full ref to `group:default/name`. */
export function toGroupRef(value: string): string {
  const lower = value.trim().toLowerCase();
  const withoutKind = lower.startsWith('group:')
    ? lower.slice('group:'.length)
    : lower;
  return withoutKind.includes('/')
    ? `group:${withoutKind}`
    : `group:default/${withoutKind}`;
}
