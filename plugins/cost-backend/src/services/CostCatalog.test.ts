import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SUBSCRIPTIONS } from '../__testUtils__/azure';
import { demoCatalog, domain, sandbox } from '../__testUtils__/catalog';
import { CostCatalog } from './CostCatalog';

function catalogOf(entities: Entity[], options: { now?: () => number } = {}) {
  const catalog = catalogServiceMock({ entities });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const logger = mockServices.logger.mock();
  const costCatalog = new CostCatalog({
    catalog,
    auth: mockServices.auth(),
    logger,
    ...options,
  });
  return { costCatalog, getEntities, logger };
}

describe('CostCatalog', () => {
  it('reads Domains and azure-sandbox Resources with their subscriptions, owners, caps and lease ends', async () => {
    const other: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'lakehouse', namespace: 'default' },
      spec: { type: 'databricks-workspace', owner: 'group:default/x' },
    };
    const { costCatalog } = catalogOf([...demoCatalog(), other]);
    const snapshot = await costCatalog.get();
    expect(snapshot.domains.map(d => d.entityRef)).toEqual([
      'domain:default/finance',
      'domain:default/hr',
      'domain:default/logistics',
      'domain:default/marketing',
      'domain:default/operations-iot',
      'domain:default/research',
      'domain:default/sales',
    ]);
    expect(snapshot.domain('Finance')).toEqual({
      entityRef: 'domain:default/finance',
      name: 'finance',
      ownerGroup: 'group:default/finance-domain-owners',
      subscriptionId: SUBSCRIPTIONS.finance,
    });
    expect(snapshot.sandboxes).toEqual([
      {
        entityRef: 'resource:default/sandbox-genai-pilot',
        name: 'sandbox-genai-pilot',
        ownerGroup: 'group:default/sales-domain-owners',
        subscriptionId: SUBSCRIPTIONS.genaiPilot,
        cap: 500,
        expiresOn: '2099-01-31',
      },
    ]);
    expect(snapshot.domainOf(SUBSCRIPTIONS.sales.toUpperCase())?.name).toBe(
      'sales',
    );
    expect(snapshot.sandboxOf(SUBSCRIPTIONS.genaiPilot)?.name).toBe(
      'sandbox-genai-pilot',
    );
    expect(snapshot.subscriptions().sort()).toEqual(
      [
        SUBSCRIPTIONS.finance,
        SUBSCRIPTIONS.sales,
        SUBSCRIPTIONS.operationsIot,
        SUBSCRIPTIONS.hr,
        SUBSCRIPTIONS.marketing,
        SUBSCRIPTIONS.genaiPilot,
      ].sort(),
    );
  });

  it('says what is wrong with a missing or invalid subscription annotation', async () => {
    const { costCatalog } = catalogOf(demoCatalog());
    const snapshot = await costCatalog.get();
    expect(snapshot.domain('research')).toEqual({
      entityRef: 'domain:default/research',
      name: 'research',
      ownerGroup: 'group:default/research-domain-owners',
      problem:
        'The Domain has no dataplatform.contoso.com/azure-subscription-id annotation; add it with the id of its Azure subscription (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)',
    });
    expect(snapshot.domain('logistics')?.problem).toBe(
      "The Domain's dataplatform.contoso.com/azure-subscription-id annotation is 'dp-domain-logistics', which is not a subscription id (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)",
    );
    expect(snapshot.domain('logistics')?.subscriptionId).toBeUndefined();
  });

  it('normalises a short owner and lower-cases a subscription id', async () => {
    const { costCatalog } = catalogOf([
      domain('finance', SUBSCRIPTIONS.finance.toUpperCase(), {
        owner: 'Finance-Domain-Owners',
      }),
    ]);
    expect((await costCatalog.get()).domain('finance')).toMatchObject({
      ownerGroup: 'group:default/finance-domain-owners',
      subscriptionId: SUBSCRIPTIONS.finance,
    });
  });

  it('ignores a cap or lease end it cannot read, warning once', async () => {
    const entities = [
      sandbox('sandbox-x', SUBSCRIPTIONS.genaiPilot, {
        cap: 'lots',
        expiresOn: 'end of January',
      }),
    ];
    const { costCatalog, logger } = catalogOf(entities);
    const entry = (await costCatalog.get()).sandbox('sandbox-x');
    expect(entry?.cap).toBeUndefined();
    expect(entry?.expiresOn).toBeUndefined();
    await costCatalog.get({ fresh: true });
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      "Cost: resource:default/sandbox-x has dataplatform.contoso.com/budget-cap 'lots', which is not a positive amount; its budget's amount is used as the cap instead",
    );
  });

  it('asks the catalog at most once a minute, sharing one read among concurrent callers', async () => {
    let now = 1_000_000;
    const { costCatalog, getEntities } = catalogOf(demoCatalog(), {
      now: () => now,
    });
    const [a, b] = await Promise.all([costCatalog.get(), costCatalog.get()]);
    expect(a).toBe(b);
    expect(getEntities).toHaveBeenCalledTimes(1);
    now += 59_000;
    expect(await costCatalog.get()).toBe(a);
    expect(getEntities).toHaveBeenCalledTimes(1);
    now += 2_000;
    const later = await costCatalog.get();
    expect(getEntities).toHaveBeenCalledTimes(2);
    // Same content, same version: cached views stay valid.
    expect(later.version).toBe(a.version);
    await costCatalog.get({ fresh: true });
    expect(getEntities).toHaveBeenCalledTimes(3);
  });

  it('changes its version when what the views use changes', async () => {
    const first = await catalogOf(demoCatalog()).costCatalog.get();
    const changed = await catalogOf([
      ...demoCatalog(),
      domain('legal', SUBSCRIPTIONS.platform),
    ]).costCatalog.get();
    expect(changed.version).not.toBe(first.version);
  });

  it('answers 503 when the catalog cannot be read, and reads again next time', async () => {
    const { costCatalog, getEntities } = catalogOf(demoCatalog());
    getEntities.mockRejectedValueOnce(new Error('connection refused'));
    await expect(costCatalog.get()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'The catalog could not list domains and sandboxes: Error: connection refused',
    });
    expect((await costCatalog.get()).domains).toHaveLength(7);
  });
});
