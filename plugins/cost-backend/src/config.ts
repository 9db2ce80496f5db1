import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const COST_GROUPINGS = ['subscription', 'domain-tag'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];

export const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';
const PLATFORM_TEAM_KEY = 'dataplatform.permissions.platformTeam';

/** Where the Cost Management calls of a refresh run. */
export interface CostScope {
  kind: 'managementGroup' | 'billingAccount';
  id: string;
  /** The ARM scope, with a leading slash. */
  path: string;
}

export interface CostConfig {
  scope: CostScope;
  grouping: CostGrouping;
  refresh: {
    intervalMinutes: number;
    initialDelaySeconds: number;
    timeoutMinutes: number;
  };
  budgetConcurrency: number;
  seriesLimit: number;
  /** Entity ref of the platform team's group. */
  platformTeam: string;
}

interface IntegerSetting {
  key: string;
  fallback: number;
  min: number;
  max: number;
  unit: string;
}

export const COST_SETTINGS = {
  intervalMinutes: {
    key: 'dataplatform.cost.refresh.intervalMinutes',
    fallback: 60,
    min: 1,
    max: 1440,
    unit: 'minutes',
  },
  initialDelaySeconds: {
    key: 'dataplatform.cost.refresh.initialDelaySeconds',
    fallback: 10,
    min: 0,
    max: 3600,
    unit: 'seconds',
  },
  timeoutMinutes: {
    key: 'dataplatform.cost.refresh.timeoutMinutes',
    fallback: 30,
    min: 1,
    max: 120,
    unit: 'minutes',
  },
  budgetConcurrency: {
    key: 'dataplatform.cost.budgetConcurrency',
    fallback: 8,
    min: 1,
    max: 32,
    unit: 'subscriptions',
  },
  seriesLimit: {
    key: 'dataplatform.cost.seriesLimit',
    fallback: 8,
    min: 1,
    max: 20,
    unit: 'series',
  },
} satisfies Record<string, IntegerSetting>;

/** Management group ids: letters, digits, `-`, `_`, `(`, `)`, `.`, up to 90. */
const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9_().-]{1,90}$/;
/** Billing account ids: digits, or MCA's `<guid>:<guid>_<date>`. */
const BILLING_ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,199}$/;

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function integer(config: RootConfigService, setting: IntegerSetting): number {
  const { key, fallback, min, max, unit } = setting;
  const allowed = `a whole number of ${unit} from ${min} to ${max}`;
  const raw = config.getOptional(key);
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    throw new Error(`${key} must be ${allowed}, got ${shown(raw)}`);
  }
  if (raw < min || raw > max) {
    throw new Error(`${key} must be ${allowed}, got ${raw}`);
  }
  return raw;
}

function scopeOf(
  config: RootConfigService,
  defaultManagementGroup: string,
): CostScope {
  const key = 'dataplatform.cost.scope';
  const raw = config.getOptional(key);
  if (raw === undefined) {
    return managementGroupScope(defaultManagementGroup);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(
      `${key} must be a mapping with managementGroup or billingAccount, got ${shown(
        raw,
      )}`,
    );
  }
  const given = Object.keys(raw);
  const unknown = given.filter(
    k => k !== 'managementGroup' && k !== 'billingAccount',
  );
  if (unknown.length > 0) {
    throw new Error(
      `${key} may only have managementGroup or billingAccount, got ${unknown
        .map(k => `'${k}'`)
        .join(', ')}`,
    );
  }
  if (given.length !== 1) {
    throw new Error(
      `${key} must have exactly one of managementGroup or billingAccount, got ${
        given.length === 0 ? 'neither' : 'both'
      }`,
    );
  }
  const value = (raw as Record<string, unknown>)[given[0]];
  if (given[0] === 'managementGroup') {
    if (typeof value !== 'string' || !MANAGEMENT_GROUP_ID.test(value)) {
      throw new Error(
        `${key}.managementGroup must be a management group id (letters, digits, - _ . ( ), up to 90 characters), got ${shown(
          value,
        )}`,
      );
    }
    return managementGroupScope(value);
  }
  if (typeof value !== 'string' || !BILLING_ACCOUNT_ID.test(value)) {
    throw new Error(
      `${key}.billingAccount must be a billing account id (letters, digits, : _ . -), got ${shown(
        value,
      )}`,
    );
  }
  return {
    kind: 'billingAccount',
    id: value,
    path: `/providers/Microsoft.Billing/billingAccounts/${value}`,
  };
}

function managementGroupScope(id: string): CostScope {
  return {
    kind: 'managementGroup',
    id,
    path: `/providers/Microsoft.Management/managementGroups/${id}`,
  };
}

function grouping(config: RootConfigService): CostGrouping {
  const key = 'dataplatform.cost.grouping';
  const raw = config.getOptional(key);
  if (raw === undefined) return 'subscription';
  if (
    typeof raw === 'string' &&
    (COST_GROUPINGS as readonly string[]).includes(raw)
  ) {
    return raw as CostGrouping;
  }
  throw new Error(
    `${key} must be one of ${COST_GROUPINGS.join(', ')}, got ${shown(raw)}`,
  );
}

function platformTeam(config: RootConfigService): string {
  const raw = config.getOptional(PLATFORM_TEAM_KEY) ?? DEFAULT_PLATFORM_TEAM;
  try {
    if (typeof raw !== 'string') throw new Error('not a string');
    const ref = parseEntityRef(raw, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLowerCase() !== 'group') throw new Error('not a group');
    return stringifyEntityRef(ref).toLowerCase();
  } catch {
    throw new Error(
      `${PLATFORM_TEAM_KEY} must be a group entity ref such as ${DEFAULT_PLATFORM_TEAM}, got ${shown(
        raw,
      )}`,
    );
  }
}

/**
 * Reads `dataplatform.cost` (and the platform team), refusing bad values by
 * key. The scope defaults to the platform's root management group, which
 * the Azure connection knows.
 */
export function readCostConfig(
  config: RootConfigService,
  defaults: { managementGroup: string },
): CostConfig {
  return {
    scope: scopeOf(config, defaults.managementGroup),
    grouping: grouping(config),
    refresh: {
      intervalMinutes: integer(config, COST_SETTINGS.intervalMinutes),
      initialDelaySeconds: integer(config, COST_SETTINGS.initialDelaySeconds),
      timeoutMinutes: integer(config, COST_SETTINGS.timeoutMinutes),
    },
    budgetConcurrency: integer(config, COST_SETTINGS.budgetConcurrency),
    seriesLimit: integer(config, COST_SETTINGS.seriesLimit),
    platformTeam: platformTeam(config),
  };
}
