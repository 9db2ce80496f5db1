/**
 * Provisioning vocabulary shared by the portal, the scaffolder actions and
 * the provisioning backend.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './annotations';
export * from './leases';
export * from './naming';
export * from './permissions';
export * from './plan';
export * from './policy';
export * from './regions';
export * from './validation';
