import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';
/** Shared with the other plugins and the persona policy: one platform team. */
const PLATFORM_TEAM_KEY = 'dataplatform.permissions.platformTeam';
/** The Azure connection's tenant, for links to the Azure portal (optional here). */
const TENANT_KEY = 'dataplatform.azure.tenantId';

export interface OverviewConfig {
  refresh: {
    /** Seconds between two polls of the sources. */
    intervalSeconds: number;
    /** Seconds one request to a source may take. */
    timeoutSeconds: number;
  };
  /** Entity ref of the platform team's group, lower case. */
  platformTeam: string;
  /** Directory the Azure portal links open in, when configured. */
  tenantId?: string;
}

interface IntegerSetting {
  key: string;
  fallback: number;
  min: number;
  max: number;
  unit: string;
}

export const OVERVIEW_SETTINGS = {
  intervalSeconds: {
    key: 'dataplatform.overview.refresh.intervalSeconds',
    fallback: 20,
    min: 5,
    max: 3600,
    unit: 'seconds',
  },
  timeoutSeconds: {
    key: 'dataplatform.overview.refresh.timeoutSeconds',
    fallback: 10,
    min: 1,
    max: 120,
    unit: 'seconds',
  },
} satisfies Record<string, IntegerSetting>;

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

/** A tenant id or domain name: it becomes part of a URL, so nothing else. */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

function tenantId(config: RootConfigService): string | undefined {
  const raw = config.getOptional(TENANT_KEY);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !TENANT.test(raw)) {
    throw new Error(
      `${TENANT_KEY} must be a tenant id (a GUID) or the tenant's domain name, got ${shown(
        raw,
      )}`,
    );
  }
  return raw;
}

/** Reads `dataplatform.overview`, the platform team and the tenant, refusing bad values by key. */
export function readOverviewConfig(config: RootConfigService): OverviewConfig {
  const tenant = tenantId(config);
  return {
    refresh: {
      intervalSeconds: integer(config, OVERVIEW_SETTINGS.intervalSeconds),
      timeoutSeconds: integer(config, OVERVIEW_SETTINGS.timeoutSeconds),
    },
    platformTeam: platformTeam(config),
    ...(tenant ? { tenantId: tenant } : {}),
  };
}
