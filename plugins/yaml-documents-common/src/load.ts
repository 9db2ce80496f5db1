import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { describeValue, type DocumentError, pointerSegment } from './values';

/**
 * What kind of document is read, in the words of the messages: a document
 * is a mapping with apiVersion, kind, metadata and spec.
 */
export interface DocumentKind {
  /** E.g. `health model`: "a health model is at most 7 levels deep". */
  name: string;
  /** E.g. `model`: "the model file is 300.0 KiB…". */
  fileWord: string;
  /** How deep a real document nests, for the messages. */
  levels: number;
  /** The pointer errors about the whole document get: `/` or `` (empty). */
  root: '/' | '';
}

/** Far deeper than any real document; deeper is junk or an alias loop. */
export const MAX_DOCUMENT_DEPTH = 32;
/** Values in one document, YAML aliases expanded; real documents hold far fewer. */
export const MAX_DOCUMENT_VALUES = 200_000;

/** UTF-8 length without allocating the encoded text. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export type LoadResult =
  | { ok: true; document: unknown }
  | { ok: false; error: DocumentError };

/**
 * Reads the YAML text of one document (JSON is YAML too) without trusting
 * it: the size is checked before parsing, CORE_SCHEMA keeps `2027-02-01` a
 * string instead of a Date, and syntax errors name line and column. Never
 * throws on bad input; the document still has to pass checkDocumentShape
 * before anything walks it recursively.
 */
export function loadYamlDocument(
  text: unknown,
  options: { maxBytes: number; kind: DocumentKind },
): LoadResult {
  const { maxBytes, kind } = options;
  const fail = (message: string): LoadResult => ({
    ok: false,
    error: { path: kind.root, message },
  });
  if (typeof text !== 'string') {
    return fail(
      `must be the YAML text of a ${kind.name}; found ${describeValue(text)}`,
    );
  }
  const bytes = utf8Length(text);
  if (bytes > maxBytes) {
    return fail(
      `the ${kind.fileWord} file is ${kib(
        bytes,
      )} (${bytes} bytes); at most ${kib(
        maxBytes,
      )} (${maxBytes} bytes) is allowed`,
    );
  }
  let document: unknown;
  try {
    document = load(text, { schema: CORE_SCHEMA });
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = e.mark;
      const where = mark
        ? `at line ${mark.line + 1}, column ${mark.column + 1}`
        : 'in the document';
      return fail(`YAML syntax error ${where}: ${e.reason}`);
    }
    // js-yaml parses recursively: versions without a maxDepth overflow the stack.
    if (e instanceof RangeError) {
      return fail(
        `the YAML nests too deeply to be read; a ${kind.name} is at most ${kind.levels} levels deep`,
      );
    }
    throw e;
  }
  if (document === undefined || document === null) {
    return fail(
      `the document is empty; a ${kind.name} is a mapping with apiVersion, kind, metadata and spec`,
    );
  }
  return { ok: true, document };
}

/**
 * Rejects documents too deep or too large to be real before anything walks
 * them recursively (ajv's uniqueItems compares deeply). Iterative, so junk
 * cannot exhaust the stack; aliases count each time they are used.
 */
export function checkDocumentShape(
  document: unknown,
  kind: DocumentKind,
): DocumentError | undefined {
  // Entries link to their parent so a path is only built for the offender.
  interface Entry {
    value: unknown;
    depth: number;
    key?: string;
    parent?: Entry;
  }
  const stack: Entry[] = [{ value: document, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const entry = stack.pop()!;
    values += 1;
    if (values > MAX_DOCUMENT_VALUES) {
      return {
        path: kind.root,
        message: `the document holds more than ${MAX_DOCUMENT_VALUES} values (YAML aliases counted each time they are used); a ${kind.name} is far smaller`,
      };
    }
    const value = entry.value;
    if (value === null || typeof value !== 'object') continue;
    if (entry.depth >= MAX_DOCUMENT_DEPTH) {
      let path = '';
      for (
        let e: Entry | undefined = entry;
        e?.key !== undefined;
        e = e.parent
      ) {
        path = `/${pointerSegment(e.key)}${path}`;
      }
      return {
        path: path || kind.root,
        message: `nested more than ${MAX_DOCUMENT_DEPTH} levels deep; a ${kind.name} is at most ${kind.levels} levels deep`,
      };
    }
    for (const key of Object.keys(value)) {
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth: entry.depth + 1,
        key,
        parent: entry,
      });
    }
  }
  return undefined;
}
