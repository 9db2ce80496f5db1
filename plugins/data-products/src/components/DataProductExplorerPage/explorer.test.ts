import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogEntities,
  contracts,
  crmOpportunities,
  dataProduct,
} from '../../__testUtils__/fixtures';
import {
  applyQuery,
  emptyQuery,
  facetOptions,
  queryFromSearchParams,
  queryToSearchParams,
  toRow,
} from './explorer';

const contractsByRef = new Map(
  Object.values(contracts).map(e => [stringifyEntityRef(e), e]),
);
const rows = catalogEntities
  .filter(e => e.kind === 'DataProduct')
  .map(e => toRow(e, contractsByRef));

describe('explorer query in the address', () => {
  it('keeps the search and filters through a round trip, with short references', () => {
    const query = emptyQuery();
    query.text = 'fraud score';
    query.filters.domain = ['domain:default/finance', 'domain:emea/sales'];
    query.filters.owner = ['group:default/finance-team', 'user:default/ann'];
    query.filters.layer = ['gold', 'silver'];

    const params = queryToSearchParams(query);
    expect(params.toString()).toBe(
      'q=fraud+score&domain=finance&domain=emea%2Fsales&owner=finance-team&owner=user%3Aann&layer=gold&layer=silver',
    );
    expect(queryFromSearchParams(params)).toEqual(query);
  });

  it('ignores case in enumerated values and repeated values', () => {
    const query = queryFromSearchParams(
      new URLSearchParams('layer=Gold&layer=gold&classification=RESTRICTED'),
    );
    expect(query.filters.layer).toEqual(['gold']);
    expect(query.filters.classification).toEqual(['restricted']);
  });
});

describe('toRow', () => {
  it('reads references in the namespace of the product and sums up its contracts', () => {
    const row = rows.find(r => r.title === 'General ledger postings')!;
    expect(row.domain).toBe('domain:default/finance');
    expect(row.owner).toBe('group:default/finance-team');
    expect(row.contracts).toEqual({
      ports: 1,
      missing: 0,
      errors: 3,
      invalid: 1,
      unchecked: 0,
    });
  });

  it('counts a contract that is missing or not an ODCS API as missing', () => {
    expect(toRow(crmOpportunities, contractsByRef).contracts.missing).toBe(1);
    const product = dataProduct({
      name: 'x',
      domain: 'd',
      owner: 'o',
      layer: 'gold',
      classification: 'public',
      lifecycle: 'production',
      outputPorts: [
        { name: 'a', contract: 'openapi-thing' },
        { name: 'b', contract: '' },
      ],
    });
    const openapi = {
      ...contracts.dealFraudScores,
      metadata: { name: 'openapi-thing', namespace: 'default' },
      spec: { type: 'openapi' },
    };
    const summary = toRow(
      product,
      new Map([['api:default/openapi-thing', openapi]]),
    ).contracts;
    expect(summary).toMatchObject({ ports: 2, missing: 2 });
  });

  it('does not trip over products with odd or missing fields', () => {
    const row = toRow(
      {
        apiVersion: 'dataplatform.contoso.com/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'odd', tags: [1, null] as any },
        spec: { outputPorts: 'none', sla: 'fast', layer: 7 } as any,
      },
      contractsByRef,
    );
    expect(row).toMatchObject({
      title: 'odd',
      tags: ['1'],
      layer: '7',
      freshness: undefined,
      contracts: { ports: 0 },
    });
  });
});

describe('facetOptions', () => {
  it('counts each value under the other filters and the search', () => {
    const query = emptyQuery();
    query.filters.layer = ['gold'];
    expect(facetOptions(rows, query, 'domain')).toEqual([
      { value: 'domain:default/finance', count: 1, selected: false },
      { value: 'domain:default/sales', count: 1, selected: false },
    ]);
    expect(facetOptions(rows, query, 'layer')).toEqual([
      { value: 'bronze', count: 1, selected: false },
      { value: 'silver', count: 1, selected: false },
      { value: 'gold', count: 2, selected: true },
    ]);
    expect(applyQuery(rows, query).map(r => r.title)).toEqual([
      'Deal fraud scores',
      'Pipeline forecast',
    ]);
  });

  it('keeps a selected value that no product has, so it can be unselected', () => {
    const query = emptyQuery();
    query.filters.domain = ['domain:default/hr'];
    expect(facetOptions(rows, query, 'domain')).toContainEqual({
      value: 'domain:default/hr',
      count: 0,
      selected: true,
    });
    expect(applyQuery(rows, query)).toEqual([]);
  });
});
