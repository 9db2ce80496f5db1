export interface Config {
  dataplatform?: {
    /**
     * Retention and recovery checks of domains and data products, read from
     * Azure by the retention backend (dataplatform-retention).
     */
    retention?: {
      /**
       * The retention policy file (YAML, format in the README of
       * @dataplatform/plugin-retention-common). A relative path is resolved
       * against the backend's working directory, like catalog file
       * locations. Absent: the built-in baseline policy. A file that cannot
       * be read or is invalid stops the backend at start-up with the JSON
       * pointer of every error.
       */
      policyFile?: string;
      /**
       * Seconds between two scans, 30 to 86400. Default 900. An entity
       * whose last evaluation is older than three intervals is reported
       * stale.
       */
      intervalSeconds?: number;
      /**
       * Subscriptions scanned at once, 1 to 32. Default 8. Each scan has
       * at most four calls in flight, so this bounds the calls in flight to
       * Azure Resource Manager at four times its value.
       */
      subscriptionConcurrency?: number;
    };
  };
}
