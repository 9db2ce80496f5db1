import {
  describeValue,
  didYouMean,
  jsonPointer,
  pointerSegment,
} from './values';

describe('jsonPointer', () => {
  it('is / for the document and escapes ~ and / in segments', () => {
    expect(jsonPointer([])).toBe('/');
    expect(jsonPointer(['spec', 'components', 0, 'id'])).toBe(
      '/spec/components/0/id',
    );
    expect(jsonPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(pointerSegment('~/')).toBe('~0~1');
  });
});

describe('describeValue', () => {
  it('names each kind of value the way messages quote it', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue([])).toBe('a list of 0 items');
    expect(describeValue([1])).toBe('a list of 1 item');
    expect(describeValue({ a: 1 })).toBe('a mapping');
    expect(describeValue('x')).toBe("'x'");
    expect(describeValue(3.5)).toBe('3.5');
    expect(describeValue(false)).toBe('false');
    expect(describeValue('y'.repeat(200))).toBe(`'${'y'.repeat(200)}'`);
    expect(describeValue('y'.repeat(1201))).toBe('a text of 1,201 characters');
  });
});

describe('didYouMean', () => {
  const keys = ['description', 'dependsOn', 'signals', 'id'];

  it('suggests the closest candidate, ignoring case', () => {
    expect(didYouMean('sigals', keys)).toBe(" (did you mean 'signals'?)");
    expect(didYouMean('DEPENDON', keys)).toBe(" (did you mean 'dependsOn'?)");
    expect(didYouMean('descripton', keys)).toBe(
      " (did you mean 'description'?)",
    );
  });

  it('suggests nothing for an exact match (in any case), a distant word, a huge word or no candidates', () => {
    expect(didYouMean('signals', keys)).toBe('');
    expect(didYouMean('Signals', keys)).toBe('');
    expect(didYouMean('owner', keys)).toBe('');
    // A third of 'id' rounds down to 0, so one edit is still allowed.
    expect(didYouMean('ix', keys)).toBe(" (did you mean 'id'?)");
    expect(didYouMean('ixy', keys)).toBe('');
    expect(didYouMean(`signals${'x'.repeat(60)}`, keys)).toBe('');
    expect(didYouMean('signal', [])).toBe('');
  });
});
