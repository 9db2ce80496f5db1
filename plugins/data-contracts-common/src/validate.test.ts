import { stringify } from 'yaml';
import { validateContract, validateContractText } from './validate';
import { SUPPORTED_ODCS_VERSIONS } from './model';

const minimal = {
  apiVersion: 'v3.1.0',
  kind: 'DataContract',
  id: 'orders-contract',
  version: '1.0.0',
  status: 'active',
};

function withSchema(property: Record<string, unknown>) {
  return {
    ...minimal,
    schema: [
      {
        name: 'orders',
        properties: [
          { name: 'order_id', logicalType: 'string' },
          { name: 'amount', logicalType: 'number' },
          { name: 'placed_at', ...property },
        ],
      },
    ],
  };
}

describe('validateContract', () => {
  it('accepts a minimal contract and returns it typed', () => {
    const result = validateContract(minimal);
    expect(result).toEqual({
      valid: true,
      apiVersion: 'v3.1.0',
      errors: [],
      contract: minimal,
    });
  });

  it('names the JSON path and the allowed values of a wrong logicalType', () => {
    const result = validateContract(withSchema({ logicalType: 'datetime' }));
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '/schema/0/properties/2/logicalType',
        message:
          'must be one of: string, date, timestamp, time, number, integer, object, array, boolean; found string "datetime"',
      },
    ]);
  });

  it('suggests the key someone meant to type', () => {
    const result = validateContract(withSchema({ logicalTyp: 'date' }));
    expect(result.errors).toEqual([
      {
        path: '/schema/0/properties/2/logicalTyp',
        message: expect.stringMatching(
          /^unknown property "logicalTyp" \(did you mean "logicalType"\?\); allowed here: id, name, /,
        ),
      },
    ]);
  });

  it('checks logicalTypeOptions against the declared logicalType', () => {
    const result = validateContract(
      withSchema({ logicalType: 'string', logicalTypeOptions: { minimum: 3 } }),
    );
    expect(result.errors).toEqual([
      {
        path: '/schema/0/properties/2/logicalTypeOptions/minimum',
        message:
          'unknown property "minimum"; allowed here: minLength, maxLength, pattern, format',
      },
    ]);
  });

  it('reports a missing required field at its own path with the expected type', () => {
    const { id, ...withoutId } = minimal;
    expect(validateContract(withoutId).errors).toEqual([
      { path: '/id', message: 'is required; expected a string' },
    ]);
  });

  it('tells YAML authors to quote numbers where text is expected', () => {
    expect(validateContract({ ...minimal, version: 1.1 }).errors).toEqual([
      {
        path: '/version',
        message: 'must be a string; found number 1.1 (quote it in YAML: "1.1")',
      },
    ]);
  });

  it('gives one clear error for an unknown apiVersion, not a cascade', () => {
    const result = validateContract({
      ...minimal,
      apiVersion: 'v4.0.0',
      schema: 'not even a list',
      junk: true,
    });
    expect(result).toEqual({
      valid: false,
      apiVersion: 'v4.0.0',
      errors: [
        {
          path: '/apiVersion',
          message: `ODCS version "v4.0.0" is not supported; supported versions: ${SUPPORTED_ODCS_VERSIONS.join(
            ', ',
          )}`,
        },
      ],
    });
  });

  it('suggests the v prefix for a bare version number', () => {
    expect(
      validateContract({ ...minimal, apiVersion: '3.1.0' }).errors[0].message,
    ).toMatch(
      /^ODCS version "3.1.0" is not supported \(did you mean "v3.1.0"\?\)/,
    );
  });

  it('rejects ODCS v2 documents with the supported versions', () => {
    const result = validateContract({ ...minimal, apiVersion: 'v2.2.2' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain(
      'v3.0.0, v3.0.1, v3.0.2, v3.1.0',
    );
  });

  it.each([
    ['a list', [minimal]],
    ['a string', 'apiVersion: v3.1.0'],
    ['null', null],
    ['a number', 42],
  ])('rejects a document that is %s with one error at /', (_, document) => {
    const result = validateContract(document);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toEqual({
      path: '/',
      message: expect.stringContaining('a data contract must be a mapping'),
    });
  });

  it('needs exactly one comparison in a v3.1.0 library rule', () => {
    const rule = (extra: object) =>
      validateContract({
        ...minimal,
        schema: [
          { name: 'orders', quality: [{ metric: 'rowCount', ...extra }] },
        ],
      }).errors;
    expect(rule({})).toEqual([
      {
        path: '/schema/0/quality/0',
        message: expect.stringMatching(
          /^needs exactly one comparison, one of: mustBe, .*; found none$/,
        ),
      },
    ]);
    expect(rule({ mustBe: 0, mustBeLessThan: 5 })).toEqual([
      {
        path: '/schema/0/quality/0',
        message:
          'needs exactly one comparison; found "mustBe", "mustBeLessThan"',
      },
    ]);
    expect(rule({ mustBeGreaterThan: 100 })).toEqual([]);
  });

  it('accepts the v3.0.x form of a library rule only in v3.0.x documents', () => {
    const legacy = {
      schema: [{ name: 'orders', quality: [{ rule: 'nullCheck', mustBe: 0 }] }],
    };
    expect(
      validateContract({ ...minimal, apiVersion: 'v3.0.2', ...legacy }).valid,
    ).toBe(true);
    expect(validateContract({ ...minimal, ...legacy }).errors).toEqual([
      {
        path: '/schema/0/quality/0/metric',
        message:
          'is required; expected one of: nullValues, missingValues, invalidValues, duplicateValues, rowCount',
      },
    ]);
  });

  it('checks type-specific server fields', () => {
    const result = validateContract({
      ...minimal,
      servers: [
        {
          server: 'lake',
          type: 'azure',
          location: 'abfss://gold@st.dfs.core.windows.net/x',
        },
        {
          server: 'warehouse',
          type: 'synapse',
          host: 'syn.sql.azuresynapse.net',
          port: '1433',
          database: 'dw',
        },
        { server: 'oops', type: 'azure-blob' },
      ],
    });
    expect(result.errors).toEqual([
      { path: '/servers/0/format', message: 'is required; expected a string' },
      {
        path: '/servers/1/port',
        message: 'must be an integer; found string "1433"',
      },
      {
        path: '/servers/2/type',
        message: expect.stringMatching(
          /^must be one of: api, athena, azure, .*; found string "azure-blob"/,
        ),
      },
    ]);
  });

  it('explains formats with an example', () => {
    expect(
      validateContract({ ...minimal, contractCreatedTs: 'yesterday' }).errors,
    ).toEqual([
      {
        path: '/contractCreatedTs',
        message:
          'must be an RFC 3339 date-time such as 2025-01-31T08:00:00Z; found string "yesterday"',
      },
    ]);
  });

  it('escapes keys in paths as JSON pointers do', () => {
    const result = validateContract({ ...minimal, 'a/b~c': 1 });
    expect(result.errors[0].path).toBe('/a~1b~0c');
  });

  it('lists errors in the order the document reads', () => {
    const result = validateContract({
      apiVersion: 'v3.1.0',
      zzz: 1,
      kind: 'Contract',
      id: 'x',
      version: '1',
      status: 'active',
    });
    expect(result.errors.map(e => e.path)).toEqual(['/zzz', '/kind']);
  });

  it('rejects a document nested deeper than any contract with one error', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = { nested: deep };
    const result = validateContract({
      ...minimal,
      customProperties: [{ property: 'p', value: deep }],
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/nested more than 64 levels deep/);
    expect(result.errors[0].path).toMatch(
      /^\/customProperties\/0\/value\/nested\/nested/,
    );
  });
});

describe('validateContractText', () => {
  it('reads YAML and JSON', () => {
    expect(validateContractText(stringify(minimal)).valid).toBe(true);
    expect(validateContractText(JSON.stringify(minimal)).valid).toBe(true);
  });

  it('reports YAML syntax errors with line and column', () => {
    const result = validateContractText(
      'apiVersion: v3.1.0\nkind: [DataContract\nid: x\n',
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toEqual({
      path: '/',
      message: expect.stringMatching(
        /^YAML syntax error at line \d+, column \d+: /,
      ),
    });
  });

  it('rejects duplicate keys, which YAML readers would silently merge', () => {
    const result = validateContractText('apiVersion: v3.1.0\nid: a\nid: b\n');
    expect(result.errors[0].message).toMatch(
      /YAML syntax error at line 3, column \d+: duplicated mapping key/,
    );
  });

  it.each([
    ['an empty file', '', /the contract is empty/],
    [
      'a comment only',
      '# nothing here\n',
      /the contract is empty|must be a mapping/,
    ],
    ['two documents', 'a: 1\n---\nb: 2\n', /holds several YAML documents/],
    ['a scalar', 'just text', /must be a mapping .* found string "just text"/],
  ])('gives a clear error for %s', (_, text, message) => {
    const result = validateContractText(text);
    expect(result.valid).toBe(false);
    expect(result.errors[0].path).toBe('/');
    expect(result.errors[0].message).toMatch(message);
  });

  it('refuses a 5 MB contract before parsing it', () => {
    const big = `${stringify(minimal)}description:\n  purpose: "${'x'.repeat(
      5 * 1024 * 1024,
    )}"\n`;
    const started = Date.now();
    const result = validateContractText(big);
    expect(result.errors).toEqual([
      {
        path: '/',
        message: 'the contract is 5.0 MiB; at most 2.0 MiB is accepted',
      },
    ]);
    // Not a timing assertion on speed, only that it did not parse 5 MB.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('survives deeply nested flow collections', () => {
    const text = `apiVersion: v3.1.0\ncustomProperties: ${'['.repeat(
      50_000,
    )}${']'.repeat(50_000)}\n`;
    const result = validateContractText(text);
    expect(result.valid).toBe(false);
    expect(result.errors[0].path).toMatch(/^\//);
  });

  it('bounds alias expansion (billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = validateContractText(lines.join('\n'));
    expect(result.valid).toBe(false);
    // Aliases share one value in memory, but walking them would explode.
    expect(result.errors[0].message).toMatch(/more than 500000 values/);
  });
});
