import { createPermission } from '@backstage/plugin-permission-common';

/** Seeing an entity's retention and recovery findings. */
export const retentionReadPermission = createPermission({
  name: 'dataplatform.retention.read',
  attributes: { action: 'read' },
});

/** The estate-wide findings report, its CSV export and triggering a scan. */
export const retentionReportPermission = createPermission({
  name: 'dataplatform.retention.report',
  attributes: { action: 'read' },
});

export const retentionPermissions = [
  retentionReadPermission,
  retentionReportPermission,
];
