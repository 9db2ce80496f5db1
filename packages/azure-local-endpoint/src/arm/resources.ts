import { ResourceGroup } from '../tenant/resourceGroups';
import { Alias, ManagementGroup, Subscription, Tenant } from '../tenant/Tenant';

/**
 * Shapes of Azure Resource Manager responses, as in Microsoft's published
 * examples (Microsoft.Subscription 2021-10-01, Microsoft.Management 2021-04-01,
 * Microsoft.Resources 2025-04-01).
 */

export const managementGroupResourceId = (id: string) =>
  `/providers/Microsoft.Management/managementGroups/${id}`;

export function subscriptionResource(tenantId: string, s: Subscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    tags: { ...s.tags },
  };
}

export function tagsResource(
  subscriptionId: string,
  tags: Record<string, string>,
) {
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Resources/tags/default`,
    name: 'default',
    type: 'Microsoft.Resources/tags',
    properties: { tags: { ...tags } },
  };
}

export function resourceGroupResource(g: ResourceGroup) {
  return {
    id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    tags: { ...g.tags },
    properties: { provisioningState: 'Succeeded' },
  };
}

export function aliasResource(alias: Alias) {
  return {
    id: `/providers/Microsoft.Subscription/aliases/${alias.name}`,
    name: alias.name,
    type: 'Microsoft.Subscription/aliases',
    properties: {
      subscriptionId: alias.subscriptionId,
      displayName: alias.displayName,
      provisioningState: alias.provisioningState,
      acceptOwnershipUrl: `/providers/Microsoft.Subscription/${alias.subscriptionId}/acceptOwnership`,
      acceptOwnershipState:
        alias.provisioningState === 'Succeeded' ? 'Completed' : 'Pending',
      billingScope: alias.billingScope ?? null,
      workload: alias.workload,
      resellerId: null,
      subscriptionOwnerId: alias.subscriptionOwnerId ?? null,
      managementGroupId: alias.managementGroupId
        ? managementGroupResourceId(alias.managementGroupId)
        : null,
      createdTime: alias.createdTime,
      tags: { ...alias.tags },
    },
    systemData: {
      createdAt: alias.createdTime,
      createdByType: 'Application',
    },
  };
}

export function managementGroupSummary(tenantId: string, g: ManagementGroup) {
  return {
    id: managementGroupResourceId(g.id),
    type: 'Microsoft.Management/managementGroups',
    name: g.id,
    properties: { tenantId, displayName: g.displayName },
  };
}

type Child = {
  type: string;
  id: string;
  name: string;
  displayName: string;
  children?: Child[];
};

function childrenOf(
  tenant: Tenant,
  groupId: string,
  recurse: boolean,
): Child[] {
  const groups: Child[] = tenant.childGroups(groupId).map(g => ({
    type: 'Microsoft.Management/managementGroups',
    id: managementGroupResourceId(g.id),
    name: g.id,
    displayName: g.displayName,
    ...(recurse ? { children: childrenOf(tenant, g.id, true) } : {}),
  }));
  const subscriptions: Child[] = tenant.subscriptionsIn(groupId).map(s => ({
    type: '/subscriptions',
    id: `/subscriptions/${s.subscriptionId}`,
    name: s.subscriptionId,
    displayName: s.displayName,
  }));
  return [...groups, ...subscriptions];
}

export function managementGroupResource(
  tenant: Tenant,
  g: ManagementGroup,
  expand: {
    children: boolean;
    recurse: boolean;
    path: boolean;
    ancestors: boolean;
  },
) {
  const parent = g.parentId ? tenant.getManagementGroup(g.parentId) : undefined;
  const ancestors = tenant.ancestors(g.id);
  return {
    id: managementGroupResourceId(g.id),
    type: 'Microsoft.Management/managementGroups',
    name: g.id,
    properties: {
      tenantId: tenant.tenantId,
      displayName: g.displayName,
      details: {
        version: 1,
        updatedTime: g.updatedTime,
        updatedBy: 'platform-automation',
        parent: parent
          ? {
              id: managementGroupResourceId(parent.id),
              name: parent.id,
              displayName: parent.displayName,
            }
          : null,
        ...(expand.path
          ? {
              path: [...ancestors]
                .reverse()
                .map(a => ({ name: a.id, displayName: a.displayName })),
            }
          : {}),
        ...(expand.ancestors
          ? {
              managementGroupAncestorsChain: ancestors.map(a => ({
                name: a.id,
                displayName: a.displayName,
              })),
            }
          : {}),
      },
      ...(expand.children
        ? { children: childrenOf(tenant, g.id, expand.recurse) }
        : {}),
    },
  };
}

export function subscriptionUnderManagementGroup(
  tenant: Tenant,
  s: Subscription,
) {
  const parent = tenant.getManagementGroup(s.managementGroupId);
  return {
    name: s.subscriptionId,
    id: `${managementGroupResourceId(parent.id)}/subscriptions/${
      s.subscriptionId
    }`,
    type: 'Microsoft.Management/managementGroups/subscriptions',
    properties: {
      displayName: s.displayName,
      parent: { id: managementGroupResourceId(parent.id) },
      state: s.state === 'Enabled' ? 'Active' : s.state,
      tenant: tenant.tenantId,
    },
  };
}

/** Every group and subscription below a group, each naming its parent. */
export function descendants(tenant: Tenant, groupId: string) {
  const out: unknown[] = [];
  const walk = (id: string) => {
    for (const g of tenant.childGroups(id)) {
      out.push({
        id: managementGroupResourceId(g.id),
        type: 'Microsoft.Management/managementGroups',
        name: g.id,
        properties: {
          displayName: g.displayName,
          parent: { id: managementGroupResourceId(id) },
        },
      });
      walk(g.id);
    }
    for (const s of tenant.subscriptionsIn(id)) {
      out.push({
        id: `/subscriptions/${s.subscriptionId}`,
        type: '/subscriptions',
        name: s.subscriptionId,
        properties: {
          displayName: s.displayName,
          parent: { id: managementGroupResourceId(id) },
        },
      });
    }
  };
  walk(tenant.getManagementGroup(groupId).id);
  return out;
}
