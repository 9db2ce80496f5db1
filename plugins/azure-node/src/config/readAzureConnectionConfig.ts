import fs from 'node:fs';
import path from 'node:path';
import { Config } from '@backstage/config';
import {
  GUID_PATTERN,
  MANAGEMENT_GROUP_ROLES,
  PlatformManagementGroups,
} from '@dataplatform/plugin-azure-common';

export const AZURE_CONFIG_KEY = 'dataplatform.azure';
export const PUBLIC_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';
export const PUBLIC_LOG_ANALYTICS_ENDPOINT = 'https://api.loganalytics.io/v1';
export const PUBLIC_METRICS_ENDPOINT =
  'https://{region}.metrics.monitor.azure.com';
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
/** The range `requestTimeoutSeconds` accepts. */
export const REQUEST_TIMEOUT_SECONDS_LIMITS = { min: 1, max: 600 } as const;

export type AzureAuthentication =
  | { method: 'default-credential'; managedIdentityClientId?: string }
  | { method: 'static-token'; token: string };

export interface AzureConnectionConfig {
  tenantId: string;
  resourceManagerEndpoint: string;
  authentication: AzureAuthentication;
  /** Extra trusted CA (PEM), if configured. */
  caCertificatePem?: string;
  caCertificateFile?: string;
  managementGroups: PlatformManagementGroups;
  /**
   * How long one attempt of an Azure request may take, in seconds, before it
   * is abandoned (and retried by the SDK). Defaults to
   * {@link DEFAULT_REQUEST_TIMEOUT_SECONDS}.
   */
  requestTimeoutSeconds?: number;
  /**
   * Base URL of the Log Analytics query API, version segment included;
   * see {@link defaultQueryEndpoints} when unset.
   */
  logAnalyticsEndpoint?: string;
  /** Metrics batch API origin, with `{region}` where the region goes. */
  metricsEndpoint?: string;
  /**
   * Overrides Cost Management's quota per tenant (12 calls / 10 s, 60 / min,
   * 600 / h; a call waits at most 120 s for it), mainly for tests and
   * benchmarks.
   */
  costManagementQuota?: CostManagementQuotaConfig;
}

export interface CostManagementQuotaConfig {
  /** Replace the default windows when set. */
  windows?: Array<{ limit: number; windowSeconds: number }>;
  maxWaitSeconds?: number;
}

/**
 * The query APIs live on their own hosts in Azure; a local endpoint serves
 * them under its own origin, so by default they follow the Resource Manager
 * endpoint.
 */
export function defaultQueryEndpoints(resourceManagerEndpoint: string) {
  return resourceManagerEndpoint === PUBLIC_RESOURCE_MANAGER_ENDPOINT
    ? {
        logAnalyticsEndpoint: PUBLIC_LOG_ANALYTICS_ENDPOINT,
        metricsEndpoint: PUBLIC_METRICS_ENDPOINT,
      }
    : {
        logAnalyticsEndpoint: `${resourceManagerEndpoint}/loganalytics/v1`,
        metricsEndpoint: `${resourceManagerEndpoint}/metrics/{region}`,
      };
}

/** A configuration mistake, always naming the key and what is allowed. */
export class AzureConfigError extends Error {
  constructor(readonly key: string, problem: string) {
    super(`Invalid Azure configuration: ${key} ${problem}`);
    this.name = 'AzureConfigError';
  }
}

const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9\-_.()]{1,90}$/;

function keyOf(suffix: string) {
  return `${AZURE_CONFIG_KEY}.${suffix}`;
}

/** Reads a string, turning the config reader's type errors into ours. */
function readString(config: Config, suffix: string): string | undefined {
  try {
    return config.getOptionalString(suffix);
  } catch {
    throw new AzureConfigError(keyOf(suffix), 'must be a string');
  }
}

function readRequiredString(
  config: Config,
  suffix: string,
  what: string,
): string {
  const value = readString(config, suffix);
  if (value === undefined || value.trim() === '') {
    throw new AzureConfigError(keyOf(suffix), `is missing; set it to ${what}`);
  }
  return value.trim();
}

function readRequestTimeoutSeconds(config: Config): number {
  const suffix = 'requestTimeoutSeconds';
  const { min, max } = REQUEST_TIMEOUT_SECONDS_LIMITS;
  const allowed = `a number of seconds from ${min} to ${max} (default ${DEFAULT_REQUEST_TIMEOUT_SECONDS})`;
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(suffix);
  } catch {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be ${allowed}, got ${JSON.stringify(config.getOptional(suffix))}`,
    );
  }
  if (value === undefined) return DEFAULT_REQUEST_TIMEOUT_SECONDS;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be ${allowed}, got ${value}`,
    );
  }
  return value;
}

/** A positive integer, or undefined when unset; errors name the key. */
function readPositiveInteger(
  config: Config,
  suffix: string,
  what: string,
): number | undefined {
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(suffix);
  } catch {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be ${what} (a positive integer), got ${JSON.stringify(
        config.getOptional(suffix),
      )}`,
    );
  }
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be ${what} (a positive integer), got ${value}`,
    );
  }
  return value;
}

function readCostManagementQuota(
  config: Config,
): CostManagementQuotaConfig | undefined {
  const suffix = 'costManagementQuota';
  const value = config.getOptional(suffix);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be an object with windows (a list of {limit, windowSeconds}) and/or maxWaitSeconds, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  const unknownKeys = Object.keys(value).filter(
    k => k !== 'windows' && k !== 'maxWaitSeconds',
  );
  if (unknownKeys.length > 0) {
    throw new AzureConfigError(
      keyOf(`${suffix}.${unknownKeys[0]}`),
      'is not a setting; allowed: windows, maxWaitSeconds',
    );
  }

  let windows: CostManagementQuotaConfig['windows'];
  const windowsValue = config.getOptional(`${suffix}.windows`);
  if (windowsValue !== undefined) {
    if (!Array.isArray(windowsValue) || windowsValue.length === 0) {
      throw new AzureConfigError(
        keyOf(`${suffix}.windows`),
        `must be a non-empty list of {limit, windowSeconds}, got ${JSON.stringify(
          windowsValue,
        )}`,
      );
    }
    windows = windowsValue.map((entry, i) => {
      const at = `${suffix}.windows[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new AzureConfigError(
          keyOf(at),
          `must be an object {limit, windowSeconds}, got ${JSON.stringify(
            entry,
          )}`,
        );
      }
      const { limit, windowSeconds, ...rest } = entry as Record<
        string,
        unknown
      >;
      const extra = Object.keys(rest);
      if (extra.length > 0) {
        throw new AzureConfigError(
          keyOf(`${at}.${extra[0]}`),
          'is not a setting; allowed: limit, windowSeconds',
        );
      }
      return {
        limit: positiveInteger(
          limit,
          `${at}.limit`,
          'the calls allowed per window',
        ),
        windowSeconds: positiveInteger(
          windowSeconds,
          `${at}.windowSeconds`,
          'the window length in seconds',
        ),
      };
    });
  }

  const maxWaitSeconds = readPositiveInteger(
    config,
    `${suffix}.maxWaitSeconds`,
    'the longest a call waits for the quota, in seconds',
  );
  return { windows, maxWaitSeconds };
}

/**
 * A positive integer from a list entry, read raw so the error names the entry
 * (`windows[1].limit`); a number from an environment variable arrives as text.
 */
function positiveInteger(raw: unknown, suffix: string, what: string) {
  const value =
    typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new AzureConfigError(
      keyOf(suffix),
      value === undefined
        ? `is missing; set it to ${what} (a positive integer)`
        : `must be ${what} (a positive integer), got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function resolveFromRepoRoot(file: string, repoRoot: string): string {
  return path.isAbsolute(file) ? file : path.resolve(repoRoot, file);
}

/**
 * Reads and checks `dataplatform.azure`. Throws {@link AzureConfigError} for
 * the first problem found, so the backend refuses to start with a message
 * naming the key rather than failing later at the first Azure call.
 */
export function readAzureConnectionConfig(
  rootConfig: Config,
  options: { repoRoot: string },
): AzureConnectionConfig {
  const config = rootConfig.getOptionalConfig(AZURE_CONFIG_KEY);
  if (!config) {
    throw new AzureConfigError(
      AZURE_CONFIG_KEY,
      'is missing; configure a tenant (see README: "Connecting to a real Azure tenant") or run the portal with its embedded default (app-config.yaml)',
    );
  }

  const tenantId = readRequiredString(
    config,
    'tenantId',
    'your Microsoft Entra tenant id (a GUID)',
  );
  if (!GUID_PATTERN.test(tenantId)) {
    throw new AzureConfigError(
      keyOf('tenantId'),
      `must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, got '${tenantId}'`,
    );
  }

  const endpointText =
    readString(config, 'resourceManagerEndpoint') ??
    PUBLIC_RESOURCE_MANAGER_ENDPOINT;
  let endpoint: URL;
  try {
    endpoint = new URL(endpointText);
  } catch {
    throw new AzureConfigError(
      keyOf('resourceManagerEndpoint'),
      `must be an absolute https:// URL, got '${endpointText}'`,
    );
  }
  if (endpoint.protocol !== 'https:') {
    throw new AzureConfigError(
      keyOf('resourceManagerEndpoint'),
      `must use https:// (the Azure SDK never sends a bearer token over plain http), got '${endpointText}'`,
    );
  }
  if (endpoint.pathname !== '/' || endpoint.search || endpoint.hash) {
    throw new AzureConfigError(
      keyOf('resourceManagerEndpoint'),
      `must be a bare origin such as https://management.azure.com, got '${endpointText}'`,
    );
  }

  const method =
    readString(config, 'authentication.method') ?? 'default-credential';
  let authentication: AzureAuthentication;
  if (method === 'default-credential') {
    const clientId = readString(
      config,
      'authentication.managedIdentityClientId',
    );
    if (clientId !== undefined && !GUID_PATTERN.test(clientId)) {
      throw new AzureConfigError(
        keyOf('authentication.managedIdentityClientId'),
        `must be a GUID, got '${clientId}'`,
      );
    }
    authentication = { method, managedIdentityClientId: clientId };
  } else if (method === 'static-token') {
    authentication = {
      method,
      token: readRequiredString(
        config,
        'authentication.token',
        'the bearer token the local Azure endpoint accepts',
      ),
    };
  } else {
    throw new AzureConfigError(
      keyOf('authentication.method'),
      `must be one of default-credential, static-token; got '${method}'`,
    );
  }

  const caFile = readString(config, 'caCertificateFile');
  let caCertificatePem: string | undefined;
  let caCertificateFile: string | undefined;
  if (caFile !== undefined) {
    caCertificateFile = resolveFromRepoRoot(caFile, options.repoRoot);
    try {
      caCertificatePem = fs.readFileSync(caCertificateFile, 'utf8');
    } catch (e) {
      throw new AzureConfigError(
        keyOf('caCertificateFile'),
        `cannot be read from '${caCertificateFile}' (${
          (e as NodeJS.ErrnoException).code ?? (e as Error).message
        }); when using the local Azure endpoint, start the portal with ./portal start, which starts the endpoint and writes this file`,
      );
    }
    if (!caCertificatePem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new AzureConfigError(
        keyOf('caCertificateFile'),
        `must be a PEM certificate file; '${caCertificateFile}' is not`,
      );
    }
  }

  const managementGroups = {} as PlatformManagementGroups;
  for (const role of ['root', ...MANAGEMENT_GROUP_ROLES] as const) {
    const id = readRequiredString(
      config,
      `managementGroups.${role}`,
      `the id of the ${role} management group`,
    );
    if (!MANAGEMENT_GROUP_ID.test(id)) {
      throw new AzureConfigError(
        keyOf(`managementGroups.${role}`),
        `must be a management group id (1-90 letters, digits, '-', '_', '.', '(' or ')'), got '${id}'`,
      );
    }
    managementGroups[role] = id;
  }

  const requestTimeoutSeconds = readRequestTimeoutSeconds(config);

  const defaults = defaultQueryEndpoints(endpoint.origin);
  const logAnalyticsEndpoint = readHttpsUrl(
    config,
    'logAnalyticsEndpoint',
    defaults.logAnalyticsEndpoint,
  );
  const metricsEndpoint = readHttpsUrl(
    config,
    'metricsEndpoint',
    defaults.metricsEndpoint,
  );
  if (!metricsEndpoint.includes('{region}')) {
    throw new AzureConfigError(
      keyOf('metricsEndpoint'),
      `must contain {region}, as in ${PUBLIC_METRICS_ENDPOINT}; got '${metricsEndpoint}'`,
    );
  }

  const costManagementQuota = readCostManagementQuota(config);

  return {
    tenantId,
    resourceManagerEndpoint: endpoint.origin,
    authentication,
    caCertificatePem,
    caCertificateFile,
    managementGroups,
    requestTimeoutSeconds,
    logAnalyticsEndpoint,
    metricsEndpoint,
    costManagementQuota,
  };
}

/** An https URL without a trailing slash, defaulted when unset. */
function readHttpsUrl(config: Config, suffix: string, fallback: string) {
  const text = readString(config, suffix) ?? fallback;
  let url: URL;
  try {
    // `{region}` is not a valid host character; check the URL with a stand-in.
    url = new URL(text.replace('{region}', 'region'));
  } catch {
    throw new AzureConfigError(
      keyOf(suffix),
      `must be an absolute https:// URL, got '${text}'`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new AzureConfigError(
      keyOf(suffix),
      `must use https:// (the Azure SDK never sends a bearer token over plain http), got '${text}'`,
    );
  }
  return text.replace(/\/+$/, '');
}
