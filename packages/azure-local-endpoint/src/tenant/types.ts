export type SubscriptionState =
  | 'Enabled'
  | 'Warned'
  | 'PastDue'
  | 'Disabled'
  | 'Deleted';

export interface ManagementGroupSeed {
  id: string;
  displayName: string;
  parentId?: string;
}

export interface SubscriptionSeed {
  subscriptionId: string;
  displayName: string;
  managementGroupId: string;
  tags: Record<string, string>;
  state?: SubscriptionState;
  /** The alias it was vended through, if any. */
  aliasName?: string;
}

export interface TenantSeed {
  tenantId: string;
  managementGroups: ManagementGroupSeed[];
  subscriptions: SubscriptionSeed[];
}
