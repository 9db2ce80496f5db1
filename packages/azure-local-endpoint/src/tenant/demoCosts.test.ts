import { demoTenantSeed } from './demoTenant';
import { Tenant } from './Tenant';
import {
  FINANCE,
  GENAI_SANDBOX,
  HR,
  PLATFORM_MANAGEMENT,
  SALES,
} from '../__testUtils__/ids';

const OPERATIONS_IOT = 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c';
const MARKETING = '1145b5e0-a60a-4237-aa82-a5754e620c60';
const DAY = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The demo tenant with its clock at noon on the given day. */
function demoAt(date: string) {
  const now = Date.parse(`${date}T12:00:00Z`);
  return {
    tenant: new Tenant(demoTenantSeed(), {
      aliasProvisioningMs: 0,
      now: () => now,
    }),
    now,
  };
}

/** Costs of the `count` complete days before the clock's day, oldest first. */
function pastDays(tenant: Tenant, id: string, now: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    tenant.costs.dailyCost(id, isoDay(now - (count - i) * DAY)),
  );
}

/** One day in each week of a year, so every weekday and month length is met. */
const DATES = Array.from({ length: 53 }, (_, i) =>
  isoDay(Date.parse('2026-01-03T00:00:00Z') + i * 7 * DAY + (i % 7) * DAY),
);

describe('the demo estate’s cost story', () => {
  it.each(DATES)('holds on %s', date => {
    const { tenant, now } = demoAt(date);
    const forecast = (id: string) => tenant.spend.get(id).forecast;

    // Sales: the domain over budget, all month long.
    expect(forecast(SALES)).toBeGreaterThan(15_000);
    // Finance stays under its 25,000 even with its runaway job.
    expect(forecast(FINANCE)).toBeLessThan(25_000);
    // Marketing at risk: close to, but under, its 12,000.
    expect(forecast(MARKETING)).toBeGreaterThan(0.85 * 12_000);
    expect(forecast(MARKETING)).toBeLessThan(12_000);
    // HR spends little; operations-iot stays under its 30,000.
    expect(forecast(HR)).toBeLessThan(0.65 * 8_000);
    expect(forecast(OPERATIONS_IOT)).toBeLessThan(30_000);

    // Finance: one day far above the usual, 6 days ago.
    const finance = pastDays(tenant, FINANCE, now, 30);
    const usual = median(finance.slice(0, 20));
    const anomalous = finance.flatMap((cost, i) =>
      cost > 1.8 * usual ? [30 - i] : [],
    );
    expect(anomalous).toEqual([6]);

    // Operations-iot: the last 30 days cost about 12 % more than the 30 before.
    const opsIot = pastDays(tenant, OPERATIONS_IOT, now, 60);
    const growth =
      opsIot.slice(30).reduce((a, b) => a + b, 0) /
      opsIot.slice(0, 30).reduce((a, b) => a + b, 0);
    expect(growth).toBeGreaterThan(1.09);
    expect(growth).toBeLessThan(1.15);

    // The platform has no budget but costs about 12,000 a month.
    const platform = pastDays(tenant, PLATFORM_MANAGEMENT, now, 30);
    expect(platform.reduce((a, b) => a + b, 0)).toBeGreaterThan(11_000);
    expect(platform.reduce((a, b) => a + b, 0)).toBeLessThan(13_000);
  });

  it.each(['2026-02-10', '2026-07-01', '2026-11-24'])(
    'brings the genai sandbox to its 500 cap around the 26th, before the month ends (%s)',
    date => {
      const { tenant, now } = demoAt(date);
      const first = Date.parse(`${date.slice(0, 8)}01T00:00:00Z`);
      const monthEnd = new Date(now);
      monthEnd.setUTCMonth(monthEnd.getUTCMonth() + 1, 0);
      let total = 0;
      let reachedOn: number | undefined;
      for (let day = 1; day <= monthEnd.getUTCDate(); day++) {
        const d = isoDay(first + (day - 1) * DAY);
        total +=
          tenant.costs.dailyCost(GENAI_SANDBOX, d) +
          tenant.costs.forecastCost(GENAI_SANDBOX, d);
        if (total >= 500 && reachedOn === undefined) reachedOn = day;
      }
      expect(reachedOn).toBeGreaterThanOrEqual(25);
      expect(reachedOn).toBeLessThanOrEqual(27);
      expect(tenant.spend.get(GENAI_SANDBOX).forecast).toBeGreaterThan(500);
    },
  );

  it('has sales past 80 % of its budget around the 21st, as its alert says', () => {
    const { tenant } = demoAt('2026-11-28');
    const [alert] = tenant.costAlerts
      .list([SALES])
      .filter(
        a =>
          a.status === 'Active' &&
          a.notificationName === 'Actual_GreaterThan_80_Percent',
      );
    const day = Number(alert.creationTime.slice(8, 10));
    expect(day).toBeGreaterThanOrEqual(19);
    expect(day).toBeLessThanOrEqual(23);
  });
});
