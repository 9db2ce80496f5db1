import { EstateSubscription } from '@dataplatform/plugin-azure-common';

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'always',
});

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * How long ago a moment was, in words: "just now", "2 minutes ago",
 * "3 hours ago". Moments slightly in the future (clock skew between the
 * browser and the backend) read as "just now".
 */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) {
    return 'at an unknown time';
  }
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) {
    return 'just now';
  }
  for (const [unit, unitSeconds] of UNITS) {
    if (seconds >= unitSeconds) {
      return relativeTimeFormat.format(
        -Math.round(seconds / unitSeconds),
        unit,
      );
    }
  }
  return relativeTimeFormat.format(-1, 'minute');
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A moment as a readable local date and time, e.g. "12 Mar 2026, 10:31". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export type SubscriptionRole = EstateSubscription['role'];

/** The subscription roles in the order the page shows them. */
export const SUBSCRIPTION_ROLES: readonly SubscriptionRole[] = [
  'domains',
  'sandboxes',
  'platform',
  'decommissioned',
  'outside',
];

/** A single subscription's role, e.g. in a table cell. */
export function roleLabel(role: SubscriptionRole | 'root' | undefined): string {
  switch (role) {
    case 'domains':
      return 'Domain';
    case 'sandboxes':
      return 'Sandbox';
    case 'platform':
      return 'Platform';
    case 'decommissioned':
      return 'Decommissioned';
    case 'outside':
      return 'Outside the hierarchy';
    case 'root':
      return 'Platform root';
    default:
      return 'Other';
  }
}

/** A group of subscriptions by role, e.g. in the summary. */
export function rolePluralLabel(role: SubscriptionRole): string {
  switch (role) {
    case 'domains':
      return 'Domains';
    case 'sandboxes':
      return 'Sandboxes';
    case 'platform':
      return 'Platform';
    case 'decommissioned':
      return 'Decommissioned';
    default:
      return 'Outside the hierarchy';
  }
}
