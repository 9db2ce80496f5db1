import { stringify } from 'yaml';
import { validateContract, validateContractText } from './validate';
import { mutate, seededRandom } from './testing/mutations';
import {
  compileOfficialSchema,
  officialExampleDocuments,
} from './testing/officialSchema';

const documents = officialExampleDocuments().map(([, d]) => d);

describe('fuzzing the validator with mutated official examples', () => {
  it('never throws, and every rejection carries a path and a message', () => {
    const random = seededRandom(20261123);
    const official = compileOfficialSchema();
    let rejected = 0;
    let missedByUs = 0;
    const malformed: unknown[] = [];
    for (let i = 0; i < 10_000; i++) {
      const base = documents[i % documents.length];
      // Several mutations on some copies, so errors also combine.
      let document = mutate(base, random);
      if (i % 3 === 0) document = mutate(document, random);

      const result = validateContract(document);

      if (!result.valid) rejected += 1;
      const wellFormed = result.valid
        ? result.errors.length === 0
        : result.errors.length > 0 &&
          result.errors.every(
            e => e.path.startsWith('/') && e.message.length > 5,
          );
      if (!wellFormed) malformed.push({ document, errors: result.errors });
      // Whatever the official v3.1.0 schema rejects in a v3.1.0 document,
      // we reject too (we are stricter in places, never looser).
      if (
        (document as any)?.apiVersion === 'v3.1.0' &&
        !official(document) &&
        result.valid
      ) {
        missedByUs += 1;
      }
    }
    expect(malformed).toEqual([]);
    expect(missedByUs).toBe(0);
    // Most mutations break a contract; a fuzzer that breaks nothing tests nothing.
    expect(rejected).toBeGreaterThan(7_000);
  });

  it('never throws on corrupted YAML text', () => {
    const random = seededRandom(7);
    const texts = documents.map(d => stringify(d));
    const junk = [
      '\t',
      ':',
      '- ',
      '{',
      ']',
      '&a',
      '*a',
      '!!binary',
      '"',
      "'",
      '\n  ',
      '#',
      '%YAML 1.1\n---\n',
    ];
    const pathless: unknown[] = [];
    for (let i = 0; i < 2_000; i++) {
      const text = texts[i % texts.length];
      const at = Math.floor(random() * text.length);
      const corrupted =
        text.slice(0, at) +
        junk[Math.floor(random() * junk.length)] +
        text.slice(at + Math.floor(random() * 4));
      const result = validateContractText(corrupted);
      if (!result.errors.every(e => e.path.startsWith('/') && e.message)) {
        pathless.push(result.errors);
      }
    }
    expect(pathless).toEqual([]);
  });
});
