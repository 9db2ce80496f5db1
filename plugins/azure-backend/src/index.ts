/**
 * The dataplatform-azure backend plugin: the Azure estate as the platform
 * sees it.
 *
 * @packageDocumentation
 */
export { azurePlugin as default } from './plugin';
