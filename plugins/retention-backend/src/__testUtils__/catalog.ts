import { Entity } from '@backstage/catalog-model';
import { SUBSCRIPTIONS } from './azure';

/** A Domain as in catalog/domains.yaml: subscription and recovery declaration. */
export function domain(
  name: string,
  subscriptionId: string | undefined,
  recovery: { rpo?: string; rto?: string; strategy?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      title: name
        .split('-')
        .map(w => `${w[0].toUpperCase()}${w.slice(1)}`)
        .join(' '),
      annotations: {
        ...(subscriptionId
          ? { 'dataplatform.contoso.com/azure-subscription-id': subscriptionId }
          : {}),
        ...(recovery.rpo
          ? { 'dataplatform.contoso.com/rpo': recovery.rpo }
          : {}),
        ...(recovery.rto
          ? { 'dataplatform.contoso.com/rto': recovery.rto }
          : {}),
        ...(recovery.strategy
          ? { 'dataplatform.contoso.com/dr-strategy': recovery.strategy }
          : {}),
      },
    },
    spec: { owner: `group:default/${name}-domain-owners` },
  };
}

/** A DataProduct as in catalog/data-products.yaml. */
export function dataProduct(
  name: string,
  domainName: string,
  options: {
    contracts: string[];
    retentionClass: string;
    sla?: { rpo: string; rto: string };
  },
): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default', title: name },
    spec: {
      domain: `domain:default/${domainName}`,
      owner: `group:default/${domainName}-domain-owners`,
      layer: 'silver',
      classification: 'internal',
      lifecycle: 'production',
      outputPorts: options.contracts.map(port => ({
        name: port,
        contract: `api:default/${port}`,
      })),
      sla: {
        freshness: 'P1D',
        availability: 99.5,
        ...(options.sla ?? { rpo: 'PT24H', rto: 'PT12H' }),
      },
      retentionClass: options.retentionClass,
      residency: 'eu',
      externalSharing: false,
    },
  };
}

/** An ODCS contract API entity whose data lives in `location` and is kept `retention` long. */
export function contract(
  name: string,
  location: string,
  retention: { value: number; unit: string },
): Entity {
  const definition = `apiVersion: v3.0.2
kind: DataContract
id: ${name}
version: 1.0.0
status: active
servers:
  - server: ${name}-lakehouse
    type: databricks
    host: adb-1.azuredatabricks.net
  - server: ${name}-adls
    type: azure
    location: ${location}
    format: delta
slaProperties:
  - property: availability
    value: 99.5
    unit: percent
  - property: retention
    value: ${retention.value}
    unit: ${retention.unit}
`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'odcs',
      lifecycle: 'production',
      owner: 'group:default/hr-domain-owners',
      definition,
    },
  };
}

/**
 * A slice of the demo catalog: four domains on their demo subscriptions
 * (as catalog/domains.yaml declares them), two data products and their
 * contracts (as catalog/data-products.yaml and catalog/contracts.yaml).
 */
export function demoCatalog(): Entity[] {
  return [
    domain('hr', SUBSCRIPTIONS.hr, {
      rpo: 'P1D',
      rto: 'PT12H',
      strategy: 'backup-restore',
    }),
    domain('sales', SUBSCRIPTIONS.sales, {
      rpo: 'PT1H',
      rto: 'PT4H',
      strategy: 'warm-spare',
    }),
    domain('finance', SUBSCRIPTIONS.finance, {
      rpo: 'PT4H',
      rto: 'PT8H',
      strategy: 'warm-spare',
    }),
    domain('operations-iot', SUBSCRIPTIONS.operationsIot, {
      rpo: 'PT1H',
      rto: 'PT4H',
      strategy: 'warm-spare',
    }),
    dataProduct('employee-directory', 'hr', {
      contracts: ['employee-directory'],
      retentionClass: 'standard',
    }),
    dataProduct('crm-opportunities', 'sales', {
      contracts: ['crm-opportunities'],
      retentionClass: 'standard',
      sla: { rpo: 'PT1H', rto: 'PT4H' },
    }),
    contract(
      'employee-directory',
      'abfss://silver@sthrdata.dfs.core.windows.net/employee-directory/',
      { value: 2, unit: 'y' },
    ),
    contract(
      'crm-opportunities',
      'abfss://silver@stsalesdata.dfs.core.windows.net/crm-opportunities/',
      { value: 3, unit: 'y' },
    ),
  ];
}
