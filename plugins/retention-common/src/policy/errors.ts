import type { ErrorObject } from 'ajv';
import leven from 'leven';
import type { PolicyError } from '../types';

/*
 * Turns ajv's errors into `{ path, message }` where the message says what is
 * allowed, read from the schema (`x-allowed`, `enum`, `const`, `type`).
 */

const escapeSegment = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

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
  integer: 'a whole number',
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

/**
 * ` (did you mean 'x'?)` when `word` is a likely typo of one of `candidates`
 * (edit distance ignoring case, at most a third of the candidate's length).
 */
export function didYouMean(word: string, candidates: string[]): string {
  if (word.length > 64) return '';
  const best = candidates
    .map(k => ({ k, d: leven(word.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  return best &&
    best.d > 0 &&
    best.d <= Math.max(1, Math.floor(best.k.length / 3))
    ? ` (did you mean '${best.k}'?)`
    : '';
}

/** Which error wins when several land on one path: the most basic one. */
const PRIORITY = [
  'type',
  'required',
  'additionalProperties',
  'const',
  'enum',
  'minProperties',
];

export interface RankedError extends PolicyError {
  /** For choosing among errors on one path; smaller wins. */
  rank: number;
}

/** Rank of the rules in rules.ts: after every schema error on the same path. */
export const SEMANTIC_RANK = Number.MAX_SAFE_INTEGER;

export function mapAjvError(
  e: ErrorObject,
  resolve: (s: SchemaNode) => SchemaNode,
): RankedError {
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
        )}${didYouMean(key, allowed)}`,
        rank: rankOf(allowed.length),
      };
    }
    case 'minProperties': {
      const keys = Object.keys(parent?.properties ?? {});
      return {
        path: e.instancePath,
        message: `needs at least one of ${keys.join(', ')}`,
        rank: rankOf(),
      };
    }
    case 'enum':
      return {
        path: e.instancePath,
        message: `must be one of ${(e.schema as unknown[]).join(', ')} ${got}`,
        rank: rankOf(),
      };
    case 'const':
      return {
        path: e.instancePath,
        message: `must be '${String(e.schema)}' ${got}`,
        rank: rankOf(),
      };
    default:
      return {
        path: e.instancePath,
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
 * The errors worth showing, sorted by path: on each path only those of the
 * most basic kind (a wrong type hides the pattern it also fails), each
 * message once. Several rules may fail on one path; all of them are kept.
 */
export function settle(errors: RankedError[]): PolicyError[] {
  const best = new Map<string, RankedError[]>();
  for (const error of errors) {
    const current = best.get(error.path);
    if (!current || error.rank < current[0].rank) {
      best.set(error.path, [error]);
    } else if (
      error.rank === current[0].rank &&
      !current.some(c => c.message === error.message)
    ) {
      current.push(error);
    }
  }
  return [...best.entries()]
    .sort(([a], [b]) => compareSegments(a, b))
    .flatMap(([, list]) =>
      list.map(({ path, message }) => ({ path, message })),
    );
}

/** A JSON pointer segment for a key. */
export const pointer = escapeSegment;
