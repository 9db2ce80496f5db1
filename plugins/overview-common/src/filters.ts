import {
  ATTENTION_LEVELS,
  CONCERNS,
  OverviewInputError,
  type AttentionLevel,
  type Concern,
  type DomainOverviewRow,
  type OverviewFilters,
} from './types';

/** The query parameters of the platform home, in the order `filtersToQuery` writes them. */
export const OVERVIEW_FILTER_KEYS = ['q', 'attention', 'concern'] as const;

/** Longest search text accepted. */
export const OVERVIEW_Q_MAX_LENGTH = 100;

/** The pieces of one parameter: repeated (`a=1&a=2`) and comma-separated (`a=1,2`) alike. */
function piecesOf(key: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      throw new OverviewInputError(
        `${key} must be text (repeat it or separate values with commas), got ${describe(
          item,
        )}`,
      );
    }
    for (const piece of item.split(',')) {
      const value = piece.trim();
      if (value !== '' && !values.includes(value)) values.push(value);
    }
  }
  return values;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Values of `allowed`, in its order (so equal filters read the same), or undefined when none. */
function oneOrMoreOf<T extends string>(
  key: string,
  raw: unknown,
  allowed: readonly T[],
): T[] | undefined {
  const values = piecesOf(key, raw);
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new OverviewInputError(
        `${key} must be one or more of ${allowed.join(
          ', ',
        )} (comma-separated), got '${value}'`,
      );
    }
  }
  const kept = allowed.filter(value => values.includes(value));
  return kept.length > 0 ? kept : undefined;
}

function searchText(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  for (const item of items) {
    if (typeof item !== 'string') {
      throw new OverviewInputError(`q must be text, got ${describe(item)}`);
    }
  }
  // A comma is part of the text searched for, not a list separator.
  const texts = (items as string[]).map(item => item.trim()).filter(Boolean);
  if (texts.length > 1) {
    throw new OverviewInputError(
      `q takes one search text, got ${texts.length} (${texts
        .map(text => `'${text}'`)
        .join(', ')})`,
    );
  }
  if (texts.length === 0) return undefined;
  if (texts[0].length > OVERVIEW_Q_MAX_LENGTH) {
    throw new OverviewInputError(
      `q must be at most ${OVERVIEW_Q_MAX_LENGTH} characters, got ${texts[0].length}`,
    );
  }
  return texts[0];
}

/**
 * Parses the query of `GET /domains` and of the platform home's URL. Values
 * may be strings or string arrays (a repeated parameter), lists may be
 * comma-separated; blanks are dropped, duplicates kept once and the levels
 * and concerns put in their canonical order. An empty parameter is no
 * filter. Throws {@link OverviewInputError} naming the parameter and what is
 * allowed on an unknown parameter, an unknown level or concern, a `q` over
 * {@link OVERVIEW_Q_MAX_LENGTH} characters or more than one `q`.
 */
export function parseOverviewFilters(
  query: Record<string, unknown>,
): OverviewFilters {
  for (const key of Object.keys(query)) {
    if (!(OVERVIEW_FILTER_KEYS as readonly string[]).includes(key)) {
      throw new OverviewInputError(
        `Unknown query parameter '${key}'; allowed parameters: ${OVERVIEW_FILTER_KEYS.join(
          ', ',
        )}`,
      );
    }
  }
  const filters: OverviewFilters = {};
  const q = searchText(query.q);
  if (q !== undefined) filters.q = q;
  const attention = oneOrMoreOf<AttentionLevel>(
    'attention',
    query.attention,
    ATTENTION_LEVELS,
  );
  if (attention) filters.attention = attention;
  const concern = oneOrMoreOf<Concern>('concern', query.concern, CONCERNS);
  if (concern) filters.concern = concern;
  return filters;
}

function matchesText(
  row: Pick<DomainOverviewRow, 'name' | 'title' | 'ownerGroup' | 'ownerTitle'>,
  needle: string,
): boolean {
  return [row.name, row.title, row.ownerTitle, row.ownerGroup].some(
    value =>
      value !== undefined && value.toLocaleLowerCase('en').includes(needle),
  );
}

/**
 * The rows the filters keep, in their order: `q` in the name, title or owner
 * (case-insensitive), the row's attention among `attention`, and at least
 * one of the `concern` cells critical or warning. Filters combine with AND.
 */
export function applyOverviewFilters<
  R extends Pick<
    DomainOverviewRow,
    'name' | 'title' | 'ownerGroup' | 'ownerTitle' | 'attention' | Concern
  >,
>(rows: ReadonlyArray<R>, filters: OverviewFilters): R[] {
  const needle = filters.q?.trim().toLocaleLowerCase('en');
  const levels = filters.attention?.length ? filters.attention : undefined;
  const concerns = filters.concern?.length ? filters.concern : undefined;
  return rows.filter(
    row =>
      (!needle || matchesText(row, needle)) &&
      (!levels || levels.includes(row.attention)) &&
      (!concerns ||
        concerns.some(concern => {
          const level = row[concern].attention;
          return level === 'critical' || level === 'warning';
        })),
  );
}

/**
 * The filters as a URL query without the `?` (`q=sales&attention=critical,warning&concern=cost`):
 * parameters in the order of {@link OVERVIEW_FILTER_KEYS}, levels and
 * concerns in their canonical order, `''` when there is no filter.
 * `parseOverviewFilters` reads it back to the same filters.
 */
export function filtersToQuery(filters: OverviewFilters): string {
  const parts: string[] = [];
  const q = filters.q?.trim();
  if (q) parts.push(`q=${encodeURIComponent(q)}`);
  const attention = ATTENTION_LEVELS.filter(level =>
    filters.attention?.includes(level),
  );
  if (attention.length > 0) parts.push(`attention=${attention.join(',')}`);
  const concern = CONCERNS.filter(c => filters.concern?.includes(c));
  if (concern.length > 0) parts.push(`concern=${concern.join(',')}`);
  return parts.join('&');
}
