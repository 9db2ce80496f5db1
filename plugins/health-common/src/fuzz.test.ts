import { dump } from 'js-yaml';
import {
  evaluateModel,
  parseHealthModel,
  validateHealthModel,
  type HealthModelParseResult,
} from './index';
import { financeDocument, financeModelText } from './__fixtures__/models';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Container = Record<string, unknown> | unknown[];

/** Every object and array in the document with the path to it. */
function containers(doc: unknown): Container[] {
  const out: Container[] = [];
  const stack = [doc];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value && typeof value === 'object') {
      out.push(value as Container);
      stack.push(...Object.values(value));
    }
  }
  return out;
}

function mutate(doc: any, random: () => number): any {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const junk = () =>
    pick<unknown>([
      null,
      undefined,
      0,
      -1,
      0.5,
      1e308,
      NaN,
      Infinity,
      '',
      ' ',
      'x',
      'Ingestion',
      'PT0S',
      'P8D',
      'P1Y',
      'above',
      'below',
      'log',
      'metric',
      'storage',
      'ingestion',
      '/subscriptions/x',
      'a,b',
      'x'.repeat(10_500),
      true,
      [],
      [1, 'a'],
      ['storage', 'storage'],
      {},
      { direction: 'above', unhealthy: 1, degraded: 2 },
      { id: 'ingestion' },
      structuredClone(doc.spec?.components?.[0] ?? null),
    ]);
  const target = pick(containers(doc));
  const keys = Object.keys(target);
  const key = keys.length > 0 ? pick(keys) : '0';
  switch (Math.floor(random() * 6)) {
    case 0:
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
      break;
    case 1:
      (target as any)[key] = junk();
      break;
    case 2:
      // defineProperty, as js-yaml does: `__proto__` becomes a plain key.
      Object.defineProperty(
        target,
        pick(['treshold', 'extra', '__proto__', 'a/b~c', key]),
        { value: junk(), enumerable: true, writable: true, configurable: true },
      );
      break;
    case 3:
      if (Array.isArray(target)) target.push(structuredClone(target[0]));
      else (target as any)[key] = [(target as any)[key]];
      break;
    case 4: {
      // Point a dependency somewhere unexpected, often making cycles.
      const components = doc.spec?.components;
      if (Array.isArray(components) && components.length > 0) {
        const c = pick(components) as any;
        if (c && typeof c === 'object') {
          c.dependsOn = [pick(['ingestion', 'storage', 'nowhere', c.id])];
        }
      }
      break;
    }
    default:
      (target as any)[key] = String((target as any)[key]);
  }
  return doc;
}

function wellFormed(result: HealthModelParseResult): boolean {
  if (result.valid) return true;
  return (
    result.errors.length > 0 &&
    result.errors.every(
      e =>
        typeof e.path === 'string' &&
        e.path.startsWith('/') &&
        typeof e.message === 'string' &&
        e.message.length > 5,
    )
  );
}

describe('fuzzing the validator', () => {
  it('never throws on 2,000 seeded mutations, and every error path starts with /', () => {
    const random = seededRandom(20260601);
    const malformed: unknown[] = [];
    let rejected = 0;
    for (let i = 0; i < 2_000; i++) {
      let doc = mutate(financeDocument(), random);
      if (i % 3 === 0) doc = mutate(doc, random);
      const direct = validateHealthModel(doc);
      const viaText = parseHealthModel(
        dump(doc, { skipInvalid: true, noRefs: true }),
      );
      if (!direct.valid) rejected += 1;
      if (!wellFormed(direct) || !wellFormed(viaText)) {
        malformed.push({ i, direct, viaText });
      }
      // A model that passes must evaluate.
      if (direct.valid) {
        try {
          evaluateModel('domain:default/fuzz', direct.model, new Map());
        } catch (e) {
          malformed.push({ i, evaluateError: String(e) });
        }
      }
    }
    expect(malformed).toEqual([]);
    // A fuzzer that breaks nothing tests nothing.
    expect(rejected).toBeGreaterThan(1_200);
  });

  it('never throws on corrupted YAML text', () => {
    const random = seededRandom(7);
    const junk = [
      '\t',
      ':',
      '- ',
      '{',
      ']',
      '&a ',
      '*a',
      '!!binary ',
      '"',
      "'",
      '\n  ',
      '#',
      '%YAML 1.1\n---\n',
      '? ',
      '|',
    ];
    const malformed: unknown[] = [];
    for (let i = 0; i < 2_000; i++) {
      const at = Math.floor(random() * financeModelText.length);
      const corrupted =
        financeModelText.slice(0, at) +
        junk[Math.floor(random() * junk.length)] +
        financeModelText.slice(at + Math.floor(random() * 4));
      const result = parseHealthModel(corrupted);
      if (!wellFormed(result)) malformed.push({ corrupted, result });
    }
    expect(malformed).toEqual([]);
  });

  it('refuses a document that contains itself (as YAML aliases can build)', () => {
    const doc = financeDocument();
    doc.spec.components[0].signals[0].thresholds.self = doc;
    doc.spec.components.push(doc.spec.components);
    expect(validateHealthModel(doc)).toEqual({
      valid: false,
      errors: [
        {
          path: expect.stringMatching(/^\/spec\/components\//),
          message:
            'nested more than 32 levels deep; a health model is at most 7 levels deep',
        },
      ],
    });
  });
});
