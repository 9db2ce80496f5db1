import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the overview: the platform home, a domain's overview, "my domains" and `/me` (anyone signed in; rows are filtered per person). */
export const overviewReadPermission = createPermission({
  name: 'dataplatform.overview.read',
  attributes: { action: 'read' },
});

export const overviewPermissions = [overviewReadPermission];
