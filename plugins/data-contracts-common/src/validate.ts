import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { type OdcsContract, SUPPORTED_ODCS_VERSIONS } from './model';
import type { ContractError, ContractValidationResult } from './result';
import { buildContractSchema, type SchemaFlavour } from './schema';
import { describeErrors, jsonPointer } from './errors';

/** Largest contract text accepted, in bytes (UTF-8). */
export const DEFAULT_MAX_CONTRACT_BYTES = 2 * 1024 * 1024;

/** Deepest nesting accepted; real contracts stay under 15. */
const MAX_DEPTH = 64;

/** Most values in one document; the 2 MiB text limit keeps YAML far below. */
const MAX_NODES = 500_000;

let compiled: Record<SchemaFlavour, ValidateFunction> | undefined;

function validators(): Record<SchemaFlavour, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strictTypes: false,
    allowUnionTypes: true,
    // Separate functions per definition keep each small enough for V8 to
    // optimise; inlining made one 450 KB function and halved throughput.
    inlineRefs: false,
  });
  addFormats(ajv, ['uri', 'date', 'date-time']);
  ajv.addVocabulary(['x-hint']);
  ajv.addKeyword({
    keyword: 'exactlyOneOf',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: countOf(n => n === 1, 'exactlyOneOf'),
  });
  ajv.addKeyword({
    keyword: 'atMostOneOf',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: countOf(n => n <= 1, 'atMostOneOf'),
  });
  ajv.addKeyword({
    keyword: 'anyRequired',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: countOf(n => n >= 1, 'anyRequired'),
  });
  ajv.addKeyword({
    keyword: 'sameShape',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: function sameShape(
      this: unknown,
      keys: string[],
      data: Record<string, unknown>,
    ) {
      const shapes = new Set(
        keys
          .filter(k => data[k] !== undefined)
          .map(k => (Array.isArray(data[k]) ? 'array' : typeof data[k])),
      );
      if (shapes.size <= 1) return true;
      (sameShape as any).errors = [
        { keyword: 'sameShape', params: { keys }, message: '' },
      ];
      return false;
    },
  });
  compiled = {
    'v3.0': ajv.compile(buildContractSchema('v3.0')),
    'v3.1': ajv.compile(buildContractSchema('v3.1')),
  };
  return compiled;
}

function countOf(accept: (n: number) => boolean, keyword: string) {
  const check = function check(keys: string[], data: Record<string, unknown>) {
    const present = keys.filter(k => data[k] !== undefined);
    if (accept(present.length)) return true;
    (check as any).errors = [
      { keyword, params: { keys, present }, message: '' },
    ];
    return false;
  };
  return check;
}

function fail(
  errors: ContractError[],
  apiVersion?: string,
): ContractValidationResult {
  return apiVersion === undefined
    ? { valid: false, errors }
    : { valid: false, apiVersion, errors };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Finds the first value nested deeper than allowed, or a document too big
 * to be a contract, without recursion so junk cannot exhaust the stack.
 * Paths are only built for the offending value: this runs on every
 * validation, and valid contracts should cost little.
 */
function checkShape(document: unknown): ContractError | undefined {
  const values: unknown[] = [document];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const value = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth >= MAX_DEPTH) {
      return {
        path: jsonPointer(pathTo(document, value)),
        message: `nested more than ${MAX_DEPTH} levels deep; a data contract never needs that`,
      };
    }
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      nodes += 1;
      const child = value[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
    if (nodes > MAX_NODES) {
      return {
        path: '/',
        message: `the document holds more than ${MAX_NODES} values; a data contract is far smaller`,
      };
    }
  }
  return undefined;
}

/** The key path from the document to one of its values (by identity). */
function pathTo(document: unknown, target: unknown): string[] {
  const stack: Array<[unknown, string[]]> = [[document, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value === target) return path;
    if (
      value !== null &&
      typeof value === 'object' &&
      path.length <= MAX_DEPTH
    ) {
      for (const [key, child] of Object.entries(value)) {
        stack.push([child, [...path, key]]);
      }
    }
  }
  return [];
}

function flavourOf(apiVersion: string): SchemaFlavour {
  return apiVersion.startsWith('v3.0.') ? 'v3.0' : 'v3.1';
}

/**
 * Validates a parsed contract document. Never throws: anything that is not
 * a valid ODCS v3 contract comes back with errors that name a JSON path.
 */
export function validateContract(document: unknown): ContractValidationResult {
  if (
    document === null ||
    typeof document !== 'object' ||
    Array.isArray(document)
  ) {
    return fail([
      {
        path: '/',
        message: `a data contract must be a mapping of ODCS fields (apiVersion, kind, id, version, status…); found ${typeName(
          document,
        )}`,
      },
    ]);
  }
  const shapeError = checkShape(document);
  if (shapeError) return fail([shapeError]);

  const declared = (document as Record<string, unknown>).apiVersion;
  const supported = SUPPORTED_ODCS_VERSIONS.join(', ');
  if (declared !== undefined && typeof declared !== 'string') {
    return fail([
      {
        path: '/apiVersion',
        message: `must be a string naming the ODCS version; found ${typeName(
          declared,
        )}; supported versions: ${supported}`,
      },
    ]);
  }
  if (
    declared !== undefined &&
    !(SUPPORTED_ODCS_VERSIONS as readonly string[]).includes(declared)
  ) {
    const guess = `v${declared}`;
    const hint = (SUPPORTED_ODCS_VERSIONS as readonly string[]).includes(guess)
      ? ` (did you mean "${guess}"?)`
      : '';
    return fail(
      [
        {
          path: '/apiVersion',
          message: `ODCS version "${declared}" is not supported${hint}; supported versions: ${supported}`,
        },
      ],
      declared,
    );
  }

  const validate = validators()[flavourOf(declared ?? 'v3.1.0')];
  if (validate(document)) {
    return {
      valid: true,
      apiVersion: declared,
      errors: [],
      contract: document as OdcsContract,
    };
  }
  return fail(
    describeErrors(validate.errors as ErrorObject[], document),
    declared,
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/** Parses contract text (YAML or JSON) without validating it. */
export function parseContractText(
  text: string,
  options?: { maxBytes?: number },
): { document?: unknown; errors: ContractError[] } {
  if (typeof text !== 'string') {
    return {
      errors: [{ path: '/', message: 'the contract text must be a string' }],
    };
  }
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_CONTRACT_BYTES;
  const size =
    text.length * 3 <= maxBytes
      ? text.length
      : new TextEncoder().encode(text).length;
  if (size > maxBytes) {
    return {
      errors: [
        {
          path: '/',
          message: `the contract is ${formatSize(size)}; at most ${formatSize(
            maxBytes,
          )} is accepted`,
        },
      ],
    };
  }
  let document: unknown;
  try {
    // js-yaml parses ten times faster than the alternatives measured, which
    // matters to the catalog. The core schema keeps timestamps as text, as
    // ODCS expects; duplicate keys and multiple documents are errors.
    document = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    return { errors: [describeYamlError(error)] };
  }
  if (document === undefined) {
    return {
      errors: [
        {
          path: '/',
          message:
            'the contract is empty; expected an ODCS document (apiVersion, kind, id, version, status…)',
        },
      ],
    };
  }
  return { document, errors: [] };
}

function describeYamlError(error: unknown): ContractError {
  if (error instanceof YAMLException) {
    const { mark, reason } = error;
    if (/expected a single document/.test(reason)) {
      return {
        path: '/',
        message:
          'the file holds several YAML documents; a contract file holds exactly one',
      };
    }
    return {
      path: '/',
      message: mark
        ? `YAML syntax error at line ${mark.line + 1}, column ${
            mark.column + 1
          }: ${reason}`
        : `YAML syntax error: ${reason}`,
    };
  }
  // Deeply nested input exhausts the parser's stack.
  return {
    path: '/',
    message: `the contract could not be read as YAML: ${
      error instanceof RangeError
        ? 'it is nested too deeply'
        : String((error as Error)?.message ?? error)
    }`,
  };
}

/** Parses and validates contract text (YAML or JSON). Never throws. */
export function validateContractText(
  text: string,
  options?: { maxBytes?: number },
): ContractValidationResult {
  const parsed = parseContractText(text, options);
  if (parsed.errors.length > 0) return fail(parsed.errors);
  return validateContract(parsed.document);
}
