import { createPermission } from '@backstage/plugin-permission-common';

/** Submitting a domain request: domain owners and the platform team. */
export const domainRequestCreatePermission = createPermission({
  name: 'dataplatform.domain-request.create',
  attributes: { action: 'create' },
});

/** Approving or rejecting a domain request: the platform team only. */
export const domainRequestDecidePermission = createPermission({
  name: 'dataplatform.domain-request.decide',
  attributes: { action: 'update' },
});

/** Leasing a sandbox: domain owners and the platform team. */
export const sandboxLeaseCreatePermission = createPermission({
  name: 'dataplatform.sandbox-lease.create',
  attributes: { action: 'create' },
});

/** Extending a lease: its owner group (checked by the backend) and the platform team. */
export const sandboxLeaseExtendPermission = createPermission({
  name: 'dataplatform.sandbox-lease.extend',
  attributes: { action: 'update' },
});

export const provisioningPermissions = [
  domainRequestCreatePermission,
  domainRequestDecidePermission,
  sandboxLeaseCreatePermission,
  sandboxLeaseExtendPermission,
];
