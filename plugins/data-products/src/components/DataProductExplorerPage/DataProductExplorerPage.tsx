import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Button,
  Container,
  Flex,
  Grid,
  SearchField,
  Text,
} from '@backstage/ui';
import {
  DATA_CONTRACT_API_TYPE,
  DATA_PRODUCT_KIND,
} from '@dataplatform/plugin-data-products-common';
import { plural } from '../../lib/values';
import { DataProductCard } from './DataProductCard';
import {
  applyQuery,
  CONTRACT_FIELDS,
  emptyQuery,
  ExplorerQuery,
  Facet,
  facetOptions,
  isEmptyQuery,
  PRODUCT_FIELDS,
  ProductRow,
  queryFromSearchParams,
  queryToSearchParams,
  toRow,
} from './explorer';
import { EntityFacetSelect, FacetChips } from './ExplorerFilters';

function useProducts() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<ProductRow[]> => {
    const [products, contracts] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: DATA_PRODUCT_KIND },
        fields: PRODUCT_FIELDS,
      }),
      catalogApi.getEntities({
        filter: { kind: 'API', 'spec.type': DATA_CONTRACT_API_TYPE },
        fields: CONTRACT_FIELDS,
      }),
    ]);
    const contractsByRef = new Map(
      contracts.items.map(entity => [stringifyEntityRef(entity), entity]),
    );
    return products.items
      .map(entity => toRow(entity, contractsByRef))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
}

/** The query lives in the address so that a filtered view can be shared. */
function useExplorerQuery(): [ExplorerQuery, (query: ExplorerQuery) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(
    () => queryFromSearchParams(searchParams),
    [searchParams],
  );
  const setQuery = useCallback(
    (next: ExplorerQuery) =>
      setSearchParams(queryToSearchParams(next), { replace: true }),
    [setSearchParams],
  );
  return [query, setQuery];
}

function Filters(props: {
  rows: ProductRow[];
  query: ExplorerQuery;
  onChange: (query: ExplorerQuery) => void;
}) {
  const { rows, query, onChange } = props;
  const setFacet = (facet: Facet) => (values: string[]) =>
    onChange({ ...query, filters: { ...query.filters, [facet]: values } });
  return (
    <Flex direction="column" gap="4" aria-label="Filters" role="region">
      <EntityFacetSelect
        facet="domain"
        defaultKind="domain"
        options={facetOptions(rows, query, 'domain')}
        onChange={setFacet('domain')}
      />
      <EntityFacetSelect
        facet="owner"
        defaultKind="group"
        options={facetOptions(rows, query, 'owner')}
        onChange={setFacet('owner')}
      />
      {(['layer', 'classification', 'lifecycle'] as const).map(facet => (
        <FacetChips
          key={facet}
          facet={facet}
          options={facetOptions(rows, query, facet)}
          onChange={setFacet(facet)}
        />
      ))}
    </Flex>
  );
}

function Results(props: {
  rows: ProductRow[];
  query: ExplorerQuery;
  onClear: () => void;
}) {
  const { rows, query, onClear } = props;
  const shown = useMemo(() => applyQuery(rows, query), [rows, query]);
  const filtered = !isEmptyQuery(query);

  if (shown.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No data products match"
        description="Nothing matches the search and filters together. Clear them to see every data product again."
        action={
          <Button variant="primary" onPress={onClear}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <Flex direction="column" gap="3">
      <Flex justify="between" align="center">
        <Text variant="body-small" color="secondary" aria-live="polite">
          {filtered
            ? `Showing ${shown.length} of ${plural(
                rows.length,
                'data product',
              )}`
            : plural(rows.length, 'data product')}
        </Text>
        {filtered && (
          <Button variant="tertiary" size="small" onPress={onClear}>
            Clear filters
          </Button>
        )}
      </Flex>
      <Grid.Root columns={{ initial: '1', md: '2', xl: '3' }} gap="3">
        {shown.map(row => (
          <DataProductCard key={row.ref} row={row} />
        ))}
      </Grid.Root>
    </Flex>
  );
}

/**
 * Where data citizens find data: every data product in the catalog, searched
 * and filtered by domain, owner, layer, classification and lifecycle, with
 * the state of the contracts on its output ports.
 */
export function DataProductExplorerPage() {
  const products = useProducts();
  const [query, setQuery] = useExplorerQuery();
  const clear = () => setQuery(emptyQuery());

  let content: JSX.Element;
  if (products.loading) {
    content = <Progress />;
  } else if (products.error) {
    content = (
      <ResponseErrorPanel
        title="Could not load the data products from the catalog"
        error={products.error}
      />
    );
  } else if (!products.value || products.value.length === 0) {
    content = (
      <EmptyState
        missing="content"
        title="No data products in the catalog yet"
        description="Data products appear here once a domain registers a DataProduct entity (kind DataProduct, dataplatform.contoso.com/v1alpha1) in the catalog."
      />
    );
  } else {
    content = (
      <Grid.Root columns={{ initial: '1', md: '4' }} gap="4">
        <Grid.Item colSpan={{ initial: '1', md: '1' }}>
          <Filters rows={products.value} query={query} onChange={setQuery} />
        </Grid.Item>
        <Grid.Item colSpan={{ initial: '1', md: '3' }}>
          <Results rows={products.value} query={query} onClear={clear} />
        </Grid.Item>
      </Grid.Root>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <SearchField
          aria-label="Search data products"
          placeholder="Search by name, description, tag, domain or owner"
          value={query.text}
          onChange={text => setQuery({ ...query, text })}
        />
        {content}
      </Flex>
    </Container>
  );
}
