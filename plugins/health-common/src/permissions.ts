import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Seeing health states, history and SLOs. Model definitions (queries) are
 * further limited to owners and the platform team by the backend.
 */
export const healthReadPermission = createPermission({
  name: 'dataplatform.health.read',
  attributes: { action: 'read' },
});

export const healthPermissions = [healthReadPermission];
