/**
 * Names of what provisioning creates, derived from one short name, so a
 * re-run finds what the first run made (vending is idempotent by alias name,
 * budgets, resource groups and workspaces by their names).
 */

/** Domain and sandbox short names: kebab case, 3-30 characters. */
export const SHORT_NAME_PATTERN = /^[a-z](?:[a-z0-9]|-(?!-)){1,28}[a-z0-9]$/;
export const SHORT_NAME_RULE =
  '3-30 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen';

/** Names that would be confused with the platform's own subscriptions and groups. */
export const RESERVED_NAMES = [
  'platform',
  'sandbox',
  'sandboxes',
  'decommissioned',
  'default',
  'azure',
  'microsoft',
  'admin',
  'root',
] as const;

export interface DomainResourceNames {
  aliasName: string;
  subscriptionDisplayName: string;
  budgetName: string;
  resourceGroupName: string;
  workspaceName: string;
}

export function domainResourceNames(domain: string): DomainResourceNames {
  return {
    aliasName: `dp-domain-${domain}`,
    subscriptionDisplayName: `dp-domain-${domain}`,
    budgetName: `budget-dp-domain-${domain}`,
    resourceGroupName: `rg-dp-${domain}-monitoring`,
    workspaceName: `log-dp-${domain}`,
  };
}

export interface SandboxResourceNames {
  aliasName: string;
  subscriptionDisplayName: string;
  budgetName: string;
  /** The catalog Resource entity's name. */
  entityName: string;
}

export function sandboxResourceNames(sandbox: string): SandboxResourceNames {
  return {
    aliasName: `dp-sandbox-${sandbox}`,
    subscriptionDisplayName: `dp-sandbox-${sandbox}`,
    budgetName: `budget-dp-sandbox-${sandbox}`,
    entityName: `sandbox-${sandbox}`,
  };
}
