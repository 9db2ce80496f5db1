import { CostInputError, projectSandbox } from './index';
import { series } from './__fixtures__/series';

/** 19 a day, like the genai-pilot sandbox. */
const steady = (today: string) => series('2026-10-01', today, () => 19);

describe('projectSandbox', () => {
  it('projects the day the cap is reached, rounding the days up', () => {
    expect(
      projectSandbox({
        daily: steady('2026-11-20'),
        today: '2026-11-20',
        spend: 380,
        cap: 500,
      }),
    ).toEqual({
      dailyRate: 19,
      daysUntilCap: 7, // 120 / 19 = 6.3
      capReachedOn: '2026-11-27',
      capBeforeExpiry: true,
      spendPercent: 76,
    });
  });

  it('needs no extra day when the rest divides exactly, and the month end counts as before', () => {
    const projection = projectSandbox({
      daily: steady('2026-11-24'),
      today: '2026-11-24',
      spend: 386,
      cap: 500,
    });
    expect(projection.daysUntilCap).toBe(6); // 114 / 19
    expect(projection.capReachedOn).toBe('2026-11-30');
    expect(projection.capBeforeExpiry).toBe(true);
  });

  it('compares with the expiry when it comes before the month end', () => {
    const at = (expiresOn: string) =>
      projectSandbox({
        daily: steady('2026-11-20'),
        today: '2026-11-20',
        spend: 380,
        cap: 500,
        expiresOn,
      }).capBeforeExpiry;
    expect(at('2026-11-27')).toBe(true); // reached on the expiry day
    expect(at('2026-11-26')).toBe(false);
    expect(at('2026-11-27T18:00:00Z')).toBe(true);
    expect(at('2026-11-26T23:59:59Z')).toBe(false);
    expect(at('2027-06-30')).toBe(true);
  });

  it('compares with the month end when it comes before the expiry', () => {
    const projection = projectSandbox({
      daily: steady('2026-11-28'),
      today: '2026-11-28',
      spend: 380,
      cap: 500,
      expiresOn: '2026-12-31',
    });
    expect(projection.capReachedOn).toBe('2026-12-05');
    expect(projection.capBeforeExpiry).toBe(false);
  });

  it('uses the month end of February, 29 days in a leap year', () => {
    const at = (year: number) =>
      projectSandbox({
        daily: series(`${year}-02-01`, `${year}-02-25`, () => 19),
        today: `${year}-02-25`,
        spend: 424,
        cap: 500,
      }); // 76 / 19 = 4 days
    expect(at(2028)).toMatchObject({
      capReachedOn: '2028-02-29',
      capBeforeExpiry: true,
    });
    expect(at(2027)).toMatchObject({
      capReachedOn: '2027-03-01',
      capBeforeExpiry: false,
    });
  });

  it('is at 0 days once the cap is reached, even without spending now', () => {
    for (const spend of [500, 520.5]) {
      const projection = projectSandbox({
        daily: series('2026-11-01', '2026-11-20', () => 0),
        today: '2026-11-20',
        spend,
        cap: 500,
        expiresOn: '2026-11-21',
      });
      expect(projection).toEqual({
        dailyRate: 0,
        daysUntilCap: 0,
        capReachedOn: '2026-11-20',
        capBeforeExpiry: true,
        spendPercent: spend === 500 ? 100 : 104.1,
      });
    }
  });

  it('has no projection without spending', () => {
    expect(
      projectSandbox({
        daily: series('2026-11-01', '2026-11-20', () => 0),
        today: '2026-11-20',
        spend: 120,
        cap: 500,
      }),
    ).toEqual({
      dailyRate: 0,
      daysUntilCap: null,
      capReachedOn: null,
      capBeforeExpiry: null,
      spendPercent: 24,
    });
  });

  it('has no projection without a cap', () => {
    expect(
      projectSandbox({
        daily: steady('2026-11-20'),
        today: '2026-11-20',
        spend: 380,
        cap: null,
        expiresOn: '2026-11-25',
      }),
    ).toEqual({
      dailyRate: 19,
      daysUntilCap: null,
      capReachedOn: null,
      capBeforeExpiry: null,
      spendPercent: null,
    });
  });

  it('takes the rate from the 7 complete days before today, missing days as 0', () => {
    const daily = [
      { date: '2026-11-12', cost: 1000 }, // 8 days ago: not counted
      { date: '2026-11-13', cost: 30 },
      { date: '2026-11-16', cost: 40 },
      { date: '2026-11-19', cost: 30 },
      { date: '2026-11-20', cost: 1000 }, // today: incomplete
    ];
    const projection = projectSandbox({
      daily,
      today: '2026-11-20',
      spend: 0,
      cap: 500,
    });
    expect(projection.dailyRate).toBe(14.29); // 100 / 7
    expect(projection.daysUntilCap).toBe(35); // 500 / 14.29 = 34.99
  });

  it('names bad input', () => {
    const base = { daily: [], today: '2026-11-20', spend: 1, cap: 500 };
    expect(() => projectSandbox({ ...base, expiresOn: 'next week' })).toThrow(
      new CostInputError(
        'expiresOn',
        'expiresOn must be a day YYYY-MM-DD or an ISO 8601 timestamp; got "next week"',
      ),
    );
    expect(() => projectSandbox({ ...base, expiresOn: '2026-02-30' })).toThrow(
      CostInputError,
    );
    expect(() => projectSandbox({ ...base, cap: 0 })).toThrow(
      'cap must be a number > 0 or null; got 0',
    );
    expect(() => projectSandbox({ ...base, spend: Number.NaN })).toThrow(
      'spend must be a finite number; got NaN',
    );
  });
});
