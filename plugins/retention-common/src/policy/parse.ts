import Ajv, { type ValidateFunction } from 'ajv';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import {
  DEFAULT_MINIMUM_RTO,
  DEFAULT_RECOVERY,
  MAX_RETENTION_POLICY_BYTES,
  RETENTION_POLICY_API_VERSION,
} from '../constants';
import type {
  CategoryRequirements,
  DrStrategy,
  PolicyError,
  PolicyParseResult,
  RetentionCategory,
  RetentionOverride,
  RetentionPolicy,
} from '../types';
import {
  describeValue,
  mapAjvError,
  type RankedError,
  SEMANTIC_RANK,
  settle,
} from './errors';
import { semanticErrors } from './rules';
import { RETENTION_POLICY_JSON_SCHEMA } from './schema';

/** A policy is at most 6 levels deep; anything far deeper is junk or an alias loop. */
const MAX_DEPTH = 32;
/** Values in one document, YAML aliases expanded; a full-size policy holds far fewer. */
const MAX_VALUES = 200_000;

type Node = Record<string, any>;

const SCHEMA = RETENTION_POLICY_JSON_SCHEMA as Node;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addVocabulary(['x-allowed']);
    compiled = ajv.compile(SCHEMA);
  }
  return compiled;
}

/** Follows a local `$ref` so messages can read the referenced schema. */
function resolve(node: Node): Node {
  let current = node;
  for (let hops = 0; hops < 8 && typeof current.$ref === 'string'; hops++) {
    const name = current.$ref.replace('#/definitions/', '');
    current = SCHEMA.definitions[name] ?? {};
  }
  return current;
}

const isObject = (v: unknown): v is Node =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? Array.from(v as ArrayLike<unknown>) : [];

/** UTF-8 length without allocating the encoded text. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The whole document: the empty JSON pointer. */
const DOCUMENT = '';

function fail(path: string, message: string): PolicyParseResult {
  return { ok: false, errors: [{ path, message }] };
}

/**
 * Parses a retention policy file (YAML; JSON is YAML too) and validates it.
 * Never throws on bad input: every problem comes back as `{ path, message }`.
 */
export function parseRetentionPolicy(text: string): PolicyParseResult {
  if (typeof text !== 'string') {
    return fail(
      DOCUMENT,
      `must be the YAML text of a retention policy; found ${describeValue(
        text,
      )}`,
    );
  }
  const bytes = utf8Length(text);
  if (bytes > MAX_RETENTION_POLICY_BYTES) {
    return fail(
      DOCUMENT,
      `the policy file is ${kib(bytes)} (${bytes} bytes); at most ${kib(
        MAX_RETENTION_POLICY_BYTES,
      )} (${MAX_RETENTION_POLICY_BYTES} bytes) is allowed`,
    );
  }
  let document: unknown;
  try {
    // CORE_SCHEMA keeps `2027-02-01` a string instead of a Date.
    document = load(text, { schema: CORE_SCHEMA });
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = e.mark;
      const where = mark
        ? `at line ${mark.line + 1}, column ${mark.column + 1}`
        : 'in the document';
      return fail(DOCUMENT, `YAML syntax error ${where}: ${e.reason}`);
    }
    // js-yaml parses recursively: thousands of nested brackets overflow it.
    if (e instanceof RangeError) {
      return fail(
        DOCUMENT,
        'the YAML nests too deeply to be read; a retention policy is at most 6 levels deep',
      );
    }
    throw e;
  }
  if (document === undefined || document === null) {
    return fail(
      DOCUMENT,
      'the document is empty; a retention policy is a mapping with apiVersion, kind, metadata and spec',
    );
  }
  return validateRetentionPolicy(document);
}

/**
 * Rejects documents too deep or too large to be a policy before anything
 * walks them recursively. Iterative, so junk cannot exhaust the stack.
 */
function checkShape(document: unknown): PolicyParseResult | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [
    { value: document, depth: 0, path: DOCUMENT },
  ];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    values += 1;
    if (values > MAX_VALUES) {
      return fail(
        DOCUMENT,
        `the document holds more than ${MAX_VALUES} values (YAML aliases counted each time they are used); a retention policy is far smaller`,
      );
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      return fail(
        path,
        `nested more than ${MAX_DEPTH} levels deep; a retention policy is at most 6 levels deep`,
      );
    }
    for (const key of Object.keys(value)) {
      stack.push({
        value: (value as Node)[key],
        depth: depth + 1,
        path: `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      });
    }
  }
  return undefined;
}

/**
 * Validates a parsed document as a retention policy and returns the typed
 * policy with defaults applied. Every error is collected; never throws on
 * bad input.
 */
export function validateRetentionPolicy(doc: unknown): PolicyParseResult {
  if (!isObject(doc)) {
    return fail(
      DOCUMENT,
      `a retention policy must be a mapping with apiVersion, kind, metadata and spec; found ${describeValue(
        doc,
      )}`,
    );
  }
  const shapeError = checkShape(doc);
  if (shapeError) return shapeError;

  const validate = validator();
  const errors: RankedError[] = [];
  if (!validate(doc)) {
    for (const e of validate.errors ?? []) errors.push(mapAjvError(e, resolve));
  }
  errors.push(...semanticErrors(doc).map(e => ({ ...e, rank: SEMANTIC_RANK })));
  if (errors.length > 0) return { ok: false, errors: settle(errors) };
  return { ok: true, policy: toPolicy(doc) };
}

/** `<file>: 2 errors` and one indented line per error, for logs and startup failures. */
export function formatPolicyErrors(
  file: string,
  errors: PolicyError[],
): string {
  const head = `${file}: ${errors.length} ${
    errors.length === 1 ? 'error' : 'errors'
  }`;
  return [
    head,
    ...errors.map(
      e => `  ${e.path === '' ? '(document)' : e.path}: ${e.message}`,
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------
// The typed policy, defaults applied
// ---------------------------------------------------------------------------

function toRequirements(r: Node): CategoryRequirements {
  const out: CategoryRequirements = {};
  for (const key of ['interactiveDays', 'totalDays'] as const) {
    if (isObject(r[key])) {
      out[key] = {
        ...(r[key].min !== undefined ? { min: r[key].min } : {}),
        ...(r[key].max !== undefined ? { max: r[key].max } : {}),
      };
    }
  }
  if (isObject(r.archiveAfterDays)) {
    out.archiveAfterDays = { max: r.archiveAfterDays.max };
  }
  if (isObject(r.immutability)) {
    out.immutability = { minDays: r.immutability.minDays };
  }
  return out;
}

function toCategory(c: Node): RetentionCategory {
  return {
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.logAnalyticsTables !== undefined
      ? { logAnalyticsTables: list(c.logAnalyticsTables) as string[] }
      : {}),
    ...(c.blobContainers !== undefined
      ? { blobContainers: list(c.blobContainers) as string[] }
      : {}),
    require: toRequirements(c.require),
    ...(c.effectiveFrom !== undefined
      ? { effectiveFrom: c.effectiveFrom }
      : {}),
  };
}

function toOverride(o: Node): RetentionOverride {
  return {
    domain: o.domain,
    category: o.category,
    require: toRequirements(o.require),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
  };
}

function toPolicy(doc: Node): RetentionPolicy {
  const spec = doc.spec as Node;
  const recovery = isObject(spec.recovery) ? spec.recovery : {};
  const defaults = isObject(recovery.defaults) ? recovery.defaults : {};
  const minimumRto = isObject(recovery.minimumRto) ? recovery.minimumRto : {};
  return {
    apiVersion: RETENTION_POLICY_API_VERSION,
    kind: 'RetentionPolicy',
    ...(isObject(doc.metadata)
      ? {
          metadata:
            doc.metadata.description !== undefined
              ? { description: doc.metadata.description }
              : {},
        }
      : {}),
    spec: {
      categories: list(spec.categories).map(c => toCategory(c as Node)),
      recovery: {
        defaults: {
          rpo: defaults.rpo ?? DEFAULT_RECOVERY.rpo,
          rto: defaults.rto ?? DEFAULT_RECOVERY.rto,
          strategy: (defaults.strategy ??
            DEFAULT_RECOVERY.strategy) as DrStrategy,
        },
        minimumRto: { ...DEFAULT_MINIMUM_RTO, ...minimumRto },
      },
      overrides: list(spec.overrides).map(o => toOverride(o as Node)),
      atRiskHorizonDays: spec.atRiskHorizonDays ?? 90,
    },
  };
}
