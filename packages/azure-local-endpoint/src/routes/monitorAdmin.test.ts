import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import { HR } from '../__testUtils__/ids';

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const WORKSPACE = `/subscriptions/${HR}/resourceGroups/rg-dp-hr-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-hr`;
const ACCOUNT = `/subscriptions/${HR}/resourceGroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthrdata`;
const QUERY =
  'ADFPipelineRun | where Status == "Failed" | summarize value = count()';

describe('monitor scenario admin API', () => {
  let endpoint: LocalAzureEndpoint;
  let now = T0;
  const admin = (method: string, path: string, body?: unknown) =>
    call(endpoint, method, `/_admin/monitor${path}`, { body, token: null });

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ now: () => now });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    now = T0;
    endpoint.tenant.reset();
  });

  it('scripts a log signal and a metric (201, then 200 on replace) and shows them with their current value', async () => {
    const script = {
      baseline: 0,
      periodMinutes: 10,
      episodes: [{ fromMinute: 2, toMinute: 4, value: 6 }],
    };
    const created = await admin('PUT', '/log-signals', {
      workspace: WORKSPACE,
      query: QUERY,
      script,
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      workspace: WORKSPACE,
      query: QUERY,
      script,
    });
    const replaced = await admin('PUT', '/log-signals', {
      workspace: WORKSPACE,
      query: `\n${QUERY.replace(/ \| /g, '\n| ')}\n`,
      script,
    });
    expect(replaced.status).toBe(200);

    const metric = await admin('PUT', '/metrics', {
      resourceId: ACCOUNT,
      region: 'westeurope',
      metric: 'Availability',
      unit: 'Percent',
      script: { baseline: 98.5 },
    });
    // The demo seed already scripts this account's availability.
    expect(metric.status).toBe(200);

    now = T0 + 3 * 60_000;
    const scenario = await admin('GET', '/scenario');
    expect(scenario.status).toBe(200);
    expect(scenario.json.at).toBe(new Date(now).toISOString());
    const signals = scenario.json.logSignals.filter(
      (s: any) =>
        s.workspace === WORKSPACE &&
        s.query.trim().replace(/\s+/g, ' ') === QUERY,
    );
    expect(signals).toHaveLength(1);
    expect(signals[0].value).toBe(6);
    expect(
      scenario.json.metrics.filter((m: any) => m.resourceId === ACCOUNT),
    ).toEqual([
      {
        resourceId: ACCOUNT,
        region: 'westeurope',
        metric: 'Availability',
        unit: 'Percent',
        script: { baseline: 98.5 },
        value: 98.5,
      },
    ]);
    // The in-process handle sees the same scenario.
    expect(endpoint.monitor.metricValue(ACCOUNT, 'Availability', now)).toBe(
      98.5,
    );
  });

  it.each([
    [
      '/log-signals',
      { workspace: WORKSPACE, query: QUERY },
      'script: Required',
    ],
    [
      '/log-signals',
      { workspace: 'log-dp-hr', query: QUERY, script: { baseline: 1 } },
      'workspace: must be a workspace resource id /subscriptions/{guid}/resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{name}',
    ],
    [
      '/log-signals',
      { workspace: WORKSPACE, query: ' ', script: { baseline: 1 } },
      'query: must not be empty',
    ],
    [
      '/log-signals',
      {
        workspace: WORKSPACE,
        query: QUERY,
        script: {
          baseline: 1,
          episodes: [{ fromMinute: 0, toMinute: 2, value: 3 }],
        },
      },
      'script.episodes: needs periodMinutes (episodes are minutes of the period)',
    ],
    [
      '/log-signals',
      {
        workspace: WORKSPACE,
        query: QUERY,
        script: {
          baseline: 1,
          periodMinutes: 5,
          episodes: [{ fromMinute: 0, toMinute: 6, value: 3 }],
        },
      },
      'script.episodes.0.toMinute: must be after fromMinute (0) and at most periodMinutes (5), got 6',
    ],
    [
      '/log-signals',
      { workspace: WORKSPACE, query: QUERY, script: { baseline: 1 }, extra: 1 },
      "(body): Unrecognized key(s) in object: 'extra'",
    ],
    [
      '/metrics',
      {
        resourceId: ACCOUNT,
        region: 'West Europe',
        metric: 'Availability',
        script: { baseline: 1 },
      },
      "region: must be an Azure region name in lower case such as westeurope (got 'West Europe')",
    ],
    [
      '/metrics',
      {
        resourceId: 'sthrdata',
        region: 'westeurope',
        metric: 'Availability',
        script: { baseline: 1 },
      },
      'resourceId: must be a resource id /subscriptions/{guid}/resourceGroups/{group}/providers/{namespace}/{type}/{name}',
    ],
    [
      '/metrics',
      {
        resourceId: ACCOUNT,
        region: 'westeurope',
        metric: 'Availability',
        unit: 'percent',
        script: { baseline: 1 },
      },
      'unit: Invalid enum value.',
    ],
    [
      '/metrics',
      {
        resourceId: ACCOUNT,
        region: 'northeurope',
        metric: 'Transactions',
        script: { baseline: 1 },
      },
      `region: resource '${ACCOUNT}' already has metrics in region westeurope, got 'northeurope'`,
    ],
  ])(
    'PUT %s refuses %j with 400 naming the field',
    async (path, body, message) => {
      const before = endpoint.monitor.list();
      const res = await admin('PUT', path, body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('InvalidScenario');
      expect(res.json.error.message.startsWith(message)).toBe(true);
      expect(endpoint.monitor.list()).toEqual(before);
    },
  );

  it('refuses a log signal for a workspace the tenant does not have', async () => {
    const res = await admin('PUT', '/log-signals', {
      workspace: WORKSPACE.replace('log-dp-hr', 'log-dp-elsewhere'),
      query: QUERY,
      script: { baseline: 1 },
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('ResourceNotFound');
  });

  it('clears the scenario, and the tenant reset brings the demo scenario back', async () => {
    const seeded = (await admin('GET', '/scenario')).json;
    expect(seeded.logSignals.length).toBeGreaterThan(0);
    expect((await admin('DELETE', '/scenario')).status).toBe(204);
    expect((await admin('GET', '/scenario')).json).toMatchObject({
      logSignals: [],
      metrics: [],
    });
    expect(
      (await call(endpoint, 'POST', '/_admin/reset', { token: null })).status,
    ).toBe(204);
    expect((await admin('GET', '/scenario')).json).toEqual(seeded);
  });
});
