import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SUBSCRIPTIONS } from '../__testUtils__/azure';
import {
  contract,
  dataProduct,
  demoCatalog,
  domain,
} from '../__testUtils__/catalog';
import { CatalogSource } from './CatalogSource';

function sourceOf(entities: Entity[] = []) {
  const logger = mockServices.logger.mock();
  const source = new CatalogSource({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
  });
  return { source, logger };
}

describe('CatalogSource', () => {
  it('reads domains, data products and ODCS contracts from the catalog, and nothing else', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ingest' },
      spec: { type: 'service' },
    };
    const openApi: Entity = {
      ...contract('crm-opportunities', 'x', { value: 1, unit: 'y' }),
      metadata: { name: 'crm-api', namespace: 'default' },
      spec: { type: 'openapi', definition: 'openapi: 3.0.0' },
    };
    const { source } = sourceOf([...demoCatalog(), component, openApi]);
    const { domains, products } = await source.read();
    expect(domains.map(d => d.entityRef)).toEqual([
      'domain:default/hr',
      'domain:default/sales',
      'domain:default/finance',
      'domain:default/operations-iot',
    ]);
    expect(
      products.map(p => [p.entityRef, p.contracts.map(c => c.ref)]),
    ).toEqual([
      [
        'dataproduct:default/employee-directory',
        ['api:default/employee-directory'],
      ],
      [
        'dataproduct:default/crm-opportunities',
        ['api:default/crm-opportunities'],
      ],
    ]);
  });

  it('takes a domain’s subscription and recovery declaration from its annotations', () => {
    const { source } = sourceOf();
    const { domains } = source.snapshotOf([
      domain('hr', SUBSCRIPTIONS.hr.toUpperCase(), {
        rpo: 'P1D',
        rto: 'PT12H',
        strategy: 'backup-restore',
      }),
      domain('marketing', SUBSCRIPTIONS.marketing),
      domain('legacy', 'not-a-guid'),
      // Without the annotation a domain has nothing to scan and is left out.
      domain('research', undefined),
    ]);
    expect(domains).toEqual([
      {
        entityRef: 'domain:default/hr',
        name: 'hr',
        title: 'Hr',
        subscriptionId: SUBSCRIPTIONS.hr,
        recovery: {
          declared: { rpo: 'P1D', rto: 'PT12H', strategy: 'backup-restore' },
          source: 'declared on domain:default/hr',
        },
      },
      {
        entityRef: 'domain:default/marketing',
        name: 'marketing',
        title: 'Marketing',
        subscriptionId: SUBSCRIPTIONS.marketing,
        recovery: { declared: {}, source: 'platform default' },
      },
      {
        entityRef: 'domain:default/legacy',
        name: 'legacy',
        title: 'Legacy',
        subscriptionProblem: {
          value: 'not-a-guid',
          reason:
            'dataplatform.contoso.com/azure-subscription-id is not a subscription id (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)',
        },
        recovery: { declared: {}, source: 'platform default' },
      },
    ]);
  });

  it('takes a product’s retention, contracts and recovery, with its domain’s strategy', () => {
    const { source } = sourceOf();
    const product = dataProduct('employee-directory', 'hr', {
      contracts: ['employee-directory'],
      retentionClass: 'regulatory',
      sla: { rpo: 'PT24H', rto: 'PT12H' },
    });
    // Short refs, as catalog files write them; the same contract twice.
    product.spec!.domain = 'hr';
    (product.spec!.outputPorts as { contract: string }[]).push({
      contract: 'employee-directory',
    } as any);
    const { products } = source.snapshotOf([
      domain('hr', SUBSCRIPTIONS.hr, { strategy: 'warm-spare' }),
      product,
      contract(
        'employee-directory',
        'abfss://silver@sthrdata.dfs.core.windows.net/employee-directory/',
        { value: 2, unit: 'y' },
      ),
    ]);
    expect(products).toEqual([
      {
        entityRef: 'dataproduct:default/employee-directory',
        title: 'employee-directory',
        domainRef: 'domain:default/hr',
        retentionClass: 'regulatory',
        contracts: [
          {
            ref: 'api:default/employee-directory',
            slaProperties: [
              { property: 'availability', value: 99.5, unit: 'percent' },
              { property: 'retention', value: 2, unit: 'y' },
            ],
            servers: [
              {
                server: 'employee-directory-lakehouse',
                type: 'databricks',
                host: 'adb-1.azuredatabricks.net',
              },
              {
                server: 'employee-directory-adls',
                type: 'azure',
                location:
                  'abfss://silver@sthrdata.dfs.core.windows.net/employee-directory/',
                format: 'delta',
              },
            ],
          },
        ],
        recovery: {
          declared: { rpo: 'PT24H', rto: 'PT12H' },
          source: 'declared on dataproduct:default/employee-directory',
          domainStrategy: 'warm-spare',
        },
      },
    ]);
  });

  it('keeps a contract it cannot read without its terms, and says so once', () => {
    const { source, logger } = sourceOf();
    const broken = contract('broken', 'x', { value: 1, unit: 'y' });
    broken.spec!.definition = 'servers: [unclosed';
    const entities = [
      domain('hr', SUBSCRIPTIONS.hr),
      dataProduct('directory', 'hr', {
        contracts: ['missing', 'broken'],
        retentionClass: 'standard',
      }),
      broken,
    ];
    const { products } = source.snapshotOf(entities);
    expect(products[0].contracts).toEqual([
      { ref: 'api:default/missing' },
      { ref: 'api:default/broken' },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      'Retention: dataproduct:default/directory names the contract api:default/missing, which is not an ODCS API entity in the catalog; its retention is not checked',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Retention: the contract api:default\/broken of dataproduct:default\/directory cannot be read \(YAML syntax error at line \d+/,
      ),
    );
    // The next scan finds the same problems: no new warnings.
    source.snapshotOf(entities);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('leaves out a product without a domain, saying why', () => {
    const { source, logger } = sourceOf();
    const orphan = dataProduct('orphan', 'hr', {
      contracts: [],
      retentionClass: 'standard',
    });
    delete orphan.spec!.domain;
    expect(source.snapshotOf([orphan]).products).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Retention: dataproduct:default/orphan has no valid spec.domain, so it is not evaluated',
    );
  });
});
