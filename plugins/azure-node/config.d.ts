export interface Config {
  dataplatform?: {
    /**
     * How the portal reaches Azure. Every backend plugin gets its Azure SDK
     * clients from this one place. Point it at a real tenant in production,
     * or at the local Azure endpoint (the embedded default) everywhere else.
     */
    azure?: {
      /**
       * Microsoft Entra tenant id (a GUID) that owns the platform's
       * management groups and subscriptions.
       */
      tenantId: string;
      /**
       * Azure Resource Manager endpoint. Defaults to
       * https://management.azure.com; the local endpoint is e.g.
       * https://127.0.0.1:7443. Must be https: the Azure SDK never sends a
       * bearer token over plain http.
       */
      resourceManagerEndpoint?: string;
      /**
       * How the Azure SDK clients authenticate.
       */
      authentication?: {
        /**
         * `default-credential` (production): DefaultAzureCredential from
         * @azure/identity (workload identity, managed identity, environment,
         * Azure CLI...). `static-token`: a fixed bearer token, only for the
         * local Azure endpoint.
         */
        method: 'default-credential' | 'static-token';
        /**
         * Client id of a user-assigned managed identity, with
         * `default-credential`.
         */
        managedIdentityClientId?: string;
        /**
         * The bearer token, with `static-token`.
         * @visibility secret
         */
        token?: string;
      };
      /**
       * A PEM file with an extra certificate authority trusted by the Azure
       * clients only (not process-wide): the local endpoint's generated CA,
       * or a corporate TLS-inspecting proxy's. A relative path is resolved
       * against the repository root.
       */
      caCertificateFile?: string;
      /**
       * How long one attempt of an Azure request may take, in seconds, before
       * it is abandoned: a number from 1 to 600, default 30. A timed-out
       * attempt is retried like a dropped connection (with the SDK's backoff,
       * up to 3 retries); when every attempt times out the call fails with
       * "Azure did not answer within N s (request timeout)". Keep it above
       * the slowest answer Azure normally gives: an abandoned create may still
       * complete at Azure; the portal creates by name (PUT), so the retry
       * finds that resource rather than making a second.
       */
      requestTimeoutSeconds?: number;
      /**
       * Base URL of the Log Analytics query API, version included. Defaults
       * to https://api.loganalytics.io/v1 with the public Resource Manager
       * endpoint, and to <resourceManagerEndpoint>/loganalytics/v1 otherwise
       * (the local endpoint serves it). Sovereign clouds set it explicitly.
       */
      logAnalyticsEndpoint?: string;
      /**
       * The regional metrics batch API, with `{region}` where the region
       * goes. Defaults to https://{region}.metrics.monitor.azure.com, or
       * <resourceManagerEndpoint>/metrics/{region} with a local endpoint.
       */
      metricsEndpoint?: string;
      /**
       * Cost Management's quota per tenant, which every Cost Management call
       * of the backend spends (SDK retries included). Defaults to Azure's
       * documented quota: 12 calls per 10 s, 60 per minute, 600 per hour.
       * Mainly for tests and benchmarks; in production the defaults match
       * Azure.
       */
      costManagementQuota?: {
        /**
         * Sliding windows, all of which must have room before a call goes;
         * replaces the default windows. `limit` and `windowSeconds` are
         * positive integers.
         */
        windows?: Array<{
          /** Calls allowed within the window. */
          limit: number;
          /** Length of the window in seconds. */
          windowSeconds: number;
        }>;
        /**
         * The longest a call waits for the quota (or for the pause Azure
         * asks for after a 429), in seconds; a positive integer, default
         * 120. A call that would wait longer fails at once with "Cost
         * Management quota for this tenant is used up; ...".
         */
        maxWaitSeconds?: number;
      };
      /**
       * How often the estate (management groups, subscriptions, tags) is read
       * from Azure, in minutes. Defaults to 5.
       */
      estateRefreshMinutes?: number;
      /**
       * Management group ids of the platform's hierarchy.
       */
      managementGroups: {
        /** The group above everything the platform manages. */
        root: string;
        /** The platform team's own subscriptions. */
        platform: string;
        /** One subscription per data domain. */
        domains: string;
        /** Innovation sandboxes (isolated, budget-capped, expiring). */
        sandboxes: string;
        /** Subscriptions waiting to be cancelled. */
        decommissioned: string;
      };
    };
  };
}
