/**
 * What the portal's frontend plugins share: polling that keeps the last
 * result, a ticking clock, load-error and stale panels, error wording,
 * relative times and common icons.
 *
 * @packageDocumentation
 */
export * from './lib/errors';
export * from './lib/format';
export * from './lib/useNow';
export * from './lib/usePolledAsync';
export * from './components/icons';
export * from './components/panels';
