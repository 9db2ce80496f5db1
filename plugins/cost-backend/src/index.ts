/**
 * The dataplatform-cost backend plugin: reads the cost, forecast, budgets
 * and Cost Management alerts of every domain and sandbox subscription on a
 * schedule and serves them per domain, per sandbox and for the estate.
 *
 * @packageDocumentation
 */
export { costPlugin as default } from './plugin';
