/**
 * Sign-in as a demo person, for the portal's embedded default only.
 *
 * @packageDocumentation
 */
export { authModuleDemoPersonasProvider as default } from './module';
export { DEMO_PERSONA_HEADER } from './demoPersonas';
