import {
  Entity,
  RELATION_HAS_MEMBER,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EstateCost,
  EstateDomainRow,
  formatMoney,
  formatPercent,
} from '@dataplatform/plugin-cost-common';
import {
  DATA_CONTRACT_API_TYPE,
  contractStatusOf,
} from '@dataplatform/plugin-data-products-common';
import {
  EntityHealthListResponse,
  EntityHealthSummary,
  HEALTH_MODEL_ANNOTATION,
  HealthState,
} from '@dataplatform/plugin-health-common';
import {
  AttentionLevel,
  ContractsCell,
  CostCell,
  DataProductOverview,
  DomainOverviewRow,
  HealthCell,
  PersonOverview,
  RequestInProgress,
  RetentionCell,
  SANDBOX_EXPIRY_WARNING_DAYS,
  SandboxOverview,
  SandboxesCell,
  RowCells,
  UnavailableCell,
  attentionReasons,
  compareRows,
  contractsAttention,
  costAttention,
  daysUntil,
  healthAttention,
  retentionAttention,
  rowAttention,
  sandboxesAttention,
} from '@dataplatform/plugin-overview-common';
import {
  DomainRequest,
  LEASE_STATE_LABEL,
  PROVISIONING_ANNOTATIONS,
  SANDBOX_RESOURCE_TYPE,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import {
  EntityRetentionSummary,
  Finding,
  VERDICTS,
  Verdict,
} from '@dataplatform/plugin-retention-common';

/** The domain's Azure subscription, as the cost and provisioning plugins read it. */
export const SUBSCRIPTION_ANNOTATION =
  'dataplatform.contoso.com/azure-subscription-id';
/** Title of the subscription link the catalog's domains carry. */
export const SUBSCRIPTION_LINK_TITLE = 'Subscription in the Azure portal';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PORTAL_SUBSCRIPTION_LINK =
  /^https:\/\/portal\.azure\.com\/#(?:@[^/]+\/)?resource\/subscriptions\/([0-9a-f-]{36})\/overview$/i;

/** Lease states after which a sandbox no longer counts as open. */
export const CLOSED_LEASE_STATES = ['expired', 'decommissioned', 'ended'];
/** Domain requests still on their way (the rest are done or rejected). */
export const DOMAIN_REQUESTS_IN_PROGRESS = [
  'pending-approval',
  'approved',
  'provisioning',
  'failed',
] as const;
/** Leases someone has to wait for or act on. */
export const LEASES_IN_PROGRESS = [
  'provisioning',
  'expiring',
  'frozen',
  'needs-attention',
] as const;

/**
 * What one column has to show: the plugin's last good answer (with why it
 * is not current, when it is not), or why there is nothing to show.
 */
export type ColumnInput<T> =
  | { body: T; stale?: string }
  | { unavailable: string };

export interface OverviewInputs {
  /** Domains, DataProducts, ODCS APIs, sandbox Resources, Groups and their Users. */
  entities: Entity[];
  /** Why the entities are from an earlier read of the catalog, when they are. */
  catalogStale?: string;
  health: ColumnInput<EntityHealthListResponse>;
  cost: ColumnInput<EstateCost>;
  retention: ColumnInput<{ items: EntityRetentionSummary[] }>;
  /** For Azure portal links built here. */
  tenantId?: string;
}

/** What a Domain page shows beyond its row. */
export interface DomainDetails {
  dataProducts: DataProductOverview[];
  sandboxes: SandboxOverview[];
  owner?: PersonOverview & { members: PersonOverview[] };
}

export interface BuiltOverview {
  /** Worst first; `rank` is the index. */
  rows: DomainOverviewRow[];
  /** By lower-case domain name. */
  details: Map<string, DomainDetails>;
}

// ---------------------------------------------------------------------------
// Catalog helpers
// ---------------------------------------------------------------------------

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLowerCase();
}

/** `spec.owner` or a port's contract as a full lower-case ref; undefined when unreadable. */
function resolveRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(raw, { defaultKind, defaultNamespace }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

/** The portal path of an entity's page (`/catalog/default/domain/sales`). */
export function entityPath(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLowerCase(),
  )}/${encodeURIComponent(name)}`;
}

function titleOf(entity: Entity): string {
  return text(entity.metadata.title) ?? entity.metadata.name;
}

/** A group's or user's name as people know it. */
function displayNameOf(entity: Entity): string {
  return (
    text((entity.spec?.profile as { displayName?: unknown })?.displayName) ??
    titleOf(entity)
  );
}

function emailOf(entity: Entity): string | undefined {
  return text((entity.spec?.profile as { email?: unknown })?.email);
}

function personOf(entity: Entity): PersonOverview {
  const ref = refOf(entity);
  const email = emailOf(entity);
  return {
    entityRef: ref,
    title: displayNameOf(entity),
    ...(email ? { email } : {}),
    href: entityPath(ref),
  };
}

function is(entity: Entity, kind: string): boolean {
  return entity.kind.toLowerCase() === kind;
}

/** The catalog's entities, by what the overview needs of them. */
class CatalogIndex {
  readonly domains: Entity[] = [];
  readonly productsByDomain = new Map<string, Entity[]>();
  readonly contracts = new Map<string, Entity>();
  readonly sandboxesByOwner = new Map<string, Entity[]>();
  readonly groups = new Map<string, Entity>();
  readonly users = new Map<string, Entity>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      if (is(entity, 'domain')) {
        this.domains.push(entity);
      } else if (is(entity, 'dataproduct')) {
        const domain = resolveRef(
          entity.spec?.domain,
          'domain',
          namespaceOf(entity),
        );
        if (domain) push(this.productsByDomain, domain, entity);
      } else if (
        is(entity, 'api') &&
        entity.spec?.type === DATA_CONTRACT_API_TYPE
      ) {
        this.contracts.set(refOf(entity), entity);
      } else if (
        is(entity, 'resource') &&
        entity.spec?.type === SANDBOX_RESOURCE_TYPE
      ) {
        const owner = resolveRef(
          entity.spec?.owner,
          'group',
          namespaceOf(entity),
        );
        if (owner) push(this.sandboxesByOwner, owner, entity);
      } else if (is(entity, 'group')) {
        this.groups.set(refOf(entity), entity);
      } else if (is(entity, 'user')) {
        this.users.set(refOf(entity), entity);
      }
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------
// Times and words
// ---------------------------------------------------------------------------

/** `11:02 UTC`, or `2026-11-23 11:02 UTC` when not today. */
export function timeUtc(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const stamp = at.toISOString();
  const time = `${stamp.slice(11, 16)} UTC`;
  return stamp.slice(0, 10) === now.toISOString().slice(0, 10)
    ? time
    : `${stamp.slice(0, 10)} ${time}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function capitalized(word: string): string {
  return `${word[0].toUpperCase()}${word.slice(1)}`;
}

function joinStale(...reasons: Array<string | undefined>): string | undefined {
  const present = reasons.filter((r): r is string => !!r);
  return present.length > 0 ? present.join('; ') : undefined;
}

function unavailable(
  reason: string,
  href: string,
  shortText = 'Unavailable',
): UnavailableCell {
  return { attention: 'unknown', text: shortText, unavailable: reason, href };
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

type Pending<C> = Omit<C, 'attention'>;

/**
 * A model error's cause line can quote the model file's path on the server
 * or values from it; the health plugin shows it only to the model's owners,
 * and a Domain page is open to everyone, so the line only says where to look.
 */
const MODEL_CAUSE = `${HEALTH_MODEL_ANNOTATION}: `;
export const MODEL_ERROR_CAUSE =
  'The health model cannot be used (see the Health tab)';

function publicCauses(item: EntityHealthSummary): string[] {
  return item.topCauses.map(cause =>
    cause.startsWith(MODEL_CAUSE) || cause === item.modelError?.message
      ? MODEL_ERROR_CAUSE
      : cause,
  );
}

/** The state a summary stands for: a stale one's last state, shown as last known. */
function shownState(item: EntityHealthSummary): HealthState {
  return item.stale ? item.lastState ?? 'unknown' : item.state;
}

function healthCell(
  input: OverviewInputs['health'],
  item: EntityHealthSummary | undefined,
  href: string,
): Pending<HealthCell> | UnavailableCell {
  if ('unavailable' in input) return unavailable(input.unavailable, href);
  if (!item) {
    const stale = input.stale;
    return {
      text: 'No health model',
      href,
      state: 'unknown',
      noModel: true,
      topCauses: [],
      ...(stale ? { stale } : {}),
    };
  }
  const state = shownState(item);
  let causes = publicCauses(item);
  let itemStale: string | undefined;
  if (item.stale) {
    // The health plugin puts "not evaluated since …" first on a stale item.
    itemStale = causes[0] ?? 'not evaluated lately';
    causes = causes.slice(1);
  }
  const stale = joinStale(itemStale, input.stale);
  const signals = item.signalCounts?.[state] ?? 0;
  let cellText = capitalized(state);
  if (state === 'unhealthy' || state === 'degraded') {
    if (signals > 0) cellText += `: ${plural(signals, 'signal')}`;
    else if (causes[0]) cellText += `: ${causes[0]}`;
  } else if (state === 'unknown' && item.modelError) {
    cellText += ': health model error';
  }
  return {
    text: cellText,
    href,
    state,
    ...(finite(item.score) ? { score: item.score } : {}),
    topCauses: causes,
    ...(item.evaluatedAt ? { evaluatedAt: item.evaluatedAt } : {}),
    ...(stale ? { stale } : {}),
  };
}

function costText(row: EstateDomainRow): string {
  const summary = row.summary!;
  const money = (amount: number) => formatMoney(amount, summary.currency);
  const percent = finite(summary.forecastPercent)
    ? formatPercent(summary.forecastPercent)
    : undefined;
  switch (summary.risk) {
    case 'over-budget':
      return finite(summary.budget)
        ? `Over budget: ${money(summary.monthToDate)} of ${money(
            summary.budget,
          )}`
        : 'Over budget';
    case 'forecast-over-budget':
      return percent ? `Forecast ${percent} of budget` : 'Forecast over budget';
    case 'at-risk':
      return percent ? `At risk: forecast ${percent} of budget` : 'At risk';
    case 'on-track':
      return percent ? `On track: forecast ${percent} of budget` : 'On track';
    case 'no-budget':
      return finite(summary.monthToDate)
        ? `No budget: ${money(summary.monthToDate)} this month`
        : 'No budget';
    default:
      return 'No cost data yet';
  }
}

function costCell(
  input: OverviewInputs['cost'],
  domainRef: string,
  href: string,
): Pending<CostCell> | UnavailableCell {
  if ('unavailable' in input) return unavailable(input.unavailable, href);
  const row = (input.body.domains ?? []).find(
    d =>
      typeof d.entityRef === 'string' &&
      d.entityRef.toLowerCase() === domainRef,
  );
  if (!row) {
    return unavailable(
      `dataplatform-cost has no figures for ${domainRef} yet (it reads new domains at its next refresh)`,
      href,
      'No cost data yet',
    );
  }
  const stale = input.stale;
  const base = {
    href,
    activeAlerts: finite(row.activeAlerts) ? row.activeAlerts : 0,
    ...(row.costAnalysisUrl ? { azureUrl: row.costAnalysisUrl } : {}),
    ...(stale ? { stale } : {}),
  };
  if (row.problem) {
    return {
      ...base,
      text: 'No usable subscription',
      risk: 'no-data',
      problem: row.problem,
    };
  }
  const summary = row.summary;
  if (!summary) {
    return { ...base, text: 'No cost data yet', risk: 'no-data' };
  }
  return {
    ...base,
    text: costText(row),
    risk: summary.risk,
    currency: summary.currency,
    monthToDate: summary.monthToDate,
    budget: summary.budget,
    forecastMonthEnd: summary.forecastMonthEnd,
    forecastPercent: summary.forecastPercent,
  };
}

/** "log-dp-hr / AuditLogs: 30 days (workspace default), required ≥ 3,650 days". */
function findingLine(finding: Finding): string {
  const what = finding.resourceName ?? finding.categoryTitle;
  return `${what}: ${finding.actual}, required ${finding.required}`;
}

function retentionCell(
  input: OverviewInputs['retention'],
  item: EntityRetentionSummary | undefined,
  domainRef: string,
  href: string,
  now: Date,
): Pending<RetentionCell> | UnavailableCell {
  if ('unavailable' in input) return unavailable(input.unavailable, href);
  if (!item) {
    return unavailable(
      `dataplatform-retention has not evaluated ${domainRef} yet`,
      href,
      'Not evaluated yet',
    );
  }
  const counts: Partial<Record<Verdict, number>> = {};
  for (const verdict of VERDICTS) {
    const count = item.counts?.[verdict];
    if (finite(count) && count > 0) counts[verdict] = count;
  }
  const stale = joinStale(
    item.stale
      ? `not evaluated since ${timeUtc(item.evaluatedAt, now)}`
      : undefined,
    input.stale,
  );
  const verdict = item.verdict;
  const findings = counts[verdict] ?? 0;
  const label = verdict === 'at-risk' ? 'At risk' : capitalized(verdict);
  const cellText =
    verdict === 'violation' || verdict === 'at-risk'
      ? `${label}: ${plural(findings, 'finding')}`
      : label;
  return {
    text: cellText,
    href,
    verdict,
    counts,
    ...(item.worst && verdict !== 'compliant'
      ? { worst: findingLine(item.worst) }
      : {}),
    ...(item.evaluatedAt ? { evaluatedAt: item.evaluatedAt } : {}),
    ...(stale ? { stale } : {}),
  };
}

interface ProductFacts {
  overview: DataProductOverview;
}

function productOverview(
  product: Entity,
  contracts: Map<string, Entity>,
  healthItems: Map<string, EntityHealthSummary> | undefined,
): ProductFacts {
  const ref = refOf(product);
  const ports: unknown[] = Array.isArray(product.spec?.outputPorts)
    ? (product.spec!.outputPorts as unknown[])
    : [];
  const seen = new Set<string>();
  const rows: DataProductOverview['contracts'] = [];
  for (const port of ports) {
    const contractRef = resolveRef(
      (port as { contract?: unknown })?.contract,
      'api',
      namespaceOf(product),
    );
    if (!contractRef || seen.has(contractRef)) continue;
    seen.add(contractRef);
    const contract = contracts.get(contractRef);
    if (!contract) {
      rows.push({ entityRef: contractRef, status: 'missing', errorCount: 0 });
      continue;
    }
    const { status, errorCount } = contractStatusOf(contract);
    rows.push({
      entityRef: contractRef,
      title: titleOf(contract),
      status,
      errorCount,
      href: entityPath(contractRef),
    });
  }
  const health = healthItems?.get(ref);
  const layer = text(product.spec?.layer);
  const lifecycle = text(product.spec?.lifecycle);
  return {
    overview: {
      entityRef: ref,
      name: product.metadata.name,
      title: titleOf(product),
      href: entityPath(ref),
      ...(layer ? { layer } : {}),
      ...(lifecycle ? { lifecycle } : {}),
      ...(health ? { healthState: shownState(health) } : {}),
      contracts: rows,
    },
  };
}

function contractsCell(
  products: DataProductOverview[],
  href: string,
  stale: string | undefined,
): Pending<ContractsCell> {
  const all = products.flatMap(p => p.contracts);
  const count = (status: string) => all.filter(c => c.status === status).length;
  const invalid = count('invalid');
  const missing = count('missing');
  const unchecked = count('unchecked');
  const errorCount = all.reduce((sum, c) => sum + c.errorCount, 0);
  const found = all.length - missing;
  let cellText: string;
  if (products.length === 0) cellText = 'No data products';
  else if (all.length === 0) cellText = 'No contracts';
  else if (invalid > 0 || missing > 0) {
    const parts: string[] = [];
    if (invalid > 0) {
      parts.push(`${invalid} invalid (${plural(errorCount, 'error')})`);
    }
    if (missing > 0) parts.push(`${missing} missing`);
    cellText = parts.join(', ');
  } else if (unchecked > 0) cellText = `${unchecked} not validated yet`;
  else cellText = `${plural(found, 'contract')} valid`;
  return {
    text: cellText,
    href,
    dataProducts: products.length,
    contracts: found,
    invalid,
    errorCount,
    missing,
    unchecked,
    ...(stale ? { stale } : {}),
  };
}

function sandboxOverview(sandbox: Entity, now: Date): SandboxOverview {
  const ref = refOf(sandbox);
  const annotations = sandbox.metadata.annotations ?? {};
  const state = text(sandbox.metadata.labels?.[LEASE_STATE_LABEL]);
  const expiresText = text(annotations[PROVISIONING_ANNOTATIONS.expiresOn]);
  let expiresOn: string | undefined;
  let daysLeft: number | undefined;
  if (expiresText) {
    try {
      daysLeft = daysUntil(expiresText, now);
      expiresOn = expiresText.slice(0, 10);
    } catch {
      // Not a day: the sandbox is shown without an end, as the catalog does.
    }
  }
  const capText = text(annotations[PROVISIONING_ANNOTATIONS.budgetCap]);
  const cap = capText === undefined ? NaN : Number(capText);
  const requestedBy = text(annotations[PROVISIONING_ANNOTATIONS.requestedBy]);
  const subscription = text(annotations[SUBSCRIPTION_ANNOTATION]);
  return {
    entityRef: ref,
    name: sandbox.metadata.name,
    title: titleOf(sandbox),
    href: entityPath(ref),
    ...(state ? { state } : {}),
    ...(expiresOn !== undefined ? { expiresOn, daysLeft } : {}),
    ...(Number.isFinite(cap) && cap > 0 ? { budgetCap: cap } : {}),
    ...(requestedBy ? { requestedBy } : {}),
    ...(subscription && GUID.test(subscription)
      ? { subscriptionId: subscription.toLowerCase() }
      : {}),
  };
}

export function isOpen(sandbox: SandboxOverview): boolean {
  return !CLOSED_LEASE_STATES.includes(sandbox.state ?? '');
}

/** Open first, soonest end first (no end last), then by name. */
function compareSandboxes(a: SandboxOverview, b: SandboxOverview): number {
  return (
    Number(isOpen(b)) - Number(isOpen(a)) ||
    (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
    a.name.localeCompare(b.name, 'en')
  );
}

function sandboxesCell(
  sandboxes: SandboxOverview[],
  domainHref: string,
  stale: string | undefined,
): Pending<SandboxesCell> {
  const open = sandboxes.filter(isOpen);
  const expiringSoon = open.filter(
    s => s.daysLeft !== undefined && s.daysLeft <= SANDBOX_EXPIRY_WARNING_DAYS,
  ).length;
  const next = open.find(s => s.expiresOn !== undefined);
  let cellText: string;
  if (open.length === 0) cellText = 'No open sandboxes';
  else if (next && next.daysLeft! < 0) {
    cellText = `${next.name} ended ${next.expiresOn}, still open`;
  } else if (next) {
    const days =
      next.daysLeft === 0 ? 'today' : `in ${plural(next.daysLeft!, 'day')}`;
    cellText = `${open.length} open; ${next.name} ends ${days}`;
  } else cellText = `${open.length} open`;
  return {
    text: cellText,
    href: next?.href ?? open[0]?.href ?? domainHref,
    open: open.length,
    expiringSoon,
    ...(next ? { nextExpiry: next.expiresOn, nextExpiryName: next.name } : {}),
    ...(stale ? { stale } : {}),
  };
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

/** A cell with its level by its concern's rule; an UnavailableCell stays unknown. */
function leveled<C>(
  cell: Pending<C> | UnavailableCell,
  rule: (cell: Pending<C>) => AttentionLevel,
): (Pending<C> & { attention: AttentionLevel }) | UnavailableCell {
  if ('unavailable' in cell) return cell;
  return { ...cell, attention: rule(cell) };
}

function subscriptionOf(
  domain: Entity,
  tenantId: string | undefined,
): { subscriptionId?: string; subscriptionUrl?: string } {
  const annotated = text(
    domain.metadata.annotations?.[SUBSCRIPTION_ANNOTATION],
  );
  const links = domain.metadata.links ?? [];
  // The catalog's own link wins: it already names the right directory.
  const link = links.find(
    l =>
      typeof l.url === 'string' &&
      PORTAL_SUBSCRIPTION_LINK.test(l.url) &&
      (text(l.title)?.toLowerCase() === SUBSCRIPTION_LINK_TITLE.toLowerCase() ||
        (annotated !== undefined &&
          PORTAL_SUBSCRIPTION_LINK.exec(l.url)![1].toLowerCase() ===
            annotated.toLowerCase())),
  );
  let subscriptionId: string | undefined;
  if (annotated && GUID.test(annotated)) {
    subscriptionId = annotated.toLowerCase();
  } else if (link) {
    subscriptionId = PORTAL_SUBSCRIPTION_LINK.exec(link.url)![1].toLowerCase();
  }
  if (!subscriptionId) return {};
  const subscriptionUrl =
    link?.url ??
    `https://portal.azure.com/#${
      tenantId ? `@${encodeURIComponent(tenantId)}/` : ''
    }resource/subscriptions/${subscriptionId}/overview`;
  return { subscriptionId, subscriptionUrl };
}

function healthIndex(
  input: OverviewInputs['health'],
): Map<string, EntityHealthSummary> | undefined {
  if ('unavailable' in input) return undefined;
  const items = Array.isArray(input.body.items) ? input.body.items : [];
  return new Map(
    items
      .filter(i => typeof i?.entityRef === 'string')
      .map(i => [i.entityRef.toLowerCase(), i]),
  );
}

function retentionIndex(
  input: OverviewInputs['retention'],
): Map<string, EntityRetentionSummary> {
  if ('unavailable' in input) return new Map();
  const items = Array.isArray(input.body.items) ? input.body.items : [];
  return new Map(
    items
      .filter(i => typeof i?.entityRef === 'string')
      .map(i => [i.entityRef.toLowerCase(), i]),
  );
}

function ownerOf(
  ownerRef: string | undefined,
  catalog: CatalogIndex,
): DomainDetails['owner'] {
  if (!ownerRef) return undefined;
  const group = catalog.groups.get(ownerRef);
  if (!group) {
    return {
      entityRef: ownerRef,
      title: parseEntityRef(ownerRef).name,
      href: entityPath(ownerRef),
      members: [],
    };
  }
  const memberRefs = new Set(
    (group.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef.toLowerCase()),
  );
  const members = [...memberRefs]
    .map(ref => {
      const user = catalog.users.get(ref);
      return user
        ? personOf(user)
        : {
            entityRef: ref,
            title: parseEntityRef(ref).name,
            href: entityPath(ref),
          };
    })
    .sort((a, b) => a.title.localeCompare(b.title, 'en'));
  return { ...personOf(group), members };
}

/**
 * One row per Domain of the catalog, with a cell per concern, sorted worst
 * first (`compareRows`), and what each Domain page shows beyond its row.
 * Pure: everything comes from `inputs`, "today" from `now`.
 */
export function buildOverview(
  inputs: OverviewInputs,
  now: Date,
): BuiltOverview {
  const catalog = new CatalogIndex(inputs.entities);
  const health = healthIndex(inputs.health);
  const retention = retentionIndex(inputs.retention);
  const details = new Map<string, DomainDetails>();
  const rows: DomainOverviewRow[] = catalog.domains.map(domain => {
    const ref = refOf(domain);
    const href = entityPath(ref);
    const ownerGroup = resolveRef(
      domain.spec?.owner,
      'group',
      namespaceOf(domain),
    );
    const owner = ownerOf(ownerGroup, catalog);
    const products = (catalog.productsByDomain.get(ref) ?? [])
      .map(p => productOverview(p, catalog.contracts, health).overview)
      .sort((a, b) => a.title.localeCompare(b.title, 'en'));
    const sandboxes = (
      ownerGroup ? catalog.sandboxesByOwner.get(ownerGroup) ?? [] : []
    )
      .map(s => sandboxOverview(s, now))
      .sort(compareSandboxes);
    details.set(domain.metadata.name.toLowerCase(), {
      dataProducts: products,
      sandboxes,
      ...(owner ? { owner } : {}),
    });
    const cells: RowCells = {
      health: leveled(
        healthCell(inputs.health, health?.get(ref), `${href}/health`),
        healthAttention,
      ),
      cost: leveled(costCell(inputs.cost, ref, `${href}/cost`), costAttention),
      retention: leveled(
        retentionCell(
          inputs.retention,
          retention.get(ref),
          ref,
          `${href}/retention`,
          now,
        ),
        retentionAttention,
      ),
      contracts: leveled(
        contractsCell(products, href, inputs.catalogStale),
        contractsAttention,
      ),
      sandboxes: leveled(
        sandboxesCell(sandboxes, href, inputs.catalogStale),
        cell => sandboxesAttention(cell, now),
      ),
    };
    const row: DomainOverviewRow = {
      entityRef: ref,
      name: domain.metadata.name,
      title: titleOf(domain),
      ...(ownerGroup ? { ownerGroup, ownerTitle: owner!.title } : {}),
      ...subscriptionOf(domain, inputs.tenantId),
      href,
      attention: rowAttention(cells),
      rank: 0,
      reasons: attentionReasons(cells),
      ...cells,
    };
    return row;
  });
  rows.sort(compareRows);
  rows.forEach((row, index) => {
    row.rank = index;
  });
  return { rows, details };
}

/** The rows of {@link buildOverview}. */
export function buildOverviewRows(
  inputs: OverviewInputs,
  now: Date,
): DomainOverviewRow[] {
  return buildOverview(inputs, now).rows;
}

// ---------------------------------------------------------------------------
// Requests in progress
// ---------------------------------------------------------------------------

function lowerRef(value: unknown): string | undefined {
  return resolveRef(value, 'group', 'default');
}

/**
 * Domain requests and sandbox leases that are not finished, newest change
 * first. Only what a person needs to follow them: no plans, no inputs.
 */
export function requestsInProgress(
  domainRequests: DomainRequest[],
  leases: SandboxLease[],
): RequestInProgress[] {
  const requests: RequestInProgress[] = [];
  for (const request of domainRequests) {
    if (
      !(DOMAIN_REQUESTS_IN_PROGRESS as readonly string[]).includes(
        request?.status,
      )
    ) {
      continue;
    }
    const ownerGroup = lowerRef(request.input?.ownerGroup);
    requests.push({
      kind: 'domain-request',
      id: String(request.id),
      name: String(request.input?.name ?? ''),
      status: request.status,
      ...(text(request.requestedBy)
        ? { requestedBy: request.requestedBy }
        : {}),
      ...(ownerGroup ? { ownerGroup } : {}),
      ...(text(request.updatedAt) ? { updatedAt: request.updatedAt } : {}),
      href: `/provisioning/domain-requests/${encodeURIComponent(
        String(request.id),
      )}`,
    });
  }
  for (const lease of leases) {
    if (!(LEASES_IN_PROGRESS as readonly string[]).includes(lease?.state))
      continue;
    const ownerGroup = lowerRef(lease.input?.ownerGroup);
    requests.push({
      kind: 'sandbox-lease',
      id: String(lease.id),
      name: String(lease.input?.name ?? ''),
      status: lease.state,
      ...(text(lease.requestedBy) ? { requestedBy: lease.requestedBy } : {}),
      ...(ownerGroup ? { ownerGroup } : {}),
      ...(text(lease.updatedAt) ? { updatedAt: lease.updatedAt } : {}),
      href: `/provisioning/sandbox-leases/${encodeURIComponent(
        String(lease.id),
      )}`,
    });
  }
  return requests.sort(
    (a, b) =>
      (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') ||
      a.id.localeCompare(b.id),
  );
}
