export interface Config {
  dataplatform?: {
    /**
     * Provisioning of data domains and innovation sandboxes. Read by the
     * provisioning backend (dataplatform-provisioning), the provisioning
     * scaffolder actions and the catalog module that publishes what
     * templates create.
     */
    provisioning?: {
      /**
       * The scaffolder template that provisions an approved domain request.
       * The backend starts it on behalf of the approver with
       * `values: { requestId }`. Defaults to
       * template:default/provision-data-domain.
       */
      domainTemplateRef?: string;
      /**
       * How often the sandbox lease task runs (warn before expiry, freeze at
       * the budget cap, decommission after the end), in minutes. Defaults
       * to 5.
       */
      leaseCheckMinutes?: number;
      /**
       * The billing scope subscriptions are vended under, e.g.
       * /providers/Microsoft.Billing/billingAccounts/{account}/enrollmentAccounts/{id}
       * (EA) or .../billingProfiles/{profile}/invoiceSections/{section} (MCA).
       * Read by the scaffolder actions that vend subscriptions.
       */
      billingScope?: string;
      /**
       * Where the entities a template creates (Domain, DataProduct, API,
       * Resource...) go.
       */
      catalogPublishing?: {
        /**
         * `portal` (the embedded default): templates publish entity sets to
         * this backend (PUT /published-entities/:key) and the catalog reads
         * them from GET /catalog-entities. `pull-request`: templates open a
         * pull request adding the entity YAML to `repoUrl`, and the catalog
         * reads it from there once merged.
         */
        mode?: 'portal' | 'pull-request';
        /**
         * With `pull-request`: the repository the pull requests go to, in
         * the scaffolder's repoUrl form, e.g.
         * github.com?owner=contoso&repo=data-platform-catalog. Read by the
         * scaffolder actions.
         */
        repoUrl?: string;
        /**
         * With `pull-request`: the folder in that repository where entity
         * files are written, e.g. catalog/domains. Read by the scaffolder
         * actions.
         */
        targetPath?: string;
      };
      /**
       * How often the catalog reads what templates published in the
       * embedded default (catalog-backend-module-provisioned-entities).
       * Default 10.
       */
      catalogRefreshSeconds?: number;
    };
  };
}
