/**
 * Shared Azure vocabulary of the data-platform portal.
 *
 * @packageDocumentation
 */
export * from './tagging';
export * from './estate';
export * from './api';
export * from './permissions';
