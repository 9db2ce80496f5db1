/**
 * The vocabulary shared by the retention backend and its pages: the policy
 * (what must be kept), the state read from Azure (what is kept), and the
 * findings that compare the two.
 */

// ---------------------------------------------------------------------------
// Policy as code
// ---------------------------------------------------------------------------

/** Bounds in days; either may be absent. */
export interface DayBounds {
  min?: number;
  max?: number;
}

/** What a data category requires. Which keys apply depends on where the data lives. */
export interface CategoryRequirements {
  /** Log Analytics only: the interactive (analytics) retention of a table. */
  interactiveDays?: DayBounds;
  /**
   * How long data is kept before it is deleted. Log Analytics: a table's
   * `totalRetentionInDays`. Blob storage: the earliest lifecycle delete
   * action that reaches the container (no delete action = kept forever).
   */
  totalDays?: DayBounds;
  /** Blob storage only: lifecycle rules must tier every blob to archive within `max` days. */
  archiveAfterDays?: { max: number };
  /** Blob storage only: a time-based immutability policy of at least `minDays`, locked. */
  immutability?: { minDays: number };
}

/** A data category and where its data lives: Log Analytics tables or blob containers. */
export interface RetentionCategory {
  /** ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$, unique in the policy. */
  id: string;
  title: string;
  description?: string;
  /** Table names (exact, case-insensitive) in every workspace of the domain's subscription. */
  logAnalyticsTables?: string[];
  /** Container names (exact, case-insensitive) in every storage account of the domain's subscription. */
  blobContainers?: string[];
  require: CategoryRequirements;
  /**
   * ISO date (YYYY-MM-DD) from which the category is in force. Before it, a
   * shortfall is `at-risk` when the date is within the at-risk horizon, and
   * the category is not evaluated at all when it is further away.
   */
  effectiveFrom?: string;
}

/** The disaster-recovery strategies of Azure's business-continuity guidance. */
export const DR_STRATEGIES = [
  'redeploy',
  'backup-restore',
  'warm-spare',
  'hot-spare',
] as const;
export type DrStrategy = (typeof DR_STRATEGIES)[number];

export const DR_STRATEGY_TITLES: Record<DrStrategy, string> = {
  redeploy: 'Redeploy on disaster',
  'backup-restore': 'Backup and restore',
  'warm-spare': 'Warm spare (active/passive)',
  'hot-spare': 'Hot spare (active/active)',
};

/** Recovery objectives and strategy: a declaration, or the platform default. */
export interface RecoveryDeclaration {
  /** ISO 8601 duration, e.g. P1DT12H. */
  rpo: string;
  /** ISO 8601 duration, e.g. PT24H. */
  rto: string;
  strategy: DrStrategy;
}

export interface RecoveryPolicy {
  /** What a domain or data product that declares nothing is held to. */
  defaults: RecoveryDeclaration;
  /**
   * The shortest RTO each strategy can honestly deliver (ISO 8601 durations);
   * a declared RTO below it is a violation.
   */
  minimumRto: Record<DrStrategy, string>;
}

/** A per-domain change to one category's requirements. */
export interface RetentionOverride {
  /** Domain entity name (metadata.name). */
  domain: string;
  /** A category id of the policy. */
  category: string;
  /** Replaces the named requirement keys of the category for this domain. */
  require: CategoryRequirements;
  /** Required when the override relaxes a platform requirement; shown beside every finding it affects. */
  reason?: string;
}

export interface RetentionPolicy {
  apiVersion: 'dataplatform.contoso.com/retention-policy/v1';
  kind: 'RetentionPolicy';
  metadata?: { description?: string };
  spec: {
    categories: RetentionCategory[];
    recovery: RecoveryPolicy;
    overrides: RetentionOverride[];
    /** Days ahead in which a coming shortfall makes a finding `at-risk` (default 90). */
    atRiskHorizonDays: number;
  };
}

/** A problem in a policy document: a JSON pointer into it and what is allowed. */
export interface PolicyError {
  path: string;
  message: string;
}

export type PolicyParseResult =
  | { ok: true; policy: RetentionPolicy }
  | { ok: false; errors: PolicyError[] };

// ---------------------------------------------------------------------------
// What Azure keeps (read by the backend, evaluated by the common rules)
// ---------------------------------------------------------------------------

/** A read that failed: the item's findings become `unknown` with this reason. */
export interface ReadProblem {
  /** Short, public: "throttled by Azure (HTTP 429)", "deleted between list and get (HTTP 404)". */
  reason: string;
}

export interface ScannedTable {
  name: string;
  /** Interactive retention in days, resolved (never -1). */
  retentionInDays: number;
  /** Total retention in days, resolved (never -1). */
  totalRetentionInDays: number;
  /** True when the table follows the workspace default. */
  retentionInDaysAsDefault: boolean;
  totalRetentionInDaysAsDefault: boolean;
  plan?: string;
}

export interface ScannedWorkspace {
  /** ARM resource id. */
  id: string;
  name: string;
  location: string;
  retentionInDays: number;
  /** Absent when listing the tables failed (see `problem`). */
  tables?: ScannedTable[];
  problem?: ReadProblem;
}

/** A lifecycle rule as far as retention is concerned. Days are "greater than" thresholds. */
export interface ScannedLifecycleRule {
  name: string;
  enabled: boolean;
  /** Blob name prefixes including the container (`bronze/`, `bronze/raw`); empty = every container. */
  prefixMatch: string[];
  blobTypes: string[];
  /** True when blob index tag filters narrow the rule (it then covers only some blobs). */
  hasBlobIndexFilter: boolean;
  /** Base-blob actions; each is the day count and the clock it counts on. */
  tierToCool?: LifecycleDays;
  tierToCold?: LifecycleDays;
  tierToArchive?: LifecycleDays;
  delete?: LifecycleDays;
}

export interface LifecycleDays {
  days: number;
  basis: 'modification' | 'creation' | 'last-access';
}

export interface ScannedImmutabilityPolicy {
  state: 'Locked' | 'Unlocked';
  immutabilityPeriodSinceCreationInDays: number;
  allowProtectedAppendWrites?: boolean;
}

export interface ScannedContainer {
  name: string;
  /** `null`: the container has no immutability policy; absent: not read (see `problem`). */
  immutabilityPolicy?: ScannedImmutabilityPolicy | null;
  problem?: ReadProblem;
}

export const GEO_REDUNDANT_SKUS = [
  'Standard_GRS',
  'Standard_RAGRS',
  'Standard_GZRS',
  'Standard_RAGZRS',
] as const;
export const READ_ACCESS_SKUS = ['Standard_RAGRS', 'Standard_RAGZRS'] as const;

export interface ScannedStorageAccount {
  id: string;
  name: string;
  location: string;
  /** e.g. Standard_LRS, Standard_ZRS, Standard_GRS, Standard_RAGRS, Standard_GZRS, Standard_RAGZRS. */
  skuName: string;
  /** Set for geo-redundant accounts. */
  secondaryLocation?: string;
  statusOfSecondary?: 'available' | 'unavailable';
  /** `[]`: the account has no management policy; absent: not read (see `lifecycleProblem`). */
  lifecycleRules?: ScannedLifecycleRule[];
  lifecycleProblem?: ReadProblem;
  /** Absent when listing containers failed (see `containersProblem`). */
  containers?: ScannedContainer[];
  containersProblem?: ReadProblem;
}

/** Everything read from one subscription in one scan. */
export interface SubscriptionScan {
  subscriptionId: string;
  /** ISO time the scan finished. */
  scannedAt: string;
  /** Absent when listing workspaces failed (see `workspacesProblem`). */
  workspaces?: ScannedWorkspace[];
  workspacesProblem?: ReadProblem;
  storageAccounts?: ScannedStorageAccount[];
  storageAccountsProblem?: ReadProblem;
  /** Azure calls the scan made, by operation (listWorkspaces, listTables, ...). */
  calls: Record<string, number>;
}

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

export const VERDICTS = [
  'violation',
  'at-risk',
  'unknown',
  'compliant',
] as const;
/** Worst first. */
export type Verdict = (typeof VERDICTS)[number];

export const CHECKS = [
  'interactive-retention',
  'total-retention',
  'archive-tier',
  'immutability',
  'replication',
  'secondary-region',
  'rpo',
  'rto',
] as const;
export type Check = (typeof CHECKS)[number];

/** One requirement checked against one resource. */
export interface Finding {
  /** Stable across scans: `<entityRef>|<check>|<category or 'recovery'>|<resource id or ''>`. */
  id: string;
  /** The Domain or DataProduct the requirement belongs to (`domain:default/hr`). */
  entityRef: string;
  area: 'retention' | 'recovery';
  check: Check;
  /** Category id, or `recovery`. */
  category: string;
  categoryTitle: string;
  /** ARM id of the resource checked (a table: `<workspace id>/tables/<name>`); absent for declarations. */
  resourceId?: string;
  /** Short name for people: `log-dp-hr / AuditLogs`, `stsalesdata / bronze`. */
  resourceName?: string;
  verdict: Verdict;
  /** Human text: `≥ 3,650 days (10 years)`, `locked, ≥ 3,650 days`, `geo-redundant (GRS, GZRS, …)`. */
  required: string;
  /** Human text: `30 days (workspace default)`, `deleted after 2,555 days (rule 'bronze-cleanup')`. */
  actual: string;
  /** Numbers behind `required`/`actual` where there are any (CSV, sorting, charts). */
  requiredDays?: number;
  actualDays?: number;
  /** Why this verdict, one sentence. */
  reason: string;
  /** The concrete change: which setting to set to what, and where. Absent when compliant. */
  remediation?: string;
  /** Shown with the remediation, e.g. that shortening retention deletes data after 30 days. */
  warning?: string;
  /** Where the requirement comes from: `platform policy`, `override for hr: <reason>`, `contract api:default/x`, `declared on domain:default/hr`, `platform default`. */
  source: string;
  /** Azure portal page of the resource. */
  portalUrl?: string;
  /** For `unknown` findings: what this finding said the last time it could be read. */
  lastKnown?: { verdict: Verdict; actual: string; at: string };
}

/** Ages at which a category's data moves between phases (days since written). */
export type TimelinePhase =
  | 'interactive'
  | 'long-term'
  | 'hot'
  | 'cool'
  | 'cold'
  | 'archive'
  | 'deleted';

export interface TimelineSegment {
  phase: TimelinePhase;
  fromDay: number;
  /** Absent: lasts forever. */
  toDay?: number;
}

/** One bar of the retention tab: a category on one resource, with what is required. */
export interface CategoryTimeline {
  category: string;
  categoryTitle: string;
  resourceName: string;
  resourceId?: string;
  segments: TimelineSegment[];
  /** The required minimum before deletion, drawn as a marker. */
  requiredTotalDays?: number;
  /** The required maximum age before archive, drawn as a marker. */
  requiredArchiveDays?: number;
  /** Days blobs are protected by an immutability policy, if any. */
  immutableDays?: number;
  verdict: Verdict;
}

export type VerdictCounts = Record<Verdict, number>;

export interface EntityRetentionSummary {
  entityRef: string;
  kind: 'Domain' | 'DataProduct';
  title?: string;
  /** Worst verdict of its findings (domains: including their data products'); `unknown` when there are none. */
  verdict: Verdict;
  counts: VerdictCounts;
  /** The worst finding (ties: first by check order then resource name). */
  worst?: Finding;
  /** ISO time of the evaluation these findings come from. */
  evaluatedAt: string;
  /** True when the evaluation is older than 3 scan intervals. */
  stale: boolean;
  /** Data products of a domain, counted into `verdict` and `counts`. */
  dataProductCount?: number;
}

export interface EntityRetentionDetail {
  summary: EntityRetentionSummary;
  /** The entity's own findings, worst first. */
  findings: Finding[];
  timelines: CategoryTimeline[];
  /** Domains: the summaries of their data products, worst first. */
  dataProducts?: EntityRetentionSummary[];
  /** The recovery declaration that applied and where it came from. */
  recovery?: RecoveryDeclaration & { source: string };
}

/** A finding across the estate, for the platform page and the CSV export. */
export interface EstateFinding extends Finding {
  /** The domain the entity belongs to (itself for a domain). */
  domainRef: string;
}

export interface EstateFindingsResponse {
  findings: EstateFinding[];
  counts: VerdictCounts;
  /** ISO time of the newest evaluation. */
  evaluatedAt?: string;
  /** ISO time of the last full scan and its figures. */
  lastScan?: {
    startedAt: string;
    finishedAt: string;
    subscriptions: number;
    azureCalls: number;
  };
}
