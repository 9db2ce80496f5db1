/**
 * What the portal's frontend plugins share: polling that keeps the last
 * result, a ticking clock, load-error and stale panels, error wording,
 * relative times, common icons, the page heading, filter controls and
 * the place where the outcome of an action shows.
 *
 * @packageDocumentation
 */
export * from './lib/errors';
export * from './lib/format';
export * from './lib/useNow';
export * from './lib/usePolledAsync';
export * from './components/icons';
export * from './components/panels';
export * from './components/PageHeading';
export * from './components/filters';
export * from './components/FeedbackRegion';
