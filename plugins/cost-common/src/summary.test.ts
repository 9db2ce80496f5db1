import {
  COST_RISK_ORDER,
  CostInputError,
  compareEstateRows,
  summarizeCost,
  type CostSummary,
  type EstateDomainRow,
} from './index';
import { dayOfMonth, series } from './__fixtures__/series';

/** Each day costs its day of the month: sums tell exactly which days were counted. */
function byDayOfMonth(today: string) {
  return summarizeCost({
    daily: series('2025-11-01', today, dayOfMonth),
    today,
    currency: 'USD',
  });
}

/** Sum of 1..n, the cost of the first n days of a month in `byDayOfMonth`. */
const firstDays = (n: number) => (n * (n + 1)) / 2;

describe('summarizeCost: month boundaries', () => {
  it('compares the same days of a shorter last month (2026-03-30 vs February)', () => {
    const summary = byDayOfMonth('2026-03-30');
    expect(summary.monthToDate).toBe(firstDays(30));
    // February 2026 has 28 days: all of them are "the same days".
    expect(summary.lastMonthToDate).toBe(firstDays(28));
    expect(summary.lastMonthTotal).toBe(firstDays(28));
    expect(summary.changeVsLastMonthPercent).toBe(14.5); // 465 vs 406
  });

  it('counts the whole shorter month on the 31st', () => {
    const summary = byDayOfMonth('2026-05-31');
    expect(summary.monthToDate).toBe(firstDays(31));
    expect(summary.lastMonthToDate).toBe(firstDays(30));
    expect(summary.lastMonthTotal).toBe(firstDays(30));
    expect(summary.changeVsLastMonthPercent).toBe(6.7); // 496 vs 465
  });

  it('counts only the 1st of both months on the 1st', () => {
    const summary = byDayOfMonth('2026-03-01');
    expect(summary.monthToDate).toBe(1);
    expect(summary.lastMonthToDate).toBe(1);
    expect(summary.lastMonthTotal).toBe(firstDays(28));
    expect(summary.changeVsLastMonthPercent).toBe(0);
  });

  it('takes December as last month in January', () => {
    const summary = byDayOfMonth('2026-01-15');
    expect(summary.monthToDate).toBe(firstDays(15));
    expect(summary.lastMonthToDate).toBe(firstDays(15));
    expect(summary.lastMonthTotal).toBe(firstDays(31));
  });

  it('counts 29 February days in a leap year', () => {
    const summary = byDayOfMonth('2028-03-30');
    expect(summary.lastMonthToDate).toBe(firstDays(29));
    expect(summary.lastMonthTotal).toBe(firstDays(29));
    expect(summary.changeVsLastMonthPercent).toBe(6.9); // 465 vs 435
  });

  it('handles today = 29 February of a leap year', () => {
    const summary = byDayOfMonth('2028-02-29');
    expect(summary.monthToDate).toBe(firstDays(29));
    expect(summary.lastMonthToDate).toBe(firstDays(29));
    expect(summary.lastMonthTotal).toBe(firstDays(31));
  });

  it('ignores days after today and before last month', () => {
    const summary = summarizeCost({
      daily: [
        { date: '2026-01-31', cost: 1000 },
        { date: '2026-02-03', cost: 7 },
        { date: '2026-03-03', cost: 5 },
        { date: '2026-03-04', cost: 1000 },
      ],
      today: '2026-03-03',
      currency: 'EUR',
    });
    expect(summary).toMatchObject({
      currency: 'EUR',
      monthToDate: 5,
      lastMonthToDate: 7,
      lastMonthTotal: 7,
    });
  });

  it('adds up in cents, without binary fractions', () => {
    const summary = summarizeCost({
      daily: [
        { date: '2026-03-01', cost: 0.1 },
        { date: '2026-03-02', cost: 0.2 },
      ],
      today: '2026-03-02',
      currency: 'USD',
    });
    expect(summary.monthToDate).toBe(0.3);
  });
});

describe('summarizeCost: change against last month', () => {
  it('is null when the same days of last month cost nothing', () => {
    // Cost started on 20 February: the first 10 days of February were free.
    const summary = summarizeCost({
      daily: series('2026-02-20', '2026-03-10', () => 100),
      today: '2026-03-10',
      currency: 'USD',
    });
    expect(summary.lastMonthToDate).toBe(0);
    expect(summary.lastMonthTotal).toBe(900);
    expect(summary.changeVsLastMonthPercent).toBeNull();
  });

  it('is negative when the month is cheaper', () => {
    const summary = summarizeCost({
      daily: [
        { date: '2026-02-01', cost: 300 },
        { date: '2026-03-01', cost: 200 },
      ],
      today: '2026-03-01',
      currency: 'USD',
    });
    expect(summary.changeVsLastMonthPercent).toBe(-33.3);
  });
});

describe('summarizeCost: forecast source', () => {
  const daily = [{ date: '2026-11-10', cost: 5000 }];
  const base = { daily, today: '2026-11-20', currency: 'USD' };
  const budget = (forecastSpend: number | null) => ({
    name: 'budget-dp-domain-sales',
    amount: 15000,
    forecastSpend,
  });

  it("uses the budget's Azure forecast when it is at least month-to-date", () => {
    const summary = summarizeCost({
      ...base,
      budget: budget(17420),
      estateShareForecastRemaining: 100,
    });
    expect(summary).toMatchObject({
      forecastMonthEnd: 17420,
      forecastSource: 'azure-budget',
      budgetName: 'budget-dp-domain-sales',
      budget: 15000,
    });
  });

  it('accepts a budget forecast equal to month-to-date', () => {
    const summary = summarizeCost({ ...base, budget: budget(5000) });
    expect(summary.forecastSource).toBe('azure-budget');
    expect(summary.forecastMonthEnd).toBe(5000);
  });

  it('falls back to the estate share when the budget forecast is below month-to-date', () => {
    const summary = summarizeCost({
      ...base,
      budget: budget(4999.99),
      estateShareForecastRemaining: 2500.5,
    });
    expect(summary.forecastSource).toBe('azure-estate-share');
    expect(summary.forecastMonthEnd).toBe(7500.5);
  });

  it('uses the estate share when the budget has no forecast', () => {
    const summary = summarizeCost({
      ...base,
      budget: budget(null),
      estateShareForecastRemaining: 0,
    });
    expect(summary.forecastSource).toBe('azure-estate-share');
    expect(summary.forecastMonthEnd).toBe(5000);
  });

  it('uses the estate share without a budget, and has no risk ratio then', () => {
    const summary = summarizeCost({
      ...base,
      estateShareForecastRemaining: 1000,
    });
    expect(summary).toMatchObject({
      forecastMonthEnd: 6000,
      forecastSource: 'azure-estate-share',
      budget: null,
      burnPercent: null,
      forecastPercent: null,
      riskRatio: null,
      risk: 'no-budget',
    });
    expect(summary.budgetName).toBeUndefined();
  });

  it('has no forecast when the budget forecast is stale and there is no share', () => {
    const summary = summarizeCost({
      ...base,
      budget: budget(100),
      estateShareForecastRemaining: null,
    });
    expect(summary.forecastSource).toBe('none');
    expect(summary.forecastMonthEnd).toBeNull();
    expect(summary.forecastPercent).toBeNull();
    expect(summary.riskRatio).toBeNull();
  });

  it('has no forecast with nothing to go on', () => {
    const summary = summarizeCost(base);
    expect(summary.forecastSource).toBe('none');
    expect(summary.forecastMonthEnd).toBeNull();
  });
});

describe('summarizeCost: risk', () => {
  /** Month-to-date `mtd` (one day) and the budget's forecast `forecast`. */
  function riskOf(
    mtd: number,
    forecast: number | null,
    amount: number,
  ): CostSummary {
    return summarizeCost({
      daily: [{ date: '2026-11-05', cost: mtd }],
      today: '2026-11-20',
      currency: 'USD',
      budget: { name: 'b', amount, forecastSpend: forecast },
    });
  }

  it.each([
    // mtd, forecast, budget, risk
    [1000, 1000, 1000, 'over-budget'], // mtd exactly 1.0
    [1200, 1500, 1000, 'over-budget'],
    [999.99, 1000, 1000, 'forecast-over-budget'], // forecast exactly 1.0
    [500, 1400, 1000, 'forecast-over-budget'],
    [500, 999.99, 1000, 'at-risk'],
    [500, 900, 1000, 'at-risk'], // forecast exactly 0.9
    [500, 899.99, 1000, 'on-track'],
    [500, 13500, 15000, 'at-risk'],
    [500, 13499.99, 15000, 'on-track'],
    [500, 11111.1, 12345.67, 'on-track'], // 0.8999999…
    [500, 11111.11, 12345.67, 'at-risk'],
    [0, 0, 1000, 'on-track'],
  ] as const)(
    'mtd %d, forecast %d, budget %d → %s',
    (mtd, forecast, amount, risk) => {
      expect(riskOf(mtd, forecast, amount).risk).toBe(risk);
    },
  );

  it('treats a forecast of exactly 90 % as at risk for any budget in cents', () => {
    const misses: number[] = [];
    for (let tenths = 1; tenths < 200_000; tenths += 7) {
      // budget = tenths × 10 cents, forecast = tenths × 9 cents: exactly 0.9.
      const summary = riskOf(0, (tenths * 9) / 100, (tenths * 10) / 100);
      if (summary.risk !== 'at-risk') misses.push(tenths);
      const below = riskOf(0, (tenths * 9 - 1) / 100, (tenths * 10) / 100);
      if (below.risk !== 'on-track') misses.push(-tenths);
    }
    expect(misses).toEqual([]);
  });

  it('judges by month-to-date alone when a budget has no forecast', () => {
    expect(riskOf(999.99, null, 1000).risk).toBe('on-track');
    expect(riskOf(1000, null, 1000).risk).toBe('over-budget');
  });

  it('is no-budget without a budget, even when spending a lot', () => {
    const summary = summarizeCost({
      daily: [{ date: '2026-11-05', cost: 1e6 }],
      today: '2026-11-20',
      currency: 'USD',
      estateShareForecastRemaining: 1e6,
    });
    expect(summary.risk).toBe('no-budget');
  });

  it('reports burn, forecast percent and the unrounded ratio', () => {
    const summary = riskOf(3333.33, 14000, 15000);
    expect(summary.burnPercent).toBe(22.2);
    expect(summary.forecastPercent).toBe(93.3);
    expect(summary.riskRatio).toBe(14000 / 15000);
    expect(summary.risk).toBe('at-risk');
  });

  it('refuses a budget amount that is not positive, naming the field', () => {
    expect(() => riskOf(1, 1, 0)).toThrow(
      new CostInputError(
        'budget.amount',
        'budget.amount must be a number > 0; got 0',
      ),
    );
    expect(() => riskOf(1, 1, -5)).toThrow(
      expect.objectContaining({
        name: 'CostInputError',
        field: 'budget.amount',
      }),
    );
  });

  it('refuses a today that is not a calendar day', () => {
    expect(() =>
      summarizeCost({ daily: [], today: '2026-02-30', currency: 'USD' }),
    ).toThrow(
      'today must be a calendar day YYYY-MM-DD (UTC); got "2026-02-30"',
    );
  });

  it('refuses a day of the series that is not a cost', () => {
    expect(() =>
      summarizeCost({
        daily: [{ date: '2026-02-03', cost: Number.NaN }],
        today: '2026-02-05',
        currency: 'USD',
      }),
    ).toThrow('the cost of 2026-02-03 must be a finite number; got NaN');
  });
});

describe('COST_RISK_ORDER', () => {
  it('puts the worst risk first', () => {
    expect(COST_RISK_ORDER).toEqual({
      'over-budget': 0,
      'forecast-over-budget': 1,
      'at-risk': 2,
      'on-track': 3,
      'no-budget': 4,
      'no-data': 5,
    });
  });
});

describe('compareEstateRows', () => {
  function row(
    name: string,
    riskRatio: number | null,
    monthToDate?: number,
  ): EstateDomainRow {
    return {
      entityRef: `domain:default/${name}`,
      name,
      monthly: [],
      activeAlerts: 0,
      ...(monthToDate === undefined
        ? { problem: 'no subscription' }
        : {
            summary: {
              currency: 'USD',
              monthToDate,
              lastMonthToDate: 0,
              lastMonthTotal: 0,
              changeVsLastMonthPercent: null,
              forecastMonthEnd: null,
              forecastSource: 'none',
              budget: null,
              burnPercent: null,
              forecastPercent: null,
              riskRatio,
              risk: 'on-track',
            },
          }),
    };
  }

  it('ranks by risk ratio, then month-to-date, then name; rows without figures last', () => {
    const rows = [
      row('problem-b', null),
      row('hr', 0.5, 100),
      row('platform', null, 12000),
      row('problem-a', null),
      row('sales', 1.2, 9000),
      row('finance', 1.2, 21000),
      row('ops', null, 3000),
      row('zeta', 0.5, 100),
      row('alpha', 0.5, 100),
    ];
    expect(rows.sort(compareEstateRows).map(r => r.name)).toEqual([
      'finance',
      'sales',
      'alpha',
      'hr',
      'zeta',
      'platform',
      'ops',
      'problem-a',
      'problem-b',
    ]);
  });
});
