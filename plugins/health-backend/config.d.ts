export interface Config {
  dataplatform?: {
    /**
     * Health models of domains and data products, evaluated against Azure
     * Monitor by the health backend (dataplatform-health).
     */
    health?: {
      /**
       * Seconds between two evaluation cycles, 10 to 3600. Every signal of
       * every model is read once per cycle. Default 60. A summary whose
       * last evaluation is older than three intervals is reported stale.
       */
      intervalSeconds?: number;
      /**
       * Log Analytics queries in flight at once for the whole backend
       * process, 1 to 5 (the service runs at most five concurrent queries
       * per identity). Default 5.
       */
      logQueryConcurrency?: number;
      /**
       * Days of evaluations kept for history and SLO, 31 to 400; older
       * ones are pruned each cycle. Default 35.
       */
      historyDays?: number;
      /**
       * Seconds one cycle waits for Azure's answers, 5 to 3600 and less
       * than intervalSeconds. Default 45, or three quarters of
       * intervalSeconds when that is shorter. Calls still open then are
       * cancelled; their signals are unknown ("no answer from Azure within
       * 45 seconds") and everything that did arrive is stored, so one slow
       * workspace does not hold back every other entity.
       */
      readTimeoutSeconds?: number;
    };
  };
}
