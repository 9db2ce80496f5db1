import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  DomainOverviewResponse,
  DomainOverviewRow,
  LANDING_PATHS,
  MeResponse,
  MyDomainsResponse,
  OverviewFilters,
  PlatformHomeResponse,
  UnavailableCell,
  applyOverviewFilters,
  attentionReasons,
  overviewCounts,
  personaOf,
  rowAttention,
} from '@dataplatform/plugin-overview-common';
import { OverviewSnapshot } from './OverviewState';
import { Viewer, maySee, ownsRow } from './Viewers';

/*
 * The answers of the routes, from a snapshot and who is asking. Pure: the
 * router does the HTTP, these decide what each person sees.
 */

export const NO_VISIBLE_ROWS =
  'No domain is owned by a group you are in, and you are not in the platform team; the platform home lists the domains you may see. Data products are in the data product explorer (/data-products).';

function hasFilters(filters: OverviewFilters): boolean {
  return Boolean(
    filters.q || filters.attention?.length || filters.concern?.length,
  );
}

function homeOf(
  snapshot: OverviewSnapshot,
  visible: DomainOverviewRow[],
  filters: OverviewFilters,
): PlatformHomeResponse {
  const emptyReason =
    visible.length > 0 ? undefined : snapshot.noRowsReason ?? NO_VISIBLE_ROWS;
  return {
    generatedAt: snapshot.generatedAt,
    sources: snapshot.sources,
    counts: overviewCounts(visible),
    rows: applyOverviewFilters(visible, filters),
    visibleTotal: visible.length,
    ...(emptyReason ? { emptyReason } : {}),
  };
}

/** The platform team's unfiltered answer, serialized and compressed once per snapshot. */
export function platformHomeJson(snapshot: OverviewSnapshot): {
  etag: string;
  json: Buffer;
  gzip: Buffer;
} {
  if (!snapshot.platformHome) {
    const json = Buffer.from(
      JSON.stringify(homeOf(snapshot, snapshot.rows, {})),
      'utf8',
    );
    snapshot.platformHome = {
      // Weak: an equal version may differ in the poll times it shows.
      etag: `W/"${snapshot.version}"`,
      json,
      gzip: gzipSync(json),
    };
  }
  return snapshot.platformHome;
}

/** Whether the answer is the platform team's shared one (see {@link platformHomeJson}). */
export function isSharedHome(viewer: Viewer, filters: OverviewFilters) {
  return viewer.platformTeam && !hasFilters(filters);
}

/**
 * `GET /domains` for anyone else: the rows they may see, filtered, with
 * its ETag. The answer follows from the snapshot's version, the rows seen
 * and the filters, so those make the tag without hashing the body.
 */
export function platformHome(
  snapshot: OverviewSnapshot,
  viewer: Viewer,
  filters: OverviewFilters,
): { etag: string; body: PlatformHomeResponse } {
  const visible = viewer.platformTeam
    ? snapshot.rows
    : snapshot.rows.filter(row => maySee(viewer, row.ownerGroup));
  const seen = createHash('sha256')
    .update(JSON.stringify([visible.map(row => row.entityRef), filters]))
    .digest('hex')
    .slice(0, 20);
  return {
    etag: `W/"${snapshot.version}-${seen}"`,
    body: homeOf(snapshot, visible, filters),
  };
}

function requireCatalog(snapshot: OverviewSnapshot) {
  if (!snapshot.catalogRead) {
    throw new ServiceUnavailableError(
      snapshot.noRowsReason ?? 'The catalog has not been read yet',
    );
  }
}

/**
 * The row as someone outside the owner group and the platform team sees
 * it: the cost cell restricted, and the level and reasons without it (they
 * would tell the cost otherwise).
 */
function withoutCost(row: DomainOverviewRow): DomainOverviewRow {
  const cost: UnavailableCell = {
    attention: 'unknown',
    text: 'Restricted',
    unavailable: row.ownerGroup
      ? `Cost is visible to ${
          row.ownerTitle ?? row.ownerGroup
        } and the platform team`
      : 'Cost is visible to the platform team (the domain names no owner group)',
    href: row.cost.href,
  };
  const restricted = { ...row, cost };
  return {
    ...restricted,
    attention: rowAttention(restricted),
    reasons: attentionReasons(restricted),
  };
}

/** `GET /domains/:name`: any signed-in person; cost for the owners and the platform team. */
export function domainOverview(
  snapshot: OverviewSnapshot,
  viewer: Viewer,
  name: string,
): DomainOverviewResponse {
  requireCatalog(snapshot);
  const row = snapshot.rowsByName.get(name.toLowerCase());
  if (!row) {
    throw new NotFoundError(`no Domain named '${name}' in the catalog`);
  }
  const details = snapshot.details.get(row.name.toLowerCase())!;
  const requests = snapshot.requests.filter(request =>
    request.kind === 'domain-request'
      ? request.name.toLowerCase() === row.name.toLowerCase()
      : row.ownerGroup !== undefined && request.ownerGroup === row.ownerGroup,
  );
  return {
    generatedAt: snapshot.generatedAt,
    sources: [...snapshot.sources, snapshot.provisioning],
    row: maySee(viewer, row.ownerGroup) ? row : withoutCost(row),
    dataProducts: details.dataProducts,
    sandboxes: details.sandboxes,
    ...(details.owner ? { owner: details.owner } : {}),
    requests,
  };
}

function ownRows(snapshot: OverviewSnapshot, viewer: Viewer) {
  return snapshot.rows.filter(row => ownsRow(viewer, row.ownerGroup));
}

/** `GET /me`: the persona and where it lands. */
export function me(snapshot: OverviewSnapshot, viewer: Viewer): MeResponse {
  // The platform team is known without the catalog; a domain owner is not.
  if (!viewer.platformTeam) requireCatalog(snapshot);
  const domains = ownRows(snapshot, viewer).map(row => row.name);
  const persona = personaOf({
    platformTeam: viewer.platformTeam,
    ownsDomain: domains.length > 0,
  });
  return { persona, landingPath: LANDING_PATHS[persona], domains };
}

/** `GET /me/domains`: the domains of the caller's groups and their requests in progress. */
export function myDomains(
  snapshot: OverviewSnapshot,
  viewer: Viewer,
): MyDomainsResponse {
  requireCatalog(snapshot);
  const rows = ownRows(snapshot, viewer);
  const requests = snapshot.requests.filter(
    request =>
      request.requestedBy?.toLowerCase() === viewer.userEntityRef ||
      (request.ownerGroup !== undefined &&
        viewer.groups.has(request.ownerGroup)),
  );
  return {
    generatedAt: snapshot.generatedAt,
    sources: [...snapshot.sources, snapshot.provisioning],
    persona: personaOf({
      platformTeam: viewer.platformTeam,
      ownsDomain: rows.length > 0,
    }),
    rows,
    requests,
  };
}
