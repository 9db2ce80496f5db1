import {
  CostInputError,
  ENTITY_NAME_PATTERN,
  parseAlertFilters,
} from './index';

function errorOf(query: Record<string, unknown>): CostInputError {
  try {
    parseAlertFilters(query);
  } catch (e) {
    if (e instanceof CostInputError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

describe('parseAlertFilters', () => {
  it('is no filter without parameters or with empty ones', () => {
    expect(parseAlertFilters({})).toEqual({});
    expect(
      parseAlertFilters({ kind: '', status: ' , ', domain: undefined }),
    ).toEqual({});
  });

  it('reads comma-separated and repeated values, once each', () => {
    expect(
      parseAlertFilters({
        kind: ['budget', 'anomaly, other', 'budget'],
        status: 'active,dismissed',
        domain: 'sales',
      }),
    ).toEqual({
      kinds: ['budget', 'anomaly', 'other'],
      statuses: ['active', 'dismissed'],
      domain: 'sales',
    });
    expect(parseAlertFilters({ kind: 'forecast' })).toEqual({
      kinds: ['forecast'],
    });
  });

  it('refuses an unknown parameter, naming the allowed ones', () => {
    const error = errorOf({ kind: 'budget', sort: 'date' });
    expect(error.field).toBe('sort');
    expect(error.message).toBe(
      "Unknown query parameter 'sort'; allowed parameters: kind, status, domain",
    );
  });

  it('refuses an unknown kind or status, naming the field and allowed values', () => {
    const kind = errorOf({ kind: 'budget,credit' });
    expect(kind.field).toBe('kind');
    expect(kind.message).toBe(
      "Invalid kind 'credit'; allowed values: budget, forecast, anomaly, other",
    );
    const status = errorOf({ status: 'open' });
    expect(status.field).toBe('status');
    expect(status.message).toBe(
      "Invalid status 'open'; allowed values: active, resolved, dismissed",
    );
  });

  it('refuses a domain that is not one entity name', () => {
    const bad = errorOf({ domain: '-sales' });
    expect(bad.field).toBe('domain');
    expect(bad.message).toBe(
      "Invalid domain '-sales'; allowed: a Domain name of 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit",
    );
    const two = errorOf({ domain: ['sales', 'finance'] });
    expect(two.field).toBe('domain');
    expect(two.message).toBe(
      'domain takes one Domain name; got 2 (sales, finance)',
    );
  });

  it('refuses nested query objects', () => {
    const error = errorOf({ kind: { $ne: 'budget' } });
    expect(error.field).toBe('kind');
    expect(error.message).toMatch(/^Query parameter 'kind' must be text/);
  });
});

describe('ENTITY_NAME_PATTERN', () => {
  it.each([
    ['sales', true],
    ['ops-iot', true],
    ['A1._-b', true],
    ['x'.repeat(63), true],
    ['x'.repeat(64), false],
    ['-sales', false],
    ['', false],
    ['sales/x', false],
  ])('%s → %s', (name, ok) => {
    expect(ENTITY_NAME_PATTERN.test(name)).toBe(ok);
  });
});
