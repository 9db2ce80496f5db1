/**
 * The combined view of domains: the shapes the overview backend
 * (plugin id `dataplatform-overview`) serves and the platform home, "my
 * domains" and Domain page cards read, the permission, the attention rules
 * per concern, the worst-first ordering, counts, filters and persona landing.
 *
 * @packageDocumentation
 */
export * from './types';
export { overviewReadPermission, overviewPermissions } from './permissions';
export { daysUntil } from './dates';
export {
  healthAttention,
  costAttention,
  retentionAttention,
  contractsAttention,
  sandboxesAttention,
  attentionOfCell,
  isUnavailable,
  worstAttention,
  rowAttention,
  compareRows,
  attentionReasons,
  cellSortValue,
  type OverviewCell,
  type RowCells,
} from './attention';
export { overviewCounts } from './counts';
export {
  OVERVIEW_FILTER_KEYS,
  OVERVIEW_Q_MAX_LENGTH,
  parseOverviewFilters,
  applyOverviewFilters,
  filtersToQuery,
} from './filters';
export { personaOf, type PersonaFacts } from './persona';
