import {
  EstateFinding,
  Finding,
  VERDICTS,
  Verdict,
} from '@dataplatform/plugin-retention-common';
import { nameOf } from '../../lib/refs';

export type AreaFilter = Finding['area'] | 'all';

export interface PageQuery {
  /** The verdicts shown; never empty. */
  verdicts: Verdict[];
  /** A domain name (`hr`); empty for every domain. */
  domain: string;
  area: AreaFilter;
  /** The page of the table, from 1. */
  page: number;
}

/**
 * What needs attention. Most of the estate is compliant, and listing it
 * all buried the few findings someone has to act on; the verdict chips
 * add compliant back.
 */
export const DEFAULT_VERDICTS: readonly Verdict[] = [
  'violation',
  'at-risk',
  'unknown',
];

export const DEFAULT_QUERY: PageQuery = {
  verdicts: [...DEFAULT_VERDICTS],
  domain: '',
  area: 'all',
  page: 1,
};

function sameVerdicts(a: readonly Verdict[], b: readonly Verdict[]): boolean {
  return a.length === b.length && a.every(v => b.includes(v));
}

/** Whether the filters differ from the default, whatever the page. */
export function isFiltered(query: PageQuery): boolean {
  return (
    !sameVerdicts(query.verdicts, DEFAULT_VERDICTS) ||
    !!query.domain ||
    query.area !== 'all'
  );
}

/**
 * Reads `?verdict=`, `?domain=`, `?area=` and `?page=` so that a filtered
 * view can be shared, and the page survives following a link and coming
 * back. Anything it cannot read is the default.
 */
export function readQuery(params: URLSearchParams): PageQuery {
  const verdicts = (params.get('verdict') ?? '')
    .split(',')
    .filter((v): v is Verdict => (VERDICTS as readonly string[]).includes(v));
  const area = params.get('area');
  const page = Number(params.get('page'));
  return {
    verdicts:
      verdicts.length > 0
        ? VERDICTS.filter(v => verdicts.includes(v))
        : [...DEFAULT_VERDICTS],
    domain: params.get('domain') ?? '',
    area: area === 'retention' || area === 'recovery' ? area : 'all',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The query as search parameters, leaving out what is the default. */
export function writeQuery(query: PageQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (
    query.verdicts.length > 0 &&
    !sameVerdicts(query.verdicts, DEFAULT_VERDICTS)
  ) {
    out.set(
      'verdict',
      VERDICTS.filter(v => query.verdicts.includes(v)).join(','),
    );
  }
  if (query.domain) out.set('domain', query.domain);
  if (query.area !== 'all') out.set('area', query.area);
  if (query.page > 1) out.set('page', String(query.page));
  return out;
}

/** The findings of the chosen domain and area, whatever their verdict. */
export function inScope(
  findings: EstateFinding[],
  query: Pick<PageQuery, 'domain' | 'area'>,
): EstateFinding[] {
  return findings.filter(
    f =>
      (!query.domain || nameOf(f.domainRef) === query.domain) &&
      (query.area === 'all' || f.area === query.area),
  );
}

/** The domains findings belong to, by name, alphabetically. */
export function domainsOf(findings: EstateFinding[]): string[] {
  return [...new Set(findings.map(f => nameOf(f.domainRef)))].sort((a, b) =>
    a.localeCompare(b),
  );
}
