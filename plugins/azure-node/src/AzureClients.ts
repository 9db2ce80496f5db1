import tls from 'node:tls';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ConsumptionManagementClient } from '@azure/arm-consumption';
import { ManagementGroupsAPI } from '@azure/arm-managementgroups';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient as SubscriptionListClient } from '@azure/arm-resources-subscriptions';
import { SubscriptionClient as SubscriptionVendingClient } from '@azure/arm-subscriptions';
import { TokenCredential } from '@azure/core-auth';
import {
  AzureConnectionInfo,
  PlatformManagementGroups,
} from '@dataplatform/plugin-azure-common';
import {
  AzureConnectionConfig,
  PUBLIC_RESOURCE_MANAGER_ENDPOINT,
} from './config/readAzureConnectionConfig';
import { createCredential } from './credentials';

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
  /** Role assignments and definitions (`@azure/arm-authorization`). */
  authorization(subscriptionId: string): AuthorizationManagementClient;
  /** Log Analytics workspaces and tables (`@azure/arm-operationalinsights`). */
  logAnalytics(subscriptionId: string): OperationalInsightsManagementClient;
}

/** Options every SDK client gets: endpoint, trust and identification. */
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
  };
}

export class DefaultAzureClients implements AzureClients {
  readonly connection: AzureConnectionInfo;
  readonly credential: TokenCredential;
  readonly managementGroups: PlatformManagementGroups;
  private readonly options: ReturnType<typeof sdkClientOptions>;
  private readonly cache = new Map<string, unknown>();

  constructor(config: AzureConnectionConfig, credential?: TokenCredential) {
    this.credential =
      credential ?? createCredential(config.authentication, config.tenantId);
    this.options = sdkClientOptions(config);
    this.managementGroups = config.managementGroups;
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
}
