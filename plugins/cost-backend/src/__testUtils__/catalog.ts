import { Entity } from '@backstage/catalog-model';
import { SUBSCRIPTIONS } from './azure';

/** A Domain as in catalog/domains.yaml, owned by `<name>-domain-owners`. */
export function domain(
  name: string,
  subscriptionId: string | undefined,
  options: { owner?: string; title?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      annotations: subscriptionId
        ? { 'dataplatform.contoso.com/azure-subscription-id': subscriptionId }
        : {},
    },
    spec: { owner: options.owner ?? `group:default/${name}-domain-owners` },
  };
}

/** An innovation sandbox as in catalog/sandboxes.yaml. */
export function sandbox(
  name: string,
  subscriptionId: string | undefined,
  options: { owner?: string; cap?: string; expiresOn?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        ...(subscriptionId
          ? { 'dataplatform.contoso.com/azure-subscription-id': subscriptionId }
          : {}),
        ...(options.cap
          ? { 'dataplatform.contoso.com/budget-cap': options.cap }
          : {}),
        ...(options.expiresOn
          ? { 'dataplatform.contoso.com/expires-on': options.expiresOn }
          : {}),
      },
    },
    spec: {
      type: 'azure-sandbox',
      owner: options.owner ?? 'group:default/sales-domain-owners',
      lifecycle: 'experimental',
    },
  };
}

/**
 * The demo catalog's domains on their demo subscriptions, the genai-pilot
 * sandbox, and two domains whose cost cannot be shown: one without the
 * subscription annotation, one whose annotation is not a subscription id.
 */
export function demoCatalog(): Entity[] {
  return [
    domain('finance', SUBSCRIPTIONS.finance),
    domain('sales', SUBSCRIPTIONS.sales),
    domain('operations-iot', SUBSCRIPTIONS.operationsIot),
    domain('hr', SUBSCRIPTIONS.hr),
    domain('marketing', SUBSCRIPTIONS.marketing),
    domain('research', undefined),
    domain('logistics', 'dp-domain-logistics'),
    sandbox('sandbox-genai-pilot', SUBSCRIPTIONS.genaiPilot, {
      cap: '500',
      expiresOn: '2099-01-31',
    }),
  ];
}
