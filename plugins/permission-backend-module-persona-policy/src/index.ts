/**
 * The data-platform portal's permission policy.
 *
 * @packageDocumentation
 */
export { permissionModulePersonaPolicy as default } from './module';
export { PersonaPermissionPolicy } from './PersonaPermissionPolicy';
