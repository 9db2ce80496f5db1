import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_LIFECYCLES,
  formatDuration,
  MEDALLION_LAYERS,
} from '@dataplatform/plugin-data-products-common';
import { contractStateOf, portsOf } from '../../lib/ports';
import { fullRef } from '../../lib/refs';
import { isRecord, text, texts } from '../../lib/values';

/** The filters of the explorer, in the order they are shown. */
export const FACETS = [
  'domain',
  'owner',
  'layer',
  'classification',
  'lifecycle',
] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_LABELS: Record<Facet, string> = {
  domain: 'Domain',
  owner: 'Owner',
  layer: 'Layer',
  classification: 'Classification',
  lifecycle: 'Lifecycle',
};

/** Values every product may take, shown even when no product has them. */
export const FACET_VALUES: Partial<Record<Facet, readonly string[]>> = {
  layer: MEDALLION_LAYERS,
  classification: DATA_CLASSIFICATIONS,
  lifecycle: DATA_PRODUCT_LIFECYCLES,
};

/** Facets whose values are entity references, with the kind they default to. */
const REF_FACETS: Partial<Record<Facet, string>> = {
  domain: 'domain',
  owner: 'group',
};

export interface ExplorerQuery {
  text: string;
  filters: Record<Facet, string[]>;
}

/** What an output port's contracts add up to, for a result card. */
export interface ContractSummary {
  ports: number;
  missing: number;
  errors: number;
  invalid: number;
  unchecked: number;
}

export interface ProductRow {
  entity: Entity;
  ref: string;
  title: string;
  description?: string;
  tags: string[];
  /** Full entity references (`domain:default/sales`). */
  domain?: string;
  owner?: string;
  layer?: string;
  classification?: string;
  lifecycle?: string;
  freshness?: string;
  contracts: ContractSummary;
  /** Everything the text search looks at, lower case. */
  haystack: string;
}

/** Fields of a data product the explorer needs; the rest stays in the catalog. */
export const PRODUCT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.domain',
  'spec.owner',
  'spec.layer',
  'spec.classification',
  'spec.lifecycle',
  'spec.outputPorts',
  'spec.sla.freshness',
];

/** Fields of a contract API the explorer needs to judge it. */
export const CONTRACT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.type',
];

/**
 * `domain:default/sales` → `sales` when domain is the kind to expect; other
 * kinds and namespaces stay written out.
 */
export function shortRef(ref: string, defaultKind?: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const prefix =
      defaultKind && kind.toLocaleLowerCase('en') === defaultKind
        ? ''
        : `${kind.toLocaleLowerCase('en')}:`;
    return `${prefix}${
      namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`
    }${name}`;
  } catch {
    return ref;
  }
}

function nameOf(ref: string | undefined): string | undefined {
  if (!ref) {
    return undefined;
  }
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

function lower(value: string | undefined) {
  return value?.toLocaleLowerCase('en');
}

export function toRow(
  entity: Entity,
  contractsByRef: Map<string, Entity>,
): ProductRow {
  const spec = isRecord(entity.spec) ? entity.spec : {};
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const domain = fullRef(spec.domain, 'domain', namespace);
  const owner = fullRef(spec.owner, 'group', namespace);
  const title = text(entity.metadata.title) ?? entity.metadata.name;
  const description = text(entity.metadata.description);
  const tags = texts(entity.metadata.tags);
  const freshness = isRecord(spec.sla) ? text(spec.sla.freshness) : undefined;

  const contracts: ContractSummary = {
    ports: 0,
    missing: 0,
    errors: 0,
    invalid: 0,
    unchecked: 0,
  };
  for (const port of portsOf(entity)) {
    if (port.direction !== 'output') {
      continue;
    }
    contracts.ports += 1;
    const state = contractStateOf(
      port,
      port.contractRef ? contractsByRef.get(port.contractRef) : undefined,
    );
    if (state.state === 'invalid') {
      contracts.invalid += 1;
      contracts.errors += Math.max(state.errorCount, 1);
    } else if (state.state === 'unchecked') {
      contracts.unchecked += 1;
    } else if (state.state !== 'valid') {
      // Not in the catalog, not an ODCS API, or an unreadable reference:
      // for a reader the contract is simply not there.
      contracts.missing += 1;
    }
  }

  return {
    entity,
    ref: stringifyEntityRef(entity),
    title,
    description,
    tags,
    domain,
    owner,
    layer: lower(text(spec.layer)),
    classification: lower(text(spec.classification)),
    lifecycle: lower(text(spec.lifecycle)),
    freshness,
    contracts,
    haystack: [
      title,
      entity.metadata.name,
      description,
      ...tags,
      domain,
      nameOf(domain),
      owner,
      nameOf(owner),
    ]
      .filter(Boolean)
      .join('\n')
      .toLocaleLowerCase('en'),
  };
}

/** `PT15M` → "Fresh within 15 minutes", as the SLA promises it. */
export function freshnessLabel(freshness: string | undefined) {
  return freshness ? `Fresh within ${formatDuration(freshness)}` : undefined;
}

export function facetValueOf(row: ProductRow, facet: Facet) {
  return row[facet];
}

function matchesText(row: ProductRow, query: string): boolean {
  const terms = query.toLocaleLowerCase('en').split(/\s+/).filter(Boolean);
  return terms.every(term => row.haystack.includes(term));
}

function matchesFacets(
  row: ProductRow,
  filters: Record<Facet, string[]>,
  except?: Facet,
): boolean {
  return FACETS.every(facet => {
    const selected = filters[facet];
    if (facet === except || selected.length === 0) {
      return true;
    }
    const value = facetValueOf(row, facet);
    return value !== undefined && selected.includes(value);
  });
}

export function applyQuery(rows: ProductRow[], query: ExplorerQuery) {
  return rows.filter(
    row => matchesText(row, query.text) && matchesFacets(row, query.filters),
  );
}

export interface FacetOption {
  value: string;
  count: number;
  selected: boolean;
}

/**
 * The values of one filter with how many products each would show, given
 * the search and the other filters: what choosing it would lead to.
 */
export function facetOptions(
  rows: ProductRow[],
  query: ExplorerQuery,
  facet: Facet,
): FacetOption[] {
  const counts = new Map<string, number>();
  for (const value of FACET_VALUES[facet] ?? []) {
    counts.set(value, 0);
  }
  for (const row of rows) {
    const value = facetValueOf(row, facet);
    if (value !== undefined && !counts.has(value)) {
      counts.set(value, 0);
    }
  }
  for (const value of query.filters[facet]) {
    if (!counts.has(value)) {
      counts.set(value, 0);
    }
  }
  for (const row of rows) {
    const value = facetValueOf(row, facet);
    if (
      value !== undefined &&
      matchesText(row, query.text) &&
      matchesFacets(row, query.filters, facet)
    ) {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const options = [...counts.entries()].map(([value, count]) => ({
    value,
    count,
    selected: query.filters[facet].includes(value),
  }));
  if (!FACET_VALUES[facet]) {
    options.sort((a, b) =>
      (nameOf(a.value) ?? '').localeCompare(nameOf(b.value) ?? ''),
    );
  }
  return options;
}

export function emptyQuery(): ExplorerQuery {
  return {
    text: '',
    filters: {
      domain: [],
      owner: [],
      layer: [],
      classification: [],
      lifecycle: [],
    },
  };
}

export function isEmptyQuery(query: ExplorerQuery): boolean {
  return (
    query.text.trim() === '' &&
    FACETS.every(facet => query.filters[facet].length === 0)
  );
}

/**
 * Reads the query from the address, so a filtered view can be linked:
 * `?q=fraud&domain=finance&layer=gold&layer=silver`.
 */
export function queryFromSearchParams(params: URLSearchParams): ExplorerQuery {
  const query = emptyQuery();
  query.text = params.get('q') ?? '';
  for (const facet of FACETS) {
    const defaultKind = REF_FACETS[facet];
    const values = params
      .getAll(facet)
      .map(value =>
        defaultKind
          ? fullRef(value, defaultKind, DEFAULT_NAMESPACE)
          : lower(value),
      )
      .filter((value): value is string => !!value);
    query.filters[facet] = [...new Set(values)];
  }
  return query;
}

export function queryToSearchParams(query: ExplorerQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.text) {
    params.set('q', query.text);
  }
  for (const facet of FACETS) {
    for (const value of query.filters[facet]) {
      const defaultKind = REF_FACETS[facet];
      params.append(facet, defaultKind ? shortRef(value, defaultKind) : value);
    }
  }
  return params;
}
