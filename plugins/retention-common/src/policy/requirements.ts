import type {
  CategoryRequirements,
  RetentionCategory,
  RetentionOverride,
} from '../types';

/** Where a category's data lives, which decides the requirement keys that apply. */
export type DataLocation = 'log-analytics' | 'blob';

export const REQUIREMENT_KEYS = [
  'interactiveDays',
  'totalDays',
  'archiveAfterDays',
  'immutability',
] as const;
export type RequirementKey = (typeof REQUIREMENT_KEYS)[number];

export const KEYS_BY_LOCATION: Record<DataLocation, RequirementKey[]> = {
  'log-analytics': ['interactiveDays', 'totalDays'],
  blob: ['totalDays', 'archiveAfterDays', 'immutability'],
};

export function locationOfCategory(
  category: Pick<RetentionCategory, 'logAnalyticsTables' | 'blobContainers'>,
): DataLocation | undefined {
  const la = category.logAnalyticsTables !== undefined;
  const blob = category.blobContainers !== undefined;
  if (la === blob) return undefined;
  return la ? 'log-analytics' : 'blob';
}

/** The message for a requirement key that cannot apply where the data lives. */
export function notApplicableMessage(
  key: string,
  location: DataLocation,
): string {
  return location === 'log-analytics'
    ? `${key} applies to blob containers only; a Log Analytics category may require ${KEYS_BY_LOCATION[
        'log-analytics'
      ].join(' and ')}`
    : `${key} applies to Log Analytics tables only; a blob container category may require totalDays, archiveAfterDays and immutability`;
}

/**
 * A category's requirements with a domain's override merged in: the keys
 * the override names replace the category's, the rest stay.
 */
export function mergeRequirements(
  category: RetentionCategory,
  override: RetentionOverride | undefined,
): { require: CategoryRequirements; fromOverride: Set<RequirementKey> } {
  const fromOverride = new Set<RequirementKey>();
  const require: CategoryRequirements = { ...category.require };
  if (override) {
    for (const key of REQUIREMENT_KEYS) {
      if (override.require[key] !== undefined) {
        (require as Record<string, unknown>)[key] = override.require[key];
        fromOverride.add(key);
      }
    }
  }
  return { require, fromOverride };
}

const isDay = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;

const from = (what: string, before: number, after: number | string) =>
  `${what} from ${before} to ${after}`;

/**
 * How an override weakens what the category requires, e.g. `totalDays.min
 * from 3650 to 2555`; empty when it only tightens or adds. Works on raw
 * documents, so values that are not day counts are ignored (their own
 * errors name them).
 */
export function relaxations(
  platform: Record<string, any>,
  override: Record<string, any>,
): string[] {
  const found: string[] = [];
  for (const key of ['interactiveDays', 'totalDays']) {
    const p = platform[key];
    const o = override[key];
    if (!p || typeof p !== 'object' || !o || typeof o !== 'object') continue;
    if (isDay(p.min)) {
      if (o.min === undefined) {
        found.push(from(`${key}.min`, p.min, 'no minimum'));
      } else if (isDay(o.min) && o.min < p.min) {
        found.push(from(`${key}.min`, p.min, o.min));
      }
    }
    if (isDay(p.max)) {
      if (o.max === undefined) {
        found.push(from(`${key}.max`, p.max, 'no maximum'));
      } else if (isDay(o.max) && o.max > p.max) {
        found.push(from(`${key}.max`, p.max, o.max));
      }
    }
  }
  const pArchive = platform.archiveAfterDays?.max;
  const oArchive = override.archiveAfterDays?.max;
  if (isDay(pArchive) && isDay(oArchive) && oArchive > pArchive) {
    found.push(from('archiveAfterDays.max', pArchive, oArchive));
  }
  const pImmutable = platform.immutability?.minDays;
  const oImmutable = override.immutability?.minDays;
  if (isDay(pImmutable) && isDay(oImmutable) && oImmutable < pImmutable) {
    found.push(from('immutability.minDays', pImmutable, oImmutable));
  }
  return found;
}
