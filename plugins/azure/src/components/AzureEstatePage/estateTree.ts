import {
  AzureEstate,
  EstateManagementGroup,
  EstateSubscription,
  MANAGEMENT_GROUP_ROLES,
} from '@dataplatform/plugin-azure-common';

/** A management group with the groups and subscriptions directly under it. */
export interface ManagementGroupNode {
  group: EstateManagementGroup;
  children: ManagementGroupNode[];
  subscriptions: EstateSubscription[];
}

export interface EstateTree {
  roots: ManagementGroupNode[];
  /** Subscriptions whose management group is not part of the reading. */
  unplaced: EstateSubscription[];
}

function roleOrder(group: EstateManagementGroup): number {
  if (group.role === 'root') {
    return -1;
  }
  const index = group.role
    ? (MANAGEMENT_GROUP_ROLES as readonly string[]).indexOf(group.role)
    : -1;
  return index === -1 ? MANAGEMENT_GROUP_ROLES.length : index;
}

function byRoleThenName(a: ManagementGroupNode, b: ManagementGroupNode) {
  return (
    roleOrder(a.group) - roleOrder(b.group) ||
    a.group.displayName.localeCompare(b.group.displayName)
  );
}

function byName(a: EstateSubscription, b: EstateSubscription) {
  return a.displayName.localeCompare(b.displayName);
}

/**
 * Arranges the flat lists of the estate into the management-group hierarchy
 * (root → dataplatform → platform / domains / sandboxes / decommissioned),
 * with each subscription under its group.
 */
export function buildEstateTree(
  estate: Pick<AzureEstate, 'managementGroups' | 'subscriptions'>,
): EstateTree {
  const nodes = new Map<string, ManagementGroupNode>();
  for (const group of estate.managementGroups) {
    nodes.set(group.id, { group, children: [], subscriptions: [] });
  }

  const roots: ManagementGroupNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.group.parentId
      ? nodes.get(node.group.parentId)
      : undefined;
    if (parent && parent !== node) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }

  const unplaced: EstateSubscription[] = [];
  for (const subscription of estate.subscriptions) {
    const node = subscription.managementGroupId
      ? nodes.get(subscription.managementGroupId)
      : undefined;
    if (node) {
      node.subscriptions.push(subscription);
    } else {
      unplaced.push(subscription);
    }
  }

  for (const node of nodes.values()) {
    node.children.sort(byRoleThenName);
    node.subscriptions.sort(byName);
  }
  roots.sort(byRoleThenName);
  unplaced.sort(byName);
  return { roots, unplaced };
}

/** How many subscriptions sit in a group and all the groups below it. */
export function countSubscriptions(node: ManagementGroupNode): number {
  return node.children.reduce(
    (sum, child) => sum + countSubscriptions(child),
    node.subscriptions.length,
  );
}
