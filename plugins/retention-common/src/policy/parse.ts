import {
  checkDocumentShape,
  compileDocumentSchema,
  describeValue,
  type DocumentKind,
  loadYamlDocument,
} from '@dataplatform/yaml-documents-common';
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
import { semanticErrors } from './rules';
import { RETENTION_POLICY_JSON_SCHEMA } from './schema';

type Node = Record<string, any>;

/** The whole document: the empty JSON pointer. */
const DOCUMENT = '';

/** A policy is at most 6 levels deep; errors about the whole file are at ``. */
const RETENTION_POLICY: DocumentKind = {
  name: 'retention policy',
  fileWord: 'policy',
  levels: 6,
  root: DOCUMENT,
};

/** Several rules may fail on one path; all of them are reported. */
const documentSchema = compileDocumentSchema(RETENTION_POLICY_JSON_SCHEMA, {
  root: DOCUMENT,
  keepTies: true,
});

const isObject = (v: unknown): v is Node =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? Array.from(v as ArrayLike<unknown>) : [];

function fail(error: PolicyError): PolicyParseResult {
  return { ok: false, errors: [error] };
}

/**
 * Parses a retention policy file (YAML; JSON is YAML too) and validates it.
 * Never throws on bad input: every problem comes back as `{ path, message }`.
 */
export function parseRetentionPolicy(text: string): PolicyParseResult {
  const loaded = loadYamlDocument(text, {
    maxBytes: MAX_RETENTION_POLICY_BYTES,
    kind: RETENTION_POLICY,
  });
  if (!loaded.ok) return fail(loaded.error);
  return validateRetentionPolicy(loaded.document);
}

/**
 * Validates a parsed document as a retention policy and returns the typed
 * policy with defaults applied. Every error is collected; never throws on
 * bad input.
 */
export function validateRetentionPolicy(doc: unknown): PolicyParseResult {
  if (!isObject(doc)) {
    return fail({
      path: DOCUMENT,
      message: `a retention policy must be a mapping with apiVersion, kind, metadata and spec; found ${describeValue(
        doc,
      )}`,
    });
  }
  const shapeError = checkDocumentShape(doc, RETENTION_POLICY);
  if (shapeError) return fail(shapeError);

  const errors = documentSchema.validate(doc, semanticErrors(doc));
  if (errors.length > 0) return { ok: false, errors };
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
