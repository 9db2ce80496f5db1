import { useMemo } from 'react';
import {
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  SearchField,
  SortDescriptor,
  Switch,
  Table,
  Text,
  useTable,
} from '@backstage/ui';
import {
  AzureEstate,
  EstateSubscription,
} from '@dataplatform/plugin-azure-common';
import { roleLabel, SUBSCRIPTION_ROLES } from './format';
import { TagCompliance } from './TagCompliance';

type Row = EstateSubscription & { id: string };

interface Filter {
  onlyNonCompliant: boolean;
}

const columns: readonly ColumnConfig<Row>[] = [
  {
    id: 'name',
    label: 'Name',
    isRowHeader: true,
    isSortable: true,
    cell: row => <CellText title={row.displayName} />,
  },
  {
    id: 'subscriptionId',
    label: 'Subscription ID',
    cell: row => (
      <Cell>
        <code>{row.subscriptionId}</code>
      </Cell>
    ),
  },
  {
    id: 'role',
    label: 'Role',
    isSortable: true,
    cell: row => <CellText title={roleLabel(row.role)} />,
  },
  {
    id: 'state',
    label: 'State',
    isSortable: true,
    cell: row => <CellText title={row.state} />,
  },
  {
    id: 'domain',
    label: 'Domain tag',
    isSortable: true,
    cell: row => <CellText title={row.tags.domain ?? '—'} />,
  },
  {
    id: 'owner',
    label: 'Owner tag',
    isSortable: true,
    cell: row => <CellText title={row.tags.owner ?? '—'} />,
  },
  {
    id: 'compliance',
    label: 'Tag compliance',
    isSortable: true,
    cell: row => (
      <Cell>
        <TagCompliance problems={row.tagProblems} />
      </Cell>
    ),
  },
  {
    id: 'portal',
    label: 'Azure portal',
    cell: row => (
      <Cell>
        <Link
          href={row.portalUrl}
          target="_blank"
          rel="noopener noreferrer"
          variant="body-small"
          title={`Open ${row.displayName} in the Azure portal`}
        >
          Open in Azure portal
        </Link>
      </Cell>
    ),
  },
];

function sortValue(row: Row, column: string): string | number {
  switch (column) {
    case 'role':
      return SUBSCRIPTION_ROLES.indexOf(row.role);
    case 'state':
      return row.state;
    case 'domain':
      return row.tags.domain ?? '';
    case 'owner':
      return row.tags.owner ?? '';
    case 'compliance':
      return row.tagProblems.length;
    default:
      return row.displayName.toLocaleLowerCase('en');
  }
}

function sortRows(rows: Row[], sort: SortDescriptor): Row[] {
  const direction = sort.direction === 'descending' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, String(sort.column));
    const y = sortValue(b, String(sort.column));
    if (x === y) {
      return a.displayName.localeCompare(b.displayName);
    }
    return (x < y ? -1 : 1) * direction;
  });
}

function searchRows(rows: Row[], search: string): Row[] {
  const needle = search.trim().toLocaleLowerCase('en');
  if (!needle) {
    return rows;
  }
  return rows.filter(row =>
    [
      row.displayName,
      row.subscriptionId,
      roleLabel(row.role),
      row.state,
      ...Object.values(row.tags),
    ].some(value => value.toLocaleLowerCase('en').includes(needle)),
  );
}

function filterRows(rows: Row[], filter: Filter): Row[] {
  return filter.onlyNonCompliant
    ? rows.filter(row => row.tagProblems.length > 0)
    : rows;
}

/** Every subscription with its tags checked against the tagging strategy. */
export function SubscriptionsTable(props: { estate: AzureEstate }) {
  const data = useMemo(
    () => props.estate.subscriptions.map(s => ({ ...s, id: s.subscriptionId })),
    [props.estate.subscriptions],
  );
  const { tableProps, search, filter } = useTable<Row, Filter>({
    mode: 'complete',
    data,
    initialSort: { column: 'name', direction: 'ascending' },
    initialFilter: { onlyNonCompliant: false },
    sortFn: sortRows,
    searchFn: searchRows,
    filterFn: filterRows,
    paginationOptions: { pageSize: 50, pageSizeOptions: [20, 50, 100] },
  });

  return (
    <Flex direction="column" gap="3">
      <Flex gap="4" align="center">
        <SearchField
          aria-label="Search subscriptions"
          placeholder="Search by name, id, role or tag"
          size="small"
          value={search.value}
          onChange={search.onChange}
        />
        <Switch
          label="Only subscriptions with tag problems"
          isSelected={filter.value?.onlyNonCompliant ?? false}
          onChange={onlyNonCompliant => filter.onChange({ onlyNonCompliant })}
        />
      </Flex>
      <Table
        {...tableProps}
        columnConfig={columns}
        emptyState={
          <Text color="secondary">No subscriptions match the search.</Text>
        }
      />
    </Flex>
  );
}
