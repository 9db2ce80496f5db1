export interface Config {
  dataplatform?: {
    /**
     * Cost per domain and sandbox, read from Azure Cost Management and
     * Consumption budgets by the cost backend (dataplatform-cost).
     */
    cost?: {
      /**
       * Where the one Cost Management query of each refresh runs. Give
       * exactly one of the two. Absent: the platform's root management group
       * (`dataplatform.azure.managementGroups.root`).
       */
      scope?: {
        /**
         * A management group id; the query covers every subscription under
         * it, recursively.
         */
        managementGroup?: string;
        /**
         * A billing account id, for subscriptions on a Microsoft Customer
         * Agreement, where Cost Management does not support management-group
         * scope.
         */
        billingAccount?: string;
      };
      /**
       * How cost is grouped: `subscription` (default; each domain's
       * subscription annotation picks its cost) or `domain-tag` (the
       * subscriptions' `domain` tag value, matched against Domain names,
       * for estates whose domains share subscriptions).
       */
      grouping?: 'subscription' | 'domain-tag';
      refresh?: {
        /**
         * Minutes between two refreshes, 1 to 1440. Default 60. Azure
         * refreshes cost data about every 4 hours; each refresh spends three
         * Cost Management calls (plus one per extra result page) of the
         * tenant's quota of 600 an hour.
         */
        intervalMinutes?: number;
        /** Seconds after start-up before the first refresh, 0 to 3600. Default 10. */
        initialDelaySeconds?: number;
        /** Minutes a refresh may take before it is aborted, 1 to 120. Default 30. */
        timeoutMinutes?: number;
      };
      /** Subscriptions whose budgets are read at once, 1 to 32. Default 8. */
      budgetConcurrency?: number;
      /**
       * Domains the estate's stacked charts show before summing the rest
       * into `other`, 1 to 20. Default 8.
       */
      seriesLimit?: number;
    };
  };
}
