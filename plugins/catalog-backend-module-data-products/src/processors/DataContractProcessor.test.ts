import type { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { DataContractProcessor } from './DataContractProcessor';

const contract = {
  apiVersion: 'v3.1.0',
  kind: 'DataContract',
  id: 'deal-fraud-scores',
  version: '1.0.0',
  status: 'active',
};

function api(definition: string, type = 'odcs'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'deal-fraud-scores', annotations: { keep: 'me' } },
    spec: { type, lifecycle: 'production', owner: 'finance', definition },
  };
}

describe('DataContractProcessor', () => {
  const processor = new DataContractProcessor();

  it('marks a valid contract valid, with its ODCS version', async () => {
    const result = await processor.postProcessEntity(api(stringify(contract)));
    expect(result.metadata.annotations).toEqual({
      keep: 'me',
      'dataplatform.contoso.com/contract-validation': 'valid',
      'dataplatform.contoso.com/contract-error-count': '0',
      'dataplatform.contoso.com/odcs-api-version': 'v3.1.0',
    });
  });

  it('keeps an invalid contract in the catalog, marked with its error count', async () => {
    const result = await processor.postProcessEntity(
      api(stringify({ ...contract, status: 3, colour: 'red' })),
    );
    expect(result.spec?.definition).toContain('colour: red');
    expect(result.metadata.annotations).toMatchObject({
      'dataplatform.contoso.com/contract-validation': 'invalid',
      'dataplatform.contoso.com/contract-error-count': '2',
    });
  });

  it('marks malformed YAML invalid without throwing', async () => {
    const result = await processor.postProcessEntity(api('id: [unclosed'));
    expect(result.metadata.annotations).toMatchObject({
      'dataplatform.contoso.com/contract-validation': 'invalid',
      'dataplatform.contoso.com/contract-error-count': '1',
    });
    expect(
      result.metadata.annotations?.['dataplatform.contoso.com/odcs-api-version'],
    ).toBeUndefined();
  });

  it('refuses a 5 MB definition without parsing it', async () => {
    const result = await processor.postProcessEntity(
      api(`purpose: "${'x'.repeat(5 * 1024 * 1024)}"`),
    );
    expect(result.metadata.annotations).toMatchObject({
      'dataplatform.contoso.com/contract-validation': 'invalid',
    });
  });

  it('leaves other API types alone', async () => {
    const openapi = api('openapi: 3.0.0', 'openapi');
    await expect(processor.postProcessEntity(openapi)).resolves.toBe(openapi);
  });
});
