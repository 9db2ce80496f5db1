import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { text } from './values';

/**
 * A reference written in a spec (`finance`, `group:finance-team`) in full,
 * read the way the catalog reads it; undefined when it is not a reference.
 * Links need the full form: they do not apply a default kind themselves.
 */
export function fullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): string | undefined {
  const ref = text(value);
  if (!ref) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}
