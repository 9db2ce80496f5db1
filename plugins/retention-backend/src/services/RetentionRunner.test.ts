import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  BASELINE_RETENTION_POLICY,
  SubscriptionScan,
} from '@dataplatform/plugin-retention-common';
import { DEMO_TENANT_ID } from '@dataplatform/azure-local-endpoint';
import {
  ROUTES,
  SUBSCRIPTIONS,
  useLocalAzureEndpoint,
} from '../__testUtils__/azure';
import { dataProduct, domain } from '../__testUtils__/catalog';
import { CatalogSnapshot, CatalogSource } from './CatalogSource';
import { RetentionRunner, RunDependencies } from './RetentionRunner';
import { RetentionStore } from './RetentionStore';
import { SubscriptionScanner } from './SubscriptionScanner';

// One domain's rules throw, to show that it costs no other entity its evaluation.
jest.mock('@dataplatform/plugin-retention-common', () => {
  const actual = jest.requireActual('@dataplatform/plugin-retention-common');
  return {
    ...actual,
    evaluateDomain: (input: { entityRef: string }, ctx: unknown) => {
      if (input.entityRef === 'domain:default/broken') {
        throw new Error('a rule failed');
      }
      return actual.evaluateDomain(input, ctx);
    },
  };
});

const source = new CatalogSource({
  catalog: {} as any,
  auth: {} as any,
  logger: mockServices.logger.mock(),
});
const snapshot = (...entities: Parameters<CatalogSource['snapshotOf']>[0]) =>
  source.snapshotOf(entities);

describe('RetentionRunner', () => {
  const azure = useLocalAzureEndpoint();
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    catalog: { current: CatalogSnapshot },
    options: {
      subscriptionConcurrency?: number;
      scanner?: RunDependencies['scanner'];
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await RetentionStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const logger = mockServices.logger.mock();
    const runner = new RetentionRunner({
      catalog: { read: async () => catalog.current },
      scanner: options.scanner ?? new SubscriptionScanner(azure.clients),
      store,
      logger,
      policy: BASELINE_RETENTION_POLICY,
      tenantId: DEMO_TENANT_ID,
      subscriptionConcurrency: options.subscriptionConcurrency ?? 8,
    });
    return { runner, store, logger, knex };
  }

  it('scans a subscription once per run, however many domains name it', async () => {
    const catalog = {
      current: snapshot(
        domain('hr', SUBSCRIPTIONS.hr),
        domain('people-analytics', SUBSCRIPTIONS.hr.toUpperCase()),
        domain('sales', SUBSCRIPTIONS.sales),
      ),
    };
    const { runner, store } = await setup(catalog);
    const { run, entities, failed } = await runner.run();

    expect(failed).toEqual([]);
    expect(entities.map(e => e.entityRef).sort()).toEqual([
      'domain:default/hr',
      'domain:default/people-analytics',
      'domain:default/sales',
    ]);
    expect(run.subscriptions).toBe(2);
    const { byRoute, total } = azure.endpoint.requests.snapshot();
    expect(byRoute[ROUTES.listWorkspaces]).toBe(2);
    expect(byRoute[ROUTES.listStorageAccounts]).toBe(2);
    expect(run.azureCalls).toBe(total);
    expect(await store.lastRun()).toEqual(run);
    // Both domains of the shared subscription see the same table.
    for (const ref of [
      'domain:default/hr',
      'domain:default/people-analytics',
    ]) {
      const stored = await store.get(ref);
      expect(
        stored!.detail.findings.some(
          f =>
            f.resourceName === 'log-dp-hr / AuditLogs' &&
            f.verdict === 'violation',
        ),
      ).toBe(true);
    }
  });

  it('counts a domain’s data products into its summary', async () => {
    const catalog = {
      current: snapshot(
        domain('hr', SUBSCRIPTIONS.hr, { strategy: 'backup-restore' }),
        dataProduct('employee-directory', 'hr', {
          contracts: [],
          retentionClass: 'standard',
        }),
      ),
    };
    const { runner, store } = await setup(catalog);
    await runner.run();
    const hr = await store.get('domain:default/hr');
    const product = await store.get('dataproduct:default/employee-directory');
    expect(product).toMatchObject({
      kind: 'DataProduct',
      domainRef: 'domain:default/hr',
    });
    expect(hr!.summary.dataProductCount).toBe(1);
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total(hr!.summary.counts)).toBe(
      hr!.detail.findings.length + product!.detail.findings.length,
    );
  });

  it('never has more subscriptions in flight than configured', async () => {
    const subscriptions = [
      SUBSCRIPTIONS.finance,
      SUBSCRIPTIONS.sales,
      SUBSCRIPTIONS.hr,
      SUBSCRIPTIONS.marketing,
      SUBSCRIPTIONS.operationsIot,
    ];
    const real = new SubscriptionScanner(azure.clients);
    let inFlight = 0;
    let most = 0;
    const scanner = {
      async scan(id: string, options: { abortSignal?: AbortSignal }) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await real.scan(id, options);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const catalog = {
      current: snapshot(...subscriptions.map((s, i) => domain(`d${i}`, s))),
    };
    const { runner } = await setup(catalog, {
      subscriptionConcurrency: 2,
      scanner,
    });
    const { run } = await runner.run();
    expect(run.subscriptions).toBe(5);
    expect(most).toBe(2);
  });

  it('keeps the stored evaluations when the catalog lists nothing, and prunes an entity that left it', async () => {
    const catalog = {
      current: snapshot(
        domain('hr', SUBSCRIPTIONS.hr),
        domain('sales', SUBSCRIPTIONS.sales),
      ),
    };
    const { runner, store, logger } = await setup(catalog);
    await runner.run();

    catalog.current = { domains: [], products: [] };
    const empty = await runner.run();
    expect(empty.entities).toEqual([]);
    expect((await store.all()).map(e => e.entityRef)).toEqual([
      'domain:default/hr',
      'domain:default/sales',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Retention scan: the catalog listed no domain or data product; stored evaluations are kept',
    );
    expect(await store.lastRun()).toMatchObject({
      subscriptions: 0,
      azureCalls: 0,
    });

    catalog.current = snapshot(domain('sales', SUBSCRIPTIONS.sales));
    await runner.run();
    expect((await store.all()).map(e => e.entityRef)).toEqual([
      'domain:default/sales',
    ]);
  });

  it('gives a domain whose subscription annotation is no subscription id unknown findings, without calling Azure for it', async () => {
    const catalog = { current: snapshot(domain('legacy', 'sub-legacy-01')) };
    const { runner, store } = await setup(catalog);
    const { run } = await runner.run();
    expect(run.subscriptions).toBe(0);
    expect(azure.endpoint.requests.snapshot().total).toBe(0);
    const legacy = await store.get('domain:default/legacy');
    const retention = legacy!.detail.findings.filter(
      f => f.area === 'retention',
    );
    expect(retention.length).toBeGreaterThan(0);
    for (const finding of retention) {
      expect(finding.verdict).toBe('unknown');
      expect(finding.reason).toContain(
        'dataplatform.contoso.com/azure-subscription-id is not a subscription id',
      );
    }
  });

  it('keeps the last evaluation of an entity whose rules throw, and evaluates the others', async () => {
    const catalog = {
      current: snapshot(
        domain('hr', SUBSCRIPTIONS.hr),
        domain('broken', SUBSCRIPTIONS.sales),
      ),
    };
    const { runner, store, logger } = await setup(catalog);
    const { failed, entities } = await runner.run();
    expect(failed).toEqual(['domain:default/broken']);
    expect(entities.map(e => e.entityRef)).toEqual(['domain:default/hr']);
    expect(logger.error).toHaveBeenCalledWith(
      'Retention: evaluating domain:default/broken failed; its last evaluation is kept',
      expect.objectContaining({ message: 'a rule failed' }),
    );
    expect((await store.all()).map(e => e.entityRef)).toEqual([
      'domain:default/hr',
    ]);
  });

  it('stores nothing when the scheduler stops the run, and stops its reads', async () => {
    azure.endpoint.faults.add({
      path: '/providers/Microsoft.Storage/storageAccounts$',
      kind: 'delay',
      delayMs: 20_000,
    });
    const catalog = { current: snapshot(domain('hr', SUBSCRIPTIONS.hr)) };
    const { runner, store } = await setup(catalog);
    const controller = new AbortController();
    const started = Date.now();
    const run = runner.run({ abortSignal: controller.signal });
    // Stopped once the scan is under way: its first list has been sent.
    const deadline = Date.now() + 10_000;
    while (azure.endpoint.faults.list()[0].hits === 0) {
      if (Date.now() > deadline) throw new Error('the scan never started');
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    controller.abort(new Error('the task timed out'));
    await expect(run).rejects.toThrow(
      'The retention scan was stopped before it finished reading Azure: Error: the task timed out',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await store.all()).toEqual([]);
    expect(await store.lastRun()).toBeUndefined();
  });

  it('scans nothing once stopped before it starts', async () => {
    const scans: SubscriptionScan[] = [];
    const scanner = {
      async scan(id: string) {
        scans.push({ subscriptionId: id, scannedAt: '', calls: {} });
        return scans[scans.length - 1];
      },
    };
    const catalog = { current: snapshot(domain('hr', SUBSCRIPTIONS.hr)) };
    const { runner, store } = await setup(catalog, { scanner });
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      runner.run({ abortSignal: controller.signal }),
    ).rejects.toThrow('shutting down');
    expect(scans).toEqual([]);
    expect(await store.lastRun()).toBeUndefined();
  });
});
