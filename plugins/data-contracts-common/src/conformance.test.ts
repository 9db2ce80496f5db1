import { validateContract, validateContractText } from './validate';
import { allPaths, getAt } from './testing/mutations';
import {
  compileOfficialSchema,
  officialExampleDocuments,
  officialExamples,
} from './testing/officialSchema';

const examples = officialExamples();
const documents = officialExampleDocuments();

// Places where the standard allows any value, so any key is fine there.
const FREE_FORM = new Set([
  'value',
  'valueExt',
  'examples',
  'arguments',
  'implementation',
  'mustBe',
  'mustNotBe',
]);

function isFreeForm(document: unknown, path: Array<string | number>): boolean {
  if (path.some(segment => FREE_FORM.has(String(segment)))) return true;
  const last = path[path.length - 1];
  if (last === 'logicalTypeOptions') {
    const owner = getAt(document, path.slice(0, -1)) as any;
    return owner?.logicalType === 'boolean';
  }
  return false;
}

describe('ODCS conformance: the official examples', () => {
  it('has all 13 official examples to check against', () => {
    expect(examples).toHaveLength(13);
  });

  it.each(examples)('accepts %s', (_name, text) => {
    const result = validateContractText(text);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.apiVersion).toMatch(/^v3\.(0\.[0-2]|1\.0)$/);
    expect(result.contract?.kind).toBe('DataContract');
  });

  it('agrees with the official v3.1.0 schema that every example is valid', () => {
    const official = compileOfficialSchema();
    for (const [, document] of documents) expect(official(document)).toBe(true);
  });
});

describe('ODCS conformance: unknown properties at any level', () => {
  const cases: Array<[string, string, any, string]> = [];
  for (const [name, document] of documents) {
    for (const path of allPaths(document)) {
      const node = getAt(document, path);
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
      if (isFreeForm(document, path)) continue;
      const pointer = path.map(String).join('/');
      cases.push([
        name,
        pointer === '' ? '/' : `/${pointer}`,
        document,
        pointer,
      ]);
    }
  }

  it('covers every object of every example', () => {
    // Every example has at least its root; the full example alone has dozens of objects.
    expect(cases.length).toBeGreaterThan(140);
  });

  it.each(cases.map(([n, p, d, raw]) => [`${n} ${p}`, d, raw]))(
    'rejects an unknown key in %s, naming its path',
    (_label, document, pointer) => {
      const copy = JSON.parse(JSON.stringify(document));
      const path = pointer === '' ? [] : (pointer as string).split('/');
      const node = getAt(
        copy,
        path.map(s => (/^\d+$/.test(s) ? Number(s) : s)),
      ) as any;
      node.unexpectedField = 'surprise';
      const result = validateContract(copy);
      expect(result.valid).toBe(false);
      const expectedPath = `${
        pointer === '' ? '' : `/${pointer}`
      }/unexpectedField`;
      expect(result.errors).toContainEqual({
        path: expectedPath,
        message: expect.stringMatching(
          /^unknown property "unexpectedField"; allowed here: \w+/,
        ),
      });
    },
  );
});
