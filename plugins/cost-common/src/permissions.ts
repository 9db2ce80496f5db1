import { createPermission } from '@backstage/plugin-permission-common';

/** Seeing the cost of one domain or sandbox (its owners and the platform team). */
export const costDomainReadPermission = createPermission({
  name: 'dataplatform.cost.domain.read',
  attributes: { action: 'read' },
});

/** The estate overview, the alert feed and triggering a refresh (platform team). */
export const costEstateReadPermission = createPermission({
  name: 'dataplatform.cost.estate.read',
  attributes: { action: 'read' },
});

export const costPermissions = [
  costDomainReadPermission,
  costEstateReadPermission,
];
