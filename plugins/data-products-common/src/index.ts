/**
 * The DataProduct entity kind: schema, type, relation table and annotations.
 *
 * @packageDocumentation
 */
export * from './kind';
export * from './annotations';
export * from './relations';
export * from './duration';
export * from './schema';
