import { InputError } from '@backstage/errors';
import { GUID_PATTERN } from '@dataplatform/plugin-azure-common';
import {
  FieldProblem,
  formatProblems,
} from '@dataplatform/plugin-provisioning-common';

/**
 * Input checks shared by the Azure actions.
 *
 * The scaffolder validates a step's input against the JSON schema derived
 * from the action's zod schema, but that schema loses refinements and never
 * fills in defaults, and tests (and other callers) call the handler
 * directly. So every handler reads its input once more through these
 * checks, collecting every problem, and refuses the step before any Azure
 * call with one message naming each field and what is allowed.
 */

export { GUID_PATTERN };
export const GUID_RULE = 'a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2';

/** Azure's limits for tags on one resource or subscription. */
export const TAG_LIMITS = {
  maxTags: 50,
  maxKeyLength: 512,
  maxValueLength: 256,
};
const TAG_KEY_FORBIDDEN = /[<>%&\\?/]/;

/** A template renders a parameter nobody filled in as undefined, null or ''. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

export class InputProblems {
  readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Refuses the step, naming every field that is wrong. */
  throwIfAny(actionId: string): void {
    if (this.problems.length > 0) {
      throw new InputError(
        `Invalid input for ${actionId}: ${formatProblems(this.problems)}`,
      );
    }
  }

  /** A required string matching `pattern`; `rule` says what is allowed. */
  text(
    field: string,
    value: unknown,
    check: { pattern?: RegExp; rule: string; min?: number; max?: number },
  ): string | undefined {
    if (isAbsent(value)) {
      this.add(field, `is required; allowed: ${check.rule}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(field, `must be text; allowed: ${check.rule}`);
      return undefined;
    }
    const tooShort = check.min !== undefined && value.length < check.min;
    const tooLong = check.max !== undefined && value.length > check.max;
    if (tooShort || tooLong || (check.pattern && !check.pattern.test(value))) {
      this.add(field, `${show(value)} is not allowed; allowed: ${check.rule}`);
      return undefined;
    }
    return value;
  }

  optionalText(
    field: string,
    value: unknown,
    check: { pattern?: RegExp; rule: string; min?: number; max?: number },
  ): string | undefined {
    return isAbsent(value) ? undefined : this.text(field, value, check);
  }

  guid(field: string, value: unknown): string | undefined {
    const id = this.text(field, value, {
      pattern: GUID_PATTERN,
      rule: GUID_RULE,
    });
    // Azure compares ids case-insensitively but answers in lower case;
    // checkpoint keys and names derived from them must not depend on casing.
    return id?.toLowerCase();
  }

  oneOf<T extends string>(
    field: string,
    value: unknown,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    if (isAbsent(value) && fallback !== undefined) return fallback;
    if (
      typeof value === 'string' &&
      (allowed as readonly string[]).includes(value)
    ) {
      return value as T;
    }
    this.add(
      field,
      `${
        isAbsent(value) ? 'is required' : `${show(value)} is not allowed`
      }; allowed: ${allowed.join(', ')}`,
    );
    return undefined;
  }

  /** A number within bounds; `exclusiveMin` for "more than". */
  number(
    field: string,
    value: unknown,
    bounds: {
      min?: number;
      exclusiveMin?: number;
      max: number;
      integer?: boolean;
      fallback?: number;
    },
  ): number | undefined {
    if (isAbsent(value) && bounds.fallback !== undefined)
      return bounds.fallback;
    const lower =
      bounds.exclusiveMin !== undefined
        ? `more than ${bounds.exclusiveMin}`
        : `at least ${bounds.min}`;
    const rule = `${
      bounds.integer ? 'a whole number ' : 'a number '
    }${lower} and at most ${bounds.max}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(
        field,
        `${
          isAbsent(value) ? 'is required' : `${show(value)} is not a number`
        }; allowed: ${rule}`,
      );
      return undefined;
    }
    const ok =
      (bounds.exclusiveMin === undefined || value > bounds.exclusiveMin) &&
      (bounds.min === undefined || value >= bounds.min) &&
      value <= bounds.max &&
      (!bounds.integer || Number.isInteger(value));
    if (!ok) {
      this.add(field, `${value} is not allowed; allowed: ${rule}`);
      return undefined;
    }
    return value;
  }

  /** A list of 1..max items, each checked by `item`; duplicates refused. */
  list<T>(
    field: string,
    value: unknown,
    bounds: { min: number; max: number },
    item: (itemField: string, v: unknown) => T | undefined,
  ): T[] | undefined {
    if (!Array.isArray(value)) {
      this.add(
        field,
        `${isAbsent(value) ? 'is required' : 'must be a list'}; give ${
          bounds.min
        } to ${bounds.max} items`,
      );
      return undefined;
    }
    if (value.length < bounds.min || value.length > bounds.max) {
      this.add(
        field,
        `has ${value.length} items; allowed: ${bounds.min} to ${bounds.max}`,
      );
      return undefined;
    }
    const before = this.problems.length;
    const items = value.map((v, i) => item(`${field}[${i}]`, v));
    if (this.problems.length !== before) return undefined;
    const seen = new Set<string>();
    for (const [i, v] of items.entries()) {
      const key = JSON.stringify(v).toLowerCase();
      if (seen.has(key)) {
        this.add(`${field}[${i}]`, `${show(v)} is given twice; list it once`);
        return undefined;
      }
      seen.add(key);
    }
    return items as T[];
  }

  /** Tags within Azure's limits: at most 50, names without < > % & \ ? /, values up to 256. */
  tags(field: string, value: unknown): Record<string, string> | undefined {
    if (isAbsent(value)) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(field, 'must be an object of tag names to text values');
      return undefined;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const before = this.problems.length;
    if (entries.length > TAG_LIMITS.maxTags) {
      this.add(
        field,
        `has ${entries.length} tags; Azure allows at most ${TAG_LIMITS.maxTags}`,
      );
    }
    for (const [key, tagValue] of entries) {
      if (
        key.length === 0 ||
        key.length > TAG_LIMITS.maxKeyLength ||
        TAG_KEY_FORBIDDEN.test(key)
      ) {
        this.add(
          `${field}.${key}`,
          `is not a valid tag name; allowed: 1-${TAG_LIMITS.maxKeyLength} characters without < > % & \\ ? /`,
        );
      } else if (typeof tagValue !== 'string') {
        this.add(`${field}.${key}`, 'must be text');
      } else if (tagValue.length > TAG_LIMITS.maxValueLength) {
        this.add(
          `${field}.${key}`,
          `is ${tagValue.length} characters; Azure allows at most ${TAG_LIMITS.maxValueLength}`,
        );
      }
    }
    return this.problems.length === before
      ? (value as Record<string, string>)
      : undefined;
  }
}

/** How the platform's tenant-level resources are named in ARM ids. */
export const managementGroupResourceId = (groupId: string) =>
  `/providers/Microsoft.Management/managementGroups/${groupId}`;

/**
 * A subscription as the `scope` argument of the SDK clients. The clients
 * put it after a slash of their own (`/{scope}/providers/...`), so it goes
 * without the leading slash, or the request path would start with `//`.
 */
export const subscriptionScope = (subscriptionId: string) =>
  `subscriptions/${subscriptionId}`;
