import tls from 'node:tls';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ConsumptionManagementClient } from '@azure/arm-consumption';
import { CostManagementClient } from '@azure/arm-costmanagement';
import { StorageManagementClient } from '@azure/arm-storage';
import { ManagementGroupsAPI } from '@azure/arm-managementgroups';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient as SubscriptionListClient } from '@azure/arm-resources-subscriptions';
import { SubscriptionClient as SubscriptionVendingClient } from '@azure/arm-subscriptions';
import { TokenCredential } from '@azure/core-auth';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  AzureConnectionInfo,
  PlatformManagementGroups,
} from '@dataplatform/plugin-azure-common';
import {
  AzureConnectionConfig,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  defaultQueryEndpoints,
  PUBLIC_LOG_ANALYTICS_ENDPOINT,
  PUBLIC_METRICS_ENDPOINT,
  PUBLIC_RESOURCE_MANAGER_ENDPOINT,
} from './config/readAzureConnectionConfig';
import { AbortableLogsQueryClient } from './abortableLogsQueryClient';
import { createCredential } from './credentials';
import { AzureRequestTimeoutError } from './errors';
import {
  CostManagementQuota,
  costManagementQuotaPolicy,
} from './costManagement/quota';

/**
 * The one place where the portal's backend gets Azure SDK clients. Plugins
 * ask for a client; they never build one, so endpoint, credential, TLS trust
 * and retry behaviour are the same everywhere and switching tenants is a
 * config change.
 */
export interface AzureClients {
  readonly connection: AzureConnectionInfo;
  readonly credential: TokenCredential;
  /** Management group ids of the platform's hierarchy, by role. */
  readonly managementGroups: PlatformManagementGroups;
  /** Subscriptions of the tenant (`@azure/arm-resources-subscriptions`). */
  subscriptions(): SubscriptionListClient;
  /** Subscription aliases, i.e. vending (`@azure/arm-subscriptions`). */
  subscriptionVending(): SubscriptionVendingClient;
  /** The management-group hierarchy and placement (`@azure/arm-managementgroups`). */
  managementGroupsApi(): ManagementGroupsAPI;
  /** Resources and tags within one subscription (`@azure/arm-resources`). */
  resources(subscriptionId: string): ResourceManagementClient;
  /** Budgets and usage of one subscription (`@azure/arm-consumption`). */
  consumption(subscriptionId: string): ConsumptionManagementClient;
  /**
   * Cost Management queries, forecasts and alerts at any scope
   * (`@azure/arm-costmanagement`). Every attempt, retries included, spends
   * {@link AzureClients.costManagementQuota}, and a 429 holds every Cost
   * Management call of the tenant until Azure's retry delay has passed.
   * Results with a nextLink: see `queryCostAllPages`.
   */
  costManagement(): CostManagementClient;
  /** The tenant's Cost Management quota, shared by every caller. */
  readonly costManagementQuota: CostManagementQuota;
  /** Role assignments and definitions (`@azure/arm-authorization`). */
  authorization(subscriptionId: string): AuthorizationManagementClient;
  /** Log Analytics workspaces and tables (`@azure/arm-operationalinsights`). */
  logAnalytics(subscriptionId: string): OperationalInsightsManagementClient;
  /**
   * Storage accounts, lifecycle management policies, blob containers and
   * their immutability policies (`@azure/arm-storage`).
   */
  storage(subscriptionId: string): StorageManagementClient;
  /**
   * KQL queries against Log Analytics workspaces
   * (`@azure/monitor-query-logs`); unlike the SDK's own client, its queries
   * honour `abortSignal`.
   */
  logsQuery(): AbortableLogsQueryClient;
  /**
   * Platform metrics of resources in one region, in batches of up to 50
   * resources (`@azure/monitor-query-metrics`).
   */
  metrics(region: string): MetricsClient;
}

export const REQUEST_TIMEOUT_POLICY_NAME = 'dataplatformRequestTimeoutPolicy';

/**
 * Gives every attempt of a request a deadline, so a call Azure never answers
 * fails instead of holding a step or a refresh forever.
 *
 * It runs per retry: the HTTP client turns a timeout into a bare AbortError,
 * which the SDK's retry policy does not retry; rethrown as
 * {@link AzureRequestTimeoutError} (code ETIMEDOUT) it is retried like a
 * dropped connection, with the SDK's usual backoff and retry count. A request
 * that already carries a timeout keeps it.
 */
export function requestTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  // Attempts per request: the retry policy sends the same request object again.
  const attempts = new WeakMap<object, number>();
  return {
    name: REQUEST_TIMEOUT_POLICY_NAME,
    async sendRequest(request, next) {
      if (!(request.timeout > 0)) request.timeout = timeoutMs;
      const attempt = (attempts.get(request) ?? 0) + 1;
      attempts.set(request, attempt);
      try {
        return await next(request);
      } catch (error) {
        // The caller's own cancellation stays an AbortError; only the
        // client's timer aborts a request whose signal is not aborted.
        const timedOut =
          (error as Error | undefined)?.name === 'AbortError' &&
          !request.abortSignal?.aborted;
        if (timedOut) {
          throw new AzureRequestTimeoutError(request.timeout, attempt, request);
        }
        throw error;
      }
    },
  };
}

/**
 * Options every SDK client gets: endpoint, trust, identification and the
 * per-attempt request timeout.
 */
export function sdkClientOptions(config: AzureConnectionConfig) {
  const endpoint = config.resourceManagerEndpoint;
  const scopes = [
    endpoint === PUBLIC_RESOURCE_MANAGER_ENDPOINT
      ? 'https://management.azure.com/.default'
      : `${endpoint}/.default`,
  ];
  return {
    // Autorest clients read `$host` and `credentialScopes`, TypeSpec clients
    // `endpoint` and `credentials.scopes`.
    endpoint,
    $host: endpoint,
    credentialScopes: scopes,
    credentials: { scopes },
    // An extra CA is trusted by these clients only, on top of the public roots.
    tlsOptions: config.caCertificatePem
      ? { ca: [...tls.rootCertificates, config.caCertificatePem] }
      : undefined,
    userAgentOptions: { userAgentPrefix: 'dataplatform-portal' },
    additionalPolicies: [
      {
        policy: requestTimeoutPolicy(
          Math.round(
            (config.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) *
              1000,
          ),
        ),
        position: 'perRetry' as const,
      },
    ],
  };
}

const REGION_PATTERN = /^[a-z0-9]{2,40}$/;

export class DefaultAzureClients implements AzureClients {
  readonly connection: AzureConnectionInfo;
  readonly credential: TokenCredential;
  readonly managementGroups: PlatformManagementGroups;
  readonly costManagementQuota: CostManagementQuota;
  private readonly options: ReturnType<typeof sdkClientOptions>;
  private readonly logAnalyticsEndpoint: string;
  private readonly metricsEndpoint: string;
  private readonly cache = new Map<string, unknown>();

  constructor(config: AzureConnectionConfig, credential?: TokenCredential) {
    this.credential =
      credential ?? createCredential(config.authentication, config.tenantId);
    this.options = sdkClientOptions(config);
    const defaults = defaultQueryEndpoints(config.resourceManagerEndpoint);
    this.logAnalyticsEndpoint =
      config.logAnalyticsEndpoint ?? defaults.logAnalyticsEndpoint;
    this.metricsEndpoint = config.metricsEndpoint ?? defaults.metricsEndpoint;
    this.managementGroups = config.managementGroups;
    const quota = config.costManagementQuota;
    this.costManagementQuota = new CostManagementQuota({
      windows: quota?.windows?.map(w => ({
        limit: w.limit,
        windowMs: w.windowSeconds * 1000,
      })),
      maxWaitMs:
        quota?.maxWaitSeconds === undefined
          ? undefined
          : quota.maxWaitSeconds * 1000,
    });
    this.connection = {
      tenantId: config.tenantId,
      resourceManagerEndpoint: config.resourceManagerEndpoint,
      mode:
        config.resourceManagerEndpoint === PUBLIC_RESOURCE_MANAGER_ENDPOINT
          ? 'azure'
          : 'local-endpoint',
      authenticationMethod: config.authentication.method,
      managementGroups: config.managementGroups,
    };
  }

  private cached<T>(key: string, create: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, create());
    return this.cache.get(key) as T;
  }

  subscriptions() {
    return this.cached(
      'subscriptions',
      () => new SubscriptionListClient(this.credential, this.options),
    );
  }

  subscriptionVending() {
    return this.cached(
      'subscription-vending',
      () => new SubscriptionVendingClient(this.credential, this.options),
    );
  }

  managementGroupsApi() {
    return this.cached(
      'management-groups',
      () => new ManagementGroupsAPI(this.credential, this.options),
    );
  }

  resources(subscriptionId: string) {
    return this.cached(
      `resources:${subscriptionId}`,
      () =>
        new ResourceManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  consumption(subscriptionId: string) {
    return this.cached(
      `consumption:${subscriptionId}`,
      () =>
        new ConsumptionManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  costManagement() {
    return this.cached(
      'cost-management',
      () =>
        new CostManagementClient(this.credential, {
          ...this.options,
          // Per retry, i.e. inside the SDK's retry loop: every retry spends
          // the quota, and the SDK's throttling retry reads the retry-after
          // the quota policy sets from Cost Management's own headers.
          additionalPolicies: [
            ...this.options.additionalPolicies,
            {
              policy: costManagementQuotaPolicy(this.costManagementQuota),
              position: 'perRetry' as const,
            },
          ],
        }),
    );
  }

  authorization(subscriptionId: string) {
    return this.cached(
      `authorization:${subscriptionId}`,
      () =>
        new AuthorizationManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  logAnalytics(subscriptionId: string) {
    return this.cached(
      `log-analytics:${subscriptionId}`,
      () =>
        new OperationalInsightsManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  storage(subscriptionId: string) {
    return this.cached(
      `storage:${subscriptionId}`,
      () =>
        new StorageManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  logsQuery() {
    return this.cached(
      'logs-query',
      () =>
        new AbortableLogsQueryClient(this.credential, {
          ...this.options,
          endpoint: this.logAnalyticsEndpoint,
          // Tokens for the query API are issued for its own audience.
          credentials: { scopes: [queryScope(this.logAnalyticsEndpoint)] },
        }),
    );
  }

  metrics(region: string) {
    // The region becomes part of a host name; refuse anything else early.
    if (!REGION_PATTERN.test(region)) {
      throw new Error(
        `Azure region must be lower-case letters and digits such as westeurope, got '${region}'`,
      );
    }
    const endpoint = this.metricsEndpoint.replace('{region}', region);
    return this.cached(
      `metrics:${region}`,
      () =>
        new MetricsClient(endpoint, this.credential, {
          ...this.options,
          // The SDK prefers `options.endpoint` to its endpoint argument.
          endpoint,
          credentials: {
            scopes: [
              this.metricsEndpoint === PUBLIC_METRICS_ENDPOINT
                ? 'https://metrics.monitor.azure.com/.default'
                : `${new URL(endpoint).origin}/.default`,
            ],
          },
        }),
    );
  }
}

function queryScope(logAnalyticsEndpoint: string) {
  return logAnalyticsEndpoint === PUBLIC_LOG_ANALYTICS_ENDPOINT
    ? 'https://api.loganalytics.io/.default'
    : `${new URL(logAnalyticsEndpoint).origin}/.default`;
}
