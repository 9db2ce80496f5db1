/** Annotations and labels provisioning puts on the entities it creates. */
export const PROVISIONING_ANNOTATIONS = {
  domainRequestId: 'dataplatform.contoso.com/domain-request-id',
  requestedBy: 'dataplatform.contoso.com/requested-by',
  approvedBy: 'dataplatform.contoso.com/approved-by',
  approvedAt: 'dataplatform.contoso.com/approved-at',
  primaryRegion: 'dataplatform.contoso.com/primary-region',
  recoveryTier: 'dataplatform.contoso.com/recovery-tier',
  monthlyBudget: 'dataplatform.contoso.com/monthly-budget',
  workspaceResourceId: 'dataplatform.contoso.com/log-analytics-workspace-id',
  sandboxLeaseId: 'dataplatform.contoso.com/sandbox-lease-id',
  expiresOn: 'dataplatform.contoso.com/expires-on',
  budgetCap: 'dataplatform.contoso.com/budget-cap',
} as const;

/** Label with a sandbox's lease state, so catalog filters can use it. */
export const LEASE_STATE_LABEL = 'dataplatform.contoso.com/lease-state';

/** The Resource type of an innovation sandbox in the catalog. */
export const SANDBOX_RESOURCE_TYPE = 'azure-sandbox';

/** Subscription tags provisioning adds on top of the tagging strategy. */
export const PROVISIONING_TAGS = {
  expiresOn: 'expiresOn',
  leaseId: 'leaseId',
  leaseState: 'leaseState',
  requestId: 'requestId',
  recoveryTier: 'recoveryTier',
} as const;
