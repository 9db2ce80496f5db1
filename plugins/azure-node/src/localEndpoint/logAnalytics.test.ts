import {
  azureError,
  FINANCE,
  HR,
  useLocalAzureEndpoint,
} from '../__testUtils__/localEndpoint';

const RG = 'rg-dp-finance-monitoring';
const poll = { updateIntervalInMs: 10 };

/** `@azure/arm-operationalinsights` through the access layer, against the local endpoint. */
describe('Log Analytics through the SDK', () => {
  const local = useLocalAzureEndpoint();
  const la = () => local.clients.logAnalytics(FINANCE);

  it('creates a workspace with a finished long-running PUT, and a second PUT keeps one', async () => {
    const created = await la().workspaces.beginCreateOrUpdateAndWait(
      RG,
      'log-dp-finance-ingest',
      {
        location: 'westeurope',
        sku: { name: 'PerGB2018' },
        retentionInDays: 90,
        tags: { domain: 'finance' },
      },
      poll,
    );
    expect(created).toMatchObject({
      name: 'log-dp-finance-ingest',
      location: 'westeurope',
      provisioningState: 'Succeeded',
      retentionInDays: 90,
      sku: { name: 'PerGB2018' },
    });
    expect(created.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdDate).toBeInstanceOf(Date);

    const again = await la().workspaces.beginCreateOrUpdateAndWait(
      RG,
      'log-dp-finance-ingest',
      { location: 'westeurope', retentionInDays: 120 },
      poll,
    );
    expect(again.customerId).toBe(created.customerId);
    expect(
      (await la().workspaces.get(RG, 'log-dp-finance-ingest')).retentionInDays,
    ).toBe(120);

    const names = [];
    for await (const w of la().workspaces.listByResourceGroup(RG))
      names.push(w.name);
    expect(names).toEqual(['log-dp-finance', 'log-dp-finance-ingest']);
  });

  it('sets long-term retention with PATCH and loses it to a PUT that omits it', async () => {
    const ws = 'log-dp-finance';
    const patched = await la().tables.beginUpdateAndWait(
      RG,
      ws,
      'Heartbeat',
      { totalRetentionInDays: 730 },
      poll,
    );
    expect(patched).toMatchObject({
      retentionInDays: 90,
      totalRetentionInDays: 730,
      archiveRetentionInDays: 640,
      retentionInDaysAsDefault: true,
      totalRetentionInDaysAsDefault: false,
    });
    const kept = await la().tables.beginUpdateAndWait(
      RG,
      ws,
      'Heartbeat',
      { retentionInDays: 30 },
      poll,
    );
    expect(kept).toMatchObject({
      retentionInDays: 30,
      totalRetentionInDays: 730,
    });

    const replaced = await la().tables.beginCreateOrUpdateAndWait(
      RG,
      ws,
      'Heartbeat',
      { retentionInDays: 30 },
      poll,
    );
    expect(replaced).toMatchObject({
      retentionInDays: 30,
      totalRetentionInDays: 30,
      totalRetentionInDaysAsDefault: true,
    });
    expect(
      (await la().tables.get(RG, ws, 'Heartbeat')).totalRetentionInDays,
    ).toBe(30);
  });

  it('lists the seeded tables, HR AuditLogs left at the 30-day workspace default', async () => {
    const totals: Record<string, number | undefined> = {};
    for await (const t of local.clients
      .logAnalytics(HR)
      .tables.listByWorkspace('rg-dp-hr-monitoring', 'log-dp-hr')) {
      totals[t.name!] = t.totalRetentionInDays;
    }
    expect(totals).toEqual({
      AzureActivity: 3653,
      AuditLogs: 30,
      LAQueryLogs: 3653,
      StorageBlobLogs: 3653,
      AzureDiagnostics: 30,
      AzureMetrics: 30,
      Heartbeat: 30,
      Usage: 30,
    });
  });

  it('surfaces the Azure error codes of bad requests', async () => {
    expect(
      await azureError(
        la().workspaces.beginCreateOrUpdateAndWait(
          RG,
          'ab',
          { location: 'westeurope' },
          poll,
        ),
      ),
    ).toMatchObject({ statusCode: 400, code: 'InvalidWorkspaceName' });
    expect(
      await azureError(
        la().workspaces.beginCreateOrUpdateAndWait(
          'rg-none',
          'log-x',
          { location: 'westeurope' },
          poll,
        ),
      ),
    ).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
    const tooShort = await azureError(
      la().tables.beginUpdateAndWait(
        RG,
        'log-dp-finance',
        'AuditLogs',
        { retentionInDays: 3 },
        poll,
      ),
    );
    expect(tooShort).toMatchObject({
      statusCode: 400,
      code: 'InvalidParameter',
    });
    expect(tooShort.message).toContain("'properties.retentionInDays'");
    const belowInteractive = await azureError(
      la().tables.beginCreateOrUpdateAndWait(
        RG,
        'log-dp-finance',
        'AuditLogs',
        { retentionInDays: 180, totalRetentionInDays: 90 },
        poll,
      ),
    );
    expect(belowInteractive).toMatchObject({
      statusCode: 400,
      code: 'InvalidParameter',
    });
    expect(belowInteractive.message).toContain(
      "'properties.totalRetentionInDays'",
    );
  });
});
