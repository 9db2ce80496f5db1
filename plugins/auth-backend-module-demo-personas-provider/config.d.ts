export interface Config {
  dataplatform?: {
    /**
     * Demo people one may sign in as in the embedded default (laptop, CI,
     * demo), so that every persona can be tried. Only the embedded default
     * configures this together with `auth.providers.demo-personas`; a
     * production configuration never does.
     * @visibility frontend
     */
    demoPersonas?: Array<{
      /**
       * The catalog user, e.g. user:default/priya.patel.
       * @visibility frontend
       */
      userEntityRef: string;
      /** @visibility frontend */
      displayName: string;
      /** @visibility frontend */
      persona: 'platform-engineer' | 'domain-owner' | 'data-citizen';
      /** @visibility frontend */
      description: string;
    }>;
  };
}
