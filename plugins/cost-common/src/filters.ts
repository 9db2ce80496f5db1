import {
  COST_ALERT_KINDS,
  COST_ALERT_STATUSES,
  type CostAlertKind,
  type CostAlertStatus,
} from './types';
import { CostInputError } from './errors';

/** A catalog entity name (Backstage's rule): 1–63 characters. */
export const ENTITY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export interface AlertFilters {
  kinds?: CostAlertKind[];
  statuses?: CostAlertStatus[];
  domain?: string;
}

const FILTER_KEYS = ['kind', 'status', 'domain'] as const;

/** The values of one parameter: repeated (`a=1&a=2`) and comma-separated (`a=1,2`) alike. */
function valuesOf(key: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      throw new CostInputError(
        key,
        `Query parameter '${key}' must be text (repeat it or separate values with commas)`,
      );
    }
    for (const piece of item.split(',')) {
      const value = piece.trim();
      if (value !== '' && !values.includes(value)) values.push(value);
    }
  }
  return values;
}

function oneOf<T extends string>(
  key: string,
  values: string[],
  allowed: readonly T[],
): T[] | undefined {
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new CostInputError(
        key,
        `Invalid ${key} '${value}'; allowed values: ${allowed.join(', ')}`,
      );
    }
  }
  return values.length > 0 ? (values as T[]) : undefined;
}

/**
 * Parses and validates the query of GET /alerts. Throws
 * {@link CostInputError} naming the parameter and what is allowed on an
 * unknown parameter, an unknown kind or status, or a domain that is not one
 * entity name. Empty values are no filter.
 */
export function parseAlertFilters(
  query: Record<string, unknown>,
): AlertFilters {
  for (const key of Object.keys(query)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      throw new CostInputError(
        key,
        `Unknown query parameter '${key}'; allowed parameters: ${FILTER_KEYS.join(
          ', ',
        )}`,
      );
    }
  }
  const filters: AlertFilters = {};
  const kinds = oneOf('kind', valuesOf('kind', query.kind), COST_ALERT_KINDS);
  if (kinds) filters.kinds = kinds;
  const statuses = oneOf(
    'status',
    valuesOf('status', query.status),
    COST_ALERT_STATUSES,
  );
  if (statuses) filters.statuses = statuses;
  const domains = valuesOf('domain', query.domain);
  if (domains.length > 1) {
    throw new CostInputError(
      'domain',
      `domain takes one Domain name; got ${domains.length} (${domains.join(
        ', ',
      )})`,
    );
  }
  if (domains.length === 1) {
    if (!ENTITY_NAME_PATTERN.test(domains[0])) {
      throw new CostInputError(
        'domain',
        `Invalid domain '${domains[0]}'; allowed: a Domain name of 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit`,
      );
    }
    filters.domain = domains[0];
  }
  return filters;
}
