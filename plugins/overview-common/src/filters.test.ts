import {
  OverviewInputError,
  applyOverviewFilters,
  filtersToQuery,
  parseOverviewFilters,
  type OverviewFilters,
} from './index';
import { costCell, healthCell, row } from './__fixtures__/rows';

function errorOf(query: Record<string, unknown>): string {
  try {
    parseOverviewFilters(query);
  } catch (e) {
    if (e instanceof OverviewInputError) return e.message;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

/** A query string read the way Express and the page's URL read it. */
function queryOf(search: string): Record<string, string | string[]> {
  const params = new URLSearchParams(search);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

describe('parseOverviewFilters', () => {
  it('is no filter without parameters or with empty ones', () => {
    expect(parseOverviewFilters({})).toEqual({});
    expect(
      parseOverviewFilters({ q: '  ', attention: '', concern: ' , ' }),
    ).toEqual({});
    expect(parseOverviewFilters({ q: undefined, attention: [] })).toEqual({});
  });

  it('reads comma lists and repeated values, once each, in canonical order', () => {
    expect(
      parseOverviewFilters({
        q: ' Sales ',
        attention: ['warning', 'critical, warning'],
        concern: 'sandboxes,cost,health',
      }),
    ).toEqual({
      q: 'Sales',
      attention: ['critical', 'warning'],
      concern: ['health', 'cost', 'sandboxes'],
    });
    expect(parseOverviewFilters({ concern: ['retention'] })).toEqual({
      concern: ['retention'],
    });
  });

  it('keeps commas inside q and accepts one q given as an array', () => {
    expect(parseOverviewFilters({ q: 'sales, eu' })).toEqual({
      q: 'sales, eu',
    });
    expect(parseOverviewFilters({ q: ['hr'] })).toEqual({ q: 'hr' });
  });

  it('refuses an unknown parameter, naming it and the allowed ones', () => {
    expect(errorOf({ q: 'x', sort: 'health' })).toBe(
      "Unknown query parameter 'sort'; allowed parameters: q, attention, concern",
    );
  });

  it('refuses an unknown level or concern, listing the allowed values', () => {
    expect(errorOf({ attention: 'bad' })).toBe(
      "attention must be one or more of critical, warning, unknown, ok (comma-separated), got 'bad'",
    );
    expect(errorOf({ attention: ['critical', 'warning,Severe'] })).toBe(
      "attention must be one or more of critical, warning, unknown, ok (comma-separated), got 'Severe'",
    );
    expect(errorOf({ concern: 'cost,budget' })).toBe(
      "concern must be one or more of health, cost, retention, contracts, sandboxes (comma-separated), got 'budget'",
    );
  });

  it('refuses a q over 100 characters and more than one q', () => {
    expect(parseOverviewFilters({ q: 'a'.repeat(100) })).toEqual({
      q: 'a'.repeat(100),
    });
    expect(errorOf({ q: 'a'.repeat(101) })).toBe(
      'q must be at most 100 characters, got 101',
    );
    expect(errorOf({ q: ['sales', 'hr'] })).toBe(
      "q takes one search text, got 2 ('sales', 'hr')",
    );
  });

  it('refuses values that are not text (nested query objects)', () => {
    expect(errorOf({ attention: { $ne: 'ok' } })).toBe(
      'attention must be text (repeat it or separate values with commas), got an object',
    );
    expect(errorOf({ concern: ['cost', 3] })).toBe(
      'concern must be text (repeat it or separate values with commas), got a number',
    );
    expect(errorOf({ q: { length: 1 } })).toBe('q must be text, got an object');
  });
});

describe('filtersToQuery', () => {
  it('is empty without filters', () => {
    expect(filtersToQuery({})).toBe('');
    expect(filtersToQuery({ q: ' ', attention: [], concern: [] })).toBe('');
  });

  it('writes parameters and values in a stable order', () => {
    expect(
      filtersToQuery({
        concern: ['sandboxes', 'health'],
        attention: ['warning', 'critical'],
        q: 'sales & ops, eu',
      }),
    ).toBe(
      'q=sales%20%26%20ops%2C%20eu&attention=critical,warning&concern=health,sandboxes',
    );
  });

  it.each<[string, OverviewFilters]>([
    ['no filter', {}],
    ['text only', { q: 'Sales team' }],
    ['text with commas, & and =', { q: 'a,b & c=d/é?' }],
    ['levels', { attention: ['critical', 'warning'] }],
    [
      'everything',
      {
        q: 'hr',
        attention: ['critical', 'warning', 'unknown', 'ok'],
        concern: ['health', 'cost', 'retention', 'contracts', 'sandboxes'],
      },
    ],
  ])('round-trips %s through parseOverviewFilters', (_, filters) => {
    expect(parseOverviewFilters(queryOf(filtersToQuery(filters)))).toEqual(
      filters,
    );
  });

  it('reads a hand-written URL back to the same query', () => {
    const parsed = parseOverviewFilters(
      queryOf('concern=cost&attention=warning&attention=critical&q=sales'),
    );
    expect(filtersToQuery(parsed)).toBe(
      'q=sales&attention=critical,warning&concern=cost',
    );
  });
});

describe('applyOverviewFilters', () => {
  const rows = [
    row('sales', {
      title: 'Sales',
      ownerTitle: 'Revenue Team',
      attention: 'critical',
      health: healthCell({ attention: 'critical', state: 'unhealthy' }),
    }),
    row('finance', {
      title: 'Finance',
      ownerGroup: 'group:default/controlling',
      ownerTitle: 'Controlling',
      attention: 'warning',
      cost: costCell({ attention: 'warning', risk: 'at-risk' }),
    }),
    row('hr', { title: 'People', ownerTitle: 'HR', attention: 'ok' }),
    row('ops', {
      title: 'Operations',
      attention: 'unknown',
      cost: costCell({ attention: 'unknown', risk: 'no-data' }),
    }),
  ];
  const names = (filters: OverviewFilters) =>
    applyOverviewFilters(rows, filters).map(r => r.name);

  it('keeps every row without filters, in their order', () => {
    expect(names({})).toEqual(['sales', 'finance', 'hr', 'ops']);
  });

  it('searches name, title and owner, case-insensitively', () => {
    expect(names({ q: 'PEOPLE' })).toEqual(['hr']);
    expect(names({ q: 'revenue' })).toEqual(['sales']);
    expect(names({ q: 'controlling' })).toEqual(['finance']);
    expect(names({ q: 'group:default/ops' })).toEqual(['ops']);
    expect(names({ q: 'fin' })).toEqual(['finance']);
    expect(names({ q: 'nothing like it' })).toEqual([]);
  });

  it('keeps rows at the chosen levels', () => {
    expect(names({ attention: ['critical', 'warning'] })).toEqual([
      'sales',
      'finance',
    ]);
    expect(names({ attention: ['unknown'] })).toEqual(['ops']);
  });

  it('keeps rows where a chosen concern is critical or warning, not unknown', () => {
    expect(names({ concern: ['cost'] })).toEqual(['finance']);
    expect(names({ concern: ['health', 'cost'] })).toEqual([
      'sales',
      'finance',
    ]);
    expect(names({ concern: ['retention'] })).toEqual([]);
  });

  it('combines filters with AND', () => {
    expect(
      names({ attention: ['critical', 'warning'], concern: ['cost'] }),
    ).toEqual(['finance']);
    expect(names({ q: 'sales', concern: ['cost'] })).toEqual([]);
  });
});
