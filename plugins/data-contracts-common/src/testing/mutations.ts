/**
 * Deterministic mutations of contract documents, for fuzz and conformance
 * tests: each takes a document and a random source and returns a changed
 * deep copy.
 */

/** A small seeded generator (mulberry32) so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = Array<string | number>;

/** Every path to a value in the document, the root included. */
export function allPaths(document: unknown): Path[] {
  const paths: Path[] = [];
  const stack: Array<[unknown, Path]> = [[document, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((child, i) => stack.push([child, [...path, i]]));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        stack.push([child, [...path, key]]);
      }
    }
  }
  return paths;
}

export function getAt(document: unknown, path: Path): unknown {
  return path.reduce<any>((node, key) => node?.[key], document);
}

function setAt(document: any, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  const parent = getAt(document, path.slice(0, -1)) as any;
  parent[path[path.length - 1]] = value;
  return document;
}

function removeAt(document: any, path: Path): any {
  if (path.length === 0) return undefined;
  const parent = getAt(document, path.slice(0, -1)) as any;
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return document;
}

const JUNK: unknown[] = [
  null,
  0,
  -1,
  3.5,
  '',
  'x',
  'v9.9.9',
  true,
  [],
  {},
  [1, 'a', null],
  { unexpected: { deeper: [1, { k: 'v' }] } },
  '\u0000\uffff',
  'a'.repeat(300),
  Number.MAX_SAFE_INTEGER,
];

const NAMES = [
  'unexpected',
  'logicalTyp',
  'Name',
  '__proto__',
  'constructor',
  '',
  'x/y~z',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { level: value };
  return value;
}

/** One random change: replace, remove, insert a key, rename a key, nest. */
export function mutate(document: unknown, random: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(document));
  const path = pick(allPaths(copy), random);
  const target = getAt(copy, path);
  switch (Math.floor(random() * 6)) {
    case 0:
      return setAt(
        copy,
        path,
        JSON.parse(JSON.stringify(pick(JUNK, random)) ?? 'null'),
      );
    case 1:
      return path.length === 0 ? copy : removeAt(copy, path);
    case 2:
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, pick(NAMES, random), {
          value: pick(JUNK, random),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return copy;
      }
      return setAt(copy, path, pick(JUNK, random));
    case 3: {
      const parentPath = path.slice(0, -1);
      const parent = getAt(copy, parentPath) as any;
      const key = path[path.length - 1];
      if (parent && !Array.isArray(parent) && typeof key === 'string') {
        const value = parent[key];
        delete parent[key];
        parent[`${key.slice(0, -1)}${key.slice(-1).toUpperCase()}`] = value;
      }
      return copy;
    }
    case 4:
      return setAt(copy, path, nested(1 + Math.floor(random() * 100)));
    default:
      if (Array.isArray(target) && target.length > 0) {
        target.push(JSON.parse(JSON.stringify(target[0])));
        return copy;
      }
      return setAt(copy, path, [target]);
  }
}
