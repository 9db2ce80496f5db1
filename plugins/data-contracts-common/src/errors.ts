import type { ErrorObject } from 'ajv';
import type { ContractError } from './result';
import leven from 'leven';

/** Errors beyond this many are summarised in one line. */
const MAX_REPORTED_ERRORS = 200;

const FORMATS: Record<string, string> = {
  uri: 'an absolute URI such as https://example.com/data',
  date: 'a date such as 2025-01-31',
  'date-time': 'an RFC 3339 date-time such as 2025-01-31T08:00:00Z',
};

const escapeSegment = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

const unescapeSegment = (segment: string) =>
  segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** A JSON pointer from path segments; `/` for the document itself. */
export function jsonPointer(segments: readonly string[]): string {
  return segments.length === 0
    ? '/'
    : `/${segments.map(escapeSegment).join('/')}`;
}

function childPointer(instancePath: string, key: string): string {
  return `${instancePath}/${escapeSegment(key)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return `${typeof value} ${
    text.length > 60 ? `${text.slice(0, 57)}...` : text
  }`;
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

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  const words = types.map(t => TYPE_WORDS[String(t)] ?? String(t));
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : words[0];
}

function describeSchema(schema: any): string {
  if (!schema || typeof schema !== 'object') return 'a value';
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(', ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type) return describeTypes(schema.type);
  return 'a value';
}

/** Edit distance ignoring case, to suggest the key someone meant to type. */
function distance(a: string, b: string): number {
  return leven(a.toLowerCase(), b.toLowerCase());
}

function suggestion(typed: string, allowed: string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(typed.length / 4));
  for (const candidate of allowed) {
    const d = distance(typed, candidate);
    if (d <= bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function quotedList(keys: readonly string[]): string {
  return keys.map(k => `"${k}"`).join(', ');
}

function describe(error: ErrorObject): ContractError | undefined {
  const { keyword, instancePath, params, parentSchema, data } = error as any;
  const at = instancePath === '' ? '/' : instancePath;
  switch (keyword) {
    case 'if':
    case 'anyOf':
      // The chosen branch reports what is wrong; these only echo it.
      return undefined;
    case 'required': {
      const key = params.missingProperty as string;
      return {
        path: childPointer(instancePath, key),
        message: `is required; expected ${describeSchema(
          parentSchema?.properties?.[key],
        )}`,
      };
    }
    case 'additionalProperties': {
      const key = params.additionalProperty as string;
      const allowed = Object.keys(parentSchema?.properties ?? {});
      return {
        path: childPointer(instancePath, key),
        message: `unknown property "${key}"${suggestion(
          key,
          allowed,
        )}; allowed here: ${allowed.join(', ')}`,
      };
    }
    case 'type': {
      const wantsString = [parentSchema?.type].flat().includes('string');
      const quoteHint =
        wantsString && (typeof data === 'number' || typeof data === 'boolean')
          ? ` (quote it in YAML: "${String(data)}")`
          : '';
      return {
        path: at,
        message: `must be ${describeTypes(params.type)}; found ${describeValue(
          data,
        )}${quoteHint}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const typed = typeof data === 'string' ? suggestion(data, allowed) : '';
      return {
        path: at,
        message: `must be one of: ${allowed.join(', ')}; found ${describeValue(
          data,
        )}${typed}`,
      };
    }
    case 'const':
      return {
        path: at,
        message: `must be ${JSON.stringify(
          params.allowedValue,
        )}; found ${describeValue(data)}`,
      };
    case 'pattern':
      return {
        path: at,
        message: `must be ${
          parentSchema?.['x-hint'] ?? `text matching ${params.pattern}`
        }; found ${describeValue(data)}`,
      };
    case 'format':
      return {
        path: at,
        message: `must be ${
          FORMATS[params.format] ?? `a ${params.format}`
        }; found ${describeValue(data)}`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path: at,
        message: `must be ${params.comparison} ${
          params.limit
        }; found ${describeValue(data)}`,
      };
    case 'minItems':
    case 'maxItems':
      return {
        path: at,
        message: `must have ${
          keyword === 'minItems' ? 'at least' : 'at most'
        } ${params.limit} item${params.limit === 1 ? '' : 's'}; found ${
          Array.isArray(data) ? data.length : 0
        }`,
      };
    case 'maxProperties':
      return {
        path: at,
        message: `must be ${
          parentSchema?.['x-hint'] ?? `at most ${params.limit} entries`
        }; found ${Object.keys(data ?? {}).join(', ')}`,
      };
    case 'uniqueItems':
      return {
        path: at,
        message: `must not repeat a value; items ${params.j} and ${params.i} are equal`,
      };
    case 'exactlyOneOf':
      return {
        path: at,
        message:
          params.present.length === 0
            ? `needs exactly one comparison, one of: ${params.keys.join(
                ', ',
              )}; found none`
            : `needs exactly one comparison; found ${quotedList(
                params.present,
              )}`,
      };
    case 'atMostOneOf':
      return {
        path: at,
        message: `allows at most one comparison; found ${quotedList(
          params.present,
        )}`,
      };
    case 'anyRequired':
      return {
        path: at,
        message: `needs one of ${quotedList(
          params.keys,
        )}; a library rule names its metric`,
      };
    case 'sameShape':
      return {
        path: at,
        message: `${quotedList(
          params.keys,
        )} must both be single references or both be lists`,
      };
    default:
      return { path: at, message: error.message ?? `fails ${keyword}` };
  }
}

/** Where a path points in the document, for sorting in reading order. */
function documentOrder(document: unknown, path: string): number[] {
  const order: number[] = [];
  let node: any = document;
  for (const raw of path.split('/').slice(1)) {
    if (raw === '') break;
    const segment = unescapeSegment(raw);
    if (Array.isArray(node)) {
      order.push(Number(segment));
      node = node[Number(segment)];
    } else if (node && typeof node === 'object') {
      const index = Object.keys(node).indexOf(segment);
      order.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      node = node[segment];
    } else {
      break;
    }
  }
  return order;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * Turns ajv's errors into one error per problem, each naming the JSON path
 * and what is allowed there, in the order the document reads.
 */
export function describeErrors(
  errors: readonly ErrorObject[],
  document: unknown,
): ContractError[] {
  const described: Array<{ error: ContractError; isType: boolean }> = [];
  for (const error of errors) {
    const result = describe(error);
    if (result)
      described.push({ error: result, isType: error.keyword === 'type' });
  }
  // A value of the wrong type gets one error: the first type complaint.
  const typeErrorAt = new Map<string, ContractError>();
  for (const { error, isType } of described) {
    if (isType && !typeErrorAt.has(error.path)) {
      typeErrorAt.set(error.path, error);
    }
  }
  const seen = new Set<string>();
  const filtered = described
    .map(({ error }) => error)
    .filter(error => {
      const typeError = typeErrorAt.get(error.path);
      if (typeError && typeError !== error) return false;
      const key = `${error.path}\u0000${error.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const ordered = filtered
    .map(e => ({ e, order: documentOrder(document, e.path) }))
    .sort((a, b) => compareOrder(a.order, b.order))
    .map(({ e }) => e);
  if (ordered.length <= MAX_REPORTED_ERRORS) return ordered;
  return [
    ...ordered.slice(0, MAX_REPORTED_ERRORS),
    {
      path: '/',
      message: `${
        ordered.length - MAX_REPORTED_ERRORS
      } more errors not shown; fix these first`,
    },
  ];
}
