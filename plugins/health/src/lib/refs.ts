import { parseEntityRef } from '@backstage/catalog-model';

/** The path of an entity's Health tab, from the path of its entity page. */
export function healthTabPath(entityPath: string): string {
  return `${entityPath.replace(/\/$/, '')}/health`;
}

/** "finance" from "domain:default/finance"; the ref itself when it does not parse. */
export function nameOf(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}
