const PORTAL = 'https://portal.azure.com';

/*
 * Cost Management blades of a subscription's scope, opened in the given
 * directory so a person signed in to several tenants lands in the right one.
 */
function costManagementBlade(
  tenantId: string,
  subscriptionId: string,
  menu: string,
): string {
  const scope = encodeURIComponent(`/subscriptions/${subscriptionId}`);
  return `${PORTAL}/#@${encodeURIComponent(
    tenantId,
  )}/blade/Microsoft_Azure_CostManagement/Menu/~/${menu}/scope/${scope}`;
}

/** Cost analysis of a subscription. */
export function costAnalysisUrl(
  tenantId: string,
  subscriptionId: string,
): string {
  return costManagementBlade(tenantId, subscriptionId, 'costanalysis');
}

/**
 * The budgets of a subscription. The portal has no stable deep link to one
 * budget, so the link opens the list and the text next to it names the budget.
 */
export function budgetPortalUrl(
  tenantId: string,
  subscriptionId: string,
  _budgetName: string,
): string {
  return costManagementBlade(tenantId, subscriptionId, 'budgets');
}

/** The cost alerts of a subscription. */
export function alertsPortalUrl(
  tenantId: string,
  subscriptionId: string,
): string {
  return costManagementBlade(tenantId, subscriptionId, 'costalerts');
}
