import {
  checkDocumentShape,
  type DocumentKind,
  loadYamlDocument,
  utf8Length,
} from './load';

const WIDGET: DocumentKind = {
  name: 'widget',
  fileWord: 'widget',
  levels: 4,
  root: '/',
};

const load = (text: unknown, maxBytes = 1024, kind = WIDGET) =>
  loadYamlDocument(text, { maxBytes, kind });

describe('loadYamlDocument', () => {
  it('returns the document, keeping dates as strings', () => {
    expect(load('apiVersion: v1\nspec:\n  from: 2027-02-01\n  n: 3\n')).toEqual(
      {
        ok: true,
        document: { apiVersion: 'v1', spec: { from: '2027-02-01', n: 3 } },
      },
    );
    expect(load('{"spec": [1, "two"]}')).toEqual({
      ok: true,
      document: { spec: [1, 'two'] },
    });
  });

  it('refuses text over the byte limit before parsing, counting UTF-8 bytes', () => {
    expect(load(`k: ${'x'.repeat(1021)}`)).toEqual({
      ok: true,
      document: { k: 'x'.repeat(1021) },
    });
    expect(load(`k: ${'x'.repeat(1022)}`)).toEqual({
      ok: false,
      error: {
        path: '/',
        message:
          'the widget file is 1.0 KiB (1025 bytes); at most 1.0 KiB (1024 bytes) is allowed',
      },
    });
    // 600 two-byte characters: under the limit in characters, over it in bytes.
    expect(load(`# ${'é'.repeat(600)}`)).toEqual({
      ok: false,
      error: {
        path: '/',
        message:
          'the widget file is 1.2 KiB (1202 bytes); at most 1.0 KiB (1024 bytes) is allowed',
      },
    });
    // An unparseable file over the limit is refused for its size.
    expect(load(`[${'['.repeat(2000)}`)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^the widget file is 2\.0 KiB/) },
    });
  });

  it('reports a syntax error with its line and column', () => {
    expect(load('kind: Widget\nspec: [\n')).toEqual({
      ok: false,
      error: {
        path: '/',
        message: expect.stringMatching(
          /^YAML syntax error at line 3, column 1: .+/,
        ),
      },
    });
    expect(load('kind: a\nkind: b\n')).toEqual({
      ok: false,
      error: {
        path: '/',
        message: expect.stringMatching(
          /^YAML syntax error at line 2, column \d+: duplicated mapping key/,
        ),
      },
    });
  });

  it('refuses brackets nested too deeply to parse without throwing', () => {
    const veryDeep = `spec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(load(veryDeep, 1_000_000)).toEqual({
      ok: false,
      error: {
        path: '/',
        // js-yaml 4.3 stops at its own maxDepth (100); versions without it overflow the stack.
        message: expect.stringMatching(
          /^(YAML syntax error at line 1, column \d+: nesting exceeded maxDepth|the YAML nests too deeply to be read; a widget is at most 4 levels deep$)/,
        ),
      },
    });
  });

  it('refuses an empty document and text that is not a string, at the root the kind names', () => {
    const policy: DocumentKind = { ...WIDGET, name: 'policy', root: '' };
    expect(load('# only a comment\n', 1024, policy)).toEqual({
      ok: false,
      error: {
        path: '',
        message:
          'the document is empty; a policy is a mapping with apiVersion, kind, metadata and spec',
      },
    });
    expect(load(42)).toEqual({
      ok: false,
      error: {
        path: '/',
        message: 'must be the YAML text of a widget; found 42',
      },
    });
  });
});

describe('checkDocumentShape', () => {
  it('accepts a document of real size', () => {
    expect(
      checkDocumentShape({ spec: { items: [{ a: 1 }, { b: [2] }] } }, WIDGET),
    ).toBeUndefined();
  });

  it('refuses an alias bomb by counting aliases each time they are used', () => {
    // Nine levels of ten aliases each expand to 10^9 values.
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const name = String.fromCharCode(98 + i);
        const previous = `*${String.fromCharCode(97 + i)}`;
        return `${name}: &${name} [${Array(10).fill(previous).join(', ')}]`;
      }),
    ].join('\n');
    const loaded = load(bomb);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(checkDocumentShape(loaded.document, WIDGET)).toEqual({
      path: '/',
      message:
        'the document holds more than 200000 values (YAML aliases counted each time they are used); a widget is far smaller',
    });
  });

  it('refuses deep nesting, naming the escaped path of the first value too deep', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(checkDocumentShape({ 'a/b': deep }, WIDGET)).toEqual({
      path: `/a~1b${'/0'.repeat(31)}`,
      message:
        'nested more than 32 levels deep; a widget is at most 4 levels deep',
    });
    const loaded = load(`spec: ${'['.repeat(40)}${']'.repeat(40)}\n`);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(
      checkDocumentShape(loaded.document, { ...WIDGET, root: '' }),
    ).toEqual({
      path: `/spec${'/0'.repeat(31)}`,
      message:
        'nested more than 32 levels deep; a widget is at most 4 levels deep',
    });
  });
});

describe('utf8Length', () => {
  it('agrees with Buffer.byteLength, surrogate pairs and lone surrogates included', () => {
    for (const text of [
      '',
      'abc',
      'é',
      '€',
      '😀',
      'a😀é€',
      '\ud83d',
      'x\ud83d',
    ]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});
