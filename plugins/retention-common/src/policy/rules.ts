import { durationToSeconds } from '@dataplatform/plugin-data-products-common';
import {
  describeValue,
  didYouMean,
  pointerSegment,
} from '@dataplatform/yaml-documents-common';
import { DEFAULT_MINIMUM_RTO, DEFAULT_RECOVERY } from '../constants';
import { listText } from '../format';
import { DR_STRATEGIES, type DrStrategy, type PolicyError } from '../types';
import {
  type DataLocation,
  KEYS_BY_LOCATION,
  locationOfCategory,
  notApplicableMessage,
  relaxations,
  REQUIREMENT_KEYS,
  type RequirementKey,
} from './requirements';
import { MAX_BLOB_DAYS } from './schema';

/*
 * The rules a JSON schema cannot state: requirements Azure cannot meet,
 * requirement keys that do not apply where the data lives, names in one
 * category only, overrides that name a category or relax a requirement.
 * Works on the raw document, so every value is checked before use.
 */

type Node = Record<string, any>;

const isObject = (v: unknown): v is Node =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A plain array copy: callers may pass objects with tampered prototypes. */
const list = (v: unknown): unknown[] | undefined =>
  Array.isArray(v) ? Array.from(v as ArrayLike<unknown>) : undefined;

const isDay = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;

const own = (node: Node, key: string) =>
  Object.prototype.hasOwnProperty.call(node, key);

/** Log Analytics: interactive retention 4..730 days, total retention 4..4,383 days (12 years). */
const LA_INTERACTIVE = { min: 4, max: 730 };
const LA_TOTAL = { min: 4, max: 4383 };

/**
 * Checks one set of requirements. `pathOf(key)` is where a key is written
 * in the part of the document under check, or undefined when the key comes
 * from elsewhere (an override is checked merged with its category, but only
 * what the override writes is its mistake). `inheritedFrom` names that
 * category in messages.
 */
function checkRequirements(
  require: Node,
  location: DataLocation | undefined,
  pathOf: (key: RequirementKey) => string | undefined,
  found: PolicyError[],
  inheritedFrom?: string,
) {
  const applicable = new Set<RequirementKey>();
  for (const key of REQUIREMENT_KEYS) {
    if (!own(require, key) || !isObject(require[key])) continue;
    if (location && !KEYS_BY_LOCATION[location].includes(key)) {
      const at = pathOf(key);
      if (at)
        found.push({ path: at, message: notApplicableMessage(key, location) });
      continue;
    }
    applicable.add(key);
  }
  const value = (key: RequirementKey, bound: string): number | undefined =>
    applicable.has(key) && isDay(require[key][bound])
      ? require[key][bound]
      : undefined;

  for (const key of ['interactiveDays', 'totalDays'] as const) {
    const at = pathOf(key);
    const min = value(key, 'min');
    const max = value(key, 'max');
    if (!at) continue;
    if (min !== undefined && max !== undefined && min > max) {
      found.push({
        path: `${at}/max`,
        message: `${key}.max (${max}) is below ${key}.min (${min}); max must be at least min`,
      });
    }
    for (const [bound, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v === undefined) continue;
      const message = rangeMessage(key, v, location);
      if (message) found.push({ path: `${at}/${bound}`, message });
    }
  }

  /** Reports a pair of values that no resource can meet, where it is written. */
  const pair = (
    a: [RequirementKey, string],
    b: [RequirementKey, string],
    message: string,
  ) => {
    const atA = pathOf(a[0]);
    const atB = pathOf(b[0]);
    if (!atA && !atB) return;
    const at = atA ? `${atA}/${a[1]}` : `${atB}/${b[1]}`;
    // When one of the two values comes from the category, say so: the override is only half the story.
    let inherited: [RequirementKey, string] | undefined;
    if (!atA) inherited = a;
    else if (!atB) inherited = b;
    found.push({
      path: at,
      message:
        inherited && inheritedFrom
          ? `${message} (${inherited[0]}.${inherited[1]} is category ${inheritedFrom}'s)`
          : message,
    });
  };

  if (location === 'log-analytics') {
    const iMin = value('interactiveDays', 'min');
    const tMin = value('totalDays', 'min');
    const tMax = value('totalDays', 'max');
    if (iMin !== undefined && tMin !== undefined && tMin < iMin) {
      pair(
        ['totalDays', 'min'],
        ['interactiveDays', 'min'],
        `totalDays.min (${tMin}) is below interactiveDays.min (${iMin}): total retention includes the interactive period`,
      );
    }
    if (iMin !== undefined && tMax !== undefined && tMax < iMin) {
      pair(
        ['totalDays', 'max'],
        ['interactiveDays', 'min'],
        `totalDays.max (${tMax}) is below interactiveDays.min (${iMin}): total retention includes the interactive period, so no table can meet both`,
      );
    }
  }
  if (location === 'blob') {
    const tMax = value('totalDays', 'max');
    const minDays = value('immutability', 'minDays');
    if (tMax !== undefined && minDays !== undefined && tMax < minDays) {
      pair(
        ['totalDays', 'max'],
        ['immutability', 'minDays'],
        `totalDays.max (${tMax}) is below immutability.minDays (${minDays}): blobs cannot be deleted while an immutability policy protects them`,
      );
    }
  }
}

function rangeMessage(
  key: 'interactiveDays' | 'totalDays',
  v: number,
  location: DataLocation | undefined,
): string | undefined {
  if (location === 'log-analytics') {
    if (
      key === 'interactiveDays' &&
      (v < LA_INTERACTIVE.min || v > LA_INTERACTIVE.max)
    ) {
      return `Log Analytics keeps a table interactively for ${LA_INTERACTIVE.min} to ${LA_INTERACTIVE.max} days; got ${v}`;
    }
    if (key === 'totalDays' && v > LA_TOTAL.max) {
      return `Log Analytics keeps data at most 4,383 days (12 years); got ${v}`;
    }
    if (key === 'totalDays' && v < LA_TOTAL.min) {
      return `Log Analytics keeps data at least ${LA_TOTAL.min} days; got ${v}`;
    }
  }
  if (location === 'blob' && key === 'totalDays' && v > MAX_BLOB_DAYS) {
    return `a blob container requirement counts at most 36,500 days (100 years); got ${v}`;
  }
  return undefined;
}

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  );
}

interface CategoryInfo {
  index: number;
  id: string;
  location?: DataLocation;
  require?: Node;
}

function checkCategories(
  categories: unknown[],
  found: PolicyError[],
): Map<string, CategoryInfo> {
  const byId = new Map<string, CategoryInfo>();
  const names = {
    logAnalyticsTables: new Map<string, { category: string; path: string }>(),
    blobContainers: new Map<string, { category: string; path: string }>(),
  };
  categories.forEach((category, i) => {
    if (!isObject(category)) return;
    const at = `/spec/categories/${i}`;
    const id = typeof category.id === 'string' ? category.id : `#${i}`;
    const earlier = byId.get(id);
    if (earlier && typeof category.id === 'string') {
      found.push({
        path: `${at}/id`,
        message: `duplicate category id '${id}', already used at /spec/categories/${earlier.index}/id; category ids must be unique`,
      });
    }

    const hasTables = category.logAnalyticsTables !== undefined;
    const hasContainers = category.blobContainers !== undefined;
    if (hasTables && hasContainers) {
      found.push({
        path: `${at}/blobContainers`,
        message:
          'a category lists either logAnalyticsTables or blobContainers, not both; split it into two categories',
      });
    } else if (!hasTables && !hasContainers) {
      found.push({
        path: at,
        message:
          'needs logAnalyticsTables (Log Analytics table names) or blobContainers (blob container names)',
      });
    }
    const location = locationOfCategory(category);

    for (const key of ['logAnalyticsTables', 'blobContainers'] as const) {
      const what = key === 'logAnalyticsTables' ? 'table' : 'container';
      (list(category[key]) ?? []).forEach((name, j) => {
        if (typeof name !== 'string') return;
        const path = `${at}/${key}/${j}`;
        const first = names[key].get(name.toLowerCase());
        if (!first) {
          names[key].set(name.toLowerCase(), { category: id, path });
        } else if (first.category === id && first.path.startsWith(`${at}/`)) {
          found.push({
            path,
            message: `repeats ${name} (${first.path}); list each ${what} once`,
          });
        } else {
          found.push({
            path,
            message: `${name} is already in category ${first.category} (${first.path}); a ${what} may belong to one category only (names compare case-insensitively)`,
          });
        }
      });
    }

    if (
      typeof category.effectiveFrom === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(category.effectiveFrom) &&
      !isRealDate(category.effectiveFrom)
    ) {
      found.push({
        path: `${at}/effectiveFrom`,
        message: `must be a real date written YYYY-MM-DD (got ${describeValue(
          category.effectiveFrom,
        )})`,
      });
    }

    const require = isObject(category.require) ? category.require : undefined;
    if (require) {
      checkRequirements(
        require,
        location,
        key => `${at}/require/${key}`,
        found,
      );
    }
    if (!earlier) byId.set(id, { index: i, id, location, require });
  });
  return byId;
}

function checkRecovery(recovery: unknown, found: PolicyError[]) {
  if (!isObject(recovery)) return;
  const seconds = (node: unknown, key: string, at: string, example: string) => {
    if (!isObject(node) || !own(node, key) || typeof node[key] !== 'string') {
      return undefined;
    }
    const s = durationToSeconds(node[key]);
    if (s === undefined || s <= 0) {
      found.push({
        path: `${at}/${pointerSegment(key)}`,
        message: `must be an ISO 8601 duration greater than zero, e.g. ${example} (got ${describeValue(
          node[key],
        )})`,
      });
      return null;
    }
    return s;
  };
  const defaults = recovery.defaults;
  seconds(defaults, 'rpo', '/spec/recovery/defaults', 'P1DT12H');
  const rto = seconds(defaults, 'rto', '/spec/recovery/defaults', 'PT24H');
  const minimums: Partial<Record<DrStrategy, number | null>> = {};
  for (const strategy of DR_STRATEGIES) {
    const s = seconds(
      recovery.minimumRto,
      strategy,
      '/spec/recovery/minimumRto',
      'PT8H',
    );
    if (s !== undefined) minimums[strategy] = s;
  }

  // A default RTO below its strategy's minimum would fail every domain that declares nothing.
  const declaredStrategy = isObject(defaults) ? defaults.strategy : undefined;
  if (
    declaredStrategy !== undefined &&
    !DR_STRATEGIES.includes(declaredStrategy)
  ) {
    return;
  }
  const strategy: DrStrategy = declaredStrategy ?? DEFAULT_RECOVERY.strategy;
  const rtoSeconds =
    rto === undefined ? durationToSeconds(DEFAULT_RECOVERY.rto)! : rto;
  const minimum = own(minimums, strategy)
    ? minimums[strategy]
    : durationToSeconds(DEFAULT_MINIMUM_RTO[strategy])!;
  if (rtoSeconds === null || minimum === null || minimum === undefined) return;
  if (rtoSeconds < minimum) {
    const rtoText = rto === undefined ? DEFAULT_RECOVERY.rto : defaults.rto;
    const minText = own(minimums, strategy)
      ? recovery.minimumRto[strategy]
      : DEFAULT_MINIMUM_RTO[strategy];
    // The error goes where the document says something: the RTO, else the minimum, else the strategy.
    let path = '/spec/recovery/defaults/strategy';
    if (rto !== undefined) path = '/spec/recovery/defaults/rto';
    else if (own(minimums, strategy)) {
      path = `/spec/recovery/minimumRto/${strategy}`;
    }
    found.push({
      path,
      message: `the default RTO (${rtoText}) is below the minimum RTO of ${strategy} (${minText}): every domain that declares no RTO would violate it`,
    });
  }
}

function checkOverrides(
  overrides: unknown[],
  categories: Map<string, CategoryInfo>,
  found: PolicyError[],
) {
  const ids = [...categories.keys()].filter(id => !id.startsWith('#'));
  const seen = new Map<string, number>();
  overrides.forEach((override, i) => {
    if (!isObject(override)) return;
    const at = `/spec/overrides/${i}`;
    const { domain, category: categoryId } = override;
    if (typeof domain === 'string' && typeof categoryId === 'string') {
      const key = `${domain}\u0000${categoryId}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
      } else {
        found.push({
          path: at,
          message: `a second override for domain ${domain} and category ${categoryId} (the first is /spec/overrides/${first}); combine them into one`,
        });
      }
    }
    if (typeof categoryId !== 'string') return;
    const category = categories.get(categoryId);
    if (!category || categoryId.startsWith('#')) {
      found.push({
        path: `${at}/category`,
        message:
          ids.length > 0
            ? `must be the id of a category of this policy: ${ids.join(
                ', ',
              )} (got ${describeValue(categoryId)})${didYouMean(
                categoryId,
                ids,
              )}`
            : `must be the id of a category of this policy, which has none (got ${describeValue(
                categoryId,
              )})`,
      });
      return;
    }
    if (!isObject(override.require)) return;
    const written = override.require;
    const merged: Node = { ...(category.require ?? {}) };
    for (const key of REQUIREMENT_KEYS) {
      if (own(written, key)) merged[key] = written[key];
    }
    checkRequirements(
      merged,
      category.location,
      key => (own(written, key) ? `${at}/require/${key}` : undefined),
      found,
      category.id,
    );
    const applicableWritten: Node = {};
    for (const key of REQUIREMENT_KEYS) {
      if (
        own(written, key) &&
        (!category.location ||
          KEYS_BY_LOCATION[category.location].includes(key))
      ) {
        applicableWritten[key] = written[key];
      }
    }
    const relaxed = relaxations(category.require ?? {}, applicableWritten);
    const reason = override.reason;
    if (
      relaxed.length > 0 &&
      !(typeof reason === 'string' && reason.trim() !== '')
    ) {
      found.push({
        path: `${at}/reason`,
        message: `relaxes ${listText(
          relaxed,
        )}: give a reason (it is shown beside every finding the override affects)`,
      });
    }
  });
}

/** Every rule of this file, on a document of any shape. */
export function semanticErrors(doc: Node): PolicyError[] {
  const found: PolicyError[] = [];
  const spec = isObject(doc.spec) ? doc.spec : undefined;
  if (!spec) return found;
  const categories = checkCategories(list(spec.categories) ?? [], found);
  checkRecovery(spec.recovery, found);
  checkOverrides(list(spec.overrides) ?? [], categories, found);
  return found;
}
