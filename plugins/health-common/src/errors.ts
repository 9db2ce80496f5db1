import type { ErrorObject } from 'ajv';
import type { HealthModelValidationError } from './types';
import leven from 'leven';

/*
 * Turns ajv's errors into `{ path, message }` where the message says what is
 * allowed, read from the schema (`x-allowed`, `enum`, `const`, `type`).
 */

const escapeSegment = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** A JSON pointer from path segments; `/` for the document itself. */
export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  return segments.length === 0
    ? '/'
    : `/${segments.map(s => escapeSegment(String(s))).join('/')}`;
}

/** `'text'` for strings, the number for numbers, `a list` for lists… */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    if (value.length > 200) {
      return `a text of ${value.length.toLocaleString('en-US')} characters`;
    }
    return `'${value}'`;
  }
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

type SchemaNode = Record<string, any>;

/** Completes "must be …" for a schema node. */
export function allowedBy(
  schema: unknown,
  resolve: (s: SchemaNode) => SchemaNode,
): string {
  if (!schema || typeof schema !== 'object') return 'a valid value';
  const node = resolve(schema as SchemaNode);
  if (typeof node['x-allowed'] === 'string') return node['x-allowed'];
  if (Array.isArray(node.enum)) return `one of ${node.enum.join(', ')}`;
  if (node.const !== undefined) return `'${node.const}'`;
  if (typeof node.type === 'string') return TYPE_WORDS[node.type] ?? node.type;
  return 'a valid value';
}

/** Edit distance ignoring case, to suggest the key someone meant to type. */
function distance(a: string, b: string): number {
  return leven(a.toLowerCase(), b.toLowerCase());
}

function suggestion(key: string, allowed: string[]): string {
  if (key.length > 64) return '';
  const best = allowed
    .map(k => ({ k, d: distance(key, k) }))
    .sort((a, b) => a.d - b.d)[0];
  return best &&
    best.d > 0 &&
    best.d <= Math.max(1, Math.floor(best.k.length / 3))
    ? ` (did you mean '${best.k}'?)`
    : '';
}

/** Errors ajv reports that say nothing a sibling error does not say better. */
const NOISE = new Set(['if', 'then', 'allOf']);

/** Which error wins when several land on one path: the most basic one. */
const PRIORITY = ['type', 'required', 'additionalProperties', 'const', 'enum'];

export interface MappedError extends HealthModelValidationError {
  /** For choosing among errors on one path; smaller wins. */
  rank: number;
}

export function mapAjvError(
  e: ErrorObject,
  resolve: (s: SchemaNode) => SchemaNode,
): MappedError | undefined {
  if (NOISE.has(e.keyword)) return undefined;
  const parent = e.parentSchema as SchemaNode | undefined;
  const rankOf = (extra = 0) => {
    const i = PRIORITY.indexOf(e.keyword);
    return (i < 0 ? PRIORITY.length : i) * 1000 + extra;
  };
  const got = `(got ${describeValue(e.data)})`;
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as any).missingProperty);
      const property = parent?.properties?.[missing];
      return {
        path: `${e.instancePath}/${escapeSegment(missing)}`,
        message: `is required; must be ${allowedBy(property, resolve)}`,
        rank: rankOf(),
      };
    }
    case 'additionalProperties': {
      const key = String((e.params as any).additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      return {
        path: `${e.instancePath}/${escapeSegment(key)}`,
        message: `unknown key; allowed keys are ${allowed.join(
          ', ',
        )}${suggestion(key, allowed)}`,
        // The narrowest list of allowed keys is the most useful.
        rank: rankOf(allowed.length),
      };
    }
    case 'enum':
      return {
        path: e.instancePath || '/',
        message: `must be one of ${(e.schema as unknown[]).join(', ')} ${got}`,
        rank: rankOf(),
      };
    case 'const':
      return {
        path: e.instancePath || '/',
        message: `must be '${String(e.schema)}' ${got}`,
        rank: rankOf(),
      };
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      return {
        path: `${e.instancePath}/${Math.max(i, j)}`,
        message: `repeats item ${Math.min(i, j)}; each entry may appear once`,
        rank: rankOf(),
      };
    }
    default:
      return {
        path: e.instancePath || '/',
        message: `must be ${allowedBy(parent, resolve)} ${got}`,
        rank: rankOf(),
      };
  }
}

function compareSegments(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] === bs[i]) continue;
    const an = /^\d+$/.test(as[i]) ? Number(as[i]) : NaN;
    const bn = /^\d+$/.test(bs[i]) ? Number(bs[i]) : NaN;
    if (!Number.isNaN(an) && !Number.isNaN(bn)) return an - bn;
    return as[i] < bs[i] ? -1 : 1;
  }
  return as.length - bs.length;
}

/**
 * One error per path (the most basic wins: a wrong type hides the pattern
 * it also fails), sorted by path so output is stable.
 */
export function settle(errors: MappedError[]): HealthModelValidationError[] {
  const best = new Map<string, MappedError>();
  for (const error of errors) {
    const current = best.get(error.path);
    if (!current || error.rank < current.rank) best.set(error.path, error);
  }
  return [...best.values()]
    .sort((a, b) => compareSegments(a.path, b.path))
    .map(({ path, message }) => ({ path, message }));
}
