import { demoTenantSeed } from './demoTenant';
import {
  normalizeQuery,
  parseResourceId,
  scenarioScriptSchema,
  valueAt,
} from './monitor';
import { Tenant } from './Tenant';

const MINUTE = 60_000;
/** A moment at the start of a minute that is a multiple of 60, 20 and 30. */
const T0 = Date.UTC(2026, 4, 1, 12, 0);

describe('monitor scripts', () => {
  it('without a period, is the constant baseline', () => {
    for (const at of [T0, T0 + 7 * MINUTE, T0 + 86_400_000]) {
      expect(valueAt({ baseline: 12.5 }, 'k', at)).toBe(12.5);
    }
  });

  it('takes the episode of the minute within the period, and the baseline outside', () => {
    const script = {
      baseline: 1,
      periodMinutes: 20,
      episodes: [
        { fromMinute: 8, toMinute: 13, value: 2 },
        { fromMinute: 13, toMinute: 16, value: null },
      ],
    };
    const at = (minute: number, second = 0) =>
      valueAt(script, 'k', T0 + minute * MINUTE + second * 1000);
    expect([0, 7, 8, 12, 13, 15, 16, 19].map(m => at(m))).toEqual([
      1,
      1,
      2,
      2,
      null,
      null,
      1,
      1,
    ]);
    // The same minute of the next period, and any second within a minute.
    expect(at(20 + 9)).toBe(2);
    expect(at(12, 59)).toBe(2);
    expect(at(13, 0)).toBeNull();
  });

  it('jitters deterministically within the bound, per signal and minute', () => {
    const script = { baseline: 100, jitter: 5, periodMinutes: 60 };
    const values = Array.from({ length: 120 }, (_, m) =>
      valueAt(script, 'signal-a', T0 + m * MINUTE),
    ) as number[];
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(95);
      expect(v).toBeLessThanOrEqual(105);
    }
    // It moves (not one repeated value) and spreads over most of the band.
    expect(new Set(values).size).toBeGreaterThan(100);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(8);
    // Same key and minute, same value; any second of the minute; another key differs.
    expect(valueAt(script, 'signal-a', T0 + 30_000)).toBe(values[0]);
    const other = Array.from({ length: 10 }, (_, m) =>
      valueAt(script, 'signal-b', T0 + m * MINUTE),
    );
    expect(other).not.toEqual(values.slice(0, 10));
  });

  it.each([
    [
      { baseline: 1, jitter: 1 },
      'jitter: needs periodMinutes (without a period the value is the constant baseline)',
    ],
    [
      { baseline: 1, episodes: [{ fromMinute: 0, toMinute: 1, value: 2 }] },
      'episodes: needs periodMinutes (episodes are minutes of the period)',
    ],
    [
      {
        baseline: 1,
        periodMinutes: 10,
        episodes: [{ fromMinute: 5, toMinute: 11, value: 2 }],
      },
      'episodes.0.toMinute: must be after fromMinute (5) and at most periodMinutes (10), got 11',
    ],
    [
      {
        baseline: 1,
        periodMinutes: 10,
        episodes: [
          { fromMinute: 2, toMinute: 6, value: 2 },
          { fromMinute: 5, toMinute: 8, value: 3 },
        ],
      },
      'episodes.1.fromMinute: overlaps episode 0',
    ],
    [{ baseline: '1' }, 'baseline: Expected number, received string'],
    [
      { baseline: 1, periodMinutes: 0 },
      'periodMinutes: Number must be greater than or equal to 1',
    ],
    [{ baseline: 1, cadence: 5 }, ": Unrecognized key(s) in object: 'cadence'"],
  ])('refuses %j, naming the field', (script, message) => {
    const result = scenarioScriptSchema.safeParse(script);
    expect(result.success).toBe(false);
    const issue = !result.success && result.error.issues[0];
    expect(issue && `${issue.path.join('.')}: ${issue.message}`).toBe(message);
  });

  it('matches queries whatever their surrounding and repeated whitespace', () => {
    expect(normalizeQuery('\n  T\n|  where x == 1 \n\t| count\n')).toBe(
      'T | where x == 1 | count',
    );
  });

  it('reads the subscription and type of resource ids, nested types included', () => {
    expect(
      parseResourceId(
        '/subscriptions/45D320D6-9d7e-43c0-9d51-7ced0a5451d2/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/databases/db1',
      ),
    ).toEqual({
      subscriptionId: '45d320d6-9d7e-43c0-9d51-7ced0a5451d2',
      type: 'Microsoft.Sql/servers/databases',
    });
    expect(
      parseResourceId('/subscriptions/x/resourceGroups/rg'),
    ).toBeUndefined();
  });
});

describe('the tenant monitor scenario', () => {
  let now = T0;
  const tenant = new Tenant(demoTenantSeed(), {
    aliasProvisioningMs: 0,
    now: () => now,
  });
  const workspace =
    '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr';
  const account =
    '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406/resourceGroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthrtest';

  beforeEach(() => {
    now = T0;
    tenant.reset();
  });

  it('replaces the script of the same query and metric, case- and whitespace-insensitively', () => {
    expect(
      tenant.monitor.setLogSignal({
        workspace,
        query: 'Heartbeat | count',
        script: { baseline: 1 },
      }).created,
    ).toBe(true);
    expect(
      tenant.monitor.setLogSignal({
        workspace: workspace
          .toUpperCase()
          .replace('/SUBSCRIPTIONS/', '/subscriptions/'),
        query: '  Heartbeat\n|   count ',
        script: { baseline: 2 },
      }).created,
    ).toBe(false);
    expect(tenant.monitor.logValue(workspace, 'Heartbeat | count', now)).toBe(
      2,
    );
    expect(tenant.monitor.logValue(workspace, 'Heartbeat | take 1', now)).toBe(
      undefined,
    );

    tenant.monitor.setMetric({
      resourceId: account,
      region: 'westeurope',
      metric: 'Availability',
      script: { baseline: 99 },
    });
    tenant.monitor.setMetric({
      resourceId: account.toLowerCase(),
      region: 'westeurope',
      metric: 'availability',
      script: { baseline: 98 },
    });
    expect(tenant.monitor.metricsOf(account)).toHaveLength(1);
    expect(tenant.monitor.metricValue(account, 'AVAILABILITY', now)).toBe(98);
  });

  it('needs the workspace of a log signal to exist, and one region per resource', () => {
    expect(() =>
      tenant.monitor.setLogSignal({
        workspace: workspace.replace('log-dp-hr', 'log-missing'),
        query: 'Heartbeat',
        script: { baseline: 1 },
      }),
    ).toThrow(/log-missing/);
    tenant.monitor.setMetric({
      resourceId: account,
      region: 'westeurope',
      metric: 'Availability',
      script: { baseline: 99 },
    });
    expect(() =>
      tenant.monitor.setMetric({
        resourceId: account,
        region: 'northeurope',
        metric: 'Transactions',
        script: { baseline: 1 },
      }),
    ).toThrow(
      `region: resource '${account}' already has metrics in region westeurope, got 'northeurope'`,
    );
  });

  it('lists scripts with their value on the tenant clock; reset brings back the seed, clear empties it', () => {
    const seeded = tenant.monitor.list();
    expect(seeded.at).toBe(new Date(T0).toISOString());
    expect(seeded.logSignals.length).toBeGreaterThan(20);
    tenant.monitor.setLogSignal({
      workspace,
      query: 'Heartbeat | count',
      script: {
        baseline: 3,
        periodMinutes: 10,
        episodes: [{ fromMinute: 5, toMinute: 6, value: null }],
      },
    });
    now = T0 + 5 * MINUTE;
    const entry = tenant.monitor
      .list()
      .logSignals.find(s => s.query === 'Heartbeat | count');
    expect(entry).toMatchObject({ workspace, value: null });

    tenant.monitor.clear();
    expect(tenant.monitor.list()).toMatchObject({
      logSignals: [],
      metrics: [],
    });
    tenant.reset();
    expect(tenant.monitor.list().logSignals).toHaveLength(
      seeded.logSignals.length,
    );
    expect(tenant.monitor.list().metrics).toHaveLength(seeded.metrics.length);
  });
});
