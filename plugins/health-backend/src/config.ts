import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

export interface HealthConfig {
  /** Seconds between two evaluation cycles. */
  intervalSeconds: number;
  /** Log Analytics queries in flight at once, for the whole process. */
  logQueryConcurrency: number;
  /** Days of evaluations kept; older ones are pruned each cycle. */
  historyDays: number;
  /** Entity ref of the platform team's group, who see every model's definitions. */
  platformTeam: string;
}

interface IntegerSetting {
  key: string;
  fallback: number;
  min: number;
  max: number;
  unit: string;
}

export const HEALTH_SETTINGS = {
  intervalSeconds: {
    key: 'dataplatform.health.intervalSeconds',
    fallback: 60,
    min: 10,
    max: 3600,
    unit: 'seconds',
  },
  // Log Analytics runs at most five queries of one identity at a time and
  // queues (then throttles) the rest: more in flight only buys 429s.
  logQueryConcurrency: {
    key: 'dataplatform.health.logQueryConcurrency',
    fallback: 5,
    min: 1,
    max: 5,
    unit: 'queries',
  },
  // 31 at least: the SLO is reported over 30 days, and the day being
  // evaluated must still find the point before the window's start.
  historyDays: {
    key: 'dataplatform.health.historyDays',
    fallback: 35,
    min: 31,
    max: 400,
    unit: 'days',
  },
} satisfies Record<string, IntegerSetting>;

function integer(config: RootConfigService, setting: IntegerSetting): number {
  const { key, fallback, min, max, unit } = setting;
  const allowed = `a whole number of ${unit} from ${min} to ${max}`;
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(key);
  } catch {
    throw new Error(
      `${key} must be ${allowed}, got '${String(config.getOptional(key))}'`,
    );
  }
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${key} must be ${allowed}, got ${value}`);
  }
  return value;
}

function groupRef(config: RootConfigService, key: string, fallback: string) {
  const value = config.getOptionalString(key) ?? fallback;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLowerCase() !== 'group') throw new Error('not a group');
    return stringifyEntityRef(ref);
  } catch {
    throw new Error(
      `${key} must be a group entity ref such as ${fallback}, got '${value}'`,
    );
  }
}

/** Reads `dataplatform.health` (and the platform team), refusing bad values by key. */
export function readHealthConfig(config: RootConfigService): HealthConfig {
  return {
    intervalSeconds: integer(config, HEALTH_SETTINGS.intervalSeconds),
    logQueryConcurrency: integer(config, HEALTH_SETTINGS.logQueryConcurrency),
    historyDays: integer(config, HEALTH_SETTINGS.historyDays),
    platformTeam: groupRef(
      config,
      'dataplatform.permissions.platformTeam',
      DEFAULT_PLATFORM_TEAM,
    ),
  };
}
