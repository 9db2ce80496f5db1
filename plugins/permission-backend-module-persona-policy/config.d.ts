export interface Config {
  dataplatform?: {
    permissions?: {
      /**
       * Entity ref of the platform team's group. Its members may do
       * everything; they alone hold `platform-team` permissions.
       * Defaults to group:default/platform-team.
       */
      platformTeam?: string;
      /**
       * How long the list of domain owner groups (read from the catalog's
       * Domain entities) is reused before it is read again, in seconds.
       * Defaults to 60.
       */
      domainOwnersCacheSeconds?: number;
    };
  };
}
