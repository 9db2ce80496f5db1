import { parseEntityRef } from '@backstage/catalog-model';

/** The path of an entity's Retention tab, from the path of its entity page. */
export function retentionTabPath(entityPath: string): string {
  return `${entityPath.replace(/\/$/, '')}/retention`;
}

/** "hr" from "domain:default/hr"; the ref itself when it does not parse. */
export function nameOf(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}
