// Test-only: the tests read the standard's ODCS examples from disk.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import {
  CONTRACT_ERROR_COUNT_ANNOTATION,
  CONTRACT_VALIDATION_ANNOTATION,
} from '@dataplatform/plugin-data-products-common';

/** The repository root (this file is plugins/data-products/src/__testUtils__). */
const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** An ODCS example of the standard, shared beside the repository. */
export function readOdcsExample(name: string): string {
  const file = path.join(REPO_ROOT, '../shared/odcs/examples', name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `The ODCS reference examples are expected beside the repository, in ${path.dirname(
        file,
      )} (../shared)`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}

export function contractApi(options: {
  name: string;
  status?: 'valid' | 'invalid';
  errorCount?: number;
  definition?: unknown;
  type?: string;
}): Entity {
  const annotations: Record<string, string> = {};
  if (options.status) {
    annotations[CONTRACT_VALIDATION_ANNOTATION] = options.status;
    annotations[CONTRACT_ERROR_COUNT_ANNOTATION] = String(
      options.errorCount ?? 0,
    );
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: options.name, namespace: 'default', annotations },
    spec: {
      type: options.type ?? 'odcs',
      lifecycle: 'production',
      owner: 'group:default/finance-team',
      definition: (options.definition === undefined
        ? 'apiVersion: v3.1.0\n'
        : options.definition) as string,
    },
  };
}

interface ProductOptions {
  name: string;
  title?: string;
  description?: string;
  tags?: string[];
  domain: string;
  owner: string;
  layer: string;
  classification: string;
  lifecycle: string;
  freshness?: string;
  outputPorts: Array<{ name: string; contract: string; description?: string }>;
  inputPorts?: Array<{ name: string; contract: string; description?: string }>;
}

export function dataProduct(options: ProductOptions): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name: options.name,
      namespace: 'default',
      title: options.title,
      description: options.description,
      tags: options.tags ?? [],
    },
    spec: {
      domain: options.domain,
      owner: options.owner,
      layer: options.layer,
      classification: options.classification,
      lifecycle: options.lifecycle,
      outputPorts: options.outputPorts,
      ...(options.inputPorts ? { inputPorts: options.inputPorts } : {}),
      sla: {
        freshness: options.freshness ?? 'PT15M',
        availability: 99.9,
        rpo: 'PT36H',
        rto: 'PT24H',
      },
      retentionClass: 'regulatory',
      residency: 'eu',
      externalSharing: false,
    },
  };
}

export const dealFraudScores = dataProduct({
  name: 'deal-fraud-scores',
  title: 'Deal fraud scores',
  description: 'A fraud-risk score for every open sales deal.',
  tags: ['fraud', 'machine-learning'],
  domain: 'finance',
  owner: 'group:default/finance-team',
  layer: 'gold',
  classification: 'confidential',
  lifecycle: 'production',
  freshness: 'PT15M',
  outputPorts: [{ name: 'scores', contract: 'deal-fraud-scores' }],
  inputPorts: [
    { name: 'postings', contract: 'api:default/general-ledger-postings' },
  ],
});

export const generalLedgerPostings = dataProduct({
  name: 'general-ledger-postings',
  title: 'General ledger postings',
  description: 'Every posting line of the SAP general ledger.',
  tags: ['sap'],
  domain: 'domain:default/finance',
  owner: 'finance-team',
  layer: 'silver',
  classification: 'internal',
  lifecycle: 'production',
  freshness: 'PT4H',
  outputPorts: [{ name: 'postings', contract: 'general-ledger-postings' }],
});

export const crmOpportunities = dataProduct({
  name: 'crm-opportunities',
  title: 'CRM opportunities',
  description: 'Opportunities as landed from Dynamics 365.',
  domain: 'sales',
  owner: 'sales-team',
  layer: 'bronze',
  classification: 'restricted',
  lifecycle: 'development',
  freshness: 'PT1H',
  outputPorts: [{ name: 'opportunities', contract: 'crm-opportunities' }],
});

export const pipelineForecast = dataProduct({
  name: 'pipeline-forecast',
  title: 'Pipeline forecast',
  description: 'Expected revenue per quarter from the sales pipeline.',
  tags: ['forecast'],
  domain: 'sales',
  owner: 'sales-team',
  layer: 'gold',
  classification: 'internal',
  lifecycle: 'experimental',
  freshness: 'P1D',
  outputPorts: [{ name: 'forecast', contract: 'pipeline-forecast' }],
});

export const contracts = {
  dealFraudScores: contractApi({ name: 'deal-fraud-scores', status: 'valid' }),
  generalLedgerPostings: contractApi({
    name: 'general-ledger-postings',
    status: 'invalid',
    errorCount: 3,
  }),
  pipelineForecast: contractApi({ name: 'pipeline-forecast', status: 'valid' }),
};

export const catalogEntities: Entity[] = [
  dealFraudScores,
  generalLedgerPostings,
  crmOpportunities,
  pipelineForecast,
  ...Object.values(contracts),
];
