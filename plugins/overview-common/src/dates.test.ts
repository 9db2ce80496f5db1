import { OverviewInputError, daysUntil } from './index';

describe('daysUntil', () => {
  it('counts whole days, 0 on the day itself and negative once past', () => {
    expect(daysUntil('2026-11-20', '2026-11-20')).toBe(0);
    expect(daysUntil('2026-11-21', '2026-11-20')).toBe(1);
    expect(daysUntil('2026-11-19', '2026-11-20')).toBe(-1);
    expect(daysUntil('2027-01-31', '2026-11-24')).toBe(68);
  });

  it('crosses month and year ends and leap days', () => {
    expect(daysUntil('2026-02-01', '2026-01-31')).toBe(1);
    expect(daysUntil('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysUntil('2028-03-01', '2028-02-28')).toBe(2);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysUntil('2026-04-30', '2026-05-01')).toBe(-1);
    expect(daysUntil('2027-01-01', '2026-01-01')).toBe(365);
    expect(daysUntil('2029-01-01', '2028-01-01')).toBe(366);
  });

  it('takes the UTC day of timestamps and Dates', () => {
    expect(daysUntil('2026-12-01T23:59:59Z', '2026-11-30')).toBe(1);
    expect(daysUntil('2026-12-01', new Date('2026-11-30T23:30:00Z'))).toBe(1);
    // 01:00 in UTC+02:00 is still the 30th of November in UTC.
    expect(daysUntil('2026-12-01', '2026-12-01T01:00:00+02:00')).toBe(1);
  });

  it('refuses what is not a day, naming the argument', () => {
    expect(() => daysUntil('2026-02-30', '2026-02-01')).toThrow(
      new OverviewInputError(
        'date must be a calendar day YYYY-MM-DD or an ISO timestamp (UTC); got "2026-02-30"',
      ),
    );
    expect(() => daysUntil('2026-02-01', 'today')).toThrow(
      'today must be a calendar day YYYY-MM-DD or an ISO timestamp (UTC); got "today"',
    );
    expect(() => daysUntil('2026-02-01', new Date('nope'))).toThrow(
      'today must be a calendar day YYYY-MM-DD or an ISO timestamp (UTC); got an invalid Date',
    );
    expect(() => daysUntil('1 March', '2026-02-01')).toThrow(
      OverviewInputError,
    );
  });
});
