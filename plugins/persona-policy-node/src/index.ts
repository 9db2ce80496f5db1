/**
 * Lets backend plugins declare who each of their permissions is for; the
 * portal's persona policy decides from that.
 *
 * @packageDocumentation
 */
export * from './permissionAudiences';
export { Memberships } from './Memberships';
