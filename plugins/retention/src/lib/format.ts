/** How the retention pages write times, days, checks and counts. */
import { Check, Finding } from '@dataplatform/plugin-retention-common';

/**
 * "3,650 days": unlike the shared `plural`, counts are grouped by
 * thousands, as retentions of several years run into four digits.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * "3,650 days (10 years)", "730 days (2 years)", "1 day", "45 days": the
 * wording of the findings, for the numbers the pages draw themselves
 * (timeline markers and axes). Years only when they are whole (365 days).
 */
export function formatDays(days: number): string {
  const text = plural(days, 'day');
  if (days >= 365 && days % 365 === 0) {
    return `${text} (${plural(days / 365, 'year')})`;
  }
  return text;
}

export const CHECK_TITLES: Record<Check, string> = {
  'interactive-retention': 'Interactive retention',
  'total-retention': 'Total retention',
  'archive-tier': 'Archive tier',
  immutability: 'Immutability',
  replication: 'Replication',
  'secondary-region': 'Secondary region',
  rpo: 'Recovery point (RPO)',
  rto: 'Recovery time (RTO)',
};

/** A check's title; an unknown check from a newer backend shows as sent. */
export function checkTitle(check: string): string {
  return CHECK_TITLES[check as Check] ?? check;
}

export const AREA_TITLES: Record<Finding['area'], string> = {
  retention: 'Retention',
  recovery: 'Recovery',
};
