import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from '@dataplatform/plugin-azure-node';

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

/**
 * The access layer's timeout per attempt of a request, and its default
 * (which the access layer does not export): `AzureClients.connection`
 * does not carry it, so it is read from the same key.
 */
const AZURE_REQUEST_TIMEOUT_KEY = 'dataplatform.azure.requestTimeoutSeconds';
/** The Log Analytics server timeout stays this far below the client's. */
const SERVER_TIMEOUT_MARGIN_SECONDS = 5;
/** Log Analytics' own ceiling for `serverTimeoutInSeconds`. */
const MAX_SERVER_TIMEOUT_SECONDS = 600;

export const READ_TIMEOUT_SETTING = {
  key: 'dataplatform.health.readTimeoutSeconds',
  /** The default, unless three quarters of the interval is shorter. */
  fallback: 45,
  min: 5,
  max: 3600,
  unit: 'seconds',
} as const;

export interface HealthTimeouts {
  /**
   * How long one cycle waits for Azure's answers. Signals not answered by
   * then are unknown, and what did arrive is stored.
   */
  readTimeoutSeconds: number;
  /**
   * `serverTimeoutInSeconds` of each Log Analytics query: below the access
   * layer's request timeout, so that Log Analytics gives up and says so
   * before the client abandons the attempt and retries a query that is
   * still running.
   */
  logQueryServerTimeoutSeconds: number;
}

/**
 * The read deadline of a cycle (`dataplatform.health.readTimeoutSeconds`,
 * default 45 or three quarters of the interval when that is shorter; 5 to
 * 3600 and less than the interval, so a cycle ends before the next one is
 * due) and the Log Analytics server timeout that follows from the access
 * layer's request timeout.
 */
export function readHealthTimeouts(
  config: RootConfigService,
  intervalSeconds: number,
): HealthTimeouts {
  const { key, fallback, min, max, unit } = READ_TIMEOUT_SETTING;
  const byDefault = Math.max(
    min,
    Math.min(fallback, Math.floor(intervalSeconds * 0.75)),
  );
  const configured = config.getOptional(key);
  let readTimeoutSeconds = byDefault;
  if (configured !== undefined) {
    const upper = Math.min(max, intervalSeconds - 1);
    const allowed = `a whole number of ${unit} from ${min} to ${max}, and less than dataplatform.health.intervalSeconds (${intervalSeconds})`;
    let value: number;
    try {
      value = config.getNumber(key);
    } catch {
      throw new Error(`${key} must be ${allowed}, got '${String(configured)}'`);
    }
    if (!Number.isInteger(value) || value < min || value > upper) {
      throw new Error(`${key} must be ${allowed}, got ${value}`);
    }
    readTimeoutSeconds = value;
  }
  // The access layer has already refused a bad value at start-up; an absent
  // one is its default.
  const requestTimeoutSeconds =
    config.getOptionalNumber(AZURE_REQUEST_TIMEOUT_KEY) ??
    DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const logQueryServerTimeoutSeconds = Math.min(
    MAX_SERVER_TIMEOUT_SECONDS,
    Math.max(
      1,
      Math.floor(requestTimeoutSeconds) - SERVER_TIMEOUT_MARGIN_SECONDS,
    ),
  );
  return { readTimeoutSeconds, logQueryServerTimeoutSeconds };
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
