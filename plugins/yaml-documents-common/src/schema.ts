import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  describeValue,
  didYouMean,
  type DocumentError,
  pointerSegment,
} from './values';

/*
 * Turns ajv's errors into `{ path, message }` where the message says what is
 * allowed, read from the schema (`x-allowed`, `enum`, `const`, `type`).
 * `x-allowed` completes the phrase "must be …"; editors ignore it.
 */

type SchemaNode = Record<string, any>;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

/** Errors ajv reports that say nothing a sibling error does not say better. */
const NOISE = new Set(['if', 'then', 'allOf']);

/** Which error wins when several land on one path: the most basic one. */
const PRIORITY = [
  'type',
  'required',
  'additionalProperties',
  'const',
  'enum',
  'minProperties',
];

/** Rank of errors found outside the schema: after every schema error on their path. */
const SEMANTIC_RANK = Number.MAX_SAFE_INTEGER;

interface RankedError extends DocumentError {
  /** For choosing among errors on one path; smaller wins. */
  rank: number;
}

export interface DocumentSchemaOptions {
  /** The pointer errors about the whole document get: `/` or `` (empty). */
  root: '/' | '';
  /**
   * When several errors of the most basic kind land on one path: keep each
   * distinct message (true) or only the first (false, the default).
   */
  keepTies?: boolean;
}

export interface DocumentSchema {
  /**
   * The errors of `document`: schema errors plus `semantic` (rules a schema
   * cannot state), at most the most basic kind on each path, sorted by path.
   * Empty when the document is valid.
   */
  validate(document: unknown, semantic?: DocumentError[]): DocumentError[];
  /** Completes "must be …" for a node of this schema (local `$ref`s followed). */
  allowedBy(node: unknown): string;
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

/** A wrong type hides the pattern it also fails; output is sorted by path so it is stable. */
function settle(errors: RankedError[], keepTies: boolean): DocumentError[] {
  const best = new Map<string, RankedError[]>();
  for (const error of errors) {
    const current = best.get(error.path);
    if (!current || error.rank < current[0].rank) {
      best.set(error.path, [error]);
    } else if (
      keepTies &&
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

/**
 * A draft-07 JSON schema (local `#/definitions/…` refs, `x-allowed`) ready
 * to validate documents with messages that say what is allowed. The schema
 * is compiled on first use, so importing a package that holds one is cheap.
 */
export function compileDocumentSchema(
  schema: object,
  options: DocumentSchemaOptions,
): DocumentSchema {
  const root = schema as SchemaNode;
  const keepTies = options.keepTies ?? false;
  const at = (instancePath: string) => instancePath || options.root;
  let compiled: ValidateFunction | undefined;

  /** Follows a local `$ref` so messages can read the referenced schema. */
  const resolve = (node: SchemaNode): SchemaNode => {
    let current = node;
    for (let hops = 0; hops < 8 && typeof current.$ref === 'string'; hops++) {
      const name = current.$ref.replace('#/definitions/', '');
      current = root.definitions?.[name] ?? {};
    }
    return current;
  };

  const allowedBy = (schemaNode: unknown): string => {
    if (!schemaNode || typeof schemaNode !== 'object') return 'a valid value';
    const node = resolve(schemaNode as SchemaNode);
    if (typeof node['x-allowed'] === 'string') return node['x-allowed'];
    if (Array.isArray(node.enum)) return `one of ${node.enum.join(', ')}`;
    if (node.const !== undefined) return `'${node.const}'`;
    if (typeof node.type === 'string') {
      return TYPE_WORDS[node.type] ?? node.type;
    }
    return 'a valid value';
  };

  const mapAjvError = (e: ErrorObject): RankedError | undefined => {
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
          path: `${e.instancePath}/${pointerSegment(missing)}`,
          message: `is required; must be ${allowedBy(property)}`,
          rank: rankOf(),
        };
      }
      case 'additionalProperties': {
        const key = String((e.params as any).additionalProperty);
        const allowed = Object.keys(parent?.properties ?? {});
        return {
          path: `${e.instancePath}/${pointerSegment(key)}`,
          message: `unknown key; allowed keys are ${allowed.join(
            ', ',
          )}${didYouMean(key, allowed)}`,
          // The narrowest list of allowed keys is the most useful.
          rank: rankOf(allowed.length),
        };
      }
      case 'minProperties':
        return {
          path: at(e.instancePath),
          message: `needs at least one of ${Object.keys(
            parent?.properties ?? {},
          ).join(', ')}`,
          rank: rankOf(),
        };
      case 'enum':
        return {
          path: at(e.instancePath),
          message: `must be one of ${(e.schema as unknown[]).join(
            ', ',
          )} ${got}`,
          rank: rankOf(),
        };
      case 'const':
        return {
          path: at(e.instancePath),
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
          path: at(e.instancePath),
          message: `must be ${allowedBy(parent)} ${got}`,
          rank: rankOf(),
        };
    }
  };

  return {
    allowedBy,
    validate(document, semantic = []) {
      if (!compiled) {
        const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
        ajv.addVocabulary(['x-allowed']);
        compiled = ajv.compile(root);
      }
      const errors: RankedError[] = [];
      if (!compiled(document)) {
        for (const e of compiled.errors ?? []) {
          const mapped = mapAjvError(e);
          if (mapped) errors.push(mapped);
        }
      }
      errors.push(...semantic.map(e => ({ ...e, rank: SEMANTIC_RANK })));
      return settle(errors, keepTies);
    },
  };
}
