export interface Config {
  dataplatform?: {
    /**
     * Demo people offered on the sign-in page of the embedded default. The
     * backend's demo-personas provider reads the same list and signs in only
     * these people.
     * @visibility frontend
     */
    demoPersonas?: Array<{
      /** @visibility frontend */
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
