import type { CostRisk } from '@dataplatform/plugin-cost-common';
import type { HealthState } from '@dataplatform/plugin-health-common';
import type { Verdict } from '@dataplatform/plugin-retention-common';

// ---------------------------------------------------------------------------
// Concerns and their sources
// ---------------------------------------------------------------------------

/** The columns of the platform home, in display order. */
export const CONCERNS = [
  'health',
  'cost',
  'retention',
  'contracts',
  'sandboxes',
] as const;
export type Concern = (typeof CONCERNS)[number];

/**
 * How fresh what the overview shows of one concern is, estate-wide:
 * - `ok`: the last poll of the plugin answered and the plugin itself says
 *   its data is current;
 * - `stale`: shown from an earlier answer (the last poll failed), or the
 *   plugin marks its own data stale (Azure faults on its side);
 * - `failing`: the plugin never answered since the backend started, so the
 *   column has nothing to show;
 * - `pending`: not polled yet (the first seconds after start).
 */
export const SOURCE_STATES = ['ok', 'stale', 'failing', 'pending'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export interface SourceStatus {
  concern: Concern;
  /** The plugin the column comes from, e.g. `dataplatform-health`, or `catalog`. */
  source: string;
  state: SourceState;
  /** When the data shown was read from the plugin (last good poll). */
  asOf?: string;
  /** When the plugin says its own data was read from Azure, if it says. */
  dataAsOf?: string;
  /** Why it is stale or failing, one line each ("dataplatform-cost answered HTTP 503: …"). */
  reasons: string[];
}

/** How much a cell or a row needs someone to look, worst first. */
export const ATTENTION_LEVELS = [
  'critical',
  'warning',
  'unknown',
  'ok',
] as const;
export type AttentionLevel = (typeof ATTENTION_LEVELS)[number];

// ---------------------------------------------------------------------------
// Cells of a row
// ---------------------------------------------------------------------------

interface CellBase {
  /** Derived by `attentionOfCell` in this package. */
  attention: AttentionLevel;
  /** One short line for the cell ("Unhealthy: 2 signals", "112% of budget forecast"). */
  text: string;
  /** Set when this cell is shown from earlier data, with why. */
  stale?: string;
  /** The portal path with the details (a tab of the domain's page), e.g. `/catalog/default/domain/sales/health`. */
  href: string;
}

export interface HealthCell extends CellBase {
  /** `unknown` when there is no model or no evaluation. */
  state: HealthState;
  /** Set when the domain has no health model (then `state` is `unknown`). */
  noModel?: boolean;
  score?: number;
  topCauses: string[];
  evaluatedAt?: string;
}

export interface CostCell extends CellBase {
  risk: CostRisk;
  currency?: string;
  monthToDate?: number;
  budget?: number | null;
  forecastMonthEnd?: number | null;
  /** forecast / budget × 100, one decimal. */
  forecastPercent?: number | null;
  activeAlerts: number;
  /** Set instead of the figures when the domain has no usable subscription. */
  problem?: string;
  /** Cost analysis in the Azure portal. */
  azureUrl?: string;
}

export interface RetentionCell extends CellBase {
  /** `unknown` when not evaluated. */
  verdict: Verdict;
  /** Findings by verdict (the domain's and its data products'). */
  counts: Partial<Record<Verdict, number>>;
  /** The worst finding in one line, e.g. "AuditLogs keeps 30 days, 3650 required". */
  worst?: string;
  evaluatedAt?: string;
}

export interface ContractsCell extends CellBase {
  /** Data products of the domain. */
  dataProducts: number;
  /** Output-port contracts found in the catalog. */
  contracts: number;
  /** Contracts the catalog validated as invalid. */
  invalid: number;
  /** Sum of their validation errors. */
  errorCount: number;
  /** Output ports naming a contract the catalog does not have. */
  missing: number;
  /** Contracts not validated (yet). */
  unchecked: number;
}

export interface SandboxesCell extends CellBase {
  /** Sandboxes not ended (lease state not `expired`/`ended`). */
  open: number;
  /** Of those, how many end within {@link SANDBOX_EXPIRY_WARNING_DAYS} days (or already ended without being closed). */
  expiringSoon: number;
  /** The soonest end among open sandboxes (YYYY-MM-DD). */
  nextExpiry?: string;
  /** Name of the sandbox ending soonest. */
  nextExpiryName?: string;
}

/** Days before its end from which a sandbox counts as expiring. */
export const SANDBOX_EXPIRY_WARNING_DAYS = 14;

/**
 * One domain in the platform home: one cell per concern. A cell is
 * `{ attention: 'unknown', text, unavailable: reason }` when its plugin has
 * nothing for this domain or its column is failing.
 */
export interface DomainOverviewRow {
  entityRef: string;
  /** metadata.name */
  name: string;
  title: string;
  /** Entity ref of the owner group (spec.owner), lower case. */
  ownerGroup?: string;
  ownerTitle?: string;
  subscriptionId?: string;
  /** The subscription's overview in the Azure portal. */
  subscriptionUrl?: string;
  /** Portal path of the Domain page: `/catalog/default/domain/<name>`. */
  href: string;
  /** Worst attention among the cells. */
  attention: AttentionLevel;
  /** Sort key, smaller first: see `compareRows`. */
  rank: number;
  /** What needs attention, worst first, one line each ("Health: unhealthy", "Cost: over budget"). */
  reasons: string[];
  health: HealthCell | UnavailableCell;
  cost: CostCell | UnavailableCell;
  retention: RetentionCell | UnavailableCell;
  contracts: ContractsCell | UnavailableCell;
  sandboxes: SandboxesCell | UnavailableCell;
}

export interface UnavailableCell {
  attention: 'unknown';
  text: string;
  /** Why there is nothing to show ("dataplatform-cost has not answered since 11:02 UTC: HTTP 503"). */
  unavailable: string;
  href: string;
}

// ---------------------------------------------------------------------------
// HTTP API of the overview backend (plugin id `dataplatform-overview`)
// ---------------------------------------------------------------------------

/** Counts at the top of the platform home, over the rows the caller sees. */
export interface OverviewCounts {
  domains: number;
  byAttention: Record<AttentionLevel, number>;
  unhealthy: number;
  degraded: number;
  overBudget: number;
  /** Risk `forecast-over-budget` or `at-risk`. */
  costAtRisk: number;
  retentionViolations: number;
  /** Domains with at least one invalid or missing contract. */
  contractErrors: number;
  sandboxesOpen: number;
  sandboxesExpiringSoon: number;
}

/** `GET /domains` (query: see `parseOverviewFilters`). */
export interface PlatformHomeResponse {
  /** When the rows were assembled from the sources. */
  generatedAt: string;
  sources: SourceStatus[];
  /** Over the rows the caller may see, before the filters. */
  counts: OverviewCounts;
  /** Rows the caller may see and the filters keep, worst first (`compareRows`). */
  rows: DomainOverviewRow[];
  /** Rows the caller may see before the filters (so a page can say "3 of 200"). */
  visibleTotal: number;
  /** Why the caller sees no rows at all, when so (a data citizen: no domain of theirs). */
  emptyReason?: string;
}

export interface DataProductOverview {
  entityRef: string;
  name: string;
  title: string;
  /** Portal path of its page. */
  href: string;
  layer?: string;
  lifecycle?: string;
  healthState?: HealthState;
  contracts: Array<{
    /** Entity ref of the API entity (or the ref the port names, when missing). */
    entityRef: string;
    title?: string;
    /** `missing`: the port names a contract the catalog does not have. */
    status: 'valid' | 'invalid' | 'unchecked' | 'missing';
    errorCount: number;
    href?: string;
  }>;
}

export interface SandboxOverview {
  entityRef: string;
  name: string;
  title: string;
  href: string;
  /** Lease state label (`active`, `expired`, …) when present. */
  state?: string;
  expiresOn?: string;
  /** Whole days until `expiresOn` (negative when past). */
  daysLeft?: number;
  budgetCap?: number;
  requestedBy?: string;
  subscriptionId?: string;
}

export interface PersonOverview {
  entityRef: string;
  title: string;
  email?: string;
  href: string;
}

/**
 * `GET /domains/:name`: one domain for its page. Any signed-in person may
 * read it; the cost cell is replaced by an UnavailableCell ("visible to the
 * owner group and the platform team") for others.
 */
export interface DomainOverviewResponse {
  generatedAt: string;
  sources: SourceStatus[];
  row: DomainOverviewRow;
  dataProducts: DataProductOverview[];
  /** Open sandboxes first, soonest end first. */
  sandboxes: SandboxOverview[];
  owner?: PersonOverview & { members: PersonOverview[] };
  /** Domain and sandbox requests in progress for this domain. */
  requests: RequestInProgress[];
}

export const PERSONAS = [
  'platform-team',
  'domain-owner',
  'data-citizen',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** Where each persona lands after sign-in. */
export const LANDING_PATHS: Record<Persona, string> = {
  'platform-team': '/platform',
  'domain-owner': '/my-domains',
  'data-citizen': '/data-products',
};

/** `GET /me` */
export interface MeResponse {
  persona: Persona;
  landingPath: string;
  /** Domains the caller's groups own (names). */
  domains: string[];
}

/** A domain request or sandbox lease that is not finished. */
export interface RequestInProgress {
  kind: 'domain-request' | 'sandbox-lease';
  id: string;
  /** Requested domain or sandbox name. */
  name: string;
  /** Status or state as the provisioning plugin names it. */
  status: string;
  requestedBy?: string;
  /** Owner group of the request, when known. */
  ownerGroup?: string;
  updatedAt?: string;
  /** Portal path of its page. */
  href: string;
}

/** `GET /me/domains`: the "my domains" page. */
export interface MyDomainsResponse {
  generatedAt: string;
  sources: SourceStatus[];
  persona: Persona;
  rows: DomainOverviewRow[];
  requests: RequestInProgress[];
}

// ---------------------------------------------------------------------------
// Filters of the platform home (URL query of the page and of GET /domains)
// ---------------------------------------------------------------------------

export interface OverviewFilters {
  /** Keep rows whose name, title or owner contains this (case-insensitive). */
  q?: string;
  /** Keep rows at one of these attention levels. */
  attention?: AttentionLevel[];
  /** Keep rows where one of these concerns is `critical` or `warning`. */
  concern?: Concern[];
}

export class OverviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverviewInputError';
  }
}
