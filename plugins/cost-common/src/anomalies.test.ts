import {
  ANOMALY_MIN_ABSOLUTE,
  anomalyAlert,
  detectAnomalies,
  type DailyCost,
} from './index';
import { series } from './__fixtures__/series';

const TODAY = '2026-11-24';

/** A finance-like subscription: 1,000 on weekdays, 550 on weekends, ±4 % noise that repeats. */
function weekly(from: string, to: string, noise = 0.04): DailyCost[] {
  return series(from, to, (date, weekday) => {
    const level = weekday === 0 || weekday === 6 ? 550 : 1000;
    const wobble = ((Number(date.slice(8, 10)) * 37) % 9) - 4; // −4..4
    return level * (1 + (noise * wobble) / 4);
  });
}

function withCost(daily: DailyCost[], date: string, cost: number) {
  return daily.map(d => (d.date === date ? { date, cost } : d));
}

describe('detectAnomalies', () => {
  it('does not flag a weekday/weekend rhythm with noise', () => {
    const daily = weekly('2026-08-27', TODAY);
    expect(daily.some(d => d.cost < 600)).toBe(true);
    expect(detectAnomalies(daily, TODAY)).toEqual([]);
    expect(detectAnomalies(daily, TODAY, { lookbackDays: 60 })).toEqual([]);
  });

  it('flags a day at four times the usual, and only that day', () => {
    // 2026-11-18 is a Wednesday; without noise the 14 days before are 10 × 1,000 and 4 × 550.
    const daily = withCost(weekly('2026-08-27', TODAY, 0), '2026-11-18', 4000);
    expect(detectAnomalies(daily, TODAY)).toEqual([
      { date: '2026-11-18', cost: 4000, expected: 1000 },
    ]);
  });

  it('flags a ×4 spike among noisy days', () => {
    const daily = weekly('2026-08-27', TODAY);
    const spiked = withCost(daily, '2026-11-18', 4 * 1000);
    const found = detectAnomalies(spiked, TODAY);
    expect(found.map(a => a.date)).toEqual(['2026-11-18']);
    expect(found[0].expected).toBeGreaterThan(960);
    expect(found[0].expected).toBeLessThan(1040);
  });

  it('flags from 1.5 × the baseline when the days before are steady', () => {
    const flat = series('2026-11-01', TODAY, () => 1000);
    expect(detectAnomalies(withCost(flat, '2026-11-20', 1500), TODAY)).toEqual([
      { date: '2026-11-20', cost: 1500, expected: 1000 },
    ]);
    expect(
      detectAnomalies(withCost(flat, '2026-11-20', 1499.99), TODAY),
    ).toEqual([]);
  });

  it('needs 4 scaled MADs above the baseline when the days before vary a lot', () => {
    // Alternating 600/1,400: median 1,000, MAD 400, so the bar is
    // 1,000 + 4 × 1.4826 × 400 = 3,372.16 rather than 1,500.
    const alternating = series('2026-11-01', '2026-11-15', date =>
      Number(date.slice(8, 10)) % 2 === 0 ? 600 : 1400,
    );
    const check = (cost: number) =>
      detectAnomalies(withCost(alternating, '2026-11-15', cost), '2026-11-16');
    expect(check(3300)).toEqual([]);
    expect(check(3400)).toEqual([
      { date: '2026-11-15', cost: 3400, expected: 1000 },
    ]);
  });

  it('does not flag a spike smaller than minAbsolute', () => {
    // A sandbox at 20 a day: 60 is three times the usual but only 40 more.
    const sandbox = withCost(
      series('2026-10-20', TODAY, () => 20),
      '2026-11-20',
      60,
    );
    expect(ANOMALY_MIN_ABSOLUTE).toBe(50);
    expect(detectAnomalies(sandbox, TODAY)).toEqual([]);
    expect(detectAnomalies(sandbox, TODAY, { minAbsolute: 40 })).toEqual([
      { date: '2026-11-20', cost: 60, expected: 20 },
    ]);
    expect(detectAnomalies(sandbox, TODAY, { minAbsolute: 40.01 })).toEqual([]);
  });

  it('never flags today, which is still incomplete', () => {
    const daily = withCost(
      series('2026-10-01', TODAY, () => 1000),
      TODAY,
      50000,
    );
    expect(detectAnomalies(daily, TODAY)).toEqual([]);
  });

  it('needs all 14 days before a day', () => {
    const spike = (from: string) =>
      detectAnomalies(
        withCost(
          series(from, TODAY, () => 1000),
          '2026-11-18',
          4000,
        ),
        TODAY,
      );
    expect(spike('2026-11-05')).toEqual([]); // 13 days before 18 November
    expect(spike('2026-11-04')).toEqual([
      { date: '2026-11-18', cost: 4000, expected: 1000 },
    ]);
    const gap = withCost(
      series('2026-11-01', TODAY, () => 1000),
      '2026-11-18',
      4000,
    ).filter(d => d.date !== '2026-11-10');
    expect(detectAnomalies(gap, TODAY)).toEqual([]);
  });

  it('looks back 30 complete days unless told otherwise', () => {
    const daily = withCost(
      series('2026-09-01', TODAY, () => 1000),
      '2026-10-25',
      4000,
    );
    expect(detectAnomalies(daily, TODAY)).toEqual([
      { date: '2026-10-25', cost: 4000, expected: 1000 },
    ]); // exactly 30 days ago
    const older = withCost(
      series('2026-09-01', TODAY, () => 1000),
      '2026-10-24',
      4000,
    );
    expect(detectAnomalies(older, TODAY)).toEqual([]);
    expect(detectAnomalies(older, TODAY, { lookbackDays: 31 })).toHaveLength(1);
  });

  it('lists several anomalies oldest first and is not thrown off by an earlier one', () => {
    let daily = series('2026-10-01', TODAY, () => 1000);
    daily = withCost(daily, '2026-11-10', 5000);
    daily = withCost(daily, '2026-11-12', 4000);
    expect(detectAnomalies(daily, TODAY).map(a => a.date)).toEqual([
      '2026-11-10',
      '2026-11-12',
    ]);
  });

  it('names a bad option', () => {
    expect(() => detectAnomalies([], TODAY, { lookbackDays: 0 })).toThrow(
      'lookbackDays must be a whole number ≥ 1; got 0',
    );
    expect(() => detectAnomalies([], TODAY, { minAbsolute: -1 })).toThrow(
      'minAbsolute must be a number ≥ 0; got -1',
    );
  });
});

describe('anomalyAlert', () => {
  const input = {
    subscriptionId: '5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b',
    date: '2026-11-18',
    cost: 8420,
    expected: 2050,
    currency: 'USD',
    today: TODAY,
    tenantId: 'contoso.onmicrosoft.com',
    domain: 'finance',
  };

  it('describes the day against the usual, as an active portal alert', () => {
    expect(anomalyAlert(input)).toEqual({
      id: 'anomaly:5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b:2026-11-18',
      kind: 'anomaly',
      source: 'portal',
      status: 'active',
      subscriptionId: '5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b',
      domain: 'finance',
      title: 'Cost on 2026-11-18 was 4.1× the usual (8,420 vs 2,050 USD)',
      detail:
        'The 14 days before cost 2,050 USD a day (median); 2026-11-18 cost 6,370 USD more. Cost analysis grouped by resource shows what ran.',
      currentSpend: 8420,
      expected: 2050,
      currency: 'USD',
      raisedAt: '2026-11-18T00:00:00.000Z',
      portalUrl:
        'https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_Azure_CostManagement/Menu/~/costanalysis/scope/%2Fsubscriptions%2F5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b',
    });
  });

  it('stays active for 30 days, then is resolved', () => {
    expect(anomalyAlert({ ...input, today: '2026-12-18' }).status).toBe(
      'active',
    );
    expect(anomalyAlert({ ...input, today: '2026-12-19' }).status).toBe(
      'resolved',
    );
  });

  it('names the sandbox and words a day after nothing', () => {
    const alert = anomalyAlert({
      ...input,
      domain: undefined,
      sandbox: 'genai-pilot',
      cost: 75.5,
      expected: 0,
    });
    expect(alert.title).toBe(
      'Cost on 2026-11-18 was 75.50 USD, where the days before cost nothing',
    );
    expect(alert.sandbox).toBe('genai-pilot');
    expect(alert).not.toHaveProperty('domain');
  });
});
