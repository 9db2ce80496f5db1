import { AzureCostAlertLike } from '@dataplatform/plugin-cost-common';
import { CostGrouping } from '../config';

/**
 * When a part was last read from Azure (`asOf`) and, when the last attempt
 * could not read it, why (`error`, the stale reason). A failed part keeps
 * what was read before, with its older `asOf`.
 */
export interface PartState {
  asOf?: string;
  error?: string;
}

export interface BudgetNotificationLike {
  enabled: boolean;
  operator: string;
  /** Percent of the amount, as Consumption budgets carry it. */
  threshold: number;
  thresholdType?: string;
  contactEmails?: string[];
  contactGroups?: string[];
  contactRoles?: string[];
}

/** What the views need of a Consumption budget. */
export interface BudgetLike {
  name: string;
  amount: number;
  category?: string;
  timeGrain?: string;
  currentSpend?: { amount: number; unit?: string };
  forecastSpend?: { amount: number; unit?: string };
  notifications: Record<string, BudgetNotificationLike>;
}

/** Everything one refresh read (or kept from the refresh before). */
export interface CostSnapshotData {
  collectedAt: string;
  /** The UTC day the refresh ran; the views' "today". */
  today: string;
  /** The ARM scope of the Cost Management calls. */
  scope: string;
  grouping: CostGrouping;
  currency: string;
  usage: PartState & {
    /** Group key (lower-case subscription id, or `domain` tag value) → day → cost. */
    groups: Record<string, Record<string, number>>;
  };
  forecast: PartState & {
    /** Forecast cost of the scope from tomorrow to month end; null when unknown. */
    remaining: number | null;
    /** The month end the forecast runs to. */
    monthEnd: string;
  };
  alerts: PartState & { items: AzureCostAlertLike[] };
  /** Lower-case subscription id → its budgets. */
  budgets: Record<string, PartState & { items: BudgetLike[] }>;
  /** One line per part the last attempt failed to read: `<part>: <why>`. */
  staleReasons: string[];
  attempt: {
    startedAt: string;
    finishedAt: string;
    /** Cost Management calls the refresh made, retries included. */
    calls?: number;
  };
}

export interface CostSnapshot extends CostSnapshotData {
  /** Assigned by the store; increases with every refresh. */
  id: number;
}
