import {
  DEFAULT_QUERY,
  isFiltered,
  PageQuery,
  readQuery,
  writeQuery,
} from './query';

const read = (search: string) => readQuery(new URLSearchParams(search));

describe('page query', () => {
  it('shows what needs attention, on the first page, unless the address says otherwise', () => {
    expect(read('')).toEqual({
      verdicts: ['violation', 'at-risk', 'unknown'],
      domain: '',
      area: 'all',
      page: 1,
    });
    expect(writeQuery(DEFAULT_QUERY).toString()).toBe('');
    expect(isFiltered(read(''))).toBe(false);
  });

  it('reads verdicts in their order, a domain, an area and a page', () => {
    const query = read(
      'verdict=compliant,violation&domain=hr&area=recovery&page=3',
    );
    expect(query).toEqual({
      verdicts: ['violation', 'compliant'],
      domain: 'hr',
      area: 'recovery',
      page: 3,
    });
    expect(isFiltered(query)).toBe(true);
  });

  it('falls back to the default for what it cannot read', () => {
    expect(read('verdict=&page=0&area=everything')).toEqual(DEFAULT_QUERY);
    expect(read('verdict=bad,worse&page=2.5')).toEqual(DEFAULT_QUERY);
    expect(read('page=-4').page).toBe(1);
  });

  it('writes only what differs from the default, and reads it back the same', () => {
    const queries: PageQuery[] = [
      { ...DEFAULT_QUERY, verdicts: ['violation'] },
      {
        verdicts: ['violation', 'at-risk', 'unknown', 'compliant'],
        domain: 'sales',
        area: 'retention',
        page: 2,
      },
      { ...DEFAULT_QUERY, verdicts: ['unknown', 'violation', 'at-risk'] },
    ];
    expect(queries.map(q => writeQuery(q).toString())).toEqual([
      'verdict=violation',
      'verdict=violation%2Cat-risk%2Cunknown%2Ccompliant&domain=sales&area=retention&page=2',
      '',
    ]);
    for (const query of queries.slice(0, 2)) {
      expect(readQuery(writeQuery(query))).toEqual(query);
    }
    // The same verdicts in another order are the default.
    expect(isFiltered(queries[2])).toBe(false);
  });
});
