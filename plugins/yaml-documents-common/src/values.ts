import leven from 'leven';

/** One problem in a document: a JSON pointer and what is wrong there. */
export interface DocumentError {
  path: string;
  message: string;
}

/** A key as one JSON pointer segment (`~` and `/` escaped). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer from path segments; `/` for the document itself. */
export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  return segments.length === 0
    ? '/'
    : `/${segments.map(s => pointerSegment(String(s))).join('/')}`;
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
    // A pasted blob would drown the message it appears in.
    if (value.length > 200) {
      return `a text of ${value.length.toLocaleString('en-US')} characters`;
    }
    return `'${value}'`;
  }
  return String(value);
}

/**
 * ` (did you mean 'x'?)` when `word` is a likely typo of one of `candidates`
 * (edit distance ignoring case, at most a third of the candidate's length),
 * otherwise the empty string, so it can be appended to any message.
 */
export function didYouMean(word: string, candidates: string[]): string {
  // Edit distance is quadratic; nobody mistypes a key that long.
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
