import { ArmError } from '../arm/errors';
import { CostProfileInput } from './costs';
import { Tenant } from './Tenant';
import { TenantSeed } from './types';

const SUB = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
/** A Tuesday; 2026-11-21 is a Saturday, 2026-11-20 a Friday. */
const NOON = Date.parse('2026-11-24T12:00:00Z');

function tenantWith(
  profiles: Record<string, CostProfileInput>,
  now: () => number = () => NOON,
) {
  const seed: TenantSeed = {
    tenantId: '33333333-3333-4333-8333-333333333333',
    managementGroups: [
      { id: '33333333-3333-4333-8333-333333333333', displayName: 'Root' },
    ],
    subscriptions: [SUB, OTHER].map(subscriptionId => ({
      subscriptionId,
      displayName: subscriptionId.slice(0, 4),
      managementGroupId: '33333333-3333-4333-8333-333333333333',
      tags: {},
    })),
    costProfiles: profiles,
  };
  return new Tenant(seed, { aliasProvisioningMs: 0, now });
}

const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000)
      .toISOString()
      .slice(0, 10),
  );

describe('the cost model', () => {
  it('averages monthlyRunRate / 30 a day over a week, weekends at weekendFactor of a weekday', () => {
    const { costs } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, weekendFactor: 0.5 },
    });
    // Weekday = 100 × 7 / (5 + 2 × 0.5).
    expect(costs.dailyCost(SUB, '2026-11-20')).toBe(116.67);
    expect(costs.dailyCost(SUB, '2026-11-21')).toBe(58.33);
    const week = days('2026-11-16', 7).map(d => costs.dailyCost(SUB, d));
    expect(week.reduce((a, b) => a + b, 0)).toBeCloseTo(700, 1);
  });

  it('grows by monthlyGrowth every 30 days, backwards for the past and on into the forecast', () => {
    const { costs } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, monthlyGrowth: 0.12 },
    });
    const yesterday = costs.dailyCost(SUB, '2026-11-23');
    const monthBefore = costs.dailyCost(SUB, '2026-10-24');
    expect(yesterday / monthBefore).toBeCloseTo(1.12, 3);
    const inThirtyDays = costs.forecastCost(SUB, '2026-12-24');
    expect(inThirtyDays / 100).toBeCloseTo(1.12, 3);
  });

  it('adds deterministic noise per subscription and day, within the profile’s fraction', () => {
    const profile = { monthlyRunRate: 3000, noise: 0.04 };
    const first = tenantWith({ [SUB]: profile, [OTHER]: profile });
    const again = tenantWith({ [SUB]: profile });
    const month = days('2026-10-01', 31);
    const costs = month.map(d => first.costs.dailyCost(SUB, d));
    expect(month.map(d => again.costs.dailyCost(SUB, d))).toEqual(costs);
    for (const cost of costs) {
      expect(cost).toBeGreaterThanOrEqual(96);
      expect(cost).toBeLessThanOrEqual(104);
    }
    expect(new Set(costs).size).toBeGreaterThan(20);
    // Another subscription with the same profile has other noise.
    expect(month.map(d => first.costs.dailyCost(OTHER, d))).not.toEqual(costs);
  });

  it('multiplies an anomaly’s day by its factor and leaves the forecast without it', () => {
    const { costs } = tenantWith({
      [SUB]: {
        monthlyRunRate: 3000,
        anomalies: [{ daysAgo: 6, factor: 4 }],
      },
    });
    expect(costs.dailyCost(SUB, '2026-11-18')).toBe(400);
    expect(costs.dailyCost(SUB, '2026-11-17')).toBe(100);
    expect(costs.dailyCost(SUB, '2026-11-19')).toBe(100);
    expect(costs.forecastCost(SUB, '2026-11-25')).toBe(100);
  });

  it('costs nothing before startDaysAgo and nothing without a profile', () => {
    const { costs, spend } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, startDaysAgo: 10 },
    });
    expect(costs.dailyCost(SUB, '2026-11-13')).toBe(0);
    expect(costs.dailyCost(SUB, '2026-11-14')).toBe(100);
    expect(costs.dailyCost(OTHER, '2026-11-14')).toBe(0);
    expect(costs.forecastCost(OTHER, '2026-11-30')).toBe(0);
    expect(spend.get(OTHER)).toEqual({ amount: 0, forecast: 0 });
  });

  it('counts today by the whole hours passed and forecasts the rest of it', () => {
    let now = NOON;
    const { costs } = tenantWith(
      { [SUB]: { monthlyRunRate: 3000, noise: 0.04 } },
      () => now,
    );
    const full = costs.dailyCost(SUB, '2026-11-23');
    expect(full).not.toBe(100);
    expect(costs.forecastCost(SUB, '2026-11-23')).toBe(0);
    expect(costs.forecastCost(SUB, '2026-11-24')).toBe(50);
    const partial = costs.dailyCost(SUB, '2026-11-24');
    expect(partial).toBeGreaterThanOrEqual(48);
    expect(partial).toBeLessThanOrEqual(52);
    now = NOON + 59 * 60_000;
    expect(costs.dailyCost(SUB, '2026-11-24')).toBe(partial);
    now = Date.parse('2026-11-24T18:00:00Z');
    expect(costs.dailyCost(SUB, '2026-11-24')).toBeCloseTo(partial * 1.5, 1);
    expect(costs.forecastCost(SUB, '2026-11-24')).toBe(25);
    // Nothing is actual ahead of the clock.
    expect(costs.dailyCost(SUB, '2026-11-25')).toBe(0);
  });

  it('reports month-to-date and forecast spend as the sums of the daily costs', () => {
    const { costs, spend } = tenantWith({
      [SUB]: { monthlyRunRate: 4321, weekendFactor: 0.6, noise: 0.05 },
    });
    const soFar = days('2026-11-01', 24).map(d => costs.dailyCost(SUB, d));
    const ahead = days('2026-11-24', 7).map(d => costs.forecastCost(SUB, d));
    const { amount, forecast } = spend.get(SUB);
    expect(amount).toBeCloseTo(
      soFar.reduce((a, b) => a + b, 0),
      2,
    );
    expect(forecast).toBeCloseTo(amount + ahead.reduce((a, b) => a + b, 0), 2);
  });

  it('refuses a bad profile naming the field and what is allowed', () => {
    const tenant = tenantWith({});
    const problem = (profile: unknown) => {
      let error: unknown;
      try {
        tenant.costs.setProfile(SUB, profile as CostProfileInput);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ArmError);
      expect((error as ArmError).code).toBe('InvalidCostProfile');
      return (error as ArmError).message;
    };
    expect(problem({ monthlyRunRate: 100, weekendFactor: 2 })).toBe(
      'weekendFactor: must be from 0 to 1 (a weekend day costs this times a weekday)',
    );
    expect(problem({})).toMatch(/^monthlyRunRate: is required/);
    expect(problem({ monthlyRunRate: 100, noise: 0.9 })).toMatch(
      /^noise: must be from 0 to 0.5/,
    );
    expect(
      problem({
        monthlyRunRate: 100,
        anomalies: [{ daysAgo: 1.5, factor: 2 }],
      }),
    ).toBe('anomalies.0.daysAgo: must be a whole number of days');
    expect(problem({ monthlyRunRate: 100, currency: 'EUR' })).toMatch(
      /^\(body\): Unrecognized key/,
    );
  });
});

describe('setting the month’s spend', () => {
  it('scales the month so far to the amount, keeping each day’s share, and the forecast with it', () => {
    const { costs, spend } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, weekendFactor: 0.5, noise: 0.04 },
    });
    const before = spend.get(SUB);
    const friday = costs.dailyCost(SUB, '2026-11-20');
    const saturday = costs.dailyCost(SUB, '2026-11-21');

    expect(spend.set(SUB, before.amount * 2).amount).toBe(
      Math.round(before.amount * 200) / 100,
    );
    expect(costs.dailyCost(SUB, '2026-11-20')).toBeCloseTo(friday * 2, 1);
    expect(costs.dailyCost(SUB, '2026-11-21')).toBeCloseTo(saturday * 2, 1);
    expect(spend.get(SUB).forecast).toBeCloseTo(before.forecast * 2, 0);
    // Last month is not touched.
    const { costs: untouched } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, weekendFactor: 0.5, noise: 0.04 },
    });
    expect(costs.dailyCost(SUB, '2026-10-31')).toBe(
      untouched.dailyCost(SUB, '2026-10-31'),
    );
  });

  it('adds up to the amount to the cent and spreads a given forecast over the days left', () => {
    const { costs, spend } = tenantWith({
      [SUB]: { monthlyRunRate: 3000, noise: 0.04 },
    });
    expect(spend.set(SUB, 1234.57, 2000.01)).toEqual({
      amount: 1234.57,
      forecast: 2000.01,
    });
    const soFar = days('2026-11-01', 24).map(d => costs.dailyCost(SUB, d));
    const ahead = days('2026-11-24', 7).map(d => costs.forecastCost(SUB, d));
    expect(Math.round(soFar.reduce((a, b) => a + b, 0) * 100)).toBe(123457);
    expect(Math.round(ahead.reduce((a, b) => a + b, 0) * 100)).toBe(
      200001 - 123457,
    );
  });

  it('spreads an amount evenly over the days passed when the subscription has no profile', () => {
    const { costs, spend } = tenantWith({});
    const set = spend.set(OTHER, 211.37);
    expect(set.amount).toBe(211.37);
    // 23.5 days passed: the same pace for the 6.5 days left (each in cents).
    expect(set.forecast).toBeCloseTo((211.37 / 23.5) * 30, 1);
    expect(costs.dailyCost(OTHER, '2026-11-02')).toBeCloseTo(211.37 / 23.5, 1);
  });

  it('gives way to a new profile, and does not reach into the next month', () => {
    let now = NOON;
    const tenant = tenantWith({ [SUB]: { monthlyRunRate: 3000 } }, () => now);
    tenant.spend.set(SUB, 10_000);
    expect(tenant.spend.get(SUB).amount).toBe(10_000);
    now = Date.parse('2026-12-02T00:00:00Z');
    expect(tenant.spend.get(SUB).amount).toBe(100);
    expect(tenant.costs.dailyCost(SUB, '2026-11-30')).toBeGreaterThan(400);
    now = NOON;
    tenant.costs.setProfile(SUB, { monthlyRunRate: 3000 });
    expect(tenant.spend.get(SUB).amount).toBe(2350);
  });
});
