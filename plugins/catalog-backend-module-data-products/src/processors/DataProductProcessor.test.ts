import type { Entity } from '@backstage/catalog-model';
import { DataProductProcessor } from './DataProductProcessor';

const location = { type: 'url', target: 'https://example.com/catalog.yaml' };

const product: Entity = {
  apiVersion: 'dataplatform.contoso.com/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'deal-fraud-scores', namespace: 'default' },
  spec: {
    domain: 'finance',
    owner: 'group:finance-domain-owners',
    layer: 'gold',
    classification: 'confidential',
    lifecycle: 'production',
    outputPorts: [{ name: 'scores', contract: 'deal-fraud-scores' }],
    inputPorts: [
      { name: 'opportunities', contract: 'api:sales/crm-opportunities' },
    ],
    sla: { freshness: 'PT15M', availability: 99.9, rpo: 'PT36H', rto: 'PT24H' },
    retentionClass: 'regulatory',
    residency: 'eu',
    externalSharing: false,
  },
};

describe('DataProductProcessor', () => {
  const processor = new DataProductProcessor();

  it('accepts data products and leaves other kinds to other processors', async () => {
    await expect(processor.validateEntityKind(product)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({ ...product, kind: 'Component' }),
    ).resolves.toBe(false);
  });

  it('rejects a malformed data product naming the field', async () => {
    await expect(
      processor.validateEntityKind({
        ...product,
        spec: { ...product.spec, layer: 'platinum' },
      }),
    ).rejects.toThrow(/layer/);
  });

  it('emits every relation with its reverse', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(product, location, emit);
    const relations = emit.mock.calls.map(([r]) => [
      `${r.relation.source.kind}:${r.relation.source.namespace}/${r.relation.source.name}`,
      r.relation.type,
      `${r.relation.target.kind}:${r.relation.target.namespace}/${r.relation.target.name}`,
    ]);
    expect(relations).toEqual([
      ['DataProduct:default/deal-fraud-scores', 'ownedBy', 'group:default/finance-domain-owners'],
      ['group:default/finance-domain-owners', 'ownerOf', 'DataProduct:default/deal-fraud-scores'],
      ['DataProduct:default/deal-fraud-scores', 'partOf', 'Domain:default/finance'],
      ['Domain:default/finance', 'hasPart', 'DataProduct:default/deal-fraud-scores'],
      ['DataProduct:default/deal-fraud-scores', 'providesApi', 'API:default/deal-fraud-scores'],
      ['API:default/deal-fraud-scores', 'apiProvidedBy', 'DataProduct:default/deal-fraud-scores'],
      ['DataProduct:default/deal-fraud-scores', 'consumesApi', 'api:sales/crm-opportunities'],
      ['api:sales/crm-opportunities', 'apiConsumedBy', 'DataProduct:default/deal-fraud-scores'],
    ]);
    expect(emit.mock.calls.every(([r]) => r.type === 'relation')).toBe(true);
  });

  it('reports an unreadable port reference instead of dropping it silently', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(
      {
        ...product,
        spec: { ...product.spec, inputPorts: [{ name: 'bad', contract: 'api:' }] },
      },
      location,
      emit,
    );
    const errors = emit.mock.calls.filter(([r]) => r.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0][0].error.message).toMatch(
      /spec\.inputPorts\[\]\.contract .* holds "api:", which is not an entity reference/,
    );
  });

  it('does nothing for other kinds', async () => {
    const emit = jest.fn();
    const component = { ...product, kind: 'Component' };
    await expect(
      processor.postProcessEntity(component, location, emit),
    ).resolves.toBe(component);
    expect(emit).not.toHaveBeenCalled();
  });
});
