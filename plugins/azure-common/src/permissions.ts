import { createPermission } from '@backstage/plugin-permission-common';

/** Seeing the Azure estate: the platform team and domain owners. */
export const azureEstateReadPermission = createPermission({
  name: 'dataplatform.azure.estate.read',
  attributes: { action: 'read' },
});

/** Reading the estate from Azure now, outside the schedule: the platform team. */
export const azureEstateRefreshPermission = createPermission({
  name: 'dataplatform.azure.estate.refresh',
  attributes: { action: 'update' },
});

export const azurePermissions = [
  azureEstateReadPermission,
  azureEstateRefreshPermission,
];
