import type { Subscription } from './Tenant';

/** What the tenant's resource stores need from the tenant itself. */
export interface TenantContext {
  readonly tenantId: string;
  now(): number;
  /** The subscription, or 404 SubscriptionNotFound. */
  getSubscription(subscriptionId: string): Subscription;
  /** As getSubscription, and 409 ReadOnlyDisabledSubscription when it is disabled. */
  writableSubscription(subscriptionId: string): Subscription;
}

/** Keys are case-insensitive, as Resource Manager's names are. */
export const key = (...parts: string[]) =>
  parts.map(p => p.toLowerCase()).join('|');
