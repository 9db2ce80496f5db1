import { compileDocumentSchema } from './schema';

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'spec'],
  properties: {
    kind: { const: 'Widget' },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['parts'],
      'x-allowed': 'a mapping with parts and size',
      properties: {
        size: { enum: ['small', 'large'] },
        count: { type: 'integer', minimum: 0 },
        limits: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { min: { type: 'number' }, max: { type: 'number' } },
        },
        tags: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string' },
        },
        parts: {
          type: 'array',
          'x-allowed': 'a list of parts',
          items: { $ref: '#/definitions/part' },
        },
      },
    },
  },
  definitions: {
    part: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      'x-allowed': 'a mapping describing one part',
      properties: {
        name: {
          type: 'string',
          pattern: '^[a-z]+$',
          'x-allowed': 'a name of lower-case letters',
        },
        weight: { type: 'number', exclusiveMinimum: 0 },
      },
    },
  },
};

const widget = compileDocumentSchema(SCHEMA, { root: '/' });

describe('compileDocumentSchema', () => {
  it('returns no errors for a valid document', () => {
    expect(
      widget.validate({
        kind: 'Widget',
        spec: {
          parts: [{ name: 'bolt' }],
          tags: ['a', 'b'],
          limits: { min: 1 },
        },
      }),
    ).toEqual([]);
  });

  it('says what is allowed for each kind of error, sorted by path with numbers in order', () => {
    const parts = Array.from({ length: 11 }, () => ({ name: 'ok' }));
    parts[2] = { name: 'Bad' };
    parts[10] = { weigth: 1 } as any;
    expect(
      widget.validate({
        kind: 'Gadget',
        spec: {
          size: 'huge',
          count: 1.5,
          limits: {},
          tags: ['a', 'b', 'a'],
          parts,
          colour: 'red',
        },
      }),
    ).toEqual([
      { path: '/kind', message: "must be 'Widget' (got 'Gadget')" },
      {
        path: '/spec/colour',
        message:
          'unknown key; allowed keys are size, count, limits, tags, parts',
      },
      { path: '/spec/count', message: 'must be a whole number (got 1.5)' },
      { path: '/spec/limits', message: 'needs at least one of min, max' },
      {
        path: '/spec/parts/2/name',
        message: "must be a name of lower-case letters (got 'Bad')",
      },
      {
        path: '/spec/parts/10/name',
        message: 'is required; must be a name of lower-case letters',
      },
      {
        path: '/spec/parts/10/weigth',
        message:
          "unknown key; allowed keys are name, weight (did you mean 'weight'?)",
      },
      {
        path: '/spec/size',
        message: "must be one of small, large (got 'huge')",
      },
      {
        path: '/spec/tags/2',
        message: 'repeats item 0; each entry may appear once',
      },
    ]);
  });

  it('reports the most basic error on a path: a wrong type hides the rest', () => {
    expect(
      widget.validate({ kind: 'Widget', spec: { parts: [{ name: 7 }] } }),
    ).toEqual([
      {
        path: '/spec/parts/0/name',
        message: 'must be a name of lower-case letters (got 7)',
      },
    ]);
    expect(widget.validate({ kind: 'Widget', spec: 'none' })).toEqual([
      {
        path: '/spec',
        message: "must be a mapping with parts and size (got 'none')",
      },
    ]);
  });

  it('puts errors about the whole document at the root the caller chose', () => {
    expect(widget.validate([])).toEqual([
      { path: '/', message: 'must be a mapping (got a list of 0 items)' },
    ]);
    const empty = compileDocumentSchema(SCHEMA, { root: '' });
    expect(empty.validate('text')).toEqual([
      { path: '', message: "must be a mapping (got 'text')" },
    ]);
  });

  it('ranks semantic errors after schema errors on the same path, and keeps ties only when asked', () => {
    const doc = { kind: 'Widget', spec: { parts: [{ name: 'Bad' }] } };
    const semantic = [
      { path: '/spec/parts/0/name', message: 'is used twice' },
      { path: '/spec/parts', message: 'needs a bolt' },
      { path: '/spec/parts', message: 'needs a nut' },
      { path: '/spec/parts', message: 'needs a bolt' },
    ];
    expect(widget.validate(doc, semantic)).toEqual([
      { path: '/spec/parts', message: 'needs a bolt' },
      {
        path: '/spec/parts/0/name',
        message: "must be a name of lower-case letters (got 'Bad')",
      },
    ]);
    const keepingTies = compileDocumentSchema(SCHEMA, {
      root: '/',
      keepTies: true,
    });
    expect(keepingTies.validate(doc, semantic)).toEqual([
      { path: '/spec/parts', message: 'needs a bolt' },
      { path: '/spec/parts', message: 'needs a nut' },
      {
        path: '/spec/parts/0/name',
        message: "must be a name of lower-case letters (got 'Bad')",
      },
    ]);
  });

  it('reads what is allowed through local $refs', () => {
    expect(widget.allowedBy({ $ref: '#/definitions/part' })).toBe(
      'a mapping describing one part',
    );
    expect(widget.allowedBy({ enum: ['a', 'b'] })).toBe('one of a, b');
    expect(widget.allowedBy({ const: 'x' })).toBe("'x'");
    expect(widget.allowedBy({ type: 'boolean' })).toBe('true or false');
    expect(widget.allowedBy(undefined)).toBe('a valid value');
  });

  it('refuses a schema ajv cannot compile in strict mode, when first used', () => {
    const broken = compileDocumentSchema(
      { type: 'object', propertees: {} },
      { root: '/' },
    );
    expect(() => broken.validate({})).toThrow(/unknown keyword/);
  });
});
