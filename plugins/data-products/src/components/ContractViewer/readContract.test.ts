import { parse } from 'yaml';
import { readOdcsExample } from '../../__testUtils__/fixtures';
import { readContract } from './readContract';

describe('readContract', () => {
  it('reads the full ODCS example', () => {
    const view = readContract(
      parse(readOdcsExample('all_full-example.odcs.yaml')),
    );

    expect(view).toMatchObject({
      id: '53581432-6c55-4ba2-a65f-72344a91553a',
      version: '1.1.0',
      status: 'active',
      apiVersion: 'v3.1.0',
      domain: 'seller',
      dataProduct: 'my quantum',
      tenant: 'ClimateQuantumInc',
      tags: ['transactions'],
      price: '9.95 USD per megabyte',
    });
    expect(view.links.map(link => link.type)).toEqual([
      'canonical',
      'privacy-statement',
    ]);
    expect(view.schema.map(object => object.name)).toEqual([
      'tbl',
      'receivers',
    ]);
    expect(
      view.schema[1].columns
        .filter(column => column.sensitive)
        .map(column => column.name),
    ).toEqual(['id', 'receiver_name']);
    expect(view.quality).toEqual([
      expect.objectContaining({
        pointer: '/schema/0/quality/0',
        appliesTo: 'tbl',
        check: 'row count',
        threshold: 'must be greater than 1000000',
        schedule: '0 20 * * * (cron)',
      }),
      expect.objectContaining({
        pointer: '/schema/0/properties/2/quality/0',
        appliesTo: 'tbl.rcvr_cntry_code',
        check: 'null values',
        threshold: 'must be 0',
        severity: 'error',
      }),
    ]);
    expect(view.sla[5]).toEqual(
      expect.objectContaining({ property: 'frequency', value: '1', unit: 'd' }),
    );
    expect(view.team?.members.map(member => member.username)).toEqual([
      'ceastwood',
      'mhopper',
      'daustin',
    ]);
    expect(view.customProperties.map(p => p.property)).toEqual([
      'refRulesetName',
      'somePropertyName',
      'dataprocClusterName',
    ]);
  });

  it('indents nested fields and marks personal data', () => {
    const view = readContract({
      schema: [
        {
          name: 'customers',
          properties: [
            {
              name: 'address',
              logicalType: 'object',
              properties: [
                { name: 'street', tags: ['PII'], classification: 'internal' },
              ],
            },
            {
              name: 'orders',
              logicalType: 'array',
              items: {
                logicalType: 'object',
                properties: [{ name: 'amount', logicalType: 'number' }],
              },
            },
          ],
        },
      ],
    });

    expect(
      view.schema[0].columns.map(c => [c.name, c.depth, c.pointer, c.pii]),
    ).toEqual([
      ['address', 0, '/schema/0/properties/0', false],
      ['street', 1, '/schema/0/properties/0/properties/0', true],
      ['orders', 0, '/schema/0/properties/1', false],
      ['amount', 1, '/schema/0/properties/1/items/properties/0', false],
    ]);
    expect(view.schema[0].columns[2].logicalType).toBe('array of object');
  });

  it('describes every kind of quality threshold', () => {
    const view = readContract({
      schema: [
        {
          name: 't',
          quality: [
            { mustBeBetween: [1, 5], unit: 'percent' },
            { mustNotBeBetween: [0, 2] },
            { mustBeGreaterOrEqualTo: 3 },
            { mustBeLessOrEqualTo: 4 },
            { mustNotBe: 'x' },
            { type: 'sql', query: 'SELECT 1', mustBeLessThan: 10 },
            { type: 'custom', engine: 'soda', implementation: 'checks: []' },
          ],
        },
      ],
    });
    expect(view.quality.map(rule => rule.threshold)).toEqual([
      'must be between 1 and 5 percent',
      'must not be between 0 and 2',
      'must be at least 3',
      'must be at most 4',
      'must not be x',
      'must be less than 10',
      undefined,
    ]);
    expect(view.quality[5]).toMatchObject({
      check: 'SQL query',
      code: 'SELECT 1',
    });
    expect(view.quality[6]).toMatchObject({
      check: 'soda check',
      code: 'checks: []',
    });
  });

  it.each([null, 'text', 42, [], { schema: 'none', servers: {}, team: 'x' }])(
    'reads %p without failing',
    document => {
      expect(readContract(document)).toMatchObject({
        schema: [],
        servers: [],
        quality: [],
        team: undefined,
      });
    },
  );
});
