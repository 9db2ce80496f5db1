import type { CostAlertKind, CostAlertStatus, CostAlertView } from './types';
import { formatAmount, formatPercent, isFiniteNumber } from './money';
import { alertsPortalUrl } from './portal';

/**
 * An Azure Cost Management alert as the SDK (`Alert`) returns it or as the
 * backend stored it; every field may be missing (or null in stored JSON).
 */
export interface AzureCostAlertLike {
  id?: string;
  name?: string;
  definition?: { type?: string; category?: string; criteria?: string };
  description?: string;
  details?: {
    /** A fraction: 0.8 is 80 %. */
    threshold?: number;
    operator?: string;
    amount?: number;
    currentSpend?: number;
    unit?: string;
    periodStartDate?: string;
    triggeredBy?: string;
    timeGrainType?: string;
  };
  /** The budget's name for budget alerts. */
  costEntityId?: string;
  status?: string;
  creationTime?: string;
  closeTime?: string;
}

export interface AlertViewContext {
  tenantId: string;
  /** The Domain a subscription (lower-case id) belongs to, if any. */
  domainOf(subscriptionId: string): string | undefined;
  /** The sandbox a subscription (lower-case id) belongs to, if any. */
  sandboxOf(subscriptionId: string): string | undefined;
  /** Currency when the alert names none. */
  currencyFallback: string;
}

const SUBSCRIPTION_IN_ID = /(?:^|\/)subscriptions\/([^/]+)/i;

const KIND_BY_TYPE: Record<string, CostAlertKind> = {
  budget: 'budget',
  budgetforecast: 'forecast',
};

const STATUS_BY_AZURE: Record<string, CostAlertStatus> = {
  active: 'active',
  new: 'active',
  overridden: 'active',
  resolved: 'resolved',
  dismissed: 'dismissed',
};

const CRITERIA_WORDS: Record<string, string> = {
  costthresholdexceeded: 'actual cost exceeded the threshold',
  forecastcostthresholdexceeded: 'forecast cost exceeds the threshold',
  usagethresholdexceeded: 'usage exceeded the threshold',
  creditthresholdapproaching: 'credit is running low',
  creditthresholdreached: 'credit is used up',
  quotathresholdapproaching: 'quota is nearly reached',
  quotathresholdreached: 'quota is reached',
  multicurrency: 'costs are in several currencies',
  forecastusagethresholdexceeded: 'forecast usage exceeds the threshold',
  invoiceduedateapproaching: 'an invoice is nearly due',
  invoiceduedatereached: 'an invoice is due',
  crosscloudnewdataavailable: 'new cross-cloud data is available',
  crosscloudcollectionerror: 'cross-cloud data could not be collected',
  general: 'general alert',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function number(value: unknown): number | undefined {
  return isFiniteNumber(value) ? value : undefined;
}

/** An ISO timestamp for Azure's (up to 7 fraction digits), or the text unchanged. */
function isoTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * Converts an Azure Cost Management alert into a view, or undefined when its
 * id names no subscription (the view is always about one). The rules are in
 * the package README ("Azure alerts").
 */
export function alertViewOf(
  alert: AzureCostAlertLike,
  context: AlertViewContext,
): CostAlertView | undefined {
  const id = text(alert.id);
  const subscriptionId = id
    ? SUBSCRIPTION_IN_ID.exec(id)?.[1]?.toLowerCase()
    : undefined;
  if (!id || !subscriptionId) return undefined;

  const type = text(alert.definition?.type);
  const criteria = text(alert.definition?.criteria);
  const kind: CostAlertKind =
    KIND_BY_TYPE[type?.toLowerCase() ?? ''] ?? 'other';
  const statusText = text(alert.status);
  // An alert Azure reports without a known status is shown, not hidden.
  const status: CostAlertStatus =
    STATUS_BY_AZURE[statusText?.toLowerCase() ?? ''] ?? 'active';

  const details = alert.details ?? {};
  const fraction = number(details.threshold);
  // 0.07 × 100 is 7.000000000000001 in binary; two decimals is all Azure keeps.
  const thresholdPercent =
    fraction === undefined ? undefined : Math.round(fraction * 10_000) / 100;
  const amount = number(details.amount);
  const currentSpend = number(details.currentSpend);
  const currency = text(details.unit) ?? context.currencyFallback;
  const budgetName = kind === 'other' ? undefined : text(alert.costEntityId);
  const domain = context.domainOf(subscriptionId);
  const sandbox = context.sandboxOf(subscriptionId);
  const raisedAt =
    isoTime(text(alert.creationTime)) ??
    isoTime(text(details.periodStartDate)) ??
    '';

  return {
    id,
    kind,
    source: 'azure',
    status,
    subscriptionId,
    ...(domain ? { domain } : {}),
    ...(sandbox ? { sandbox } : {}),
    title: titleOf(kind, {
      type,
      description: text(alert.description),
      thresholdPercent,
      amount,
      currentSpend,
      currency,
      budgetName,
    }),
    detail: detailOf(type, criteria, alert),
    ...(thresholdPercent !== undefined ? { thresholdPercent } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(currentSpend !== undefined ? { currentSpend } : {}),
    currency,
    ...(budgetName ? { budgetName } : {}),
    raisedAt,
    portalUrl: alertsPortalUrl(context.tenantId, subscriptionId),
  };
}

function titleOf(
  kind: CostAlertKind,
  facts: {
    type?: string;
    description?: string;
    thresholdPercent?: number;
    amount?: number;
    currentSpend?: number;
    currency: string;
    budgetName?: string;
  },
): string {
  const budget = facts.budgetName ?? 'the budget';
  const threshold =
    facts.thresholdPercent === undefined
      ? 'a threshold'
      : formatPercent(facts.thresholdPercent);
  if (kind === 'budget' || kind === 'forecast') {
    const head =
      kind === 'budget'
        ? `Actual cost reached ${threshold} of ${budget}`
        : `Forecast reaches ${threshold} of ${budget}`;
    const { amount, currentSpend, currency } = facts;
    if (amount !== undefined && currentSpend !== undefined) {
      const joint = kind === 'budget' ? 'of' : 'vs';
      return `${head} (${formatAmount(currentSpend)} ${joint} ${formatAmount(
        amount,
      )} ${currency})`;
    }
    if (amount !== undefined) {
      return `${head} (${formatAmount(amount)} ${currency})`;
    }
    return head;
  }
  const head = `Azure ${facts.type ?? 'cost'} alert`;
  return facts.description ? `${head}: ${facts.description}` : head;
}

function detailOf(
  type: string | undefined,
  criteria: string | undefined,
  alert: AzureCostAlertLike,
): string {
  const details = alert.details ?? {};
  const parts = [
    `Azure alert type ${type ?? 'unknown'}${
      criteria
        ? `, criteria ${criteria} (${
            CRITERIA_WORDS[criteria.toLowerCase()] ?? 'see the Azure portal'
          })`
        : ''
    }`,
  ];
  const operator = text(details.operator);
  if (operator) parts.push(`operator ${operator}`);
  const grain = text(details.timeGrainType);
  const start = text(details.periodStartDate);
  if (grain || start) {
    parts.push(
      `${grain ? `${grain} period` : 'period'}${
        start ? ` from ${start.slice(0, 10)}` : ''
      }`,
    );
  }
  const status = text(alert.status);
  if (status) parts.push(`status ${status} in Azure`);
  return `${parts.join('; ')}.`;
}

function timeOf(raisedAt: string): number {
  const ms = Date.parse(raisedAt);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Active first, then raisedAt newest first (unreadable times last), then id. */
export function compareAlerts(a: CostAlertView, b: CostAlertView): number {
  const active = Number(b.status === 'active') - Number(a.status === 'active');
  if (active !== 0) return active;
  const ta = timeOf(a.raisedAt);
  const tb = timeOf(b.raisedAt);
  if (ta !== tb) return ta < tb ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}
