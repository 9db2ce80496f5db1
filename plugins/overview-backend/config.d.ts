export interface Config {
  dataplatform?: {
    /**
     * The overview backend (dataplatform-overview): one row per domain for
     * the platform home, the Domain pages and each person's landing, kept
     * in memory from the catalog and the health, cost, retention and
     * provisioning plugins. It also reads `dataplatform.permissions.platformTeam`
     * (the platform team, shared with the other plugins) and, for Azure
     * portal links, `dataplatform.azure.tenantId`.
     */
    overview?: {
      refresh?: {
        /**
         * Seconds between two polls of the catalog and the plugins, 5 to
         * 3600. Default 20. Each backend instance polls for itself.
         */
        intervalSeconds?: number;
        /**
         * Seconds one request to a plugin may take before its column is
         * marked stale (or failing), 1 to 120. Default 10.
         */
        timeoutSeconds?: number;
      };
    };
  };
}
