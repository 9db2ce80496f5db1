import { StackedSeries } from '@dataplatform/plugin-cost-common';
import {
  dailySeries,
  financeAnomaly,
  platformCost,
  salesActualAlert,
  salesCost,
  salesDaily,
} from '../__testUtils__/fixtures';
import {
  anomalyDays,
  dailySummary,
  forecastSourceText,
  gaugeSummary,
  lastDays,
  monthlySummary,
  seriesTotals,
  stackedRows,
  stackedSummary,
  withTrailingAverage,
} from './series';

describe('withTrailingAverage', () => {
  it('averages each day with the 6 before it, leaving out today and the first 6 days', () => {
    const daily = [1, 2, 3, 4, 5, 6, 7, 8, 100].map((cost, i) => ({
      date: `2026-11-0${i + 1}`,
      cost,
    }));
    const points = withTrailingAverage(daily);
    expect(points.map(p => p.average)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      4,
      5,
      null,
    ]);
    expect(points.map(p => p.partial)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('rounds averages to cents', () => {
    const daily = [1, 1, 1, 1, 1, 1, 2, 0].map((cost, i) => ({
      date: `2026-11-0${i + 1}`,
      cost,
    }));
    expect(withTrailingAverage(daily)[6].average).toBe(1.14);
  });
});

describe('summaries', () => {
  it('says what the gauge shows, in numbers', () => {
    expect(gaugeSummary(salesCost().summary)).toBe(
      'Month to date 12,000 USD of a 15,000 USD budget (80%). Forecast at month end 17,420 USD (116.1% of the budget). Forecast over budget.',
    );
    expect(gaugeSummary(platformCost().summary)).toBe(
      'Month to date 9,600 USD; no budget. Forecast at month end 12,000 USD. No budget.',
    );
  });

  it('names the source of the forecast', () => {
    expect(forecastSourceText(salesCost().summary)).toBe(
      "Azure's forecast for budget budget-dp-domain-sales",
    );
    expect(forecastSourceText(platformCost().summary)).toMatch(
      /^the estate's Azure forecast for the rest of the month/,
    );
    expect(
      forecastSourceText({ ...salesCost().summary, forecastSource: 'none' }),
    ).toBe('no forecast: Azure gave none for this subscription');
  });

  it('sums up a daily series: total, highest day, today and the last 7 complete days', () => {
    const daily = dailySeries(500, 445, 430, { '2026-11-18': 2_050 });
    expect(dailySummary(lastDays(daily, 10), 'USD')).toBe(
      'Daily cost, 15 Nov to 24 Nov (10 days): 6,550 USD in all; highest 2,050 USD on 18 Nov; today so far 500 USD; average of the last 7 complete days 721 USD.',
    );
    expect(dailySummary([], 'USD')).toBe('No daily cost to show.');
  });

  it('lists every month and the budget', () => {
    expect(monthlySummary(salesCost().monthly, 'USD', 15_000)).toBe(
      'Monthly cost: Aug 2026 2,150 USD; Sep 2026 12,900 USD; Oct 2026 13,795 USD; Nov 2026 (so far) 12,000 USD. Budget 15,000 USD a month.',
    );
    expect(monthlySummary([], 'USD', null)).toBe(
      'Monthly cost: none. No monthly budget.',
    );
  });

  it('totals a stacked series per key, biggest first, and lays it out for the chart', () => {
    const series: StackedSeries = {
      keys: ['sales', 'finance', 'other'],
      points: [
        { period: '2026-10', values: { sales: 100, finance: 300, other: 5 } },
        { period: '2026-11', values: { sales: 150, finance: 20 } },
      ],
    };
    expect(seriesTotals(series)).toEqual([
      { key: 'finance', total: 320 },
      { key: 'sales', total: 250 },
      { key: 'other', total: 5 },
    ]);
    expect(stackedSummary(series, 'monthly', 'USD')).toBe(
      'Cost by domain per month, Oct 2026 to Nov 2026; totals: finance 320 USD, sales 250 USD, other 5.00 USD.',
    );
    expect(stackedRows(series)).toEqual([
      { period: '2026-10', sales: 100, finance: 300, other: 5 },
      { period: '2026-11', sales: 150, finance: 20, other: 0 },
    ]);
    expect(stackedSummary({ keys: [], points: [] }, 'daily', 'USD')).toBe(
      'No cost to show.',
    );
  });

  it('finds the days of anomaly alerts', () => {
    expect(anomalyDays({ alerts: [salesActualAlert, financeAnomaly] })).toEqual(
      new Set(['2026-11-18']),
    );
  });

  it('takes the last days of a series', () => {
    expect(lastDays(salesDaily, 3).map(d => d.date)).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
  });
});
