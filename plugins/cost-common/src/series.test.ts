import {
  COST_HISTORY_DAYS,
  CostInputError,
  fillDailySeries,
  monthlyOf,
  stackDaily,
  stackMonthly,
  type DailyCost,
} from './index';

describe('fillDailySeries', () => {
  it('returns the 90 days up to today, oldest first, missing days as 0', () => {
    const daily = fillDailySeries(
      { '2026-03-30': 12.5, '2026-01-01': 3, '2025-12-31': 1 },
      '2026-03-30',
    );
    expect(COST_HISTORY_DAYS).toBe(90);
    expect(daily).toHaveLength(90);
    expect(daily[0]).toEqual({ date: '2025-12-31', cost: 1 });
    expect(daily[1]).toEqual({ date: '2026-01-01', cost: 3 });
    expect(daily[2]).toEqual({ date: '2026-01-02', cost: 0 });
    expect(daily[89]).toEqual({ date: '2026-03-30', cost: 12.5 });
    const dates = daily.map(d => d.date);
    expect(new Set(dates).size).toBe(90);
    expect([...dates].sort()).toEqual(dates);
  });

  it('leaves out days outside the window and rounds to cents', () => {
    const daily = fillDailySeries(
      new Map([
        ['2028-02-28', 1.234],
        ['2028-02-29', 2.345678],
        ['2028-03-01', 0.1],
        ['2028-03-02', 99],
        ['2028-03-03', 5],
      ]),
      '2028-03-02',
      3,
    );
    expect(daily).toEqual([
      { date: '2028-02-29', cost: 2.35 },
      { date: '2028-03-01', cost: 0.1 },
      { date: '2028-03-02', cost: 99 },
    ]);
  });

  it('crosses a year end', () => {
    expect(fillDailySeries({}, '2027-01-01', 3).map(d => d.date)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('names a bad day key, a bad cost and a bad length', () => {
    expect(() => fillDailySeries({ '20261124': 1 }, '2026-11-24')).toThrow(
      'costs key "20261124" must be a calendar day YYYY-MM-DD (UTC); got "20261124"',
    );
    expect(() =>
      fillDailySeries({ '2026-11-24': Number.POSITIVE_INFINITY }, '2026-11-24'),
    ).toThrow(
      new CostInputError(
        'costs[2026-11-24]',
        'the cost of 2026-11-24 must be a finite number; got Infinity',
      ),
    );
    expect(() => fillDailySeries({}, '2026-11-24', 0)).toThrow(
      'days must be a whole number ≥ 1; got 0',
    );
  });
});

describe('monthlyOf', () => {
  it('sums the 90-day window per month, only the current month partial', () => {
    const daily = fillDailySeries({}, '2026-03-30').map(d => ({
      ...d,
      cost: 1,
    }));
    expect(monthlyOf(daily, '2026-03-30')).toEqual([
      { month: '2025-12', cost: 1, partial: false },
      { month: '2026-01', cost: 31, partial: false },
      { month: '2026-02', cost: 28, partial: false },
      { month: '2026-03', cost: 30, partial: true },
    ]);
  });

  it('fills months without days with 0 and ignores days after today', () => {
    const daily: DailyCost[] = [
      { date: '2026-01-10', cost: 0.1 },
      { date: '2026-01-11', cost: 0.2 },
      { date: '2026-04-01', cost: 7 },
      { date: '2026-04-02', cost: 1000 },
    ];
    expect(monthlyOf(daily, '2026-04-01')).toEqual([
      { month: '2026-01', cost: 0.3, partial: false },
      { month: '2026-02', cost: 0, partial: false },
      { month: '2026-03', cost: 0, partial: false },
      { month: '2026-04', cost: 7, partial: true },
    ]);
  });

  it('is empty without days', () => {
    expect(monthlyOf([], '2026-04-01')).toEqual([]);
  });
});

describe('stackDaily', () => {
  const day = (date: string, cost: number) => ({ date, cost });
  const seriesByKey = {
    sales: [day('2026-11-01', 10), day('2026-11-02', 20)], // 30
    finance: [day('2026-11-01', 50), day('2026-11-02', 10)], // 60
    hr: [day('2026-11-01', 4.1), day('2026-11-02', 5.9)], // 10
    ops: [day('2026-11-02', 0.2)], // 0.2, no first day
  };

  it('keeps the biggest keys, biggest first, and sums the rest into other', () => {
    expect(stackDaily(seriesByKey, 2)).toEqual({
      keys: ['finance', 'sales', 'other'],
      points: [
        {
          period: '2026-11-01',
          values: { finance: 50, sales: 10, other: 4.1 },
        },
        {
          period: '2026-11-02',
          values: { finance: 10, sales: 20, other: 6.1 },
        },
      ],
    });
  });

  it('has no other when every key fits', () => {
    for (const limit of [4, 8]) {
      const stacked = stackDaily(seriesByKey, limit);
      expect(stacked.keys).toEqual(['finance', 'sales', 'hr', 'ops']);
      expect(stacked.points[0].values).toEqual({
        finance: 50,
        sales: 10,
        hr: 4.1,
        ops: 0,
      });
    }
  });

  it('breaks ties by name', () => {
    const stacked = stackDaily(
      {
        b: [day('2026-11-01', 5)],
        a: [day('2026-11-01', 5)],
        c: [day('2026-11-01', 1)],
      },
      1,
    );
    expect(stacked.keys).toEqual(['a', 'other']);
    expect(stacked.points[0].values).toEqual({ a: 5, other: 6 });
  });

  it("counts a domain named 'other' into the other series", () => {
    const stacked = stackDaily(
      { other: [day('2026-11-01', 100)], a: [day('2026-11-01', 5)] },
      2,
    );
    expect(stacked).toEqual({
      keys: ['a', 'other'],
      points: [{ period: '2026-11-01', values: { a: 5, other: 100 } }],
    });
  });

  it('stacks nothing into nothing', () => {
    expect(stackDaily({}, 3)).toEqual({ keys: [], points: [] });
  });

  it('refuses a limit below 1', () => {
    expect(() => stackDaily(seriesByKey, 0)).toThrow(
      'limit must be a whole number ≥ 1; got 0',
    );
  });
});

describe('stackMonthly', () => {
  it('stacks months, ranking keys by their cost over the whole period', () => {
    const seriesByKey = {
      // Big in February, nothing in March: still the biggest over the period.
      finance: [
        { date: '2026-02-27', cost: 900 },
        { date: '2026-03-01', cost: 0 },
      ],
      sales: [
        { date: '2026-02-28', cost: 100 },
        { date: '2026-03-02', cost: 200 },
      ],
      hr: [{ date: '2026-03-02', cost: 50 }],
      iot: [{ date: '2026-03-01', cost: 25.5 }],
    };
    expect(stackMonthly(seriesByKey, '2026-03-02', 2)).toEqual({
      keys: ['finance', 'sales', 'other'],
      points: [
        { period: '2026-02', values: { finance: 900, sales: 100, other: 0 } },
        { period: '2026-03', values: { finance: 0, sales: 200, other: 75.5 } },
      ],
    });
  });
});
